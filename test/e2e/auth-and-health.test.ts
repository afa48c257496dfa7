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
async function postMessage(botUrl: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; ms: number }> {
  const activity = {
    type: "message", id: randomUUID(), timestamp: new Date().toISOString(), channelId: "msteams", serviceUrl: stub.url,
    from: { id: `29:${USER.aadObjectId}`, name: USER.name, aadObjectId: USER.aadObjectId }, recipient: BOT,
    conversation: { id: `a:${USER.aadObjectId}`, conversationType: "personal", tenantId: TENANT }, channelData: { tenant: { id: TENANT } },
    text: "assess", textFormat: "plain", locale: "en-GB",
  };
  const started = Date.now();
  const res = await fetch(`${botUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(activity) });
  return { status: res.status, body: await res.text(), ms: Date.now() - started };
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
    await nothingStored();
  });

  // "abc.def.ghi" does not decode as a JWT, so it is refused without fetching OpenID metadata
  // from login.botframework.com (no network needed): the 5 s timeout would catch a hang.
  it("refuses a bogus bearer token with 401, quickly, and stores nothing", { timeout: 5_000 }, async () => {
    const reply = await postMessage(bot.url, { authorization: "Bearer abc.def.ghi" });
    expect(reply.status).toBe(401);
    expect(reply.ms).toBeLessThan(3_000);
    await nothingStored();
  });

  // A well-formed but unsigned JWT does make the SDK fetch OpenID metadata from
  // login.botframework.com. Offline that fails at DNS (500, not 401); online the key lookup fails.
  // Either way it must be refused and store nothing.
  it("refuses a well-formed unsigned JWT and stores nothing", { timeout: 15_000 }, async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: "https://api.botframework.com", aud: CREDENTIALS.BOT_ID, serviceurl: stub.url, nbf: now - 60, exp: now + 3600 };
    const token = `${part({ alg: "RS256", typ: "JWT", kid: "forged-key" })}.${part(claims)}.${part({ sig: "none" })}`;
    const reply = await postMessage(bot.url, { authorization: `Bearer ${token}` });
    console.log(`forged JWT: HTTP ${reply.status} after ${reply.ms} ms: ${reply.body.slice(0, 160)}`);
    expect(reply.status).toBeGreaterThanOrEqual(400);
    await nothingStored();
  });
});

describe("in local mode (no BOT_ID)", () => {
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
      const ms = Date.now() - stopped;
      console.log(`/healthz answered ${last.status} ${ms} ms after Azurite stopped`);
      expect(ms).toBeLessThan(5_000);
    } finally {
      await bot.close();
      await azurite.stop();
    }
  });
});
