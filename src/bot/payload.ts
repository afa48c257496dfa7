/**
 * Card action payloads as they arrive (Action.Execute data, or Action.Submit value): checked
 * against a schema before anything else sees them. Anything unexpected is refused.
 */
import { z } from "zod";
import { RATINGS } from "../standard/index.js";
import type { CardAction, CardVerb } from "../services/walkthrough.js";

const ELEMENT_VERBS = ["save", "addLink", "removeLink", "next", "back", "skip", "open"] as const satisfies readonly CardVerb[];
export const VERBS = [...ELEMENT_VERBS, "progress", "help"] as const;
export type Verb = (typeof VERBS)[number];

// Generous caps: a clear "too long" message with the real limit comes from the domain; these
// only stop absurd payloads from travelling any further.
const text = (max: number) => z.string().max(max);
const RATING_VALUES = ["unrated", ...RATINGS.map((r) => r.id)] as const;

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
  })
  .passthrough();

export type ParsedAction =
  | { readonly kind: "element"; readonly action: CardAction }
  | { readonly kind: "resume" }
  | { readonly kind: "progress" }
  | { readonly kind: "help" };

export function parseCardAction(raw: unknown): ParsedAction | undefined {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return undefined;
  const d = parsed.data;
  if (d.verb === "progress" || d.verb === "help") return { kind: d.verb };
  if (d.verb === "open" && d.campaignId === undefined && d.ref === undefined) return { kind: "resume" };
  if (d.campaignId === undefined || d.ref === undefined) return undefined;
  return {
    kind: "element",
    action: {
      verb: d.verb,
      campaignId: d.campaignId,
      unitId: d.unitId,
      ref: d.ref,
      base: { rating: d.baseRating ?? "unrated", narrativeHash: d.baseNarrative ?? "" },
      drafts: { rating: d.rating, narrative: d.narrative, linkTitle: d.linkTitle, linkUrl: d.linkUrl },
      linkId: d.linkId,
    },
  };
}
