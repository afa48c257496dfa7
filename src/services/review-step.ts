/**
 * Review steps on an element: submit (saving what was typed in the same transaction), approve,
 * return with a comment. Checked here on the server; the submitter is told of the decision.
 */
import type { Clock } from "../clock.js";
import { applyEdit, emptyAssessment, type ElementAssessment, type ElementEdit, type FieldChange } from "../domain/assessment.js";
import { auditEntries } from "../domain/audit.js";
import { closedMessage, type Campaign } from "../domain/campaign.js";
import type { Refusal } from "../domain/refusal.js";
import { can } from "../domain/roles.js";
import { review } from "../domain/review.js";
import { elementStatusLabel, type ReviewStep } from "../domain/workflow.js";
import type { Logger } from "../logger.js";
import { ConcurrencyError, type Stores } from "../store/index.js";
import { elementView, refusedAction, rememberPlace, type ActionOutcome, type Loaded } from "./element-loader.js";
import { tellPerson } from "./messaging.js";
import type { Actor, CardAction, Notifier } from "./views.js";

export class ReviewSteps {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly notifier: Notifier,
  ) {}

  /**
   * Submit (after saving what was typed), approve or return: the step is checked, saved with its
   * audit entry against the ETag, and the submitter is told of the reviewer's decision.
   */
  async run(actor: Actor, loaded: Loaded, action: CardAction, edit?: ElementEdit): Promise<ActionOutcome> {
    const step = action.verb as ReviewStep;
    const { campaign, unit } = loaded;
    if (step !== "submit" && !can(loaded.roles, "review")) {
      const refusal: Refusal = { code: "not-allowed", message: "Only a reviewer or a CSE coordinator can approve or return an element." };
      return refusedAction(this.log, actor, action, refusal, elementView(loaded, action.ref, refusal));
    }
    let current = loaded.assessments.get(action.ref) ?? emptyAssessment(campaign.id, unit.id, action.ref);
    // "Submit" saves what was typed and submits it in one transaction.
    const changes: FieldChange[] = [];
    if (edit) {
      const edited = applyEdit(current, edit, actor.userId, this.clock.now());
      if (!edited.ok)
        return refusedAction(this.log, actor, action, edited.refusal, elementView(loaded, action.ref, edited.refusal, action.drafts));
      current = edited.value.next;
      changes.push(...edited.value.changes);
    }
    const reviewingOwn = step !== "submit" && current.submittedBy === actor.userId && !can(loaded.roles, "manage-campaigns");
    const stepped = reviewingOwn
      ? {
          ok: false as const,
          refusal: { code: "not-allowed" as const, message: "You submitted this element, so someone else must review it." },
        }
      : campaign.status !== "open" && campaign.status !== "in-review"
        ? { ok: false as const, refusal: { code: "campaign-closed" as const, message: closedMessage(campaign) } }
        : review(current, step, actor, this.clock.now(), action.drafts.comment);
    if (!stepped.ok)
      return refusedAction(
        this.log,
        actor,
        action,
        stepped.refusal,
        elementView(loaded, action.ref, stepped.refusal, step === "return" ? action.drafts : undefined),
      );
    let saved: ElementAssessment;
    try {
      saved = await this.stores.assessments.save(
        actor.tenantId,
        stepped.value.next,
        auditEntries(
          [...changes, stepped.value.change],
          { campaignId: campaign.id, unitId: unit.id, ref: action.ref },
          actor,
          this.clock.now(),
        ),
      );
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      loaded.assessments = await this.stores.assessments.listForUnit(actor.tenantId, campaign.id, unit.id);
      const refusal: Refusal = {
        code: "conflict",
        message: "Someone else changed this element at the same moment, so nothing was saved. The card shows the latest version.",
      };
      return refusedAction(this.log, actor, action, refusal, elementView(loaded, action.ref, refusal));
    }
    loaded.assessments.set(action.ref, saved);
    await rememberPlace(this.stores, this.clock, actor, loaded, action.ref);
    this.log.info({ tenant: actor.tenantId, campaign: campaign.id, unit: unit.id, ref: action.ref, step }, "review step");
    if (step !== "submit" && saved.submittedBy) await this.tellSubmitter(actor, saved, action.ref, campaign);
    const done =
      step === "submit"
        ? "Submitted for review."
        : `${elementStatusLabel(saved.status ?? "to-do")}. ${saved.submittedByName ?? "The owner"} has been told.`;
    return { ok: true, view: { ...elementView(loaded, action.ref), notice: { tone: "good", text: done } } };
  }

  private async tellSubmitter(actor: Actor, saved: ElementAssessment, ref: string, campaign: Campaign): Promise<void> {
    const text =
      saved.status === "approved"
        ? `${actor.displayName} approved element ${ref} in "${campaign.name}". Thank you!`
        : `${actor.displayName} returned element ${ref} in "${campaign.name}" for changes: "${saved.reviewComment}". Type assess ${ref} to update it and submit it again.`;
    const submitter = { userId: saved.submittedBy!, name: saved.submittedByName ?? "" };
    const sent = await tellPerson(this.stores, this.notifier, actor.tenantId, submitter, text, this.clock.now());
    if (!sent) this.log.warn({ tenant: actor.tenantId, user: saved.submittedBy, ref }, "submitter could not be told of a review decision");
  }
}
