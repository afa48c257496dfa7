/** Review steps on an element: submit, approve, return with a comment. Pure. */
import type { ElementAssessment, FieldChange } from "./assessment.js";
import { LIMITS, tooLong } from "./limits.js";
import { ok, refuse, type Result } from "./refusal.js";
import { cleanLine } from "./typed-text.js";
import { statusOf, type ReviewStep } from "./workflow.js";

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
