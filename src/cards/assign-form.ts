/**
 * Assigning work from a card, no channel needed: the owner from a people picker (a typeahead the
 * bot answers from the people it knows in the organisation) and what they own: a criterion, a
 * sub-criterion or an element, the one the coordinator came from chosen already.
 */
import { CRITERIA } from "../standard/index.js";
import { shorten } from "./format.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";

/** The typeahead's dataset, as the bot's search handler answers it. */
export const PEOPLE_DATASET = "cse.people";

export function assignFormCard(view: {
  readonly campaignName: string;
  readonly unitName?: string;
  readonly selected?: string;
  /** The first people offered before anything is typed (the typeahead finds the rest). */
  readonly people: readonly { readonly userId: string; readonly name: string }[];
}): AdaptiveCard {
  const scopes = CRITERIA.flatMap((c) => {
    const elements = c.subCriteria.flatMap((s) => s.elements);
    return [
      { value: String(c.number), title: `Criterion ${c.number}: ${c.title} (${elements.length} elements)` },
      ...c.subCriteria.flatMap((s) => [
        { value: s.ref, title: `${s.ref} ${s.title} (${s.elements.length} elements)` },
        ...s.elements.map((e) => ({ value: e.ref, title: `${e.ref} ${shorten(e.statement, 60)}` })),
      ]),
    ];
  });
  return renderCard("assign-form", {
    campaignName: plainText(view.campaignName, 120),
    unitLine: view.unitName ? plainText(`Unit: ${view.unitName}`, 120) : "The whole council",
    people: view.people.map((p) => ({ userId: p.userId, name: shorten(p.name, 60) })),
    scopes,
    selected: scopes.some((s) => s.value === view.selected) ? view.selected : "",
    explain:
      "The owner is told one-to-one and finds it under my work. Elements already owned by someone else move to the new owner; submitted and approved ones keep their status.",
  });
}
