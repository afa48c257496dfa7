/**
 * Card action payloads as they arrive (Action.Execute data, or Action.Submit value): checked
 * against a schema before anything else sees them. Anything unexpected is refused.
 */
import { z } from "zod";
import { CAMPAIGN_STATUSES, type CampaignDraft, type CampaignStatus } from "../domain/campaign.js";
import { RATINGS } from "../standard/index.js";
import type { CardAction, CardVerb } from "../services/walkthrough.js";

const ELEMENT_VERBS = ["save", "addLink", "removeLink", "next", "back", "skip", "open", "submit", "approve", "return"] as const satisfies readonly CardVerb[];
const CAMPAIGN_VERBS = ["campaigns", "campaignForm", "campaignCreate", "campaignMove", "campaignNext", "campaignCurrent", "campaignOverview", "campaignChase"] as const;
export const VERBS = [...ELEMENT_VERBS, ...CAMPAIGN_VERBS, "progress", "help"] as const;

// Generous caps: a clear "too long" message with the real limit comes from the domain; these
// only stop absurd payloads from travelling any further.
const text = (max: number) => z.string().max(max);
const RATING_VALUES = ["unrated", ...RATINGS.map((r) => r.id)] as const;
const STATUS_VALUES = CAMPAIGN_STATUSES.map((s) => s.id) as [CampaignStatus, ...CampaignStatus[]];

const schema = z
  .object({
    verb: z.string().regex(/^cse\.[A-Za-z]+$/).transform((v) => v.slice(4)).pipe(z.enum(VERBS)),
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
    pick: z.string().regex(/^[a-z0-9-]{1,40} [1-5]\.[1-4]\.[1-6]$/).optional(),
    comment: text(5_000).optional(),
    to: z.union([z.enum(STATUS_VALUES), z.literal("")]).optional(),
    name: text(1_000).optional(),
    type: text(40).optional(),
    units: text(10_000).optional(),
    dueDate: text(20).optional(),
  })
  .passthrough();

export type ParsedAction =
  | { readonly kind: "element"; readonly action: CardAction }
  | { readonly kind: "resume" }
  | { readonly kind: "progress" }
  | { readonly kind: "help" }
  | { readonly kind: "campaigns" }
  | { readonly kind: "campaignForm" }
  | { readonly kind: "campaignCreate"; readonly draft: CampaignDraft }
  | { readonly kind: "campaignMove"; readonly campaignId: string; readonly to: CampaignStatus }
  | { readonly kind: "campaignNext" | "campaignCurrent" | "campaignOverview" | "campaignChase"; readonly campaignId: string };

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
      return d.campaignId && d.to ? { kind: "campaignMove", campaignId: d.campaignId, to: d.to } : undefined;
    case "campaignNext":
    case "campaignCurrent":
    case "campaignOverview":
    case "campaignChase":
      return d.campaignId ? { kind: d.verb, campaignId: d.campaignId } : undefined;
    default:
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
