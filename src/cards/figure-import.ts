/**
 * A file of service-standard figures as the coordinator checks it before Import: how many figures
 * are new, how many correct a recorded one (old → new), how many are already recorded, and every
 * row that was not read with its row number and why; other sheets with figures on them, not read.
 * After Import the same card, without its buttons, says what happened.
 */
import { periodName } from "../domain/periods.js";
import { formatValue } from "../domain/standards-report.js";
import type { Measure } from "../domain/performance.js";
import type { FigurePreview, FigureImportResult, PlannedFigure } from "../services/figure-import.js";
import { shorten } from "./format.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";
import { plural } from "../domain/plural.js";

/** Lines shown in each list (about 30 in all); the rest are counted, so the card stays within Teams' size limit. */
const SHOWN = 10;

/** "88%"; where one decimal place would hide a correction (87.45 → 87.44), the numbers as recorded. */
function values(before: number, after: number, measure: Measure): [string, string] {
  const [a, b] = [formatValue(before, measure), formatValue(after, measure)];
  return a === b && before !== after ? [String(before), String(after)] : [a, b];
}

/** A figure as a line of the card (before plainText): where it is in the file, and its value or correction. */
function line(f: PlannedFigure): string {
  const where = `Row ${f.row} · ${shorten(f.standard.promise, 60)} · ${periodName(f.period)}`;
  if (!f.before) return `${where}: ${formatValue(f.figure.value, f.standard.measure)}`;
  const [from, to] = values(f.before.value, f.figure.value, f.standard.measure);
  return `${where}: ${from} → ${to}${from === to ? " (its count, comparator or note changes)" : ""}`;
}

/** A heading and its first lines (as written, made plain here), the rest counted. */
function list(heading: string, lines: readonly string[], maxChars = 180) {
  return {
    heading,
    lines: lines.slice(0, SHOWN).map((text) => ({ text: plainText(text, maxChars) })),
    more: lines.length > SHOWN ? `and ${lines.length - SHOWN} more.` : "",
  };
}

function summary(fresh: number, corrections: number, unchanged: number, skipped: number): string {
  if (fresh + corrections === 0)
    return unchanged > 0
      ? "Every figure in this file is already recorded: importing it again changes nothing."
      : skipped > 0
        ? `None of the file's ${plural(skipped, "row")} could be read as a figure, so there is nothing to import. Correct the rows listed and send the file again.`
        : "The file has the header of a table of figures but no rows under it, so there is nothing to import.";
  const parts = [
    fresh > 0 && `${plural(fresh, "new figure")} will be recorded`,
    corrections > 0 && `${plural(corrections, "figure")} will be corrected, keeping the old value in the standard's history`,
    unchanged > 0 &&
      `${plural(unchanged, "figure is", "figures are")} already recorded and will be left as ${unchanged === 1 ? "it is" : "they are"}`,
  ].filter((p): p is string => typeof p === "string");
  return `${parts.join("; ")}.`.replace(/^./, (c) => c.toUpperCase());
}

/** The counts at the top: what the file holds, or after Import, what was done. */
function counts(fresh: number, corrections: number, unchanged: number, skipped: number, result?: FigureImportResult) {
  const [a, b, c] = result ? [result.added, result.corrected, result.unchanged] : [fresh, corrections, unchanged];
  return [
    { count: String(a), label: result ? "recorded" : "new", colour: a ? "Good" : "Default" },
    { count: String(b), label: result ? "corrected" : b === 1 ? "correction" : "corrections", colour: "Default" },
    { count: String(c), label: "already recorded", colour: "Default" },
    { count: String(skipped), label: "rows not read", colour: skipped ? "Warning" : "Default" },
  ];
}

export function figureImportCard(
  preview: FigurePreview,
  state: { readonly done?: string; readonly result?: FigureImportResult } = {},
): AdaptiveCard {
  // In the file's order, as the coordinator checks it against the file.
  const byRow = [...preview.figures].sort((a, b) => a.row - b.row);
  const fresh = byRow.filter((f) => f.change === "new");
  const corrections = byRow.filter((f) => f.change === "correction");
  const unchanged = preview.figures.length - fresh.length - corrections.length;
  const { skipped, otherSheets } = preview;
  const said = summary(fresh.length, corrections.length, unchanged, skipped.length);
  const done = state.done ?? "";
  const notImported = state.result?.notImported ?? [];
  const lists = [
    notImported.length > 0 &&
      list(
        `Not imported (${notImported.length}): changed since the preview`,
        notImported.map(({ figure, why }) => `${line(figure)} (${why})`),
        240,
      ),
    corrections.length > 0 && list(`Corrections (${corrections.length}): recorded value → the file's`, corrections.map(line)),
    fresh.length > 0 && list(`New figures (${fresh.length})`, fresh.map(line)),
    skipped.length > 0 &&
      list(
        `Rows not read (${skipped.length})`,
        skipped.map((s) => `Row ${s.row}: ${s.reason}`),
        200,
      ),
  ].filter((l) => l !== false);
  const sheets = otherSheets.slice(0, 5).map((name) => `"${shorten(name, 40)}"`);
  return renderCard("figure-import", {
    heading: done ? "Service standard figures imported" : "Service standard figures: check before importing",
    title: plainText(preview.fileName || "File of figures", 80),
    subtitle: preview.sheet !== undefined ? plainText(`From the sheet "${shorten(preview.sheet, 60)}"`, 80) : "",
    notice: plainText(done, 1200),
    noticeStyle: state.result?.notImported.length ? "warning" : "good",
    counts: counts(fresh.length, corrections.length, unchanged, skipped.length, state.result),
    summaryText: done ? "" : said,
    fallback: plainText(done || said, 300),
    lists,
    otherSheetsText: sheets.length
      ? plainText(
          `Not read: the ${otherSheets.length === 1 ? "sheet" : "sheets"} ${sheets.join(", ")}${otherSheets.length > 5 ? ` and ${otherSheets.length - 5} more` : ""} also ${otherSheets.length === 1 ? "has" : "have"} figures. Only one sheet is read from each file: send ${otherSheets.length === 1 ? "it" : "each"} as a file of its own.`,
          600,
        )
      : "",
    confirmText:
      done || preview.figures.length === 0
        ? ""
        : "Nothing is stored until you press Import. A count, comparator or note the file leaves empty keeps what is recorded. A figure someone changes before you press Import is left as they recorded it.",
    canConfirm: !done && preview.figures.length > 0,
    fingerprint: preview.fingerprint,
  });
}
