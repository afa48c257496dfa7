/** Evidence links: validated, normalised, de-duplicated. Pure. */
import { LIMITS, tooLong } from "./limits.js";
import { ok, refuse, type Result } from "./refusal.js";
import { cleanLine } from "./typed-text.js";

export interface EvidenceLink {
  /** Short stable id, used by "remove" buttons. */
  readonly id: string;
  readonly title: string;
  /** Normalised absolute http(s) URL. */
  readonly url: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

/** Checks a link typed by a person and returns it normalised, or says plainly why not. */
export function validateLink(rawTitle: string, rawUrl: string): Result<{ title: string; url: string }> {
  const title = cleanLine(rawTitle);
  const urlText = rawUrl.trim();
  if (urlText === "") return refuse("invalid-url", "Please paste the link's web address, starting with https://");
  // eslint-disable-next-line no-control-regex -- finding control characters is what this check is for
  if (/[\u0000-\u001f\u007f\s]/.test(urlText)) {
    return refuse(
      "invalid-url",
      "That web address has spaces or hidden characters in it. Please copy it again from the browser's address bar.",
    );
  }
  // "host:8443/path" has a port, not a scheme.
  const scheme = /^([a-z][a-z0-9+.-]*):(?!\d+(?:[/?#]|$))/i.exec(urlText)?.[1]?.toLowerCase();
  if (scheme && scheme !== "http" && scheme !== "https") {
    const shown = scheme.length > 20 ? `${scheme.slice(0, 20)}...` : scheme;
    return refuse(
      "unsafe-url",
      `Links must start with https:// or http://. A "${shown}:" link cannot be opened safely by others, so it was not added.`,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(scheme ? urlText : `https://${urlText}`);
  } catch {
    return refuse("invalid-url", "That does not look like a web address. Please paste the full link, starting with https://");
  }
  if (!parsed.hostname.includes(".")) {
    return refuse("invalid-url", "That web address has no proper site name (such as council.sharepoint.com). Please paste the full link.");
  }
  if (parsed.username || parsed.password) {
    return refuse("unsafe-url", "That link has a user name or password inside it. Please share a link without sign-in details.");
  }
  const url = parsed.href;
  if (url.length > LIMITS.linkUrlChars) {
    return refuse(
      "text-too-long",
      `That link is too long (${url.length} characters; the most is ${LIMITS.linkUrlChars}). Try the document's "Copy link" option, which gives a shorter address.`,
    );
  }
  const problem = tooLong("The link title", title, LIMITS.linkTitleChars, LIMITS.linkTitleBytes);
  if (problem) return refuse("text-too-long", problem);
  return ok({ title: title === "" ? parsed.hostname : title, url });
}

/** The key two links are compared by: same place, whatever the case of the host or a trailing slash. */
export function linkIdentity(url: string): string {
  const u = new URL(url);
  const path = u.pathname.replace(/\/+$/, "");
  return `${u.protocol}//${u.host.toLowerCase()}${path}${u.search}`;
}
