/**
 * The self-assessment walk-through as the bot and the CLI use it: find the person's campaign and
 * unit, open an element, apply what they did on the card, and report progress. No Teams SDK:
 * callers pass who is acting (already authenticated) and plain data.
 */
import { emptyAssessment, narrativeHash } from "../domain/assessment.js";
import type { Campaign } from "../domain/campaign.js";
import { LIMITS } from "../domain/limits.js";
import { nextUnrated, summarise } from "../domain/progress.js";
import type { Refusal } from "../domain/refusal.js";
import { findElement } from "../standard/index.js";
import { destination, editFor, editRefusal, savedMessage, saveWithRetry, typedLink, unknownElement } from "./element-edit.js";
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
import { readLastCycle, withLastCycle } from "./last-cycle.js";
import { locate, locateReading } from "./place.js";
import { refused } from "./refused.js";
import { ReviewSteps } from "./review-step.js";
import type { Actor, CardAction, ElementView, HistoryView, Notice, Notifier, ProgressView, Scope } from "./views.js";
import { Service, type ServiceContext } from "./context.js";

export type { Actor, CardAction, CardVerb, Drafts, ElementView, HistoryView, Notice, Notifier, ProgressView, Scope } from "./views.js";

export type { ActionOutcome } from "./element-loader.js";

const HISTORY_SHOWN = 15;

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
    const { campaign, unit } = await locate(this.context, actor);
    return { campaign, unit };
  }

  /** The campaign this person works in: theirs, else the tenant's active one, else a new default. */
  async currentCampaign(actor: Actor): Promise<Campaign> {
    return (await locate(this.context, actor)).campaign;
  }

  /** Opens `ref`, or where the person stopped, or their first unrated element. */
  async open(actor: Actor, ref?: string): Promise<ElementView | Refusal> {
    if (ref !== undefined && !findElement(ref)) return unknownElement(ref);
    // Where the person was tells what to read next; all of it is read together with their
    // campaign (and read again in the rare case their place has moved on, see locate).
    const stored = await this.stores.participants.get(actor.tenantId, actor.userId);
    // The campaign comes with the unit's elements (its copy); locate reads it only when it did not.
    const { located, unit } = await locateReading(this.context, actor, stored);
    const { currentRef, movedFrom, person, ...scope } = located;
    const samePlace = scope.campaign.id === stored?.campaignId && scope.unit.id === stored.unitId;
    // Last cycle's assessments came with the unit too, once the campaign before is finished.
    const lastCycle = readLastCycle(this.stores, scope.campaign, scope.unit.id, samePlace ? unit?.lastCycle : undefined);
    const loaded = await loadScope(this.stores, this.rolesOf, actor, scope, {
      person,
      assessments: samePlace ? unit?.assessments : undefined,
    });
    const target = ref ?? currentRef ?? nextUnrated(loaded.assessments) ?? ALL_REFS[0]!;
    // Told once: the notice clears with the place it is remembered with.
    const remembered = rememberPlace(this.stores, this.clock, actor, scope, target, movedFrom ? { movedFrom: "", person } : { person });
    const view = elementView(loaded, target);
    const notice: Notice | undefined = movedFrom
      ? {
          tone: "good",
          text: `Your council has moved on to "${scope.campaign.name}", so you now work in it. "${movedFrom}" is finished: type campaigns to look back at it.`,
        }
      : undefined;
    const [, shown, last] = await Promise.all([
      remembered,
      withRelated(
        this.stores,
        actor,
        notice ? { ...view, notice } : view,
        this.clock.now(),
        samePlace ? { related: unit?.related, report: unit?.report } : {},
      ),
      lastCycle,
    ]);
    return withLastCycle(shown, last);
  }

  async progress(actor: Actor): Promise<ProgressView> {
    const { currentRef, ...scope } = await locate(this.context, actor);
    const assessments = await this.stores.assessments.listForUnit(actor.tenantId, scope.campaign.id, scope.unit.id);
    return { ...scope, progress: summarise(assessments, ALL_REFS), currentRef };
  }

  /** An element's audit trail in the person's campaign and unit, newest first. */
  async history(actor: Actor, ref: string): Promise<HistoryView | Refusal> {
    const element = findElement(ref);
    if (!element) return unknownElement(ref);
    const { campaign, unit } = await locate(this.context, actor);
    const entries = await this.stores.assessments.history(actor.tenantId, campaign.id, unit.id, element.ref, HISTORY_SHOWN + 1);
    return { campaign, unit, element, entries: entries.slice(0, HISTORY_SHOWN), more: entries.length > HISTORY_SHOWN };
  }

  /** Switches the person to another unit of their campaign, by name or id. */
  async chooseUnit(actor: Actor, nameOrId: string): Promise<Scope | Refusal> {
    const { campaign } = await locate(this.context, actor);
    const wanted = nameOrId.trim().toLowerCase();
    const unit = campaign.units.find((u) => u.id === wanted || u.name.toLowerCase() === wanted);
    if (!unit)
      return {
        code: "invalid-payload",
        message: `"${campaign.name}" has no unit called "${nameOrId.slice(0, 60)}". Its units are: ${campaign.units.map((u) => u.name).join(", ")}.`,
      };
    await this.stores.participants.put({
      ...actor,
      campaignId: campaign.id,
      unitId: unit.id,
      lastSeenAt: this.clock.now().toISOString(),
    });
    return { campaign, unit };
  }

  /** Applies a card action. Refusals store nothing and come back with the card to show. */
  async act(actor: Actor, action: CardAction): Promise<ActionOutcome> {
    // Read together: the unit's elements with the campaign's copy beside them (when the card names
    // its unit), and the person; the campaign itself only when there is no copy.
    const [unitRead, person] = await Promise.all([
      action.unitId === undefined ? undefined : this.stores.assessments.readUnit(actor.tenantId, action.campaignId, action.unitId),
      this.stores.participants.get(actor.tenantId, actor.userId),
    ]);
    const campaign = unitRead?.campaign ?? (await this.stores.campaigns.get(actor.tenantId, action.campaignId));
    const unitAssessments = unitRead?.assessments;
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

    // Last cycle's assessment is read while the change is made, and added to the card after.
    const lastCycle = readLastCycle(this.stores, campaign, unit.id, unitRead?.lastCycle);
    const loaded = await loadScope(this.stores, this.rolesOf, actor, { campaign, unit }, { person, assessments: unitAssessments });
    const outcome = await this.change(actor, action, loaded);
    if (!outcome.view) return outcome;
    // What the card shows beside the element came with the unit (its copy).
    const [shown, last] = await Promise.all([
      withRelated(this.stores, actor, outcome.view, this.clock.now(), { related: unitRead?.related, report: unitRead?.report }),
      lastCycle,
    ]);
    return { ...outcome, view: withLastCycle(shown, last) };
  }

  /** What the button does to the element (or its review), and the card to show after. */
  private async change(actor: Actor, action: CardAction, loaded: Loaded): Promise<ActionOutcome> {
    const { campaign, unit } = loaded;
    if (action.verb === "approve" || action.verb === "return") return this.reviews.run(actor, loaded, action);
    const edit = editFor(action);
    let notice: Notice | undefined;
    if (edit) {
      const refusal = editRefusal(loaded, actor, action.ref);
      if (refusal) return refusedAction(this.log, actor, action, refusal, elementView(loaded, action.ref, refusal));
      if (action.verb === "submit") return this.reviews.run(actor, loaded, action, edit);
      const saved = await saveWithRetry(this.context, actor, loaded, action.ref, edit);
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
    const target = moving ? destination(action, loaded.assessments) : action.ref;
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
    const row = await this.stores.participants.get(actor.tenantId, actor.userId);
    const wanted = request.unitId ?? row?.unitId;
    const { located, unit: read } = await locateReading(this.context, actor, row, wanted);
    const { campaign, unit: current, person } = located;
    const unit = request.unitId ? campaign.units.find((u) => u.id === request.unitId) : current;
    if (!unit) return refuse({ code: "invalid-payload", message: "That unit is not part of your campaign, so nothing was added." });
    const sameRead = campaign.id === row?.campaignId && unit.id === wanted;
    const loaded = await loadScope(
      this.stores,
      this.rolesOf,
      actor,
      { campaign, unit },
      { person, assessments: sameRead ? read?.assessments : undefined },
    );
    const refusal = editRefusal(loaded, actor, request.ref);
    if (refusal) return refuse(refusal);
    const stored = loaded.assessments.get(request.ref) ?? emptyAssessment(campaign.id, unit.id, request.ref);
    const saved = await saveWithRetry(this.context, actor, loaded, request.ref, {
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
}
