/**
 * Stands in for SharePoint/OneDrive, where Teams keeps a file sent in chat: serves each file at
 * its pre-authorised download URL, and fails like the real service when told to (403 for a
 * revoked link, 404 for a deleted file, 429 with Retry-After), or redirects.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

type Failure = { readonly status: number; readonly headers?: Record<string, string> };

export class FileHost {
  private server?: http.Server;
  private readonly files = new Map<string, Buffer>();
  private readonly failures = new Map<string, Failure>();
  private readonly redirects = new Map<string, string>();
  /** Paths requested, in order. */
  readonly requests: string[] = [];

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      this.requests.push(path);
      // Not chained: restify, loaded in the same process, replaces writeHead with one that returns nothing.
      const reply = (status: number, headers: http.OutgoingHttpHeaders = {}, body?: Buffer | string) => {
        res.writeHead(status, headers);
        res.end(body);
      };
      const failure = this.failures.get(path);
      if (failure) return reply(failure.status, failure.headers);
      const to = this.redirects.get(path);
      if (to) return reply(302, { Location: to });
      const file = this.files.get(path);
      if (!file) return reply(404, { "Content-Type": "application/json" }, '{"error":{"code":"itemNotFound"}}');
      reply(200, { "Content-Type": "application/octet-stream", "Content-Length": file.length }, file);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Keeps `bytes` and returns its download URL. */
  put(name: string, bytes: Uint8Array | string): string {
    const path = `/personal/cora_council_gov_uk/Documents/Microsoft%20Teams%20Chat%20Files/${encodeURIComponent(name)}`;
    this.files.set(path, Buffer.from(bytes));
    return `${this.url}${path}`;
  }

  fail(url: string, failure: Failure): void {
    this.failures.set(new URL(url).pathname, failure);
  }

  redirect(url: string, to: string): void {
    this.redirects.set(new URL(url).pathname, to);
  }
}

/** A file attachment as Teams puts it on a message in a one-to-one chat with a bot. */
export function fileAttachment(name: string, downloadUrl: string) {
  return {
    contentType: "application/vnd.microsoft.teams.file.download.info",
    name,
    contentUrl: downloadUrl,
    content: { downloadUrl, uniqueId: "1150D938-8870-4044-9F2C-5BBDEBA70C8C", fileType: name.split(".").pop() },
  };
}
