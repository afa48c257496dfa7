/**
 * Text longer than a column holds, kept in several: a string column holds at most 64 KiB (32K
 * UTF-16 characters) and an entity 1 MiB, so the text is cut into "<name>0", "<name>1", ... of at
 * most PART characters, with "<name>Parts" saying how many. Row format only; no storage calls.
 */
import type { StoredEntity } from "./tables.js";

const PART = 30_000;

/** `text` as columns named after `name`, or none when it needs more than `maxParts` (the row then goes without). */
export function longColumns(name: string, text: string, maxParts: number): Record<string, string> {
  const parts = Math.max(1, Math.ceil(text.length / PART));
  if (parts > maxParts) return {};
  const columns: Record<string, string> = { [`${name}Parts`]: String(parts) };
  for (let i = 0; i < parts; i++) columns[`${name}${i}`] = text.slice(i * PART, (i + 1) * PART);
  return columns;
}

/** The text kept by longColumns, or undefined when the row does not have it whole. */
export function longColumn(e: StoredEntity, name: string): string | undefined {
  const parts = Number(e[`${name}Parts`]);
  if (!Number.isInteger(parts) || parts < 1) return undefined;
  let text = "";
  for (let i = 0; i < parts; i++) {
    const part = e[`${name}${i}`];
    if (typeof part !== "string") return undefined;
    text += part;
  }
  return text;
}
