/**
 * The connector stub itself, over plain HTTP: Teams rate limits (with a clock the test controls,
 * so nothing here depends on how fast the machine is), scripted failures per conversation,
 * create conversation and paged members (also read through botframework-connector's own client).
 */
import { ConnectorClient, MicrosoftAppCredentials } from "botframework-connector";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectorStub, personalConversationId, type ConnectorStubOptions } from "./support/connector-stub.js";

const TENANT = "tenant-stub";
const started: ConnectorStub[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

/** A stub with a clock that only moves when the test moves it. */
async function stubAt(options: ConnectorStubOptions = {}): Promise<{ stub: ConnectorStub; clock: { t: number } }> {
  const clock = { t: 1_000_000 };
  const stub = await new ConnectorStub({ now: () => clock.t, ...options }).start();
  started.push(stub);
  return { stub, clock };
}

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: any;
}

async function call(stub: ConnectorStub, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(new URL(path, stub.url), {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: text ? JSON.parse(text) : undefined };
}

function send(stub: ConnectorStub, conversationId: string, text = "hello", tenantId = TENANT): Promise<Answer> {
  return call(stub, "POST", `v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
    type: "message",
    text,
    conversation: { id: conversationId, tenantId },
  });
}

async function sendMany(stub: ConnectorStub, conversationId: string, n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await send(stub, conversationId, `m${i}`)).status);
  return statuses;
}

function createPersonal(stub: ConnectorStub, memberId: string, tenantId = TENANT): Promise<Answer> {
  return call(stub, "POST", "v3/conversations", {
    isGroup: false,
    bot: { id: "28:bot", name: "CSE bot" },
    members: [{ id: memberId }],
    tenantId,
    channelData: { tenant: { id: tenantId } },
  });
}

const count = (xs: number[], x: number) => xs.filter((s) => s === x).length;

describe("connector stub: rate limits", () => {
  it("accepts 7 of 8 concurrent messages to one conversation and throttles the 8th with Retry-After", async () => {
    const { stub } = await stubAt({ enforceLimits: true });
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => send(stub, "a:conv-1", `m${i}`)));
    expect(
      count(
        answers.map((a) => a.status),
        200,
      ),
    ).toBe(7);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(1);
    expect(Number(refused[0]!.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(Number(refused[0]!.retryAfter))).toBe(true);
    expect(refused[0]!.body.error.code).toBe("Throttled");
    expect(stub.accepted).toBe(7);
    expect(stub.throttled).toBe(1);
    expect(stub.acceptedByConversation.get("a:conv-1")).toBe(7);
    expect(stub.sent).toHaveLength(7);
  });

  it("allows 50 messages a second per tenant across its conversations, and keeps tenants apart", async () => {
    const { stub } = await stubAt({ enforceLimits: true });
    const answers = await Promise.all(
      Array.from({ length: 51 }, (_, i) =>
        // Half name the tenant in conversation.tenantId, half only in channelData, as Teams activities may.
        i % 2
          ? send(stub, `a:user-${i}`)
          : call(stub, "POST", `v3/conversations/a:user-${i}/activities`, {
              type: "message",
              text: "hi",
              channelData: { tenant: { id: TENANT } },
            }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(count(statuses, 200)).toBe(50);
    expect(count(statuses, 429)).toBe(1);
    expect(answers.find((a) => a.status === 429)!.retryAfter).toBe("1");
    expect(stub.accepted).toBe(50);
    expect(stub.throttled).toBe(1);
    expect(stub.acceptedByConversation.size).toBe(50);
    expect(stub.duplicates()).toEqual([]);
    // Another tenant has its own allowance at the same moment.
    expect((await send(stub, "a:other", "hi", "tenant-other")).status).toBe(200);
  });

  it("puts activities with no tenant in one global bucket", async () => {
    const { stub } = await stubAt({ enforceLimits: true });
    const statuses: number[] = [];
    for (let i = 0; i < 51; i++)
      statuses.push((await call(stub, "POST", `v3/conversations/c-${i}/activities`, { type: "message", text: "hi" })).status);
    expect(count(statuses, 200)).toBe(50);
    expect(statuses.at(-1)).toBe(429);
  });

  it("slides the 1 s and 2 s windows, and a refused request does not count", async () => {
    const { stub, clock } = await stubAt({ enforceLimits: true });
    expect(await sendMany(stub, "a:c", 7)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    const refused = await send(stub, "a:c");
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe("1");
    clock.t += 1_000; // the first 7 leave the 1 s window; 7 of 8 still in the 2 s window
    expect((await send(stub, "a:c")).status).toBe(200);
    const second = await send(stub, "a:c");
    expect(second.status).toBe(429); // 8 in 2 s
    expect(second.retryAfter).toBe("1"); // the first 7 leave the 2 s window 1 s from now
    clock.t += 999;
    expect((await send(stub, "a:c")).status).toBe(429);
    clock.t += 1;
    expect((await send(stub, "a:c")).status).toBe(200);
    expect(stub.accepted).toBe(9);
    expect(stub.throttled).toBe(3);
    expect(stub.acceptedByConversation.get("a:c")).toBe(9);
    expect(stub.duplicates()).toEqual(["a:c"]);
  });

  it("allows 60 messages per 30 s to one conversation", async () => {
    const { stub, clock } = await stubAt({ enforceLimits: true });
    const start = clock.t;
    // 7 on every even second and 1 on every odd one: 8 per 2 s, the most the short windows allow.
    for (let period = 0; period < 7; period++) {
      expect(count(await sendMany(stub, "a:c", 7), 200)).toBe(7);
      clock.t += 1_000;
      expect((await send(stub, "a:c")).status).toBe(200);
      clock.t += 1_000;
    }
    expect(clock.t - start).toBe(14_000);
    expect(await sendMany(stub, "a:c", 4)).toEqual([200, 200, 200, 200]); // 60 in 30 s
    const refused = await send(stub, "a:c");
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe("16"); // the first leaves the 30 s window at 30 s
    clock.t = start + 29_999;
    expect((await send(stub, "a:c")).status).toBe(429);
    clock.t = start + 30_000;
    expect((await send(stub, "a:c")).status).toBe(200);
  });

  it("allows 1,800 messages per hour to one conversation", async () => {
    const { stub, clock } = await stubAt({ enforceLimits: true });
    const start = clock.t;
    let accepted = 0;
    // 7 at once every 4 s: 7 per 2 s and 52 or 53 per 30 s, under the shorter windows; 1,800 take 258 rounds.
    let round = 0;
    for (; accepted < 1_800; round++) {
      clock.t = start + round * 4_000;
      const answers = await Promise.all(Array.from({ length: Math.min(7, 1_800 - accepted) }, () => send(stub, "a:hourly")));
      expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
      accepted += answers.length;
    }
    expect(round).toBe(258);
    clock.t = start + round * 4_000;
    const refused = await send(stub, "a:hourly");
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe(String((3_600_000 - round * 4_000) / 1_000)); // the first round leaves the hour window
    clock.t = start + 3_600_000;
    expect((await send(stub, "a:hourly")).status).toBe(200);
    expect(stub.acceptedByConversation.get("a:hourly")).toBe(1_801);
  });

  it("takes custom limits, and counts PUT updates against them", async () => {
    const { stub } = await stubAt({ limits: { perConversation: [{ limit: 2, windowMs: 10_000 }] } });
    expect((await send(stub, "a:c")).status).toBe(200);
    expect((await call(stub, "PUT", "v3/conversations/a:c/activities/activity-1", { type: "message", text: "edit" })).status).toBe(200);
    const refused = await send(stub, "a:c");
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe("10");
  });

  it("enforces nothing unless asked", async () => {
    const { stub } = await stubAt();
    expect(count(await Promise.all(Array.from({ length: 60 }, () => send(stub, "a:c"))).then((a) => a.map((x) => x.status)), 200)).toBe(60);
    expect(stub.throttled).toBe(0);
  });
});

describe("connector stub: scripted failures", () => {
  it("fails every request to a conversation with 403 or 404, leaving others alone", async () => {
    const { stub } = await stubAt();
    stub.failConversation("a:gone", 404);
    stub.failConversation("a:removed", 403);
    for (let i = 0; i < 2; i++) {
      const gone = await send(stub, "a:gone");
      expect(gone.status).toBe(404);
      expect(gone.body.error.code).toBe("ConversationNotFound");
      const removed = await send(stub, "a:removed");
      expect(removed.status).toBe(403);
      expect(removed.body).toEqual({
        error: { code: "BotNotInConversationRoster", message: "The bot is not part of the conversation roster." },
      });
    }
    expect((await send(stub, "a:fine")).status).toBe(200);
    expect(stub.failed).toBe(4);
    expect(stub.accepted).toBe(1);
    expect([...stub.acceptedByConversation.keys()]).toEqual(["a:fine"]);
  });

  it("fails the next n requests to a conversation, then succeeds", async () => {
    const { stub } = await stubAt();
    stub.failTimes("a:flaky", 502, 2);
    stub.failTimes("a:flaky", 429, 1, { "Retry-After": "3" });
    stub.failTimes("a:busy", 412, 1);
    expect((await send(stub, "a:flaky")).status).toBe(502);
    expect((await send(stub, "a:other")).status).toBe(200);
    expect((await send(stub, "a:flaky")).status).toBe(502);
    const throttled = await send(stub, "a:flaky");
    expect(throttled.status).toBe(429);
    expect(throttled.retryAfter).toBe("3");
    expect(throttled.body.error.code).toBe("Throttled");
    expect((await send(stub, "a:flaky")).status).toBe(200);
    expect((await send(stub, "a:busy")).status).toBe(412);
    expect((await send(stub, "a:busy")).status).toBe(200);
    expect(stub.failed).toBe(3);
    expect(stub.throttled).toBe(1);
    expect(stub.acceptedByConversation.get("a:flaky")).toBe(1);
  });

  it("does not count scripted failures against the rate limits", async () => {
    const { stub } = await stubAt({ enforceLimits: true });
    stub.failTimes("a:c", 504, 5);
    expect(await sendMany(stub, "a:c", 12)).toEqual([504, 504, 504, 504, 504, 200, 200, 200, 200, 200, 200, 200]);
    expect((await send(stub, "a:c")).status).toBe(429);
  });

  it("still fails the next request of any kind with failNext", async () => {
    const { stub } = await stubAt();
    stub.failNext(429, { "Retry-After": "2" });
    const first = await send(stub, "a:c");
    expect(first.status).toBe(429);
    expect(first.retryAfter).toBe("2");
    expect((await send(stub, "a:c")).status).toBe(200);
  });

  it("resets counters, windows and scripted failures", async () => {
    const { stub } = await stubAt({ enforceLimits: true });
    stub.failConversation("a:x", 403);
    await sendMany(stub, "a:c", 8);
    await send(stub, "a:x");
    stub.reset();
    expect([stub.accepted, stub.throttled, stub.failed, stub.sent.length, stub.acceptedByConversation.size]).toEqual([0, 0, 0, 0, 0]);
    expect((await send(stub, "a:c")).status).toBe(200);
    expect((await send(stub, "a:x")).status).toBe(200);
  });
});

describe("connector stub: create conversation", () => {
  it("creates a one-to-one conversation with a deterministic id", async () => {
    const { stub } = await stubAt();
    const created = await createPersonal(stub, "29:user-ann");
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: "a:personal-29:user-ann" });
    expect(personalConversationId("29:user-ann")).toBe("a:personal-29:user-ann");
    expect(stub.createdConversations).toMatchObject([{ id: "a:personal-29:user-ann", memberId: "29:user-ann", tenantId: TENANT }]);
    expect((await createPersonal(stub, "29:user-ann")).body.id).toBe("a:personal-29:user-ann");
    expect((await send(stub, created.body.id)).status).toBe(200);
  });

  it("refuses users who have not installed the app, and honours failConversation", async () => {
    const { stub } = await stubAt();
    stub.uninstalledFor.add("29:user-bob");
    const refused = await createPersonal(stub, "29:user-bob");
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({ code: "BotNotInConversationRoster", message: "The bot is not part of the conversation roster." });
    expect((await send(stub, personalConversationId("29:user-bob"))).status).toBe(403);

    stub.failConversation(personalConversationId("29:user-cat"), 404);
    expect((await createPersonal(stub, "29:user-cat")).status).toBe(404);
    stub.failTimes(personalConversationId("29:user-dan"), 502, 1);
    expect((await createPersonal(stub, "29:user-dan")).status).toBe(502);
    expect((await createPersonal(stub, "29:user-dan")).status).toBe(201);
    expect(stub.createdConversations.map((c) => c.id)).toEqual(["a:personal-29:user-dan"]);
  });

  it("counts creates against the tenant's 50 a second", async () => {
    const { stub } = await stubAt({ enforceLimits: true });
    const statuses = await Promise.all(Array.from({ length: 51 }, (_, i) => createPersonal(stub, `29:u${i}`).then((a) => a.status)));
    expect(count(statuses, 201)).toBe(50);
    expect(count(statuses, 429)).toBe(1);
  });

  it("works through botframework-connector's client", async () => {
    const { stub } = await stubAt();
    stub.uninstalledFor.add("29:user-eve");
    const client = new ConnectorClient(new MicrosoftAppCredentials("", ""), { baseUri: stub.url });
    const params = { isGroup: false, bot: { id: "28:bot", name: "CSE bot" }, tenantId: TENANT, channelData: { tenant: { id: TENANT } } };
    const created = await client.conversations.createConversation({ ...params, members: [{ id: "29:user-fay", name: "" }] });
    expect(created.id).toBe("a:personal-29:user-fay");
    await expect(client.conversations.createConversation({ ...params, members: [{ id: "29:user-eve", name: "" }] })).rejects.toMatchObject({
      statusCode: 403,
    });
  });
});

describe("connector stub: paged members", () => {
  const member = (i: number) => ({ id: `29:u${i}`, name: `User ${i}`, aadObjectId: `u${i}`, userPrincipalName: `u${i}@council.gov.uk` });

  it("pages through members with a continuation token", async () => {
    const { stub } = await stubAt();
    stub.members.push(...Array.from({ length: 250 }, (_, i) => member(i)));
    const first = await call(stub, "GET", "v3/conversations/19:team@thread.skype/pagedmembers");
    expect(first.status).toBe(200);
    expect(first.body.members).toHaveLength(100); // default page size
    expect(first.body.members[0]).toEqual(member(0));
    expect(typeof first.body.continuationToken).toBe("string");

    const ids: string[] = [];
    const sizes: number[] = [];
    let token: string | undefined;
    do {
      const query = new URLSearchParams({ pageSize: "120", ...(token ? { continuationToken: token } : {}) });
      const page = await call(stub, "GET", `v3/conversations/a:c/pagedmembers?${query.toString()}`);
      expect(page.status).toBe(200);
      sizes.push(page.body.members.length);
      ids.push(...page.body.members.map((m: { id: string }) => m.id));
      token = page.body.continuationToken;
    } while (token);
    expect(sizes).toEqual([120, 120, 10]);
    expect(ids).toEqual(stub.members.map((m) => m.id));
  });

  it("returns one page with no token when everyone fits, and refuses a bad token", async () => {
    const { stub } = await stubAt();
    stub.members.push(member(1), member(2));
    const page = await call(stub, "GET", "v3/conversations/a:c/pagedmembers?pageSize=50");
    expect(page.body).toEqual({ members: [member(1), member(2)] });
    expect((await call(stub, "GET", "v3/conversations/a:c/pagedmembers?continuationToken=nonsense")).status).toBe(400);
    stub.failConversation("a:gone", 404);
    expect((await call(stub, "GET", "v3/conversations/a:gone/pagedmembers")).status).toBe(404);
  });

  it("is read by botframework-connector's getConversationPagedMembers", async () => {
    const { stub } = await stubAt({ latencyMs: 5 });
    stub.members.push(...Array.from({ length: 7 }, (_, i) => member(i)));
    const client = new ConnectorClient(new MicrosoftAppCredentials("", ""), { baseUri: stub.url });
    const ids: string[] = [];
    let continuationToken: string | undefined;
    do {
      // As TeamsInfo.getPagedMembers does: no token for the first page (the typings insist on one).
      const page = await client.conversations.getConversationPagedMembers("a:c", {
        pageSize: 3,
        continuationToken: continuationToken as string,
      });
      ids.push(...page.members.map((m) => m.id));
      continuationToken = page.continuationToken;
    } while (continuationToken);
    expect(ids).toEqual(stub.members.map((m) => m.id));
  });
});
