/**
 * The one way to make a card: load a JSON template from /cards, bind it with
 * adaptivecards-templating, then finish every Action.Execute in one place: add the card's
 * shared action data (campaign, element, what the card showed) and an Action.Submit fallback
 * for clients without Universal Actions.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as ACData from "adaptivecards-templating";

export type CardName =
  | "element"
  | "welcome"
  | "help"
  | "progress"
  | "history"
  | "campaigns"
  | "campaign-form"
  | "my-work"
  | "overview"
  | "dates"
  | "reminder"
  | "action-form"
  | "action"
  | "actions"
  | "summary"
  | "criterion"
  | "import-preview"
  | "plan-preview"
  | "evidence-dialog"
  | "file-evidence"
  | "assign-form"
  | "export"
  | "standards"
  | "standard-form"
  | "figure-form"
  | "figure-import";

export interface AdaptiveCard {
  readonly type: "AdaptiveCard";
  readonly version: string;
  readonly [key: string]: unknown;
}

export const TEMPLATE_DIR = fileURLToPath(new URL("../../cards/", import.meta.url));

const templates = new Map<CardName, ACData.Template>();

function template(name: CardName): ACData.Template {
  let t = templates.get(name);
  if (!t) {
    t = new ACData.Template(JSON.parse(readFileSync(`${TEMPLATE_DIR}${name}.json`, "utf8")));
    templates.set(name, t);
  }
  return t;
}

export function renderCard(name: CardName, data: object, sharedActionData: Readonly<Record<string, string>> = {}): AdaptiveCard {
  const card = template(name).expand({ $root: data }) as AdaptiveCard;
  finishActions(card, sharedActionData);
  return card;
}

function finishActions(node: unknown, shared: Readonly<Record<string, string>>): void {
  if (Array.isArray(node)) {
    for (const child of node) finishActions(child, shared);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const obj = node as Record<string, unknown>;
  if (obj.type === "Action.Execute" && typeof obj.verb === "string") {
    // `"sharedData": false` marks a button to another kind of card (an element card's "Open action
    // 12"): it needs none of this card's data, and leaving it out keeps big cards within 28 KB.
    const own = obj.sharedData === false;
    delete obj.sharedData;
    const data = { ...(own ? {} : shared), ...(obj.data as object | undefined), verb: obj.verb };
    obj.data = data;
    obj.fallback ??= { type: "Action.Submit", title: obj.title, data };
  }
  for (const value of Object.values(obj)) finishActions(value, shared);
}

/** The largest card Teams delivers (a message's payload limit). */
export const TEAMS_CARD_BYTES = 28 * 1024;

/** Card size as Teams counts it: UTF-8 bytes of the JSON. */
export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), "utf8");
}
