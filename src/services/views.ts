/** What the walk-through hands to card builders: plain data, no SDK. */
import type { ElementAssessment, ElementEdit } from "../domain/assessment.js";
import type { AuditEntry } from "../domain/audit.js";
import type { Campaign, Unit } from "../domain/campaign.js";
import type { ProgressSummary } from "../domain/progress.js";
import type { ReviewStep } from "../domain/workflow.js";
import type { StandardRow } from "../domain/standards-report.js";
import type { ActionLink } from "../store/actions.js";
import type { LastCycleElement } from "../domain/last-cycle.js";
import type { ElementInContext, RatingId } from "../standard/index.js";

export interface Actor {
  readonly tenantId: string;
  readonly userId: string;
  readonly displayName: string;
  /** Their one-to-one conversation, serialised, when they are acting from one. */
  readonly conversation?: string;
}

/** Someone to tell something one-to-one: their stored conversation when they have chatted with the bot. */
export interface NotifyRecipient {
  readonly tenantId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly conversation?: string;
}

/** Sends a one-to-one message to someone, outside any conversation turn. */
export interface Notifier {
  /**
   * Sends `text`, opening a one-to-one chat for someone who never wrote to the bot (as reminders
   * do). Not delivered (logged) when the person cannot be reached; `newConversation` when a chat
   * was opened, to keep.
   */
  send(to: NotifyRecipient, text: string): Promise<{ readonly delivered: boolean; readonly newConversation?: string }>;
}

export type Notice = { readonly tone: "good" | "attention" | "warning"; readonly text: string };

/** What typed into the card should survive a refusal, so nobody has to type it again. */
export interface Drafts {
  /** A reviewer's comment when returning an element. */
  readonly comment?: string;
  readonly rating?: string;
  readonly narrative?: string;
  readonly linkTitle?: string;
  readonly linkUrl?: string;
}

/** The campaign and unit a person is assessing. */
export interface Scope {
  readonly campaign: Campaign;
  readonly unit: Unit;
}

/** Last cycle's assessment of the same element and unit, shown as context. */
export interface PreviousCycle {
  readonly campaignName: string;
  readonly element: LastCycleElement;
}

export interface ElementView extends Scope {
  /** The viewer may approve or return submitted elements. */
  readonly canReview: boolean;
  /** A coordinator: may give the element to an owner. */
  readonly canAssign: boolean;
  readonly element: ElementInContext;
  readonly assessment: ElementAssessment;
  readonly progress: ProgressSummary;
  readonly previous?: PreviousCycle;
  readonly notice?: Notice;
  readonly drafts?: Drafts;
  /** The rating in the assessor's report imported into this campaign (last year's assessment). */
  readonly assessor?: { readonly rating: RatingId; readonly reportType: string };
  /** Improvement actions covering the element (the council's, whichever campaign): unfinished first. */
  readonly actions?: readonly ActionLink[];
  /** How many actions cover the element; `actions` may list only the first few. */
  readonly actionCount?: number;
  /** The council's service standards that evidence the element, with their figures. */
  readonly standards?: readonly StandardRow[];
}

export interface ProgressView extends Scope {
  readonly progress: ProgressSummary;
  readonly currentRef?: string;
}

export interface HistoryView extends Scope {
  readonly element: ElementInContext;
  /** Newest first. */
  readonly entries: readonly AuditEntry[];
  /** More entries exist than are shown. */
  readonly more: boolean;
}

/** A button pressed on the element card, as the walk-through runs it. */
export type CardVerb = "save" | "addLink" | "removeLink" | "next" | "back" | "skip" | "open" | ReviewStep;

export interface CardAction {
  readonly verb: CardVerb;
  readonly campaignId: string;
  /** The unit the card showed; absent on cards from before units existed (the first unit). */
  readonly unitId?: string;
  readonly ref: string;
  readonly base: ElementEdit["base"];
  readonly drafts: Drafts;
  readonly linkId?: string;
}
