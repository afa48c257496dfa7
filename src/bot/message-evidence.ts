/**
 * What a Teams message offers as evidence, read from the `messagePayload` Teams sends with a
 * message action: the link to the message itself, the link of each file shared in it (an
 * attachment of type "reference"; the file is never downloaded), and the web links in its text
 * (as links, or typed as plain addresses).
 * A suggested title too: the message's first line, else its first file's name. Whatever the
 * payload holds, only strings are read and nothing here is trusted: the links are checked
 * again where they are stored.
 */
import { htmlToLines } from "../io/html-text.js";

export interface MessageEvidence {
  /** The first line of the message, or the first file's name: the title the dialog suggests. */
  readonly suggestedTitle: string;
  /** Who wrote the message, when Teams says. */
  readonly author?: string;
  /** The organisation the message's link says it belongs to. */
  readonly tenantId?: string;
  /** The message first, then its files, then links in its text; each address once. */
  readonly links: readonly { readonly title: string; readonly url: string; readonly kind: "message" | "file" | "link" }[];
}

/** More than a message can sensibly carry; the dialog says when links were left out. */
const MAX_LINKS = 20;
const TITLE_CHARS = 100;

const str = (value: unknown): string => (typeof value === "string" ? value : "");
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export function messageEvidence(payload: unknown): MessageEvidence {
  const message = record(payload);
  const author = str(record(record(message.from).user).displayName).slice(0, 100) || undefined;
  const html = str(record(message.body).content).slice(0, 100_000);
  const text = htmlToLines(html).filter((l) => l.trim() !== "");
  const files = (Array.isArray(message.attachments) ? message.attachments : [])
    .map(record)
    .filter((a) => str(a.contentType) === "reference" && str(a.contentUrl))
    .map((a) => ({ title: shorten(str(a.name) || "Shared file"), url: str(a.contentUrl), kind: "file" as const }));
  const inText = [
    ...html.matchAll(/<a\b[^>]{0,500}?\bhref\s*=\s*(?:"([^"]{1,3000})"|'([^']{1,3000})')[^>]{0,500}>([\s\S]{0,500}?)<\/a>/gi),
  ].map((m) => ({
    title: shorten(
      htmlToLines(m[3] ?? "")
        .join(" ")
        .trim() || "Link from the message",
    ),
    url: decodeEntities(m[1] ?? m[2] ?? ""),
    kind: "link" as const,
  }));
  // Addresses typed as plain text (Teams usually makes them links; not every client does).
  const bare = text.flatMap((line) =>
    [...line.slice(0, 5_000).matchAll(/\bhttps?:\/\/[^\s<>"']{3,2000}/gi)].map((m) => ({
      title: shorten(hostOf(m[0].replace(/[.,;:!?)\]]+$/, "")) || "Link from the message"),
      url: m[0].replace(/[.,;:!?)\]]+$/, ""),
      kind: "link" as const,
    })),
  );
  const firstLine = shorten(text[0] ?? "");
  const suggestedTitle = firstLine || files[0]?.title || (author ? `Teams message from ${author}` : "Teams message");
  const self = str(message.linkToMessage)
    ? [{ title: firstLine ? `Teams message: ${firstLine}` : suggestedTitle, url: str(message.linkToMessage), kind: "message" as const }]
    : [];
  const seen = new Set<string>();
  const links = [...self, ...files, ...inText, ...bare].filter((l) => !seen.has(l.url) && seen.add(l.url)).slice(0, MAX_LINKS);
  const tenantId = tenantOf(str(message.linkToMessage));
  return { suggestedTitle: shorten(suggestedTitle), ...(author ? { author } : {}), ...(tenantId ? { tenantId } : {}), links };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

function tenantOf(link: string): string | undefined {
  try {
    return new URL(link).searchParams.get("tenantId") ?? undefined;
  } catch {
    return undefined;
  }
}

function shorten(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length <= TITLE_CHARS ? t : `${t.slice(0, TITLE_CHARS - 1).trimEnd()}\u2026`;
}

/** An href as the HTML wrote it ("&amp;" between query parameters). */
function decodeEntities(url: string): string {
  return url
    .replace(/&amp;/g, "&")
    .replace(/&#x2F;/gi, "/")
    .replace(/&quot;/g, '"');
}
