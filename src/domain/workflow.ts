/**
 * The review workflow of an element, separate from its rating: to do, in progress, submitted,
 * returned, approved. Whoever edits submits; a reviewer or coordinator approves or returns it
 * with a comment. Submitted and approved elements are locked against edits. Pure.
 */

export const ELEMENT_STATUSES = [
  { id: "to-do", label: "To do" },
  { id: "in-progress", label: "In progress" },
  { id: "submitted", label: "Submitted for review" },
  { id: "returned", label: "Returned for changes" },
  { id: "approved", label: "Approved" },
] as const;
export type ElementStatus = (typeof ELEMENT_STATUSES)[number]["id"];

export type ReviewStep = "submit" | "approve" | "return";

/** Anything with a review status (an element's assessment). */
interface HasStatus {
  readonly status?: ElementStatus;
}

export function statusOf(a: HasStatus): ElementStatus {
  return a.status ?? "to-do";
}

export function elementStatusLabel(status: ElementStatus): string {
  return ELEMENT_STATUSES.find((s) => s.id === status)?.label ?? status;
}

/** Content can change while an element is to do, in progress or returned. */
export function isLocked(a: HasStatus): boolean {
  const status = statusOf(a);
  return status === "submitted" || status === "approved";
}

/** After a content edit: work has started (a returned element stays returned until resubmitted). */
export function statusAfterEdit(a: HasStatus): ElementStatus {
  const status = statusOf(a);
  return status === "to-do" ? "in-progress" : status;
}

export function lockedMessage(a: HasStatus): string {
  return statusOf(a) === "approved"
    ? "This element has been approved, so it can no longer be changed. Ask your CSE coordinator if it needs reopening."
    : "This element is with a reviewer, so it cannot be changed until they approve it or return it to you.";
}
