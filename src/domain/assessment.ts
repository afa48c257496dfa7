/**
 * One element's self-assessment in a campaign, and how a person's edit is applied to it.
 * Edits merge three ways: what the person's card showed (base), what they typed (draft) and
 * what is stored now (current). Someone else's change to a field the person also changed is a
 * conflict: nothing is stored and the person is shown the newer value. Pure.
 */
import { createHash } from "node:crypto";
import { isRatingId, ratingLabel, type RatingOrUnrated } from "../standard/index.js";
import { linkIdentity, validateLink, type EvidenceLink } from "./evidence.js";
import { LIMITS, tooLong } from "./limits.js";
import { cleanText } from "./typed-text.js";
import { ok, refuse, type Result } from "./refusal.js";
import { isLocked, lockedMessage, statusAfterEdit, type ElementStatus } from "./workflow.js";

export const COUNCIL_UNIT = "council";

export interface ElementAssessment {
  readonly campaignId: string;
  readonly unitId: string;
  readonly ref: string;
  readonly rating: RatingOrUnrated;
  readonly narrative: string;
  readonly evidence: readonly EvidenceLink[];
  /** Who owns the element in this campaign and unit (see assignment.ts). */
  readonly ownerId?: string;
  readonly ownerName?: string;
  /** Review workflow; absent means "to do" (see workflow.ts). */
  readonly status?: ElementStatus;
  readonly submittedBy?: string;
  readonly submittedByName?: string;
  /** The reviewer's comment when returned (or approved with a note). */
  readonly reviewComment?: string;
  readonly updatedBy?: string;
  readonly updatedAt?: string;
  /** Storage version (ETag); absent until first saved. */
  readonly etag?: string;
}

export function emptyAssessment(campaignId: string, unitId: string, ref: string): ElementAssessment {
  return { campaignId, unitId, ref, rating: "unrated", narrative: "", evidence: [] };
}

/** What a person asked for from the element card. */
export interface ElementEdit {
  /** The values the person's card was showing when they acted. */
  readonly base: { readonly rating: RatingOrUnrated; readonly narrativeHash: string };
  /** Values in the card's inputs; undefined means "not sent". */
  readonly draft: { readonly rating?: string; readonly narrative?: string };
  readonly addLink?: { readonly title: string; readonly url: string };
  /** Several links at once (from a Teams message): all are added, or none. */
  readonly addLinks?: readonly { readonly title: string; readonly url: string }[];
  /** Where added links came from, for the audit trail: "from a Teams message". */
  readonly via?: string;
  readonly removeLinkId?: string;
}

export interface FieldChange {
  readonly field: "rating" | "narrative" | "evidence" | "status" | "owner";
  readonly from: string;
  readonly to: string;
  /** How it came in, when not typed on the card: "from a Teams message". */
  readonly via?: string;
}

export interface EditOutcome {
  readonly next: ElementAssessment;
  readonly changes: readonly FieldChange[];
}

export function narrativeHash(narrative: string): string {
  return createHash("sha256").update(normaliseNarrative(narrative)).digest("base64url").slice(0, 16);
}

export function linkId(url: string): string {
  return createHash("sha256").update(linkIdentity(url)).digest("base64url").slice(0, 10);
}

/**
 * Line endings and trailing space differ between Teams clients; they are not a change. Control
 * characters and broken surrogate pairs are dropped: nobody means them, and they would bloat
 * the card's JSON six-fold.
 */
export function normaliseNarrative(text: string): string {
  return cleanText(text.replace(/\ufffd/g, ""));
}

export function applyEdit(current: ElementAssessment, edit: ElementEdit, who: string, at: Date): Result<EditOutcome> {
  if (isLocked(current)) return refuse("not-allowed", lockedMessage(current));
  const changes: FieldChange[] = [];
  let { rating, narrative, evidence } = current;

  if (edit.draft.rating !== undefined && edit.draft.rating !== "") {
    if (!isRatingId(edit.draft.rating)) {
      return refuse("invalid-rating", "That rating is not on the CSE scale. Please pick one from the list.");
    }
    if (edit.draft.rating !== edit.base.rating) {
      if (current.rating !== edit.base.rating && current.rating !== edit.draft.rating) {
        return conflict(current, "rating");
      }
      rating = edit.draft.rating;
    }
  }

  if (edit.draft.narrative !== undefined) {
    const draft = normaliseNarrative(edit.draft.narrative);
    const problem = tooLong("The narrative", draft, LIMITS.narrativeChars, LIMITS.narrativeBytes);
    if (problem) return refuse("text-too-long", `${problem} Put the detail in a linked document and summarise it here.`);
    if (narrativeHash(draft) !== edit.base.narrativeHash) {
      if (narrativeHash(current.narrative) !== edit.base.narrativeHash && normaliseNarrative(current.narrative) !== draft) {
        return conflict(current, "narrative");
      }
      narrative = draft;
    }
  }

  if (edit.removeLinkId !== undefined) {
    const target = evidence.find((l) => l.id === edit.removeLinkId);
    if (!target) return refuse("link-not-found", "That link has already been removed.");
    evidence = evidence.filter((l) => l.id !== edit.removeLinkId);
    changes.push({ field: "evidence", from: `${target.title} <${target.url}>`, to: "" });
  }

  if (edit.addLink) {
    const added = addLinks(evidence, [edit.addLink], who, at, edit.via);
    if (!added.ok) return added;
    if (added.value.changes.length === 0) return refuse("duplicate-link", "That link is already in this element's evidence.");
    evidence = added.value.evidence;
    changes.push(...added.value.changes);
  }

  if (edit.addLinks) {
    const added = addLinks(evidence, edit.addLinks, who, at, edit.via);
    if (!added.ok) return added;
    if (added.value.changes.length === 0)
      return refuse(
        "duplicate-link",
        `${edit.addLinks.length === 1 ? "That link is" : "Those links are"} already in this element's evidence.`,
      );
    evidence = added.value.evidence;
    changes.push(...added.value.changes);
  }

  if (rating !== current.rating) changes.unshift({ field: "rating", from: current.rating, to: rating });
  if (narrative !== current.narrative) changes.unshift({ field: "narrative", from: current.narrative, to: narrative });

  if (changes.length === 0) return ok({ next: current, changes });
  const status = statusAfterEdit(current);
  if (status !== (current.status ?? "to-do")) changes.push({ field: "status", from: current.status ?? "to-do", to: status });
  return ok({ next: { ...current, rating, narrative, evidence, status, updatedBy: who, updatedAt: at.toISOString() }, changes });
}

/**
 * `links` checked and added to `evidence`, skipping any already there; refused whole when one is
 * unsafe or they would pass the most a card shows.
 */
function addLinks(
  evidence: ElementAssessment["evidence"],
  links: readonly { readonly title: string; readonly url: string }[],
  who: string,
  at: Date,
  via: string | undefined,
): Result<{ evidence: ElementAssessment["evidence"]; changes: FieldChange[] }> {
  const fresh: ElementAssessment["evidence"][number][] = [];
  for (const link of links) {
    const checked = validateLink(link.title, link.url);
    if (!checked.ok) return checked;
    const id = linkId(checked.value.url);
    if (!evidence.some((l) => l.id === id) && !fresh.some((l) => l.id === id))
      fresh.push({ id, ...checked.value, addedBy: who, addedAt: at.toISOString() });
  }
  const room = LIMITS.linksPerElement - evidence.length;
  if (fresh.length > room)
    return refuse(
      "too-many-links",
      room <= 0
        ? `This element already has ${LIMITS.linksPerElement} links, the most a card can show. Link a folder or an index page instead.`
        : `This element has ${evidence.length} links and these are ${fresh.length} more: together more than the ${LIMITS.linksPerElement} a card can show, so none was added. Remove one first, or link a folder or an index page instead.`,
    );
  const changes = fresh.map((l): FieldChange => ({ field: "evidence", from: "", to: `${l.title} <${l.url}>`, ...(via ? { via } : {}) }));
  return ok({ evidence: [...evidence, ...fresh], changes });
}

function conflict(current: ElementAssessment, field: "rating" | "narrative"): Result<never> {
  const what = field === "rating" ? `the rating to ${ratingLabel(current.rating)}` : "the narrative";
  return refuse(
    "conflict",
    `Someone else changed ${what} while you were editing, so your change was not saved. The card now shows the latest version: please re-apply your change.`,
  );
}
