/** Checking cards as a Teams client would read them: one copy for every card test. */
import * as AC from "adaptivecards";
import { expect } from "vitest";
import { findActions, findInputs } from "./teams.js";

/** Parses as the Teams client does (schema 1.5); every parse and validation message. */
export function cardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, ctx);
  const parse = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
  // Teams takes an Input.ChoiceSet's typeahead ("choices.data", Data.Query) in 1.5 cards, as its own
  // examples show; this parser dates the property 1.6. That one message is not a problem for Teams.
  // Teams draws Adaptive Card charts (Chart.Line and the like), which this parser does not know: a
  // client that cannot draw one shows its fallback, which the same parser checks like any element.
  const teamsTakes = (m: string) =>
    m === 'Property "choices.data" is supported in version 1.6, but you are using version 1.5.' ||
    /^Unknown element type "Chart\.(Line|VerticalBar)"\. Fallback will be used if present\.$/.test(m);
  return [...parse, ...card.validateProperties().validationEvents.map((e) => e.message)].filter((m) => !teamsTakes(m));
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

/**
 * What Teams needs of every card: each input labelled, with an id matching `ids`; each
 * Action.Execute with a verb matching `verbs`, carried in its data, and an Action.Submit fallback
 * with the same title and data for clients without Universal Actions.
 */
export function expectTeamsReady(card: unknown, ids: RegExp, verbs: RegExp): void {
  for (const input of findInputs(card)) {
    expect(input.id, JSON.stringify(input).slice(0, 80)).toMatch(ids);
    expect(String(input.label ?? "").trim(), `label of ${input.id}`).not.toBe("");
  }
  for (const a of findActions(card)) {
    expect(a.verb).toMatch(verbs);
    expect(a.data.verb).toBe(a.verb);
    expect(a.fallback, a.title).toEqual({ type: "Action.Submit", title: a.title, data: a.data });
  }
}
