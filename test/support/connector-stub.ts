/**
 * A local stand-in for the Bot Connector service (outside our control): it accepts what the bot
 * sends, as Teams does, records it, and can be told to fail like the real one (429 with
 * Retry-After, 403 when the app was removed, 404 when the conversation is gone).
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

export class ConnectorStub {
  readonly sent: SentActivity[] = [];
  /** People the member lookup knows, by Teams id (29:...) or by Entra object id. */
  readonly members: StubMember[] = [];
  private readonly failures: Failure[] = [];
  private server?: http.Server;
  private nextId = 1;
  url = "";

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next request fails with this status (queued, one failure per request). */
  failNext(status: number, headers?: Record<string, string>): void {
    const code = status === 403 ? "BotNotInConversationRoster" : status === 404 ? "ConversationNotFound" : status === 429 ? "Throttled" : "ServiceError";
    this.failures.push({ status, headers, body: { error: { code, message: `Stubbed ${status}` } } });
  }

  /** Cards the bot sent, newest last. */
  cards(): Record<string, any>[] {
    return this.sent.flatMap((s) => (s.body.attachments ?? []).filter((a: any) => a.contentType === "application/vnd.microsoft.card.adaptive").map((a: any) => a.content));
  }

  texts(): string[] {
    return this.sent.map((s) => s.body.text).filter((t): t is string => typeof t === "string");
  }

  clear(): void {
    this.sent.length = 0;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? "");
    const failure = this.failures.shift();
    if (failure) {
      res.writeHead(failure.status, { "content-type": "application/json", ...failure.headers });
      res.end(JSON.stringify(failure.body));
      return;
    }
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/?]+)$/.exec(req.url ?? "");
    if (member && req.method === "GET") {
      const id = decodeURIComponent(member[2]!);
      const found = this.members.find((m) => m.id === id || m.aadObjectId === id || m.userPrincipalName === id);
      res.writeHead(found ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(found ?? { error: { code: "MemberNotFoundInConversation", message: "The member was not found in the conversation." } }));
      return;
    }
    if (!match || (req.method !== "POST" && req.method !== "PUT")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "NotFound", message: `No route ${req.method} ${req.url}` } }));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    this.sent.push({ method: req.method, path: req.url!, conversationId: decodeURIComponent(match[1]!), body });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ id: match[2] && req.method === "PUT" ? match[2] : `activity-${this.nextId++}` }));
  }
}
