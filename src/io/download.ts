/**
 * Fetches a file someone sent the bot, from the link Teams gives (a pre-authorised SharePoint or
 * OneDrive URL). Only hosts on the allow list are fetched, redirects included, so a forged
 * activity cannot make the bot read internal addresses; the size limit is enforced while
 * reading, not trusted from headers.
 */
import { ok, refuse, type Result } from "../domain/refusal.js";

export interface DownloadLimits {
  /** Host names, or ".suffix" for a domain and its subdomains. */
  readonly allowedHosts: readonly string[];
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

const MAX_REDIRECTS = 3;
const GONE = "I could not fetch that file from Teams: it may have been moved or deleted, or its link has expired. Please send it again.";

export function isAllowedUrl(url: string, allowedHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase();
  const local = host === "127.0.0.1" || host === "localhost";
  // Plain http only for this machine (tests and the local Playground); real files come over https.
  if (parsed.protocol !== "https:" && !(local && parsed.protocol === "http:")) return false;
  if (parsed.username || parsed.password) return false;
  return allowedHosts.some((allowed) => {
    const a = allowed.trim().toLowerCase();
    return a.startsWith(".") ? host.endsWith(a) && host.length > a.length : host === a;
  });
}

export async function download(url: string, limits: DownloadLimits): Promise<Result<Buffer>> {
  let target = url;
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (!isAllowedUrl(target, limits.allowedHosts))
        return refuse(
          "unsafe-url",
          "That file's link does not point to your organisation's Teams or SharePoint files, so I did not open it.",
        );
      const response = await fetch(target, { redirect: "manual", signal });
      if (response.status >= 300 && response.status < 400 && response.headers.get("location")) {
        target = new URL(response.headers.get("location")!, target).toString();
        await response.body?.cancel();
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return refuse(
          "link-not-found",
          response.status === 429 || response.status >= 500
            ? "Teams did not hand over that file just now. Please send it again in a minute."
            : GONE,
        );
      }
      return await readCapped(response, limits.maxBytes);
    }
    return refuse("link-not-found", GONE);
  } catch (error) {
    if (signal.aborted) return refuse("link-not-found", "Fetching that file took too long. Please send it again.");
    throw error;
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<Result<Buffer>> {
  const tooBig = refuse<Buffer>(
    "text-too-long",
    `That file is larger than ${maxBytes / 1024 / 1024} MB; assessor reports are much smaller. Try saving it as PDF or Word again, without embedded pictures.`,
  );
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) {
    await response.body?.cancel();
    return tooBig;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body!.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return tooBig;
    }
    chunks.push(value);
  }
  return ok(Buffer.concat(chunks));
}
