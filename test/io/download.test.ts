/** Fetching a file someone sent: only from allowed hosts, redirects checked, size capped while reading. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { download, isAllowedUrl } from "../../src/io/download.js";
import { FileHost } from "../support/file-host.js";

const SHAREPOINT = [".sharepoint.com"];

describe("which links may be fetched", () => {
  it.each([
    ["https://oadby-my.sharepoint.com/personal/cora/Documents/report.docx", true],
    ["https://sharepoint.com/report.docx", false], // the suffix, not a host under it
    ["https://evil-sharepoint.com/report.docx", false],
    ["https://oadby.sharepoint.com.evil.example/report.docx", false],
    ["http://oadby.sharepoint.com/report.docx", false], // not https
    ["https://user:pass@oadby.sharepoint.com/report.docx", false],
    ["file:///etc/passwd", false],
    ["https://169.254.169.254/metadata", false],
    ["not a url", false],
  ])("%s: %s", (url, allowed) => {
    expect(isAllowedUrl(url, SHAREPOINT)).toBe(allowed);
  });

  it("an exact host, and plain http only for this machine", () => {
    expect(isAllowedUrl("http://127.0.0.1:9999/f.txt", ["127.0.0.1"])).toBe(true);
    expect(isAllowedUrl("http://10.0.0.5/f.txt", ["10.0.0.5"])).toBe(false);
    expect(isAllowedUrl("https://10.0.0.5/f.txt", ["10.0.0.5"])).toBe(true);
  });
});

describe("downloading", () => {
  const host = new FileHost();
  beforeAll(() => host.start());
  afterAll(() => host.stop());
  const limits = (maxBytes = 1024) => ({ allowedHosts: ["127.0.0.1"], maxBytes, timeoutMs: 5000 });

  it("returns the bytes, following a redirect within allowed hosts", async () => {
    const url = host.put("report.txt", "the report");
    expect(await download(url, limits())).toEqual({ ok: true, value: Buffer.from("the report") });
    const moved = host.put("old.txt", "");
    host.redirect(moved, url);
    expect(await download(moved, limits())).toEqual({ ok: true, value: Buffer.from("the report") });
  });

  it("stops reading at the limit", async () => {
    const url = host.put("big.txt", Buffer.alloc(5000, 65));
    expect(await download(url, limits(4999))).toMatchObject({ ok: false, refusal: { code: "text-too-long" } });
    expect(await download(url, limits(5000))).toMatchObject({ ok: true });
  });

  it("says why when the host answers 404, 403 or 429", async () => {
    for (const [status, words] of [
      [404, "moved or deleted"],
      [403, "moved or deleted"],
      [429, "in a minute"],
      [503, "in a minute"],
    ] as const) {
      const url = host.put(`f${status}.txt`, "x");
      host.fail(url, { status, headers: status === 429 ? { "Retry-After": "10" } : {} });
      expect(await download(url, limits())).toMatchObject({ ok: false, refusal: { message: expect.stringContaining(words) } });
    }
  });
});
