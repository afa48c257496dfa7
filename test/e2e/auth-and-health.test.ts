/**
 * The real HTTP server at its edges: with bot credentials it refuses unsigned and forged
 * activities before anything is stored; in local mode it accepts them; /healthz tells a probe
 * whether storage (real Azurite) is reachable, and notices when it goes away.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAzurite } from "../../src/store/azurite.js";
import { startBot } from "../support/bot.js";
import { ConnectorStub } from "../support/connector-stub.js";
import { BOT, TeamsClient } from "../support/teams.js";

const TENANT = "tenant-auth-check";
const USER = { tenantId: TENANT, aadObjectId: "user-mallory", name: "Mallory Stone" };
const CREDENTIALS = { BOT_ID: "3f2c8a71-5d4e-4b6a-9c0d-7e1f2a3b4c5d", BOT_PASSWORD: "test-secret-not-real" };

const stub = new ConnectorStub();
beforeAll(async () => void (await stub.start()));
afterAll(async () => stub.stop());

/** A Teams message activity, as Teams would send it, with whatever Authorization header we like. */
async function postMessage(botUrl: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const activity = {
    type: "message",
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: stub.url,
    from: { id: `29:${USER.aadObjectId}`, name: USER.name, aadObjectId: USER.aadObjectId },
    recipient: BOT,
    conversation: { id: `a:${USER.aadObjectId}`, conversationType: "personal", tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    text: "assess",
    textFormat: "plain",
    locale: "en-GB",
  };
  const res = await fetch(`${botUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(activity),
  });
  return { status: res.status, body: await res.text() };
}

async function health(botUrl: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${botUrl}/healthz`);
  return { status: res.status, body: await res.json() };
}

describe("with bot credentials", () => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  beforeAll(async () => {
    bot = await startBot({ env: CREDENTIALS });
  });
  afterAll(async () => bot.close());

  const nothingStored = async () => {
    expect(await bot.stores.campaigns.list(TENANT)).toEqual([]);
    expect(await bot.stores.participants.get(TENANT, USER.aadObjectId)).toBeUndefined();
    expect(stub.sent.filter((s) => s.conversationId === `a:${USER.aadObjectId}`)).toEqual([]);
  };

  it("refuses an unsigned activity with 401 and stores nothing", async () => {
    const reply = await postMessage(bot.url);
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toEqual({ error: "Unauthorized" });
    await nothingStored();
  });

  // "abc.def.ghi" does not decode as a JWT, so it is refused without fetching OpenID metadata
  // from login.botframework.com (no network needed): the 5 s timeout would catch a hang.
  it("refuses a bogus bearer token with 401, quickly, and stores nothing", { timeout: 5_000 }, async () => {
    const reply = await postMessage(bot.url, { authorization: "Bearer abc.def.ghi" });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toEqual({ error: "Unauthorized" });
    await nothingStored();
  });
});

describe("in local mode (no BOT_ID)", () => {
  it("refuses a body that is not a Bot Framework activity with 400", async () => {
    const bot = await startBot();
    try {
      for (const body of ["[1,2]", '{"text":"no type"}', '"just a string"']) {
        const res = await fetch(`${bot.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body });
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({ error: expect.stringMatching(/^Expected a Bot Framework activity; missing or wrong: /) });
      }
    } finally {
      await bot.close();
    }
  });

  it("accepts the same unsigned activity and answers it", async () => {
    const bot = await startBot();
    try {
      const client = new TeamsClient(() => bot.url, stub.url, USER);
      const reply = await client.say("assess");
      expect(reply.status).toBe(200);
      expect(stub.cards().at(-1)?.type).toBe("AdaptiveCard");
      expect(await bot.stores.campaigns.list(TENANT)).toHaveLength(1);
      expect((await bot.stores.participants.get(TENANT, USER.aadObjectId))?.currentRef).toBeTruthy();
    } finally {
      await bot.close();
    }
  });
});

describe("GET /healthz", () => {
  it("reports storage reachable on the shared Azurite", async () => {
    const bot = await startBot();
    try {
      expect(await health(bot.url)).toEqual({ status: 200, body: { status: "ok", storage: "reachable" } });
    } finally {
      await bot.close();
    }
  });

  it("turns to 503 within a few seconds when storage goes away", { timeout: 30_000 }, async () => {
    const azurite = await startAzurite();
    const bot = await startBot({ connectionString: azurite.connectionString });
    try {
      expect(await health(bot.url)).toEqual({ status: 200, body: { status: "ok", storage: "reachable" } });
      await azurite.stop();
      const stopped = Date.now();
      let last = await health(bot.url);
      while (last.status === 200 && Date.now() - stopped < 5_000) last = await health(bot.url);
      expect(last).toEqual({ status: 503, body: { status: "unavailable", storage: "unreachable" } });
    } finally {
      await bot.close();
      await azurite.stop();
    }
  });
});
