/**
 * Every verb a card's button can carry: one list for the card templates (checked by a test), the
 * card builders (`verb()`) and the payload parser (one schema for each).
 */
import type { CardVerb } from "../services/views.js";

/** The element card's buttons, which the walk-through runs. */
export const ELEMENT_VERBS = [
  "save",
  "addLink",
  "removeLink",
  "next",
  "back",
  "skip",
  "open",
  "submit",
  "approve",
  "return",
] as const satisfies readonly CardVerb[];

export type ElementVerb = (typeof ELEMENT_VERBS)[number];

export const VERBS = [
  ...ELEMENT_VERBS,
  "campaigns",
  "campaignForm",
  "campaignCreate",
  "campaignMove",
  "campaignNext",
  "campaignCurrent",
  "campaignOverview",
  "campaignChase",
  "dates",
  "datesSave",
  "actionForm",
  "actionCreate",
  "action",
  "actions",
  "actionStatus",
  "actionNote",
  "actionSnooze",
  "actionDue",
  "summaryCriterion",
  "importConfirm",
  "importCancel",
  "planConfirm",
  "fileEvidence",
  "assignForm",
  "assignCreate",
  "exportLinks",
  "standards",
  "standardForm",
  "standardSave",
  "figureForm",
  "figureSave",
  "figureImportConfirm",
  "progress",
  "help",
] as const;

export type Verb = (typeof VERBS)[number];

/** A button's verb as Teams carries it: "cse.save". */
export function verb(name: Verb): `cse.${Verb}` {
  return `cse.${name}`;
}
