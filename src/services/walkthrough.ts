/**
 * The self-assessment walk-through as the bot and the CLI use it: find the person's campaign and
 * unit, open an element, apply what they did on the card, and report progress. No Teams SDK:
 * callers pass who is acting (already authenticated) and plain data.
 */
import { applyEdit, emptyAssessment, narrativeHash, type ElementAssessment, type ElementEdit } from "../domain/assessment.js";
import { auditEntries } from "../domain/audit.js";
import { mayEdit, notYoursMessage, ownerOf } from "../domain/assignment.js";
import { acceptsEdits, closedMessage, defaultCampaign, type Campaign } from "../domain/campaign.js";
import { LIMITS } from "../domain/limits.js";
import { neighbour, nextUnrated, summarise } from "../domain/progress.js";
import type { Refusal } from "../domain/refusal.js";
import { can } from "../domain/roles.js";
import { findElement } from "../standard/index.js";
import { ConcurrencyError, type Participant } from "../store/index.js";
import {
  ALL_REFS,
  elementView,
  loadScope,
  refusedAction,
  rememberPlace,
  withRelated,
  type ActionOutcome,
  type Loaded,
} from "./element-loader.js";
import { refused } from "./refused.js";
import { ReviewSteps } from "./review-step.js";
import type { Actor, CardAction, CardVerb, Drafts, ElementView, HistoryView, Notice, Notifier, ProgressView, Scope } from "./views.js";
import { Service, type ServiceContext } from "./context.js";

export type { Actor, CardAction, CardVerb, Drafts, ElementView, HistoryView, Notice, Notifier, ProgressView, Scope } from "./views.js";

export type { ActionOutcome } from "./element-loader.js";

type SaveOutcome =
  | { readonly ok: true; readonly changed: boolean; readonly assessment: ElementAssessment }
  | { readonly ok: false; readonly refusal: Refusal };

const SAVE_ATTEMPTS = 5;
const HISTORY_SHOWN = 15;
const BUSY_ELEMENT =
  "Several people are changing this element right now, so your change was not saved. The card shows the latest version: please try again.";
const READ_ONLY = "You have read-only access (Leader), so nothing was changed. Ask your CSE coordinator if you need to contribute.";

export class WalkthroughService extends Service {
  constructor(
    context: ServiceContext,
    /** Tells people one-to-one when their element is approved or returned. */
    notifier: Notifier,
  ) {
    super(context);
    this.reviews = new ReviewSteps(context.stores, context.clock, context.log, notifier);
  }

  private readonly reviews: ReviewSteps;

  /** Records where to reach a person one-to-one (on install and first contact). */
  async greet(actor: Actor): Promise<void> {
    if (actor.conversation)
      await this.stores.participants.putConversation(
        actor.tenantId,
        actor.userId,
        actor.displayName,
        actor.conversation,
        this.clock.now().toISOString(),
      );
  }

  /**
   * The person's campaign and place, if there is one, without creating anything: what a welcome
   * card needs (installing the app must not start a campaign).
   */
  async peek(actor: Actor): Promise<{ campaign?: Campaign; currentRef?: string }> {
    const participant = await this.stores.participants.get(actor.tenantId, actor.userId);
    const campaignId = participant?.campaignId || (await this.stores.campaigns.activeCampaignId(actor.tenantId));
    const campaign = campaignId ? await this.stores.campaigns.get(actor.tenantId, campaignId) : undefined;
    return { campaign, currentRef: participant?.campaignId === campaign?.id ? participant?.currentRef : undefined };
  }

  /** The campaign and unit this person works in. */
  async scope(actor: Actor): Promise<Scope> {
    const { campaign, unit } = await this.locate(actor);
    return { campaign, unit };
  }

  /** The campaign this person works in: theirs, else the tenant's active one, else a new default. */
  async currentCampaign(actor: Actor): Promise<Campaign> {
    return (await this.locate(actor)).campaign;
  }

  /** Opens `ref`, or where the person stopped, or their first unrated element. */
  async open(actor: Actor, ref?: string): Promise<ElementView | Refusal> {
    if (ref !== undefined && !findElement(ref)) return unknownElement(ref);
    const { currentRef, movedFrom, person, ...scope } = await this.locate(actor);
    const loaded = await loadScope(this.stores, this.rolesOf, actor, scope, { person });
    const target = ref ?? currentRef ?? nextUnrated(loaded.assessments) ?? ALL_REFS[0]!;
    // Told once: the notice clears with the place it is remembered with.
    await rememberPlace(this.stores, this.clock, actor, scope, target, movedFrom ? { movedFrom: "", person } : { person });
    const view = elementView(loaded, target);
    const notice: Notice | undefined = movedFrom
      ? {
          tone: "good",
          text: `Your council has moved on to "${scope.campaign.name}", so you now work in it. "${movedFrom}" is finished: type campaigns to look back at it.`,
        }
      : undefined;
    return withRelated(this.stores, actor, notice ? { ...view, notice } : view, this.clock.now());
  }

  async progress(actor: Actor): Promise<ProgressView> {
    const { currentRef, ...scope } = await this.locate(actor);
    const assessments = await this.stores.assessments.listForUnit(actor.tenantId, scope.campaign.id, scope.unit.id);
    return { ...scope, progress: summarise(assessments, ALL_REFS), currentRef };
  }

  /** An element's audit trail in the person's campaign and unit, newest first. */
  async history(actor: Actor, ref: string): Promise<HistoryView | Refusal> {
    const element = findElement(ref);
    if (!element) return unknownElement(ref);
    const { campaign, unit } = await this.locate(actor);
    const entries = await this.stores.assessments.history(actor.tenantId, campaign.id, unit.id, element.ref, HISTORY_SHOWN + 1);
    return { campaign, unit, element, entries: entries.slice(0, HISTORY_SHOWN), more: entries.length > HISTORY_SHOWN };
  }

  /** Switches the person to another unit of their campaign, by name or id. */
  async chooseUnit(actor: Actor, nameOrId: string): Promise<Scope | Refusal> {
    const { campaign } = await this.locate(actor);
    const wanted = nameOrId.trim().toLowerCase();
    const unit = campaign.units.find((u) => u.id === wanted || u.name.toLowerCase() === wanted);
    if (!unit)
      return {
        code: "invalid-payload",
        message: `"${campaign.name}" has no unit called "${nameOrId.slice(0, 60)}". Its units are: ${campaign.units.map((u) => u.name).join(", ")}.`,
      };
    await this.stores.participants.put({ ...actor, campaignId: campaign.id, unitId: unit.id, lastSeenAt: this.clock.now().toISOString() });
    return { campaign, unit };
  }

  /** Applies a card action. Refusals store nothing and come back with the card to show. */
  async act(actor: Actor, action: CardAction): Promise<ActionOutcome> {
    const outcome = await this.apply(actor, action);
    return outcome.view ? { ...outcome, view: await withRelated(this.stores, actor, outcome.view, this.clock.now()) } : outcome;
  }

  private async apply(actor: Actor, action: CardAction): Promise<ActionOutcome> {
    const campaign = await this.stores.campaigns.get(actor.tenantId, action.campaignId);
    if (!campaign)
      return refusedAction(this.log, actor, action, {
        code: "unknown-campaign",
        message: "That card belongs to a self-assessment that is not in your organisation, so nothing was changed.",
      });
    if (!findElement(action.ref)) return refusedAction(this.log, actor, action, unknownElement(action.ref));
    const unit = action.unitId === undefined ? campaign.units[0]! : campaign.units.find((u) => u.id === action.unitId);
    if (!unit)
      return refusedAction(this.log, actor, action, {
        code: "invalid-payload",
        message: "That card is for a unit that is not part of this campaign, so nothing was changed.",
      });

    const loaded = await loadScope(this.stores, this.rolesOf, actor, { campaign, unit });
    if (action.verb === "approve" || action.verb === "return") return this.reviews.run(actor, loaded, action);
    const edit = this.editFor(action);
    let notice: Notice | undefined;
    if (edit) {
      const refusal = editRefusal(loaded, actor, action.ref);
      if (refusal) return refusedAction(this.log, actor, action, refusal, elementView(loaded, action.ref, refusal));
      if (action.verb === "submit") return this.reviews.run(actor, loaded, action, edit);
      const saved = await this.saveWithRetry(actor, loaded, action.ref, edit);
      if (!saved.ok) {
        // A conflict shows the latest stored version; any other refusal keeps what was typed.
        const conflict = saved.refusal.code === "conflict";
        if (conflict) loaded.assessments = await this.stores.assessments.listForUnit(actor.tenantId, campaign.id, unit.id);
        return refusedAction(
          this.log,
          actor,
          action,
          saved.refusal,
          elementView(loaded, action.ref, saved.refusal, conflict ? undefined : action.drafts),
        );
      }
      if (saved.changed) {
        loaded.assessments.set(action.ref, saved.assessment);
        notice = { tone: "good", text: savedMessage(action.verb, typedLink(action.drafts)) };
      } else if (action.verb === "save") {
        notice = { tone: "good", text: "Nothing to save: the rating and narrative are as stored." };
      }
    }

    const moving = action.verb === "next" || action.verb === "back" || action.verb === "open" || action.verb === "skip";
    const target = moving ? this.destination(action, loaded.assessments) : action.ref;
    if (moving && target === undefined)
      notice = { tone: "good", text: "Every element now has a rating. Well done! Type progress to see the totals." };
    const ref = target ?? action.ref;
    await rememberPlace(this.stores, this.clock, actor, loaded, ref, { person: loaded.person });
    return { ok: true, view: { ...elementView(loaded, ref), notice } };
  }

  /**
   * Links from elsewhere in Teams (a message and its files) added to element `ref` of the
   * person's campaign, in `unitId` when it has several units: all of them or none, under the same
   * rules as links typed on the card, audited with where they came from (`via`).
   */
  async addEvidence(
    actor: Actor,
    request: {
      readonly ref: string;
      readonly unitId?: string;
      readonly links: readonly { title: string; url: string }[];
      readonly via: string;
    },
  ): Promise<{ ok: true; message: string; count: number } | { ok: false; refusal: Refusal }> {
    const refuse = (refusal: Refusal) => refused(this.log, actor, "add-evidence", refusal);
    if (!findElement(request.ref)) return refuse(unknownElement(request.ref));
    const { campaign, unit: current } = await this.locate(actor);
    const unit = request.unitId ? campaign.units.find((u) => u.id === request.unitId) : current;
    if (!unit) return refuse({ code: "invalid-payload", message: "That unit is not part of your campaign, so nothing was added." });
    const loaded = await loadScope(this.stores, this.rolesOf, actor, { campaign, unit });
    const refusal = editRefusal(loaded, actor, request.ref);
    if (refusal) return refuse(refusal);
    const stored = loaded.assessments.get(request.ref) ?? emptyAssessment(campaign.id, unit.id, request.ref);
    const saved = await this.saveWithRetry(actor, loaded, request.ref, {
      base: { rating: stored.rating, narrativeHash: narrativeHash(stored.narrative) },
      draft: {},
      addLinks: request.links,
      via: request.via,
    });
    if (!saved.ok) return refuse(saved.refusal);
    const count = saved.assessment.evidence.length - stored.evidence.length;
    const where = campaign.units.length > 1 ? ` (${unit.name})` : "";
    return {
      ok: true,
      count,
      message: `Added ${count === 1 ? "1 link" : `${count} links`} to ${request.ref}${where} in "${campaign.name}". It now has ${saved.assessment.evidence.length} of ${LIMITS.linksPerElement} evidence links.`,
    };
  }

  private editFor(action: CardAction): ElementEdit | undefined {
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

  private destination(action: CardAction, assessments: ReadonlyMap<string, ElementAssessment>): string | undefined {
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
  private async saveWithRetry(actor: Actor, loaded: Loaded, ref: string, edit: ElementEdit): Promise<SaveOutcome> {
    const { campaign, unit } = loaded;
    let latest = loaded.assessments.get(ref);
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) latest = await this.stores.assessments.get(actor.tenantId, campaign.id, unit.id, ref);
      const current = latest ?? emptyAssessment(campaign.id, unit.id, ref);
      const now = this.clock.now();
      const outcome = applyEdit(current, edit, actor.userId, now);
      if (!outcome.ok) return outcome;
      if (outcome.value.changes.length === 0) return { ok: true, changed: false, assessment: current };
      try {
        const audit = auditEntries(outcome.value.changes, { campaignId: campaign.id, unitId: unit.id, ref }, actor, now);
        const assessment = await this.stores.assessments.save(actor.tenantId, outcome.value.next, audit);
        this.log.info(
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

  /**
   * The person's campaign and unit and, when they have been in it before, where they stopped.
   * When their campaign is signed off and the council has started another, they follow the
   * council (unless they chose the signed-off one to look back at it), and are told once.
   */
  private async locate(actor: Actor): Promise<Scope & { currentRef?: string; movedFrom?: string; person?: Participant }> {
    const participant = await this.stores.participants.get(actor.tenantId, actor.userId);
    const mine = participant?.campaignId ? await this.stores.campaigns.get(actor.tenantId, participant.campaignId) : undefined;
    const movedFrom = participant?.movedFrom;
    const here = mine && {
      campaign: mine,
      unit: mine.units.find((u) => u.id === participant?.unitId) ?? mine.units[0]!,
      currentRef: participant?.currentRef,
      movedFrom,
      person: participant,
    };
    if (here && mine.status !== "archived" && (mine.status !== "signed-off" || participant?.keepsRecord)) return here;
    const activeId = await this.stores.campaigns.activeCampaignId(actor.tenantId);
    if (here && mine.status === "signed-off" && activeId === mine.id) return here; // no newer cycle yet
    const active = activeId ? await this.stores.campaigns.get(actor.tenantId, activeId) : undefined;
    const campaign = active ?? (await this.createDefaultCampaign(actor));
    if (!mine || mine.id === campaign.id) return { campaign, unit: campaign.units[0]!, movedFrom, person: participant };
    const scope = { campaign, unit: campaign.units[0]! };
    await this.stores.participants.put({
      ...actor,
      campaignId: campaign.id,
      unitId: scope.unit.id,
      movedFrom: mine.name,
      lastSeenAt: this.clock.now().toISOString(),
    });
    this.log.info({ tenant: actor.tenantId, from: mine.id, to: campaign.id }, "person moved on to the council's current campaign");
    const moved = participant && {
      ...participant,
      campaignId: campaign.id,
      unitId: scope.unit.id,
      currentRef: undefined,
      movedFrom: mine.name,
    };
    return { ...scope, movedFrom: mine.name, person: moved };
  }

  private async createDefaultCampaign(actor: Actor): Promise<Campaign> {
    const now = this.clock.now();
    // A fixed id per year makes two first users racing each other end up in the same campaign.
    const campaign = await this.stores.campaigns.createOrGet(
      defaultCampaign(actor.tenantId, `cse-${now.getUTCFullYear()}`, actor.userId, now),
    );
    const activeId = await this.stores.campaigns.setActiveIfNone(actor.tenantId, campaign.id);
    this.log.info({ tenant: actor.tenantId, campaign: activeId }, "default campaign created");
    return activeId === campaign.id ? campaign : ((await this.stores.campaigns.get(actor.tenantId, activeId)) ?? campaign);
  }
}

/** Why `actor` may not change element `ref` in `loaded`, or undefined when they may. */
function editRefusal(loaded: Loaded, actor: Actor, ref: string): Refusal | undefined {
  const { campaign } = loaded;
  if (!can(loaded.roles, "edit-elements")) return { code: "not-allowed", message: READ_ONLY };
  const owner = ownerOf(loaded.assessments.get(ref));
  if (owner && !mayEdit(loaded.roles, actor.userId, owner)) return { code: "not-allowed", message: notYoursMessage(owner) };
  if (!acceptsEdits(campaign)) return { code: "campaign-closed", message: closedMessage(campaign) };
  return undefined;
}

function unknownElement(ref: string): Refusal {
  return {
    code: "unknown-element",
    message: `There is no element "${ref.slice(0, 20)}" in the CSE standard. Elements run from 1.1.1 to 5.3.3, for example: assess 3.2.1`,
  };
}

/** Whether the card's inputs differ from what the card showed. */
function typedAnything(action: CardAction): boolean {
  const { drafts, base } = action;
  const rating = drafts.rating !== undefined && drafts.rating !== "" && drafts.rating !== base.rating;
  const narrative = drafts.narrative !== undefined && narrativeHash(drafts.narrative) !== base.narrativeHash;
  return rating || narrative || typedLink(drafts);
}

function typedLink(drafts: Drafts): boolean {
  return (drafts.linkTitle ?? "").trim() !== "" || (drafts.linkUrl ?? "").trim() !== "";
}

function savedMessage(verb: CardVerb, withTypedLink: boolean): string {
  if (verb === "addLink") return "Link added.";
  if (verb === "removeLink") return withTypedLink ? "Link removed, and the link you typed added." : "Link removed.";
  return withTypedLink ? "Saved, with the link you typed." : "Saved.";
}
