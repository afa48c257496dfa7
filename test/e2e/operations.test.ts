/**
 * What operations staff rely on: one structured log line per turn with no personal data beyond
 * ids; /readyz for the load balancer; a shutdown that lets turns in progress finish.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userHash } from "../../src/bot/turn-log.js";
import { capturingLogger, startBot } from "../support/bot.js";
import { ConnectorStub } from "../support/connector-stub.js";
import { cardText, TeamsClient } from "../support/teams.js";

const TENANT = "tenant-operations";
const SAM = { tenantId: TENANT, aadObjectId: "user-sam", name: "Samantha Private-Name" };
const NARRATIVE = "Our confidential narrative about the housing service";

describe("the log of each turn", () => {
  const stub = new ConnectorStub();
  const { log, lines } = capturingLogger();
  let bot: Awaited<ReturnType<typeof startBot>>;
  beforeAll(async () => {
    await stub.start();
    bot = await startBot({ log });
  });
  afterAll(async () => {
    await bot.close();
    await stub.stop();
  });

  it("one line per turn: tenant, hashed user, route, status, duration and storage calls, and nothing typed", async () => {
    const sam = new TeamsClient(
      () => bot.url,
      () => stub.url,
      SAM,
    );
    await sam.say("assess 3.2.1");
    const card = stub.cards().at(-1)!;
    const saved = await sam.press(card, "Save", { rating: "compliance", narrative: NARRATIVE });
    expect(cardText(saved.body.value)).toContain("Saved.");
    await sam.say("our postcode is LE18 2AB");

    const turns = lines.filter((l) => l.msg === "turn");
    expect(turns.map((t) => t.route)).toEqual(["message:assess", "card:cse.save", "message:other"]);
    for (const t of turns) {
      expect(t).toMatchObject({ tenant: TENANT, user: userHash(TENANT, "user-sam"), status: 200 });
      expect(t.ms).toEqual(expect.any(Number));
      expect(t.storage).toEqual(expect.any(Number));
    }
    // Opening and saving an element read and write storage; an unknown command does not.
    expect(turns.map((t) => Number(t.storage) > 0)).toEqual([true, true, false]);
    expect(userHash(TENANT, "user-sam")).toMatch(/^[0-9a-f]{16}$/);
    const everything = JSON.stringify(lines);
    for (const secret of [NARRATIVE, "LE18 2AB", "Samantha", "Private-Name"]) expect(everything).not.toContain(secret);
  });
});

describe("readiness and shutdown", () => {
  it("/readyz says ready; close() lets a slow turn finish and answer, then refuses new connections", async () => {
    // A slow Bot Connector: every reply the bot sends takes 1.5 s.
    const stub = new ConnectorStub({ latencyMs: 1500 });
    await stub.start();
    const bot = await startBot();
    const ready = await fetch(`${bot.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });

    const sam = new TeamsClient(
      () => bot.url,
      () => stub.url,
      SAM,
    );
    const slow = sam.say("help");
    await new Promise((r) => setTimeout(r, 300)); // the turn is now waiting on the connector
    const closing = bot.close();
    const reply = await slow;
    expect(reply.status).toBe(200);
    expect(stub.cards()).toHaveLength(1); // the help card reached Teams
    await closing;
    await expect(fetch(`${bot.url}/readyz`)).rejects.toThrow();
    await stub.stop();
  });

  it("/readyz answers 503 while draining", async () => {
    const stub = new ConnectorStub({ latencyMs: 1000 });
    await stub.start();
    const bot = await startBot();
    const sam = new TeamsClient(
      () => bot.url,
      () => stub.url,
      SAM,
    );
    const keepAlive = await fetch(`${bot.url}/readyz`); // an open keep-alive connection to ask on
    expect(keepAlive.status).toBe(200);
    const slow = sam.say("help");
    await new Promise((r) => setTimeout(r, 200));
    const closing = bot.close();
    const during = await fetch(`${bot.url}/readyz`).then(
      (r) => r.status,
      () => "refused",
    );
    // A new connection is refused, or an existing one is told the instance is draining: never "ready".
    expect([503, "refused"]).toContain(during);
    await slow;
    await closing;
    await stub.stop();
  });
});
