/**
 * Who a plan means by an owner written as text ("Sarah Jones", "Jones, Sarah", "Sarah Jones (Head
 * of Customer Services)"): the one person the bot knows whose whole name the text holds. Job
 * titles ("AD (IT Services)") and names two people share match nobody: the coordinator chooses.
 * Pure.
 */
import type { Person } from "./actions.js";

const words = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9']+/)
    .filter((w) => w.length > 0);

/** The one person whose every name word appears in `written` (at least two words: a first name alone is not enough). */
export function matchPerson(written: string, people: readonly Person[]): Person | undefined {
  const said = new Set(words(written.slice(0, 200)));
  if (said.size === 0) return undefined;
  const matches = people.filter((p) => {
    const name = words(p.name);
    return name.length >= 2 && name.every((w) => said.has(w));
  });
  const distinct = new Map(matches.map((p) => [p.userId, p]));
  return distinct.size === 1 ? [...distinct.values()][0] : undefined;
}
