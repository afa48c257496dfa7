/**
 * The one cleaner for text people type (and text read from imported files), applied before it is
 * checked against its limits and stored. It keeps what someone meant and drops what nobody means:
 * broken surrogate pairs, control characters (each would cost six bytes of a card's JSON and can
 * break what displays it) and the bidirectional overrides that make text display in another order
 * than it was written. Left-to-right and right-to-left marks stay: languages written right to
 * left use them.
 */

// eslint-disable-next-line no-control-regex -- removing control characters is what this cleaner is for
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const BIDI_OVERRIDES = /[\u202a-\u202e\u2066-\u2069]/g;
/** Half of a surrogate pair without its other half: not a character at all. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Well formed, line ends as LF, no control characters but tab and line feed, no bidi overrides. */
export function withoutControlCharacters(text: string): string {
  return text.replace(LONE_SURROGATE, "").replace(/\r\n?/g, "\n").replace(CONTROL, "").replace(BIDI_OVERRIDES, "");
}

/** Text of one or more paragraphs (narratives, descriptions, notes): clean, without trailing spaces, trimmed. */
export function cleanText(text: string): string {
  return withoutControlCharacters(text)
    .replace(/[ \t]+$/gm, "")
    .trim();
}

/** Text of one line (titles, names, comments, campaign and unit names): every run of white space, line breaks included, becomes one space. */
export function cleanLine(text: string): string {
  return withoutControlCharacters(text).replace(/\s+/g, " ").trim();
}
