/**
 * Azure Tables forbids / \ # ? and control characters in PartitionKey and RowKey. We encode
 * every character outside [A-Za-z0-9_.-] as ~XX (UTF-8 bytes in hex), which is reversible and
 * keeps "|" free to join the parts of a composite key.
 */
const SAFE = /[A-Za-z0-9_.-]/;

export function encodeKeyPart(part: string): string {
  let out = "";
  for (const ch of part) {
    if (SAFE.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, "utf8")) out += `~${byte.toString(16).padStart(2, "0").toUpperCase()}`;
  }
  return out;
}

export function decodeKeyPart(encoded: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    if (encoded[i] === "~") {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(encoded.charCodeAt(i));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** A key made of several parts, each encoded, joined by "|". */
export function compositeKey(...parts: readonly string[]): string {
  return parts.map(encodeKeyPart).join("|");
}

export function splitCompositeKey(key: string): string[] {
  return key.split("|").map(decodeKeyPart);
}

const MAX_MS = 9_999_999_999_999;

/** A key part that sorts later instants first, so "the newest N" is one short query. */
export function newestFirst(at: string): string {
  return String(MAX_MS - Date.parse(at)).padStart(13, "0");
}
