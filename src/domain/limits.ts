/**
 * Limits on what people type. They keep every card under Teams' 28 KB limit with the longest
 * allowed content, whatever characters it is written in (the card tests check that), with room
 * left for the workflow fields to come. A narrative summarises; detail goes in the evidence.
 * Everyday English never meets a byte limit before the character limit.
 */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Why `text` is too long for a limit of `maxChars` characters and `maxBytes` bytes, or undefined. */
export function tooLong(what: string, text: string, maxChars: number, maxBytes: number): string | undefined {
  if (text.length > maxChars) return `${what} is too long (${text.length} characters; the most is ${maxChars}).`;
  if (utf8Bytes(text) > maxBytes)
    return `${what} is too long for a Teams card: it uses many accented or special characters, which take more room. Please shorten it a little.`;
  return undefined;
}

/** Cuts `text` to at most `maxChars` characters and `maxBytes` UTF-8 bytes, never inside a character. */
export function truncateTo(text: string, maxChars: number, maxBytes: number): string {
  let out = text.slice(0, maxChars);
  while (utf8Bytes(out) > maxBytes)
    out = Array.from(out)
      .slice(0, -Math.max(1, Math.ceil((utf8Bytes(out) - maxBytes) / 4)))
      .join("");
  return out;
}

export const LIMITS = {
  narrativeChars: 2000,
  /** Teams counts bytes: text full of accented or special characters takes up to 3 bytes each. */
  narrativeBytes: 4000,
  linkTitleChars: 100,
  linkTitleBytes: 200,
  linkUrlChars: 500,
  linksPerElement: 8,
  /** A reviewer's comment when returning an element. */
  commentChars: 300,
  commentBytes: 600,
  /** Longer campaign names are shortened on cards. */
  campaignNameChars: 80,
} as const;
