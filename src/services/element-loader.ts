/**
 * What the walk-through and the review steps share: loading a person's scope (assessments,
 * their roles) once per turn, turning it into an element view, remembering where
 * they are, and refusing an action in a logged, uniform way.
 */
import type { Clock } from "../clock.js";
import { ACTIONS_ON_CARD, cardOrder } from "../domain/actions.js";
import { emptyAssessment, type ElementAssessment } from "../domain/assessment.js";
import { summarise } from "../domain/progress.js";
import type { Refusal } from "../domain/refusal.js";
import { standardRows } from "../domain/standards-report.js";
import { can, type Role } from "../domain/roles.js";
import type { Logger } from "../logger.js";
import { ELEMENTS, findElement } from "../standard/index.js";
import type { Figure, ServiceStandard } from "../domain/standards.js";
import type { ActionLink } from "../store/actions.js";
import { relatedTo, type CouncilRelated, type Participant, type StoredReport, type Stores } from "../store/index.js";
import type { Actor, Drafts, ElementView, Scope } from "./views.js";
import type { RolesOf } from "./context.js";

/** A scope with its assessments loaded (last cycle's are read beside the turn: last-cycle.ts). */
export interface Loaded extends Scope {
  assessments: Map<string, ElementAssessment>;
  /** The acting person's roles, read once per turn. */
  readonly roles: readonly Role[];
  /** The acting person's row as read this turn (their place), when they have one. */
  readonly person?: Participant;
}

/** Anything a card action did: the card to show, or a refusal (with the card, when there is one). */
export type ActionOutcome =
  { readonly ok: true; readonly view: ElementView } | { readonly ok: false; readonly refusal: Refusal; readonly view?: ElementView };

export const ALL_REFS = ELEMENTS.map((e) => e.ref);

/**
 * The scope's assessments and the acting person's row (their place and roles), in parallel;
 * what the turn has read already is not read again.
 */
export async function loadScope(
  stores: Stores,
  rolesOf: RolesOf,
  actor: Actor,
  scope: Scope,
  known?: { readonly person: Participant | undefined; readonly assessments?: Map<string, ElementAssessment> },
): Promise<Loaded> {
  const { campaign, unit } = scope;
  const [assessments, person] = await Promise.all([
    known?.assessments ?? stores.assessments.listForUnit(actor.tenantId, campaign.id, unit.id),
    known ? known.person : stores.participants.get(actor.tenantId, actor.userId),
  ]);
  return {
    ...scope,
    assessments,
    roles: await rolesOf(actor, person?.roles ?? []),
    ...(person && { person }),
  };
}

export function elementView(loaded: Loaded, ref: string, refusal?: Refusal, drafts?: Drafts): ElementView {
  const { campaign, unit, assessments } = loaded;
  return {
    campaign,
    unit,
    canReview: can(loaded.roles, "review"),
    canAssign: can(loaded.roles, "manage-campaigns"),
    element: findElement(ref)!,
    assessment: assessments.get(ref) ?? emptyAssessment(campaign.id, unit.id, ref),
    progress: summarise(assessments, ALL_REFS),
    notice: refusal ? { tone: refusal.code === "conflict" ? "warning" : "attention", text: refusal.message } : undefined,
    drafts,
  };
}

/** What the council holds about an element beyond its assessment. */
interface Related {
  /** The actions the card lists, and how many the element has. */
  readonly links: ActionLink[];
  readonly linkCount: number;
  /** The standards that evidence it. */
  readonly standards: readonly ServiceStandard[];
  readonly figures: readonly Figure[];
}

/** Element `ref`'s related: from what the unit's copy carried, else read from Actions and Standards. */
async function relatedOf(stores: Stores, tenantId: string, ref: string, carried: CouncilRelated | undefined): Promise<Related> {
  if (carried) return { ...relatedTo(carried, ref), figures: carried.figures };
  const [links, { standards, figures }] = await Promise.all([
    stores.actions.forElement(tenantId, ref),
    stores.standards.withRecentFigures(tenantId),
  ]);
  return {
    links: links.sort(cardOrder).slice(0, ACTIONS_ON_CARD),
    linkCount: links.length,
    standards: standards.filter((s) => s.refs.includes(ref)),
    figures,
  };
}

/**
 * Adds what the council holds about the element beyond its assessment: improvement actions, the
 * last assessor's rating, and the service standards that evidence it with their latest figures.
 * `read`: what the unit's copy carried (campaign-copies.ts): the council's actions and standards,
 * and the campaign's assessor report (null: none); each is read from the record when not given.
 */
export async function withRelated(
  stores: Stores,
  actor: Actor,
  view: ElementView,
  now: Date,
  read: { readonly related?: CouncilRelated; readonly report?: StoredReport | null } = {},
): Promise<ElementView> {
  const ref = view.element.ref;
  const reportRead = read.report !== undefined ? read.report : stores.actionImports.getReport(actor.tenantId, view.campaign.id);
  const [related, report] = await Promise.all([relatedOf(stores, actor.tenantId, ref, read.related), reportRead]);
  const rating = report?.ratings[ref];
  return {
    ...view,
    actions: related.links,
    actionCount: related.linkCount,
    ...(rating ? { assessor: { rating, reportType: report.reportType } } : {}),
    ...(related.standards.length > 0 && { standards: standardRows(related.standards, related.figures, now) }),
  };
}

/**
 * Remembers the person's campaign, unit and element (and how to reach them), to resume there;
 * no write when `person` (their row as read this turn) already says so.
 */
export async function rememberPlace(
  stores: Stores,
  clock: Clock,
  actor: Actor,
  scope: Scope,
  currentRef: string,
  more: { readonly movedFrom?: string; readonly person?: Participant } = {},
): Promise<void> {
  const { person, ...rest } = more;
  const same =
    person &&
    person.campaignId === scope.campaign.id &&
    person.unitId === scope.unit.id &&
    person.currentRef === currentRef &&
    person.displayName === actor.displayName &&
    rest.movedFrom === undefined &&
    !person.unreachable &&
    (!actor.conversation || person.conversation === actor.conversation);
  if (same) return;
  await stores.participants.put({
    ...actor,
    campaignId: scope.campaign.id,
    unitId: scope.unit.id,
    currentRef,
    lastSeenAt: clock.now().toISOString(),
    ...rest,
  });
}

export function refusedAction(
  log: Logger,
  actor: Actor,
  action: { verb: string; ref: string },
  refusal: Refusal,
  view?: ElementView,
): ActionOutcome {
  log.warn(
    { tenant: actor.tenantId, user: actor.userId, verb: action.verb, ref: action.ref.slice(0, 20), code: refusal.code },
    "card action refused",
  );
  return { ok: false, refusal, view };
}
