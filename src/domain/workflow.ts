/**
 * The review workflow of an element, separate from its rating: to do, in progress, submitted,
 * returned, approved. Whoever edits submits; a reviewer or coordinator approves or returns it
 * with a comment. Submitted and approved elements are locked against edits. Pure.
 */
import type { ElementAssessment, FieldChange } from "./assessment.js";
import { LIMITS, tooLong } from "./limits.js";
import { ok, refuse, type Result } from "./refusal.js";
import { cleanLine } from "./typed-text.js";

export const ELEMENT_STATUSES = [
  { id: "to-do", label: "To do" },
  { id: "in-progress", label: "In progress" },
  { id: "submitted", label: "Submitted for review" },
  { id: "returned", label: "Returned for changes" },
  { id: "approved", label: "Approved" },
] as const;
export type ElementStatus = (typeof ELEMENT_STATUSES)[number]["id"];

export type ReviewStep = "submit" | "approve" | "return";

export function statusOf(a: Pick<ElementAssessment, "status">): ElementStatus {
  return a.status ?? "to-do";
}

export function elementStatusLabel(status: ElementStatus): string {
  return ELEMENT_STATUSES.find((s) => s.id === status)?.label ?? status;
}

/** Content can change while an element is to do, in progress or returned. */
export function isLocked(a: Pick<ElementAssessment, "status">): boolean {
  const status = statusOf(a);
  return status === "submitted" || status === "approved";
}

/** After a content edit: work has started (a returned element stays returned until resubmitted). */
export function statusAfterEdit(a: Pick<ElementAssessment, "status">): ElementStatus {
  const status = statusOf(a);
  return status === "to-do" ? "in-progress" : status;
}

export function lockedMessage(a: Pick<ElementAssessment, "status">): string {
  return statusOf(a) === "approved"
    ? "This element has been approved, so it can no longer be changed. Ask your CSE coordinator if it needs reopening."
    : "This element is with a reviewer, so it cannot be changed until they approve it or return it to you.";
}

/**
 * Applies a review step. `comment` is required to return an element. The caller checks who may
 * take the step (reviewers and coordinators approve and return).
 */
export function review(
  current: ElementAssessment,
  step: ReviewStep,
  who: { userId: string; displayName: string },
  at: Date,
  comment = "",
): Result<{ next: ElementAssessment; change: FieldChange }> {
  const status = statusOf(current);
  const when = at.toISOString();
  if (step === "submit") {
    if (status === "submitted") return refuse("invalid-payload", "This element is already with a reviewer.");
    if (status === "approved") return refuse("invalid-payload", "This element is already approved.");
    if (current.rating === "unrated") return refuse("invalid-payload", "Please choose a rating before submitting this element for review.");
    return ok({
      next: {
        ...current,
        status: "submitted",
        submittedBy: who.userId,
        submittedByName: who.displayName,
        reviewComment: "",
        updatedBy: who.userId,
        updatedAt: when,
      },
      change: { field: "status", from: status, to: "submitted" },
    });
  }
  if (status !== "submitted") return refuse("invalid-payload", "Only an element submitted for review can be approved or returned.");
  if (step === "approve") {
    return ok({
      next: { ...current, status: "approved", reviewComment: cleanLine(comment), updatedBy: who.userId, updatedAt: when },
      change: { field: "status", from: status, to: "approved" },
    });
  }
  const text = cleanLine(comment);
  if (text === "") return refuse("invalid-payload", "Please say what needs changing, so the owner knows what to do.");
  const problem = tooLong("The comment", text, LIMITS.commentChars, LIMITS.commentBytes);
  if (problem) return refuse("text-too-long", problem);
  return ok({
    next: { ...current, status: "returned", reviewComment: text, updatedBy: who.userId, updatedAt: when },
    change: { field: "status", from: status, to: `returned: ${text}` },
  });
}
