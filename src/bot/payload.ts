/**
 * Card action payloads as they arrive (Action.Execute data, or Action.Submit value): checked
 * against a schema before anything else sees them. Anything unexpected is refused.
 */
import { z } from "zod";
import { CAMPAIGN_STATUSES, type CampaignDraft, type CampaignStatus } from "../domain/campaign.js";
import type { CertificationDraft } from "../domain/certification.js";
import { ACTION_STATUSES, type ActionDraft, type ActionStatus } from "../domain/actions.js";
import { RATINGS } from "../standard/index.js";
import type { CardAction, CardVerb } from "../services/walkthrough.js";

const ELEMENT_VERBS = [
  "save",
  "addLink",
  "removeLink",
  "next",
  "back",
  "skip",
  "open",
  "submit",
  "approve",
  "return",
] as const satisfies readonly CardVerb[];
const CAMPAIGN_VERBS = [
  "campaigns",
  "campaignForm",
  "campaignCreate",
  "campaignMove",
  "campaignNext",
  "campaignCurrent",
  "campaignOverview",
  "campaignChase",
] as const;
const DATES_VERBS = ["dates", "datesSave"] as const;
const ACTION_VERBS = [
  "actionForm",
  "actionCreate",
  "action",
  "actions",
  "actionStatus",
  "actionNote",
  "actionSnooze",
  "actionDue",
] as const;
export const VERBS = [
  ...ELEMENT_VERBS,
  ...CAMPAIGN_VERBS,
  ...DATES_VERBS,
  ...ACTION_VERBS,
  "summaryCriterion",
  "importConfirm",
  "importCancel",
  "exportLinks",
  "progress",
  "help",
] as const;

// Generous caps: a clear "too long" message with the real limit comes from the domain; these
// only stop absurd payloads from travelling any further.
const text = (max: number) => z.string().max(max);
const RATING_VALUES = ["unrated", ...RATINGS.map((r) => r.id)] as const;
const STATUS_VALUES = CAMPAIGN_STATUSES.map((s) => s.id) as [CampaignStatus, ...CampaignStatus[]];
const ACTION_STATUS_VALUES = ACTION_STATUSES.map((s) => s.id) as [ActionStatus, ...ActionStatus[]];
export type ActionListFilter = "mine" | "all" | "overdue";

const schema = z
  .object({
    verb: z
      .string()
      .regex(/^cse\.[A-Za-z]+$/)
      .transform((v) => v.slice(4))
      .pipe(z.enum(VERBS)),
    campaignId: text(100).optional(),
    unitId: text(80).optional(),
    ref: text(20).optional(),
    baseRating: z.enum(RATING_VALUES).optional(),
    baseNarrative: text(40).optional(),
    rating: text(40).optional(),
    narrative: text(50_000).optional(),
    linkTitle: text(5_000).optional(),
    linkUrl: text(10_000).optional(),
    linkId: text(40).optional(),
    removeLinkId: text(40).optional(),
    /** "unit-id 3.2.1", from the my-work card's element choice. */
    pick: z
      .string()
      .regex(/^[a-z0-9-]{1,40} [1-5]\.[1-4]\.[1-6]$/)
      .optional(),
    comment: text(5_000).optional(),
    /** A campaign status (campaignMove) or an action status (actionStatus); each verb checks its own. */
    to: z.union([z.enum(STATUS_VALUES), z.enum(ACTION_STATUS_VALUES), z.literal("")]).optional(),
    name: text(1_000).optional(),
    type: text(40).optional(),
    units: text(10_000).optional(),
    dueDate: text(20).optional(),
    criterion: z
      .string()
      .regex(/^[1-5]$/)
      .optional(),
    /** The dates form: certification and visit dates, lead time (Input.Number may send a number), calendar. */
    certified: text(20).optional(),
    review1: text(20).optional(),
    review2: text(20).optional(),
    reassess: text(20).optional(),
    leadDays: z.union([text(5), z.number().finite().transform(String)]).optional(),
    scope: text(40).optional(),
    /** Improvement actions: the number, the form's fields, a note, a snooze, a list filter. */
    id: z
      .string()
      .regex(/^\d{1,8}$/)
      .optional(),
    title: text(5_000).optional(),
    description: text(20_000).optional(),
    refs: text(1_000).optional(),
    dueOn: text(20).optional(),
    priority: text(20).optional(),
    note: text(5_000).optional(),
    length: z.enum(["day", "week"]).optional(),
    filter: z.enum(["mine", "all", "overdue"]).optional(),
    owner: text(100).optional(),
    /** The report an import preview showed (sha-256, hex). */
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    /** The day a reminder card was sent for (reminder cards only). */
    day: text(10).optional(),
  })
  .passthrough();

export type ParsedAction =
  | { readonly kind: "element"; readonly action: CardAction }
  | { readonly kind: "summaryCriterion"; readonly campaignId: string; readonly criterion: number }
  | { readonly kind: "resume" }
  | { readonly kind: "progress" }
  | { readonly kind: "help" }
  | { readonly kind: "campaigns" }
  | { readonly kind: "campaignForm" }
  | { readonly kind: "campaignCreate"; readonly draft: CampaignDraft }
  | { readonly kind: "campaignMove"; readonly campaignId: string; readonly to: CampaignStatus }
  | { readonly kind: "campaignNext" | "campaignCurrent" | "campaignOverview" | "campaignChase"; readonly campaignId: string }
  | { readonly kind: "dates"; readonly scopeId?: string }
  | { readonly kind: "datesSave"; readonly draft: CertificationDraft }
  | { readonly kind: "actionForm"; readonly ref?: string }
  | { readonly kind: "actionCreate"; readonly draft: ActionDraft }
  | { readonly kind: "actions"; readonly filter: ActionListFilter; readonly ref?: string; readonly ownerId?: string }
  | { readonly kind: "action"; readonly id: string; readonly day?: string }
  | { readonly kind: "actionStatus"; readonly id: string; readonly to: ActionStatus; readonly day?: string }
  | { readonly kind: "actionNote"; readonly id: string; readonly note: string; readonly day?: string }
  | { readonly kind: "actionSnooze"; readonly id: string; readonly length: "day" | "week"; readonly day?: string }
  | { readonly kind: "actionDue"; readonly id: string; readonly dueOn: string }
  | { readonly kind: "importConfirm"; readonly fingerprint: string }
  | { readonly kind: "importCancel" }
  | { readonly kind: "exportLinks" };

export function parseCardAction(raw: unknown): ParsedAction | undefined {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return undefined;
  const d = parsed.data;
  switch (d.verb) {
    case "progress":
    case "help":
    case "campaigns":
    case "campaignForm":
      return { kind: d.verb };
    case "campaignCreate":
      return { kind: "campaignCreate", draft: { name: d.name ?? "", type: d.type ?? "", units: d.units ?? "", dueDate: d.dueDate } };
    case "campaignMove":
      return d.campaignId && isCampaignStatus(d.to) ? { kind: "campaignMove", campaignId: d.campaignId, to: d.to } : undefined;
    case "campaignNext":
    case "campaignCurrent":
    case "campaignOverview":
    case "campaignChase":
      return d.campaignId ? { kind: d.verb, campaignId: d.campaignId } : undefined;
    case "summaryCriterion":
      return d.campaignId && d.criterion
        ? { kind: "summaryCriterion", campaignId: d.campaignId, criterion: Number(d.criterion) }
        : undefined;
    case "dates":
      return { kind: "dates", scopeId: d.scope || undefined };
    case "datesSave": {
      const overrides = { "annual-review-1": d.review1 ?? "", "annual-review-2": d.review2 ?? "", reassessment: d.reassess ?? "" };
      return {
        kind: "datesSave",
        draft: { scopeId: d.scope ?? "", certifiedOn: d.certified ?? "", leadDays: d.leadDays ?? "", overrides },
      };
    }
    case "actionForm":
      return { kind: "actionForm", ref: d.ref || undefined };
    case "actionCreate":
      return {
        kind: "actionCreate",
        draft: { title: d.title ?? "", description: d.description ?? "", refs: d.refs ?? "", dueOn: d.dueOn ?? "", priority: d.priority },
      };
    case "importConfirm":
      return d.fingerprint ? { kind: "importConfirm", fingerprint: d.fingerprint } : undefined;
    case "importCancel":
    case "exportLinks":
      return { kind: d.verb };
    case "actions":
      return { kind: "actions", filter: d.filter ?? "mine", ref: d.ref || undefined, ownerId: d.owner || undefined };
    default:
      if (isActionVerb(d.verb)) return actionOn(d.verb, d);
      break;
  }
  if (d.pick) [d.unitId, d.ref] = d.pick.split(" ");
  // "Open" without an element means: where I stopped.
  if (d.verb === "open" && d.ref === undefined) return { kind: "resume" };
  if (d.campaignId === undefined || d.ref === undefined) return undefined;
  return {
    kind: "element",
    action: {
      verb: d.verb,
      campaignId: d.campaignId,
      unitId: d.unitId,
      ref: d.ref,
      base: { rating: d.baseRating ?? "unrated", narrativeHash: d.baseNarrative ?? "" },
      drafts: { rating: d.rating, narrative: d.narrative, linkTitle: d.linkTitle, linkUrl: d.linkUrl, comment: d.comment },
      linkId: d.removeLinkId || d.linkId,
    },
  };
}

const isCampaignStatus = (to: string | undefined): to is CampaignStatus => STATUS_VALUES.some((s) => s === to);

function isActionVerb(verb: string): verb is "action" | "actionStatus" | "actionNote" | "actionSnooze" | "actionDue" {
  return ["action", "actionStatus", "actionNote", "actionSnooze", "actionDue"].includes(verb);
}

/** Buttons on one action: each needs the action's number, and its own field. */
function actionOn(
  verb: "action" | "actionStatus" | "actionNote" | "actionSnooze" | "actionDue",
  d: z.infer<typeof schema>,
): ParsedAction | undefined {
  const { id } = d;
  if (id === undefined) return undefined;
  const day = d.day || undefined;
  switch (verb) {
    case "action":
      return { kind: "action", id, day };
    case "actionStatus":
      return d.to && ACTION_STATUS_VALUES.some((s) => s === d.to) ? { kind: "actionStatus", id, to: d.to as ActionStatus, day } : undefined;
    case "actionNote": {
      // The reminder card has a note box per action, "note-<id>", so that their ids are unique.
      const own: unknown = (d as Record<string, unknown>)[`note-${id}`];
      if (own === undefined) return { kind: "actionNote", id, note: d.note ?? "", day };
      return typeof own === "string" && own.length <= 5_000 ? { kind: "actionNote", id, note: d.note ?? own, day } : undefined;
    }
    case "actionSnooze":
      return d.length ? { kind: "actionSnooze", id, length: d.length, day } : undefined;
    case "actionDue":
      return { kind: "actionDue", id, dueOn: d.dueOn ?? "" };
  }
}
