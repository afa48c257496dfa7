/** Checking cards as a Teams client would read them: one copy for every card test. */
import * as AC from "adaptivecards";

/** Parses as the Teams client does (schema 1.5); every parse and validation message. */
export function cardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, ctx);
  const parse = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
  return [...parse, ...card.validateProperties().validationEvents.map((e) => e.message)];
}

/** Every string anywhere in a card (to find unbound `${...}` and the like). */
export function strings(node: unknown, out: string[] = []): string[] {
  if (typeof node === "string") out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => strings(n, out));
  else if (node && typeof node === "object") Object.values(node).forEach((v) => strings(v, out));
  return out;
}

/** Every object in a card that `match` picks. */
export function nodes(node: unknown, match: (o: Record<string, any>) => boolean, out: Record<string, any>[] = []): Record<string, any>[] {
  if (Array.isArray(node)) node.forEach((n) => nodes(n, match, out));
  else if (node && typeof node === "object") {
    if (match(node as Record<string, any>)) out.push(node as Record<string, any>);
    Object.values(node).forEach((v) => nodes(v, match, out));
  }
  return out;
}
