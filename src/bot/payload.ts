/**
 * Card action payloads as they arrive (Action.Execute data, or Action.Submit value): each verb has
 * its own schema, which checks the fields that verb takes before anything else sees them and turns
 * them into what its handler runs. Anything unexpected is refused; fields a verb does not take are
 * ignored (a card sends all of its inputs with every button).
 */
import { z } from "zod";
import { ACTION_STATUSES, type ActionDraft, type ActionStatus } from "../domain/actions.js";
import { CAMPAIGN_STATUSES, type CampaignDraft, type CampaignStatus } from "../domain/campaign.js";
import type { CertificationDraft } from "../domain/certification.js";
import { RATINGS } from "../standard/index.js";
import type { CardAction } from "../services/views.js";
import { ELEMENT_VERBS, VERBS, type Verb } from "../cards/verbs.js";
import { fingerprint, optional, text } from "./payload-fields.js";
import { STANDARD_SCHEMAS, type StandardsAction } from "./payload-standards.js";

export type ActionListFilter = "mine" | "all" | "overdue";

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
  | { readonly kind: "campaignNext"; readonly campaignId: string }
  | { readonly kind: "campaignCurrent"; readonly campaignId: string }
  | { readonly kind: "campaignOverview"; readonly campaignId: string }
  | { readonly kind: "campaignChase"; readonly campaignId: string }
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
  | { readonly kind: "planConfirm"; readonly fingerprint: string; readonly element?: string }
  | { readonly kind: "fileEvidence"; readonly ref: string; readonly fileName: string; readonly fileUrl: string }
  | { readonly kind: "assignForm"; readonly ref?: string }
  | { readonly kind: "assignCreate"; readonly assignee: string; readonly scope: string }
  | { readonly kind: "exportLinks" }
  | { readonly kind: "standards" }
  | StandardsAction;

const RATING_VALUES = ["unrated", ...RATINGS.map((r) => r.id)] as const;
const STATUS_VALUES = CAMPAIGN_STATUSES.map((s) => s.id) as [CampaignStatus, ...CampaignStatus[]];
const ACTION_STATUS_VALUES = ACTION_STATUSES.map((s) => s.id) as [ActionStatus, ...ActionStatus[]];
const campaignId = text(100);
const actionId = z.string().regex(/^\d{1,8}$/);
/** The day a reminder card was sent for (reminder cards only). */
const day = optional(10).transform((d) => d || undefined);

/** The element card: what it showed (base) and what was typed (drafts); my-work's choice names unit and element. */
const element = (verb: (typeof ELEMENT_VERBS)[number]) =>
  z
    .object({
      campaignId: optional(100),
      unitId: optional(80),
      ref: optional(20),
      /** "unit-id 3.2.1", from the my-work card's element choice. */
      pick: z
        .string()
        .regex(/^[a-z0-9-]{1,40} [1-5]\.[1-4]\.[1-6]$/)
        .optional(),
      baseRating: z.enum(RATING_VALUES).optional(),
      baseNarrative: optional(40),
      rating: optional(40),
      narrative: optional(50_000),
      linkTitle: optional(5_000),
      linkUrl: optional(10_000),
      linkId: optional(40),
      removeLinkId: optional(40),
      comment: optional(5_000),
    })
    .transform((d): ParsedAction | undefined => {
      const [unitId, ref] = d.pick ? d.pick.split(" ") : [d.unitId, d.ref];
      // "Open" without an element means: where I stopped.
      if (verb === "open" && ref === undefined) return { kind: "resume" };
      if (d.campaignId === undefined || ref === undefined) return undefined;
      return {
        kind: "element",
        action: {
          verb,
          campaignId: d.campaignId,
          unitId,
          ref,
          base: { rating: d.baseRating ?? "unrated", narrativeHash: d.baseNarrative ?? "" },
          drafts: { rating: d.rating, narrative: d.narrative, linkTitle: d.linkTitle, linkUrl: d.linkUrl, comment: d.comment },
          linkId: d.removeLinkId || d.linkId,
        },
      };
    });

const only = <K extends "progress" | "help" | "campaigns" | "campaignForm" | "importCancel" | "exportLinks" | "standards">(kind: K) =>
  z.object({}).transform((): ParsedAction => ({ kind }));

const onCampaign = <K extends "campaignNext" | "campaignCurrent" | "campaignOverview" | "campaignChase">(kind: K) =>
  z.object({ campaignId }).transform((d): ParsedAction => ({ kind, campaignId: d.campaignId }));

/** One schema for each verb; the type makes sure none is missing. */
const SCHEMAS: { readonly [V in Verb]: z.ZodType<ParsedAction | undefined, z.ZodTypeDef, unknown> } = {
  ...(Object.fromEntries(ELEMENT_VERBS.map((v) => [v, element(v)])) as {
    [V in (typeof ELEMENT_VERBS)[number]]: ReturnType<typeof element>;
  }),
  progress: only("progress"),
  help: only("help"),
  campaigns: only("campaigns"),
  campaignForm: only("campaignForm"),
  importCancel: only("importCancel"),
  exportLinks: only("exportLinks"),
  standards: only("standards"),
  campaignNext: onCampaign("campaignNext"),
  campaignCurrent: onCampaign("campaignCurrent"),
  campaignOverview: onCampaign("campaignOverview"),
  campaignChase: onCampaign("campaignChase"),
  campaignCreate: z
    .object({ name: optional(1_000), type: optional(40), units: optional(10_000), dueDate: optional(20) })
    .transform((d): ParsedAction => ({
      kind: "campaignCreate",
      draft: { name: d.name ?? "", type: d.type ?? "", units: d.units ?? "", dueDate: d.dueDate },
    })),
  campaignMove: z.object({ campaignId, to: z.enum(STATUS_VALUES) }).transform((d): ParsedAction => ({ kind: "campaignMove", ...d })),
  summaryCriterion: z
    .object({ campaignId, criterion: z.string().regex(/^[1-5]$/) })
    .transform((d): ParsedAction => ({ kind: "summaryCriterion", campaignId: d.campaignId, criterion: Number(d.criterion) })),
  dates: z.object({ scope: optional(40) }).transform((d): ParsedAction => ({ kind: "dates", scopeId: d.scope || undefined })),
  datesSave: z
    .object({
      scope: optional(40),
      certified: optional(20),
      review1: optional(20),
      review2: optional(20),
      reassess: optional(20),
      // Input.Number may send a number.
      leadDays: z.union([text(5), z.number().finite().transform(String)]).optional(),
    })
    .transform((d): ParsedAction => ({
      kind: "datesSave",
      draft: {
        scopeId: d.scope ?? "",
        certifiedOn: d.certified ?? "",
        leadDays: d.leadDays ?? "",
        overrides: { "annual-review-1": d.review1 ?? "", "annual-review-2": d.review2 ?? "", reassessment: d.reassess ?? "" },
      },
    })),
  actionForm: z.object({ ref: optional(20) }).transform((d): ParsedAction => ({ kind: "actionForm", ref: d.ref || undefined })),
  actionCreate: z
    .object({ title: optional(5_000), description: optional(20_000), refs: optional(1_000), dueOn: optional(20), priority: optional(20) })
    .transform((d): ParsedAction => ({
      kind: "actionCreate",
      draft: { title: d.title ?? "", description: d.description ?? "", refs: d.refs ?? "", dueOn: d.dueOn ?? "", priority: d.priority },
    })),
  actions: z
    .object({ filter: z.enum(["mine", "all", "overdue"]).optional(), ref: optional(20), owner: optional(100) })
    .transform((d): ParsedAction => ({
      kind: "actions",
      filter: d.filter ?? "mine",
      ref: d.ref || undefined,
      ownerId: d.owner || undefined,
    })),
  action: z.object({ id: actionId, day }).transform((d): ParsedAction => ({ kind: "action", ...d })),
  actionStatus: z
    .object({ id: actionId, to: z.enum(ACTION_STATUS_VALUES), day })
    .transform((d): ParsedAction => ({ kind: "actionStatus", ...d })),
  // The reminder card has a note box per action, "note-<id>", so that their ids are unique.
  actionNote: z
    .object({ id: actionId, note: optional(5_000), day })
    .passthrough()
    .transform((d): ParsedAction | undefined => {
      const own: unknown = (d as Record<string, unknown>)[`note-${d.id}`];
      if (own !== undefined && (typeof own !== "string" || own.length > 5_000)) return undefined;
      return { kind: "actionNote", id: d.id, note: d.note ?? own ?? "", day: d.day };
    }),
  actionSnooze: z
    .object({ id: actionId, length: z.enum(["day", "week"]), day })
    .transform((d): ParsedAction => ({ kind: "actionSnooze", ...d })),
  actionDue: z
    .object({ id: actionId, dueOn: optional(20) })
    .transform((d): ParsedAction => ({ kind: "actionDue", id: d.id, dueOn: d.dueOn ?? "" })),
  importConfirm: z.object({ fingerprint }).transform((d): ParsedAction => ({ kind: "importConfirm", fingerprint: d.fingerprint })),
  assignForm: z.object({ ref: optional(20) }).transform((d): ParsedAction => ({ kind: "assignForm", ref: d.ref || undefined })),
  assignCreate: z
    .object({ assignee: optional(200), assignScope: optional(20) })
    .transform((d): ParsedAction => ({ kind: "assignCreate", assignee: d.assignee ?? "", scope: d.assignScope ?? "" })),
  fileEvidence: z
    .object({ ref: text(20), fileName: text(500), fileUrl: text(4_000) })
    .transform((d): ParsedAction => ({ kind: "fileEvidence", ...d })),
  ...STANDARD_SCHEMAS,
  planConfirm: z
    .object({ fingerprint, planElement: optional(20) })
    .transform((d): ParsedAction => ({ kind: "planConfirm", fingerprint: d.fingerprint, element: d.planElement || undefined })),
};

const VERB = z
  .string()
  .regex(/^cse\.[A-Za-z]+$/)
  .transform((v) => v.slice(4))
  .pipe(z.enum(VERBS));

/** What a card action asks for, checked against its verb's schema; undefined when it is not a valid card action. */
export function parseCardAction(raw: unknown): ParsedAction | undefined {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  const verb = VERB.safeParse((raw as { verb?: unknown }).verb);
  if (!verb.success) return undefined;
  const parsed = SCHEMAS[verb.data].safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** What the "Add as CSE evidence" dialog submits: the element, the unit, and the title for the message's link. */
export interface EvidenceChoice {
  readonly ref: string;
  readonly unitId?: string;
  readonly title: string;
}

const EVIDENCE_CHOICE = z
  .object({ evidenceRef: text(20), evidenceUnit: optional(100), evidenceTitle: optional(2_000) })
  .transform((d): EvidenceChoice => ({ ref: d.evidenceRef.trim(), unitId: d.evidenceUnit || undefined, title: d.evidenceTitle ?? "" }));

export function parseEvidenceChoice(raw: unknown): EvidenceChoice | undefined {
  const parsed = EVIDENCE_CHOICE.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
