/**
 * The self-assessment walk-through as the bot and the CLI use it: find the person's campaign,
 * open an element, apply what they did on the card, and report progress. No Teams SDK here:
 * callers pass who is acting (already authenticated) and plain data.
 */
import type { Clock } from "../clock.js";
import { applyEdit, COUNCIL_UNIT, emptyAssessment, type ElementAssessment, type ElementEdit } from "../domain/assessment.js";
import { auditEntries, type AuditEntry } from "../domain/audit.js";
import { acceptsEdits, defaultCampaign, type Campaign } from "../domain/campaign.js";
import { neighbour, nextUnrated, summarise, type ProgressSummary } from "../domain/progress.js";
import type { Refusal } from "../domain/refusal.js";
import { can, type Role } from "../domain/roles.js";
import type { Logger } from "../logger.js";
import { ELEMENTS, findElement, type ElementInContext } from "../standard/index.js";
import { ConcurrencyError, type Stores } from "../store/index.js";

export interface Actor {
  readonly tenantId: string;
  readonly userId: string;
  readonly displayName: string;
}

export type Notice = { readonly tone: "good" | "attention" | "warning"; readonly text: string };

/** What typed into the card should survive a refusal, so nobody has to type it again. */
export interface Drafts {
  readonly rating?: string;
  readonly narrative?: string;
  readonly linkTitle?: string;
  readonly linkUrl?: string;
}

export interface ElementView {
  readonly campaign: Campaign;
  readonly element: ElementInContext;
  readonly assessment: ElementAssessment;
  readonly progress: ProgressSummary;
  readonly notice?: Notice;
  readonly drafts?: Drafts;
}

export interface ProgressView {
  readonly campaign: Campaign;
  readonly progress: ProgressSummary;
  readonly currentRef?: string;
}

export interface HistoryView {
  readonly campaign: Campaign;
  readonly element: ElementInContext;
  /** Newest first. */
  readonly entries: readonly AuditEntry[];
  /** More entries exist than are shown. */
  readonly more: boolean;
}

export type CardVerb = "save" | "addLink" | "removeLink" | "next" | "back" | "skip" | "open";

export interface CardAction {
  readonly verb: CardVerb;
  readonly campaignId: string;
  readonly ref: string;
  readonly base: ElementEdit["base"];
  readonly drafts: Drafts;
  readonly linkId?: string;
}

export type ActionOutcome = { readonly ok: true; readonly view: ElementView } | { readonly ok: false; readonly refusal: Refusal; readonly view?: ElementView };

type SaveOutcome = { readonly ok: true; readonly changed: boolean; readonly assessment: ElementAssessment } | { readonly ok: false; readonly refusal: Refusal };

const ALL_REFS = ELEMENTS.map((e) => e.ref);
const SAVE_ATTEMPTS = 5;
const HISTORY_SHOWN = 15;
const BUSY_ELEMENT = "Several people are changing this element right now, so your change was not saved. The card shows the latest version: please try again.";

export class WalkthroughService {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** The roles someone holds; edits are checked against them on every action. */
    private readonly rolesOf: (actor: Actor) => Promise<readonly Role[]>,
  ) {}

  /** The campaign this person works in: theirs, else the tenant's active one, else a new default. */
  async currentCampaign(actor: Actor): Promise<Campaign> {
    return (await this.locate(actor)).campaign;
  }

  /** Opens `ref`, or where the person stopped, or their first unrated element. */
  async open(actor: Actor, ref?: string): Promise<ElementView | Refusal> {
    if (ref !== undefined && !findElement(ref)) return unknownElement(ref);
    const { campaign, currentRef } = await this.locate(actor);
    const assessments = await this.stores.assessments.listForUnit(actor.tenantId, campaign.id, COUNCIL_UNIT);
    const target = ref ?? currentRef ?? nextUnrated(assessments) ?? ALL_REFS[0]!;
    await this.remember(actor, campaign.id, target);
    return this.view(campaign, target, assessments);
  }

  async progress(actor: Actor): Promise<ProgressView> {
    const { campaign, currentRef } = await this.locate(actor);
    const assessments = await this.stores.assessments.listForUnit(actor.tenantId, campaign.id, COUNCIL_UNIT);
    return { campaign, progress: summarise(assessments, ALL_REFS), currentRef };
  }

  /** An element's audit trail in the person's campaign, newest first. */
  async history(actor: Actor, ref: string): Promise<HistoryView | Refusal> {
    const element = findElement(ref);
    if (!element) return unknownElement(ref);
    const { campaign } = await this.locate(actor);
    const entries = await this.stores.assessments.history(actor.tenantId, campaign.id, COUNCIL_UNIT, element.ref, HISTORY_SHOWN + 1);
    return { campaign, element, entries: entries.slice(0, HISTORY_SHOWN), more: entries.length > HISTORY_SHOWN };
  }

  /** The person's campaign and, when they have been in it before, where they stopped. */
  private async locate(actor: Actor): Promise<{ campaign: Campaign; currentRef?: string }> {
    const participant = await this.stores.participants.get(actor.tenantId, actor.userId);
    if (participant?.campaignId) {
      const mine = await this.stores.campaigns.get(actor.tenantId, participant.campaignId);
      if (mine) return { campaign: mine, currentRef: participant.currentRef };
    }
    const activeId = await this.stores.campaigns.activeCampaignId(actor.tenantId);
    const active = activeId ? await this.stores.campaigns.get(actor.tenantId, activeId) : undefined;
    return { campaign: active ?? (await this.createDefaultCampaign(actor)) };
  }

  /** Applies a card action. Refusals store nothing and come back with the card to show. */
  async act(actor: Actor, action: CardAction): Promise<ActionOutcome> {
    const campaign = await this.stores.campaigns.get(actor.tenantId, action.campaignId);
    if (!campaign) return this.refused(actor, action, { code: "unknown-campaign", message: "That card belongs to a self-assessment that is not in your organisation, so nothing was changed." });
    if (!findElement(action.ref)) return this.refused(actor, action, unknownElement(action.ref));

    const moving = action.verb === "next" || action.verb === "back" || action.verb === "open" || action.verb === "skip";
    const edit = this.editFor(action);
    let assessments = await this.stores.assessments.listForUnit(actor.tenantId, campaign.id, COUNCIL_UNIT);
    let notice: Notice | undefined;

    if (edit) {
      if (!can(await this.rolesOf(actor), "edit-elements")) {
        const refusal: Refusal = { code: "not-allowed", message: "You have read-only access (Leader), so nothing was changed. Ask your CSE coordinator if you need to contribute." };
        return this.refused(actor, action, refusal, this.view(campaign, action.ref, assessments, refusal));
      }
      if (!acceptsEdits(campaign)) {
        const refusal: Refusal = { code: "campaign-closed", message: `"${campaign.name}" is ${campaign.status.replace("-", " ")}, so it can no longer be changed.` };
        return this.refused(actor, action, refusal, this.view(campaign, action.ref, assessments, refusal));
      }
      const saved = await this.saveWithRetry(actor, campaign, action.ref, edit, assessments.get(action.ref));
      if (!saved.ok) {
        // A conflict shows the latest stored version; any other refusal keeps what was typed.
        const conflict = saved.refusal.code === "conflict";
        if (conflict) assessments = await this.stores.assessments.listForUnit(actor.tenantId, campaign.id, COUNCIL_UNIT);
        return this.refused(actor, action, saved.refusal, this.view(campaign, action.ref, assessments, saved.refusal, conflict ? undefined : action.drafts));
      }
      if (saved.changed) {
        assessments.set(action.ref, saved.assessment);
        notice = { tone: "good", text: savedMessage(action.verb) };
      } else if (action.verb === "save") {
        notice = { tone: "good", text: "Nothing to save: the rating and narrative are as stored." };
      }
    }

    const target = moving ? this.destination(action, assessments) : action.ref;
    if (moving && target === undefined) notice = { tone: "good", text: "Every element now has a rating. Well done! Type progress to see the totals." };
    const ref = target ?? action.ref;
    await this.remember(actor, campaign.id, ref);
    return { ok: true, view: { ...this.view(campaign, ref, assessments), notice } };
  }

  private editFor(action: CardAction): ElementEdit | undefined {
    if (action.verb === "skip" || action.verb === "open") return undefined;
    return {
      base: action.base,
      draft: { rating: action.drafts.rating, narrative: action.drafts.narrative },
      addLink: action.verb === "addLink" ? { title: action.drafts.linkTitle ?? "", url: action.drafts.linkUrl ?? "" } : undefined,
      removeLinkId: action.verb === "removeLink" ? action.linkId ?? "" : undefined,
    };
  }

  private destination(action: CardAction, assessments: Map<string, ElementAssessment>): string | undefined {
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

  /** Applies `edit` to the stored copy (`known`, when just read) and saves it, merging again on an ETag conflict. */
  private async saveWithRetry(actor: Actor, campaign: Campaign, ref: string, edit: ElementEdit, known: ElementAssessment | undefined): Promise<SaveOutcome> {
    let latest = known;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) latest = await this.stores.assessments.get(actor.tenantId, campaign.id, COUNCIL_UNIT, ref);
      const current = latest ?? emptyAssessment(campaign.id, COUNCIL_UNIT, ref);
      const now = this.clock.now();
      const outcome = applyEdit(current, edit, actor.userId, now);
      if (!outcome.ok) return outcome;
      if (outcome.value.changes.length === 0) return { ok: true as const, changed: false, assessment: current };
      try {
        const audit = auditEntries(outcome.value.changes, { campaignId: campaign.id, unitId: COUNCIL_UNIT, ref }, actor, now);
        const assessment = await this.stores.assessments.save(actor.tenantId, outcome.value.next, audit);
        this.log.info({ tenant: actor.tenantId, campaign: campaign.id, ref, changes: outcome.value.changes.map((c) => c.field) }, "element updated");
        return { ok: true as const, changed: true, assessment };
      } catch (error) {
        // Someone saved between our read and write: merge again on the newer copy.
        if (!(error instanceof ConcurrencyError)) throw error;
        if (attempt >= SAVE_ATTEMPTS) return { ok: false, refusal: { code: "conflict", message: BUSY_ELEMENT } };
      }
    }
  }

  private view(campaign: Campaign, ref: string, assessments: Map<string, ElementAssessment>, refusal?: Refusal, drafts?: Drafts): ElementView {
    const element = findElement(ref)!;
    return {
      campaign,
      element,
      assessment: assessments.get(ref) ?? emptyAssessment(campaign.id, COUNCIL_UNIT, ref),
      progress: summarise(assessments, ALL_REFS),
      notice: refusal ? { tone: refusal.code === "conflict" ? "warning" : "attention", text: refusal.message } : undefined,
      drafts,
    };
  }

  private refused(actor: Actor, action: CardAction, refusal: Refusal, view?: ElementView): ActionOutcome {
    this.log.warn({ tenant: actor.tenantId, user: actor.userId, verb: action.verb, ref: action.ref.slice(0, 20), code: refusal.code }, "card action refused");
    return { ok: false, refusal, view };
  }

  private async remember(actor: Actor, campaignId: string, currentRef: string): Promise<void> {
    await this.stores.participants.put({ ...actor, campaignId, currentRef, lastSeenAt: this.clock.now().toISOString() });
  }

  private async createDefaultCampaign(actor: Actor): Promise<Campaign> {
    const now = this.clock.now();
    // A fixed id per year makes two first users racing each other end up in the same campaign.
    const campaign = await this.stores.campaigns.createOrGet(defaultCampaign(actor.tenantId, `cse-${now.getUTCFullYear()}`, actor.userId, now));
    const activeId = await this.stores.campaigns.setActiveIfNone(actor.tenantId, campaign.id);
    this.log.info({ tenant: actor.tenantId, campaign: activeId }, "default campaign created");
    return activeId === campaign.id ? campaign : ((await this.stores.campaigns.get(actor.tenantId, activeId)) ?? campaign);
  }
}

function unknownElement(ref: string): Refusal {
  return { code: "unknown-element", message: `There is no element "${ref.slice(0, 20)}" in the CSE standard. Elements run from 1.1.1 to 5.3.3, for example: assess 3.2.1` };
}

function savedMessage(verb: CardVerb): string {
  if (verb === "addLink") return "Link added.";
  if (verb === "removeLink") return "Link removed.";
  return "Saved.";
}
