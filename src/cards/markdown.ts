/**
 * Text that people typed, or that came from an imported file, goes into cards' Markdown (every
 * TextBlock and FactSet is Markdown in Teams) only through these functions, so that it shows
 * exactly as typed, formats nothing and links nowhere: a title such as "[Pay here](https://…)" or
 * an address with ")[…](…" in it cannot add a link that is not one of the element's own.
 */
import { withoutControlCharacters } from "../domain/typed-text.js";

/** Characters that mean something in Markdown, escaped with a backslash (CommonMark, as Teams renders it). */
const MARKDOWN_SYNTAX = /[\\`*_[\]<>~&|#]/g;
/** The most JSON a shown character may cost on average: a 3-byte character, as the card size limits assume. */
const JSON_BYTES_PER_CHAR = 3;

/**
 * Typed text for a Markdown TextBlock or Fact: control characters gone, Markdown characters
 * escaped, at most `maxChars` characters (cut with "…"). Escaping makes a backslash cost four
 * bytes of JSON; text so full of them that it would cost more than `maxJsonBytes` (by default 3
 * bytes a character, what the card size limits assume) is cut sooner, so that no text can push a
 * card over Teams' limit. Where a card lists many, the field's own byte limit is the budget.
 */
export function plainText(text: string, maxChars = Number.POSITIVE_INFINITY, maxJsonBytes = JSON_BYTES_PER_CHAR * maxChars): string {
  const chars = Array.from(withoutControlCharacters(text));
  const budget = maxJsonBytes;
  const whole = escape(chars.join(""));
  if (chars.length <= maxChars && jsonBytes(whole) <= budget) return whole;
  let low = 0;
  let high = Math.min(chars.length, Number.isFinite(maxChars) ? maxChars - 1 : chars.length);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (jsonBytes(escape(chars.slice(0, mid).join(""))) + JSON_BYTES_PER_CHAR <= budget) low = mid;
    else high = mid - 1;
  }
  return `${escape(chars.slice(0, low).join("").trimEnd())}\u2026`;
}

/** A link with a typed title to a checked address; the address cannot end the link early or open another. */
export function markdownLink(title: string, url: string, maxTitleChars?: number, maxTitleJsonBytes?: number): string {
  return `[${plainText(title, maxTitleChars, maxTitleJsonBytes)}](${linkDestination(url)})`;
}

/** The address with every character that could end, decode or confuse a Markdown link destination percent-encoded. */
export function linkDestination(url: string): string {
  // "&" stays (query strings need it) unless it starts what Markdown would read as an HTML entity.
  return url
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "%26")
    .replace(/[^A-Za-z0-9\-._~:/?#@!$&'*+,;=%]/g, (c) =>
      encodeURIComponent(c).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`),
    );
}

function escape(text: string): string {
  return text.replace(MARKDOWN_SYNTAX, "\\$&");
}

function jsonBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text), "utf8") - 2;
}
