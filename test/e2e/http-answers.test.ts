/**
 * Every request gets an answer that says why, by cause: a card press that fails still answers 200
 * with words the person can read; malformed requests get a 4xx; a token that cannot be checked
 * gets 503. Nothing is ever a 500, and no answer carries a stack.
 */
import { mkdtempSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAzurite } from "../../src/store/azurite.js";
import { startBot } from "../support/bot.js";
import { ConnectorStub } from "../support/connector-stub.js";
import { BOT, TeamsClient } from "../support/teams.js";

const TENANT = "tenant-http-answers";
const SAM = { tenantId: TENANT, aadObjectId: "user-sam", name: "Sam Patel" };

const stub = new ConnectorStub();
beforeAll(async () => void (await stub.start()));
afterAll(async () => stub.stop());

const noStack = (body: unknown) => expect(JSON.stringify(body ?? "")).not.toMatch(/\bat \S+ \(|Error:|node_modules/);

/** The answer Teams shows for a card press that did not give a new card. */
function pressAnswer(reply: { status: number; body: any }): string {
  expect(reply.status).toBe(200);
  expect(reply.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.activity.message" });
  noStack(reply.body);
  return reply.body.value as string;
}

describe("a card press that cannot be carried out still answers, in words", () => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  let sam: TeamsClient;
  beforeAll(async () => {
    bot = await startBot();
    sam = new TeamsClient(() => bot.url, stub.url, SAM);
    await sam.say("assess 1.1.1");
  });
  afterAll(async () => bot.close());

  const nothingChanged = async () => {
    const [campaign] = await bot.stores.campaigns.list(TENANT);
    const element = await bot.stores.assessments.get(TENANT, campaign!.id, "council", "1.1.1");
    expect(element?.rating ?? "unrated").toBe("unrated");
  };

  it("answers a verb the bot does not have", async () => {
    for (const verb of ["cse.transferFunds", "transferFunds", ""]) {
      const text = pressAnswer(await sam.invoke(verb, { ref: "1.1.1" }));
      expect(text, verb).toContain("That card's data was not valid, so nothing was changed.");
    }
    await nothingChanged();
  });

  it("answers a verb that is not a string, and an invoke with no value at all", async () => {
    const numeric = await sam.post({
      type: "invoke",
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: 42, data: { verb: 42 } }, trigger: "manual" },
    });
    expect(pressAnswer(numeric)).toContain("nothing was changed");
    for (const value of [undefined, {}, { action: {} }, "save"]) {
      const reply = await sam.post({ type: "invoke", name: "adaptiveCard/action", value });
      expect(pressAnswer(reply), JSON.stringify(value)).toContain("nothing was changed");
    }
    await nothingChanged();
  });
});

describe("a card press that meets a storage outage", () => {
  it("answers in words, and nothing is half-written when storage comes back", { timeout: 60_000 }, async () => {
    const location = mkdtempSync(join(tmpdir(), "cse-outage-"));
    let azurite = await startAzurite({ location });
    const port = azurite.port;
    const bot = await startBot({ connectionString: azurite.connectionString });
    try {
      const sam = new TeamsClient(() => bot.url, stub.url, SAM);
      await sam.say("assess 1.1.1");
      const card = stub.cards(sam.conversationId).at(-1)!;
      await azurite.stop();
      const reply = await sam.press(card, "Save", { rating: "compliance", narrative: "Typed during an outage." });
      const text = pressAnswer(reply);
      expect(text).toContain("Sorry, something went wrong on my side");
      expect(text).toContain("press the button again");

      azurite = await startAzurite({ location, port });
      const [campaign] = await bot.stores.campaigns.list(TENANT);
      const element = await bot.stores.assessments.get(TENANT, campaign!.id, "council", "1.1.1");
      expect(element?.rating ?? "unrated").toBe("unrated");
      expect(await bot.stores.assessments.history(TENANT, campaign!.id, "council", "1.1.1")).toEqual([]);
    } finally {
      await bot.close();
      await azurite.stop();
    }
  });
});

describe("malformed requests", () => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => bot.close());

  const activity = () => ({
    type: "message",
    channelId: "msteams",
    serviceUrl: stub.url,
    from: { id: "29:user-sam", aadObjectId: "user-sam", name: "Sam Patel" },
    recipient: BOT,
    conversation: { id: "a:user-sam", conversationType: "personal", tenantId: TENANT },
    text: "assess",
  });

  const post = async (body: string, contentType = "application/json") => {
    const res = await fetch(`${bot.url}/api/messages`, { method: "POST", headers: { "content-type": contentType }, body });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };

  it("answers 400 naming what is missing, for an activity without recipient, from, conversation or type", async () => {
    for (const field of ["recipient", "from", "conversation", "type", "serviceUrl", "channelId"] as const) {
      const { [field]: _dropped, ...rest } = activity();
      const reply = await post(JSON.stringify(rest));
      expect(reply.status, field).toBe(400);
      expect(reply.body, field).toEqual({ error: expect.stringContaining(`missing or wrong: ${field}`) });
    }
    for (const body of ["[1,2]", '"just a string"', '{"type":"message","recipient":"bot"}']) {
      const reply = await post(body);
      expect(reply.status, body).toBe(400);
      noStack(reply.body);
    }
  });

  it("answers 415 for a body that is not JSON", async () => {
    const form = new URLSearchParams({ type: "message", text: "assess" }).toString();
    const reply = await post(form, "application/x-www-form-urlencoded");
    expect(reply).toEqual({ status: 415, body: { error: "Send the activity as JSON (Content-Type: application/json)." } });
    expect((await post("type=message", "text/plain")).status).toBe(415);
  });

  it("answers 4xx for a body that is not valid JSON", async () => {
    const reply = await fetch(`${bot.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(reply.status).toBe(400);
  });
});

describe("tokens, with bot credentials", () => {
  const BOT_ID = "3f2c8a71-5d4e-4b6a-9c0d-7e1f2a3b4c5d";
  /** Stands in for Microsoft's OpenID metadata endpoint during an outage: every request gets 503. */
  const keys = { requests: 0 };
  const metadata = http.createServer((_req, res) => {
    keys.requests++;
    // Not writeHead(...).end(): restify, loaded in this process, patches writeHead to return nothing.
    res.statusCode = 503;
    res.end();
  });
  let bot: Awaited<ReturnType<typeof startBot>>;

  beforeAll(async () => {
    await new Promise<void>((resolve) => metadata.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
    bot = await startBot({ env: { BOT_ID, BOT_PASSWORD: "test-secret-not-real", BOT_OPENID_METADATA_URL: url } });
  });
  afterAll(async () => {
    await bot.close();
    metadata.close();
  });

  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const token = (header: object) =>
    `${b64(header)}.${b64({ iss: "https://api.botframework.com", aud: BOT_ID, exp: Math.floor(Date.now() / 1000) + 600 })}.c2lnbmF0dXJl`;
  const send = async (authorization: string) => {
    const client = new TeamsClient(() => bot.url, stub.url, SAM);
    const res = await fetch(`${bot.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify({
        type: "message",
        channelId: "msteams",
        serviceUrl: stub.url,
        from: { id: "29:user-sam" },
        recipient: BOT,
        conversation: { id: client.conversationId, tenantId: TENANT },
        text: "assess",
      }),
    });
    return { status: res.status, body: await res.json() };
  };

  it("refuses alg none and symmetric (HS256) tokens with 401, without fetching any signing key", async () => {
    const before = keys.requests;
    for (const alg of ["none", "HS256", "HS512"]) {
      const reply = await send(`Bearer ${token({ alg, typ: "JWT", kid: "k1" })}`);
      expect(reply, alg).toEqual({ status: 401, body: { error: "Unauthorized" } });
    }
    expect(keys.requests - before).toBe(0);
  });

  it("answers 503, saying why, when the signing keys cannot be fetched", async () => {
    const before = keys.requests;
    const reply = await send(`Bearer ${token({ alg: "RS256", typ: "JWT", kid: "k1" })}`);
    expect(reply.status).toBe(503);
    expect(reply.body).toEqual({ error: expect.stringContaining("signing keys unreachable") });
    noStack(reply.body);
    expect(keys.requests - before).toBeGreaterThan(0);
    expect(await bot.stores.campaigns.list(TENANT)).toEqual([]);
  });
});
