/**
 * What every element card shows beyond the unit's own assessments: the improvement actions
 * covering each element (their "r|" rows in Actions) and the council's service standards with
 * their newest figures (Standards). Read here for the campaigns' copies (campaign-copies.ts), which
 * carry it in columns of their own so a card press reads neither table. Reads and row format.
 */
import { ACTIONS_ON_CARD, cardOrder } from "../domain/actions.js";
import { figureOnly } from "../domain/figures.js";
import type { Figure, ServiceStandard } from "../domain/standards.js";
import { REF, toActionLink, type ActionLink } from "./action-rows.js";
import { decodeKeyPart, encodeKeyPart } from "./keys.js";
import { longColumn, longColumns } from "./long-columns.js";
import { recentFigures } from "./recent-figures.js";
import { FIGURE, STANDARD, toFigure, toStandard, type StoredFigure, type StoredStandard } from "./standard-rows.js";
import { prefixEnd, type StoredEntity, type Tables } from "./tables.js";

/** An action as an element's card lists it, with the element. */
export type ElementLink = ActionLink & { readonly ref: string };

export interface CouncilRelated {
  /**
   * The actions each element's card lists (the first ACTIONS_ON_CARD in its order), so the copies
   * do not grow with every action ever finished; `linkCounts` says how many each element has.
   */
  readonly links: readonly ElementLink[];
  readonly linkCounts: Readonly<Record<string, number>>;
  readonly standards: readonly ServiceStandard[];
  /** The standards' newest figures. */
  readonly figures: readonly Figure[];
}

/** The tenant's standards and all their figures in one query (their rows sort together, the audit before them). */
export async function everyStandardAndFigure(
  tables: Tables,
  tenantId: string,
): Promise<{ standards: StoredStandard[]; figures: StoredFigure[] }> {
  const rows = await tables.queryRange("Standards", encodeKeyPart(tenantId), FIGURE, prefixEnd(STANDARD));
  return {
    standards: rows.filter((r) => r.rowKey?.startsWith(STANDARD)).map(toStandard),
    figures: rows.filter((r) => r.rowKey?.startsWith(FIGURE)).map(toFigure),
  };
}

/**
 * The tenant's standards, each with its newest figures (recent-figures.ts), in one query of the
 * standards' rows alone. Rows written before they kept their figures are read with every figure.
 */
export async function standardsWithRecentFigures(
  tables: Tables,
  tenantId: string,
): Promise<{ standards: StoredStandard[]; figures: Figure[] }> {
  const rows = await tables.queryPartition("Standards", encodeKeyPart(tenantId), STANDARD);
  const recent = rows.map(recentFigures);
  if (recent.some((r) => r === undefined)) return everyStandardAndFigure(tables, tenantId);
  return { standards: rows.map(toStandard), figures: recent.flatMap((r) => r ?? []) };
}

/** The tenant's actions by element and standards with their newest figures: two queries, side by side. */
export async function readCouncilRelated(tables: Tables, tenantId: string): Promise<CouncilRelated> {
  const [linkRows, { standards, figures }] = await Promise.all([
    tables.queryPartition("Actions", encodeKeyPart(tenantId), REF),
    standardsWithRecentFigures(tables, tenantId),
  ]);
  const byElement = Map.groupBy(linkRows.map(toElementLink), (l) => l.ref);
  return {
    links: [...byElement.values()].flatMap((links) => links.sort(cardOrder).slice(0, ACTIONS_ON_CARD)),
    linkCounts: Object.fromEntries([...byElement].map(([ref, links]) => [ref, links.length])),
    // As stored, without ETags or who recorded a figure: the card shows neither.
    standards: standards.map(({ etag: _etag, ...standard }) => standard),
    figures: figures.map(figureOnly),
  };
}

function toElementLink(e: StoredEntity): ElementLink {
  // "r|<ref>|<action number>"
  const ref = decodeKeyPart((e.rowKey ?? "").slice(REF.length).split("|")[0] ?? "");
  return { ref, ...toActionLink(e) };
}

/** What element `ref`'s card shows from `related`: the actions it lists, how many it has, its standards. */
export function relatedTo(related: CouncilRelated, ref: string): { links: ActionLink[]; linkCount: number; standards: ServiceStandard[] } {
  return {
    links: related.links.filter((l) => l.ref === ref).map(({ ref: _ref, ...link }) => link),
    linkCount: Object.hasOwn(related.linkCounts, ref) ? related.linkCounts[ref]! : 0,
    standards: related.standards.filter((s) => s.refs.includes(ref)),
  };
}

/** Past this many columns of 30,000 characters (long-columns.ts), copies go without, and cards read both tables instead. */
const MAX_PARTS = 24;
/**
 * The layout of what the copies carry, stored beside it: a copy written with another (by an earlier
 * version) is read as not carrying it, until start-up or the next change writes it again.
 */
const FORMAT = "2";

/**
 * `related` as a copy's columns (`serialised`: its JSON; none to carry nothing). Too large, or
 * none, the format is left empty, so a copy merged over an older one does not pass for carrying it.
 */
export function relatedColumns(serialised: string | undefined): Record<string, string> {
  const columns = serialised === undefined ? {} : longColumns("related", serialised, MAX_PARTS);
  return Object.keys(columns).length > 0 ? { ...columns, relatedFormat: FORMAT } : { relatedFormat: "" };
}

/** What a copy carries, or undefined when it does not say (written before it did, in another layout, or too large). */
export function copiedRelated(e: StoredEntity): CouncilRelated | undefined {
  const json = e.relatedFormat === FORMAT ? longColumn(e, "related") : undefined;
  return json === undefined ? undefined : (JSON.parse(json) as CouncilRelated);
}
