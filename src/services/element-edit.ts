/**
 * What a button on the element card does to the element: the edit it makes, who may make it,
 * where it leads, and the save itself (merged again on the newer copy when someone saved first).
 */
import { applyEdit, emptyAssessment, narrativeHash, type ElementAssessment, type ElementEdit } from "../domain/assessment.js";
import { auditEntries } from "../domain/audit.js";
import { mayEdit, notYoursMessage, ownerOf } from "../domain/assignment.js";
import { acceptsEdits, closedMessage } from "../domain/campaign.js";
import { neighbour, nextUnrated } from "../domain/progress.js";
import type { Refusal } from "../domain/refusal.js";
import { can } from "../domain/roles.js";
import { ConcurrencyError } from "../store/index.js";
import type { ServiceContext } from "./context.js";
import type { Loaded } from "./element-loader.js";
import type { Actor, CardAction, CardVerb, Drafts } from "./views.js";

export type SaveOutcome =
  | { readonly ok: true; readonly changed: boolean; readonly assessment: ElementAssessment }
  | { readonly ok: false; readonly refusal: Refusal };

const SAVE_ATTEMPTS = 5;
const BUSY_ELEMENT =
  "Several people are changing this element right now, so your change was not saved. The card shows the latest version: please try again.";
const READ_ONLY = "You have read-only access (Leader), so nothing was changed. Ask your CSE coordinator if you need to contribute.";

/** What a button does to the element: nothing for Skip and Open, or for Next/Back with nothing typed. */
export function editFor(action: CardAction): ElementEdit | undefined {
  if (action.verb === "skip" || action.verb === "open") return undefined;
  // Moving on from a card where nothing was changed is only moving: it must work on a locked
  // element or a signed-off campaign, where nothing may be saved.
  if ((action.verb === "next" || action.verb === "back") && !typedAnything(action)) return undefined;
  return {
    base: action.base,
    draft: { rating: action.drafts.rating, narrative: action.drafts.narrative },
    // A link typed into the card is saved by whichever button saves, never dropped.
    addLink:
      action.verb === "addLink" || typedLink(action.drafts)
        ? { title: action.drafts.linkTitle ?? "", url: action.drafts.linkUrl ?? "" }
        : undefined,
    removeLinkId: action.verb === "removeLink" ? (action.linkId ?? "") : undefined,
  };
}

/** A ref that names no element of the standard, in words a council officer can act on. */
export function unknownElement(ref: string): Refusal {
  return {
    code: "unknown-element",
    message: `There is no element "${ref.slice(0, 20)}" in the CSE standard. Elements run from 1.1.1 to 5.3.3, for example: assess 3.2.1`,
  };
}

/** Why `actor` may not change element `ref` in `loaded`, or undefined when they may. */
export function editRefusal(loaded: Loaded, actor: Actor, ref: string): Refusal | undefined {
  const { campaign } = loaded;
  if (!can(loaded.roles, "edit-elements")) return { code: "not-allowed", message: READ_ONLY };
  const owner = ownerOf(loaded.assessments.get(ref));
  if (owner && !mayEdit(loaded.roles, actor.userId, owner)) return { code: "not-allowed", message: notYoursMessage(owner) };
  if (!acceptsEdits(campaign)) return { code: "campaign-closed", message: closedMessage(campaign) };
  return undefined;
}

/** Whether the card's inputs differ from what the card showed. */
export function typedAnything(action: CardAction): boolean {
  const { drafts, base } = action;
  const rating = drafts.rating !== undefined && drafts.rating !== "" && drafts.rating !== base.rating;
  const narrative = drafts.narrative !== undefined && narrativeHash(drafts.narrative) !== base.narrativeHash;
  return rating || narrative || typedLink(drafts);
}

export function typedLink(drafts: Drafts): boolean {
  return (drafts.linkTitle ?? "").trim() !== "" || (drafts.linkUrl ?? "").trim() !== "";
}

export function savedMessage(verb: CardVerb, withTypedLink: boolean): string {
  if (verb === "addLink") return "Link added.";
  if (verb === "removeLink") return withTypedLink ? "Link removed, and the link you typed added." : "Link removed.";
  return withTypedLink ? "Saved, with the link you typed." : "Saved.";
}

/** Where a button leads once it has run. */
export function destination(action: CardAction, assessments: ReadonlyMap<string, ElementAssessment>): string | undefined {
  switch (action.verb) {
    case "next":
      return neighbour(action.ref, 1);
    case "back":
      return neighbour(action.ref, -1);
    case "skip":
      return nextUnrated(assessments, action.ref);
    default:
      return action.ref;
  }
}

/** Applies `edit` to the stored copy and saves it with its audit, merging again on an ETag conflict. */
export async function saveWithRetry(
  { stores, clock, log }: Pick<ServiceContext, "stores" | "clock" | "log">,
  actor: Actor,
  loaded: Loaded,
  ref: string,
  edit: ElementEdit,
): Promise<SaveOutcome> {
  const { campaign, unit } = loaded;
  let latest = loaded.assessments.get(ref);
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) latest = await stores.assessments.get(actor.tenantId, campaign.id, unit.id, ref);
    const current = latest ?? emptyAssessment(campaign.id, unit.id, ref);
    const now = clock.now();
    const outcome = applyEdit(current, edit, actor.userId, now);
    if (!outcome.ok) return outcome;
    if (outcome.value.changes.length === 0) return { ok: true, changed: false, assessment: current };
    try {
      const audit = auditEntries(outcome.value.changes, { campaignId: campaign.id, unitId: unit.id, ref }, actor, now);
      const assessment = await stores.assessments.save(actor.tenantId, outcome.value.next, audit);
      log.info(
        { tenant: actor.tenantId, campaign: campaign.id, unit: unit.id, ref, changes: outcome.value.changes.map((c) => c.field) },
        "element updated",
      );
      return { ok: true, changed: true, assessment };
    } catch (error) {
      // Someone saved between our read and write: merge again on the newer copy.
      if (!(error instanceof ConcurrencyError)) throw error;
      if (attempt >= SAVE_ATTEMPTS) return { ok: false, refusal: { code: "conflict", message: BUSY_ELEMENT } };
    }
  }
}
