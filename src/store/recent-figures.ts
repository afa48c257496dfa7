/**
 * A standard's newest figures, kept in its own row ("recent"), so a card that shows how the
 * standards linked to an element are doing reads the standards' rows and not every figure the
 * council has recorded over the years. Written in the same transaction as each figure (the row's
 * ETag guards it), so it never disagrees with the figures. Row format only; no storage calls.
 */
import { TREND_PERIODS } from "../domain/standards-report.js";
import { figureOnly } from "../domain/figures.js";
import { periodById } from "../domain/periods.js";
import type { Figure } from "../domain/standards.js";
import { text, type StoredEntity } from "./tables.js";

/**
 * The newest figures kept: cards look back TREND_PERIODS periods from the last finished one, and
 * no figure is ever for a later period, so the newest TREND_PERIODS hold every one they show.
 */
const KEPT = TREND_PERIODS;

/** The row's newest figures, oldest first; undefined for rows written before the column existed. */
export function recentFigures(e: StoredEntity): Figure[] | undefined {
  if (typeof e.recent !== "string") return undefined;
  const standardId = text(e.standardId);
  return (JSON.parse(e.recent) as Omit<Figure, "standardId">[]).map((f) => ({ ...f, standardId }));
}

/** `recent` with `figure` recorded or corrected, as the column stores it. */
export function recentColumn(recent: readonly Figure[], figure?: Figure): string {
  const merged = figure ? [...recent.filter((f) => f.periodId !== figure.periodId), figure] : [...recent];
  const start = (f: Figure) => periodById(f.periodId)?.start ?? "";
  const kept = merged.sort((a, b) => start(a).localeCompare(start(b)) || a.periodId.localeCompare(b.periodId)).slice(-KEPT);
  // The row is the standard's, so each figure is kept without its standard's id.
  return JSON.stringify(
    kept.map((f) => {
      const { standardId: _standardId, ...own } = figureOnly(f);
      return own;
    }),
  );
}
