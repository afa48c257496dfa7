/**
 * A local stand-in for the Bot Connector service (outside our control): it accepts what the bot
 * sends, as Teams does, records it, and can be told to fail like the real one (429 with
 * Retry-After, 403 when the app was removed, 404 when the conversation is gone).
 *
 * For proactive messaging at scale it can also behave like the service under load:
 * - Teams rate limits (opt-in: `enforceLimits: true` or `limits`), as sliding windows over the
 *   requests it accepted: per conversation 7/1 s, 8/2 s, 60/30 s, 1,800/3,600 s and per tenant
 *   50/1 s. Over a limit it answers 429 with Retry-After (whole seconds, at least 1) and a
 *   `Throttled` error body; a refused request does not count against any window.
 * - scripted failures per conversation, permanent (`failConversation`) or for the next n
 *   requests (`failTimes`), and users who have not installed the app (`uninstalledFor`);
 * - create conversation (POST /v3/conversations) and paged members (GET .../pagedmembers);
 * - optional latency on every response (`latencyMs`), and an injectable clock (`now`).
 *
 * The order of decisions for a request is: `failNext` queue → `failConversation` →
 * `failTimes` → app not installed → rate limits → accepted.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface SentActivity {
  readonly method: "POST" | "PUT";
  readonly path: string;
  readonly conversationId: string;
  readonly body: Record<string, any>;
}

interface Failure {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/** A conversation member as the connector's member lookup returns it. */
export interface StubMember {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly userPrincipalName: string;
}

/** At most `limit` accepted requests in any `windowMs` milliseconds. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateLimits {
  /** Per conversation (bot → conversation): message sends and updates. */
  readonly perConversation: readonly RateWindow[];
  /** Per tenant, across all its conversations: message sends, updates and conversation creates. */
  readonly perTenant: readonly RateWindow[];
}

/** The limits Teams documents for a bot sending to a conversation, and for one tenant. */
export const TEAMS_RATE_LIMITS: RateLimits = {
  perConversation: [
    { limit: 7, windowMs: 1_000 },
    { limit: 8, windowMs: 2_000 },
    { limit: 60, windowMs: 30_000 },
    { limit: 1_800, windowMs: 3_600_000 },
  ],
  perTenant: [{ limit: 50, windowMs: 1_000 }],
};

export interface ConnectorStubOptions {
  /** Enforce Teams rate limits (TEAMS_RATE_LIMITS, or `limits` where given). Default: on if `limits` is given, else off. */
  readonly enforceLimits?: boolean;
  /** Rate limits to enforce; a part left out takes the Teams value. Giving this turns enforcement on. */
  readonly limits?: Partial<RateLimits>;
  /** Delay every response by this many milliseconds (decisions are taken on arrival). Default 0. */
  readonly latencyMs?: number;
  /** The clock the rate limits use, in milliseconds. Default `performance.now()`. */
  readonly now?: () => number;
}

/** A conversation the bot created (POST /v3/conversations), as accepted. */
export interface CreatedConversation {
  readonly id: string;
  /** The member the one-to-one conversation is with (undefined for a channel thread). */
  readonly memberId?: string;
  readonly tenantId?: string;
  readonly body: Record<string, any>;
}

/** The conversation id the stub gives a one-to-one conversation with this member. */
export function personalConversationId(memberId: string): string {
  return `${PERSONAL_PREFIX}${memberId}`;
}

const PERSONAL_PREFIX = "a:personal-";
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 500;
const GLOBAL_TENANT = "";

const ERROR_CODES: Record<number, string> = {
  400: "BadArgument",
  401: "Unauthorized",
  403: "BotNotInConversationRoster",
  404: "ConversationNotFound",
  412: "PreconditionFailed",
  413: "MessageSizeTooBig",
  429: "Throttled",
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

const ERROR_MESSAGES: Record<number, string> = {
  403: "The bot is not part of the conversation roster.",
  404: "Conversation not found.",
  412: "The conversation is not ready; try again later.",
  429: "Too many requests.",
  502: "Bad gateway.",
  504: "Gateway timeout.",
};

function errorBody(status: number, message?: string): { error: { code: string; message: string } } {
  return { error: { code: ERROR_CODES[status] ?? "ServiceError", message: message ?? ERROR_MESSAGES[status] ?? `Stubbed ${status}` } };
}

interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

interface Transient {
  readonly status: number;
  readonly headers?: Record<string, string>;
  remaining: number;
}

/** Index of the first time in `times` (ascending) that is later than `t`. */
function firstAfter(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Accepted request times for one conversation or tenant, checked against sliding windows. */
class Bucket {
  private readonly times: number[] = [];
  constructor(private readonly windows: readonly RateWindow[]) {}

  /** Milliseconds until one more request would fit in every window; 0 if it fits now. */
  waitMs(now: number): number {
    let wait = 0;
    for (const w of this.windows) {
      const first = firstAfter(this.times, now - w.windowMs);
      const count = this.times.length - first;
      if (count >= w.limit) {
        // The window frees when the oldest request that must leave it has left it.
        const leaving = this.times[first + count - w.limit]!;
        wait = Math.max(wait, leaving + w.windowMs - now);
      }
    }
    return wait;
  }

  record(now: number): void {
    this.times.splice(firstAfter(this.times, now), 0, now);
    const longest = Math.max(0, ...this.windows.map((w) => w.windowMs));
    const expired = firstAfter(this.times, now - longest);
    if (expired > 0) this.times.splice(0, expired);
  }
}

export class ConnectorStub {
  readonly sent: SentActivity[] = [];
  /** People the member lookup knows, by Teams id (29:...) or by Entra object id. */
  readonly members: StubMember[] = [];
  /** Member ids (29:... or Entra object id) who have not installed the app: creating or sending to their one-to-one conversation gets 403. */
  readonly uninstalledFor = new Set<string>();
  /** Conversations created (POST /v3/conversations) and accepted, in order; one entry per accepted call. */
  readonly createdConversations: CreatedConversation[] = [];
  /** Accepted message sends and updates (POST/PUT .../activities), per conversation id. */
  readonly acceptedByConversation = new Map<string, number>();
  /** Accepted message sends and updates, in all. */
  accepted = 0;
  /** 429 responses sent, whether from the rate limits or scripted. */
  throttled = 0;
  /** Other error responses sent because a failure was scripted (failNext, failConversation, failTimes, uninstalledFor). */
  failed = 0;
  url = "";

  private readonly failures: Failure[] = [];
  private readonly permanent = new Map<string, Failure>();
  private readonly transient = new Map<string, Transient[]>();
  private readonly conversationBuckets = new Map<string, Bucket>();
  private readonly tenantBuckets = new Map<string, Bucket>();
  private readonly limits?: RateLimits;
  private readonly latencyMs: number;
  private readonly now: () => number;
  private server?: http.Server;
  private nextId = 1;

  constructor(options: ConnectorStubOptions = {}) {
    const enforce = options.enforceLimits ?? options.limits !== undefined;
    if (enforce) {
      this.limits = {
        perConversation: options.limits?.perConversation ?? TEAMS_RATE_LIMITS.perConversation,
        perTenant: options.limits?.perTenant ?? TEAMS_RATE_LIMITS.perTenant,
      };
      for (const w of [...this.limits.perConversation, ...this.limits.perTenant]) {
        if (!(w.limit >= 1 && w.windowMs > 0)) throw new RangeError(`Bad rate window: ${JSON.stringify(w)}`);
      }
    }
    this.latencyMs = Math.max(0, options.latencyMs ?? 0);
    this.now = options.now ?? (() => performance.now());
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next request fails with this status (queued, one failure per request). */
  failNext(status: number, headers?: Record<string, string>): void {
    const code =
      status === 403
        ? "BotNotInConversationRoster"
        : status === 404
          ? "ConversationNotFound"
          : status === 429
            ? "Throttled"
            : "ServiceError";
    this.failures.push({ status, headers, body: { error: { code, message: `Stubbed ${status}` } } });
  }

  /**
   * Every request to this conversation fails with this status from now on (403: the bot is not
   * in the roster; 404: the conversation is gone). For a created one-to-one conversation, the id
   * is `personalConversationId(memberId)`, and creating it fails too.
   */
  failConversation(conversationId: string, status: number, headers?: Record<string, string>): void {
    this.permanent.set(conversationId, { status, headers, body: errorBody(status) });
  }

  /**
   * The next `times` requests to this conversation fail with this status (e.g. 502, 504, 412, or
   * 429 with `{ "Retry-After": "2" }`), then it succeeds again. Calls queue up in order.
   */
  failTimes(conversationId: string, status: number, times: number, headers?: Record<string, string>): void {
    if (times <= 0) return;
    const queue = this.transient.get(conversationId) ?? [];
    queue.push({ status, headers, remaining: times });
    this.transient.set(conversationId, queue);
  }

  /** Conversation ids with more than one accepted message (sends and updates). */
  duplicates(): string[] {
    return [...this.acceptedByConversation].filter(([, n]) => n > 1).map(([id]) => id);
  }

  /** Cards the bot sent (into one conversation, if given), newest last. */
  cards(conversationId?: string): Record<string, any>[] {
    return this.sent
      .filter((s) => conversationId === undefined || s.conversationId === conversationId)
      .flatMap((s) =>
        (s.body.attachments ?? [])
          .filter((a: any) => a.contentType === "application/vnd.microsoft.card.adaptive")
          .map((a: any) => a.content),
      );
  }

  texts(): string[] {
    return this.sent.map((s) => s.body.text).filter((t): t is string => typeof t === "string");
  }

  /** Forget what was sent (only `sent`; counters, limits and scripted failures stay). */
  clear(): void {
    this.sent.length = 0;
  }

  /** Back to a fresh stub: forgets what was sent and created, counters, rate windows and scripted failures (members and uninstalledFor stay). */
  reset(): void {
    this.sent.length = 0;
    this.createdConversations.length = 0;
    this.acceptedByConversation.clear();
    this.accepted = 0;
    this.throttled = 0;
    this.failed = 0;
    this.failures.length = 0;
    this.permanent.clear();
    this.transient.clear();
    this.conversationBuckets.clear();
    this.tenantBuckets.clear();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      // Everything from here to the reply is synchronous, so concurrent requests are decided one at a time.
      reply = this.route(req, Buffer.concat(chunks).toString("utf8"));
    } catch (err) {
      reply = { status: 400, body: errorBody(400, `Bad request: ${(err as Error).message}`) };
    }
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (res.destroyed) return;
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  private route(req: http.IncomingMessage, text: string): Reply {
    const url = new URL(req.url ?? "/", "http://stub");
    const path = url.pathname;
    const failure = this.failures.shift();
    if (failure) return this.scripted(failure);

    if (path === "/v3/conversations" && req.method === "POST") return this.createConversation(JSON.parse(text || "{}"));

    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
    if (member && req.method === "GET") {
      const refused = this.refusal(decodeURIComponent(member[1]!));
      if (refused) return refused;
      const id = decodeURIComponent(member[2]!);
      const found = this.members.find((m) => m.id === id || m.aadObjectId === id || m.userPrincipalName === id);
      return found
        ? { status: 200, body: found }
        : {
            status: 404,
            body: { error: { code: "MemberNotFoundInConversation", message: "The member was not found in the conversation." } },
          };
    }

    const paged = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(path);
    if (paged && req.method === "GET") {
      const refused = this.refusal(decodeURIComponent(paged[1]!));
      if (refused) return refused;
      return this.pagedMembers(url.searchParams);
    }

    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (!match || (req.method !== "POST" && req.method !== "PUT")) {
      return { status: 404, body: { error: { code: "NotFound", message: `No route ${req.method} ${req.url}` } } };
    }
    const conversationId = decodeURIComponent(match[1]!);
    const refused = this.refusal(conversationId);
    if (refused) return refused;
    const body = JSON.parse(text || "{}");
    const tenantId = this.tenantOf(body);
    const throttled = this.throttle(tenantId, conversationId);
    if (throttled) return throttled;
    this.accept(req.method, req.url!, conversationId, body, tenantId);
    return { status: 200, body: { id: match[2] && req.method === "PUT" ? decodeURIComponent(match[2]) : `activity-${this.nextId++}` } };
  }

  /** POST /v3/conversations: a one-to-one conversation with `members[0]`, or a new thread in `channelData.channel`. */
  private createConversation(body: Record<string, any>): Reply {
    const tenantId: string | undefined = body.tenantId ?? body.channelData?.tenant?.id;
    const channelId: string | undefined = body.channelData?.channel?.id;
    const member = Array.isArray(body.members) ? body.members[0] : undefined;
    let id: string;
    if (channelId && !body.isGroup) {
      id = `${channelId};messageid=${this.nextId++}`;
    } else {
      if (body.isGroup || !member?.id || body.members.length !== 1) {
        return {
          status: 400,
          body: errorBody(400, "Only one-to-one conversations with exactly one member, or channel threads, can be created."),
        };
      }
      id = personalConversationId(String(member.id));
      if (typeof member.aadObjectId === "string" && this.uninstalledFor.has(member.aadObjectId))
        return this.scripted({ status: 403, body: errorBody(403) });
    }
    const refused = this.refusal(id);
    if (refused) return refused;
    const activity = body.activity && typeof body.activity === "object" ? (body.activity as Record<string, any>) : undefined;
    const throttled = this.throttle(tenantId ?? GLOBAL_TENANT, activity ? id : undefined);
    if (throttled) return throttled;
    this.createdConversations.push({ id, memberId: channelId ? undefined : String(member.id), tenantId, body });
    let activityId: string | undefined;
    if (activity) {
      this.accept("POST", `/v3/conversations/${encodeURIComponent(id)}/activities`, id, activity, tenantId ?? GLOBAL_TENANT);
      activityId = `activity-${this.nextId++}`;
    } else {
      this.recordTenant(tenantId ?? GLOBAL_TENANT);
    }
    return { status: 201, body: activityId ? { id, activityId } : { id } };
  }

  private pagedMembers(query: URLSearchParams): Reply {
    const requested = Number(query.get("pageSize") ?? DEFAULT_PAGE_SIZE);
    const pageSize = Number.isFinite(requested) && requested >= 1 ? Math.min(Math.floor(requested), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    const token = query.get("continuationToken");
    let offset = 0;
    if (token) {
      const decoded = /^members:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
      if (!decoded) return { status: 400, body: errorBody(400, "Invalid continuation token.") };
      offset = Number(decoded[1]);
    }
    const members = this.members.slice(offset, offset + pageSize);
    const next =
      offset + pageSize < this.members.length ? Buffer.from(`members:${offset + pageSize}`, "utf8").toString("base64url") : undefined;
    return { status: 200, body: next ? { continuationToken: next, members } : { members } };
  }

  /** A scripted failure for a request to this conversation, if one applies (consuming a failTimes one). */
  private refusal(conversationId: string): Reply | undefined {
    const permanent = this.permanent.get(conversationId);
    if (permanent) return this.scripted(permanent);
    const queue = this.transient.get(conversationId);
    const next = queue?.[0];
    if (queue && next) {
      next.remaining -= 1;
      if (next.remaining <= 0) queue.shift();
      if (queue.length === 0) this.transient.delete(conversationId);
      return this.scripted({ status: next.status, headers: next.headers, body: errorBody(next.status) });
    }
    if (conversationId.startsWith(PERSONAL_PREFIX) && this.uninstalledFor.has(conversationId.slice(PERSONAL_PREFIX.length))) {
      return this.scripted({ status: 403, body: errorBody(403) });
    }
    return undefined;
  }

  private scripted(failure: Failure): Reply {
    if (failure.status === 429) this.throttled += 1;
    else this.failed += 1;
    return { status: failure.status, headers: failure.headers, body: failure.body };
  }

  /** A 429 if one more request for this tenant (and conversation, if given) would break a limit now. */
  private throttle(tenantId: string, conversationId: string | undefined): Reply | undefined {
    if (!this.limits) return undefined;
    const now = this.now();
    const waits = [this.tenantBucket(tenantId).waitMs(now)];
    if (conversationId !== undefined) waits.push(this.conversationBucket(conversationId).waitMs(now));
    const wait = Math.max(...waits);
    if (wait <= 0) return undefined;
    const seconds = Math.max(1, Math.ceil(wait / 1000));
    this.throttled += 1;
    return {
      status: 429,
      headers: { "Retry-After": String(seconds) },
      body: errorBody(429, `Too many requests; retry after ${seconds} s.`),
    };
  }

  private accept(method: "POST" | "PUT", path: string, conversationId: string, body: Record<string, any>, tenantId: string): void {
    if (this.limits) {
      const now = this.now();
      this.tenantBucket(tenantId).record(now);
      this.conversationBucket(conversationId).record(now);
    }
    this.sent.push({ method, path, conversationId, body });
    this.accepted += 1;
    this.acceptedByConversation.set(conversationId, (this.acceptedByConversation.get(conversationId) ?? 0) + 1);
  }

  private recordTenant(tenantId: string): void {
    if (this.limits) this.tenantBucket(tenantId).record(this.now());
  }

  private tenantOf(body: Record<string, any>): string {
    const id = body.conversation?.tenantId ?? body.channelData?.tenant?.id;
    return typeof id === "string" && id ? id : GLOBAL_TENANT;
  }

  private tenantBucket(tenantId: string): Bucket {
    let bucket = this.tenantBuckets.get(tenantId);
    if (!bucket) this.tenantBuckets.set(tenantId, (bucket = new Bucket(this.limits!.perTenant)));
    return bucket;
  }

  private conversationBucket(conversationId: string): Bucket {
    let bucket = this.conversationBuckets.get(conversationId);
    if (!bucket) this.conversationBuckets.set(conversationId, (bucket = new Bucket(this.limits!.perConversation)));
    return bucket;
  }
}
