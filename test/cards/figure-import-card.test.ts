/** The preview of a file of figures: valid for Teams, what the coordinator checks, and within 28 KB with 2,000 rows. */
import { describe, expect, it } from "vitest";
import { cardBytes, figureImportCard, TEAMS_CARD_BYTES } from "../../src/cards/index.js";
import { periodById, periodsEndingWith } from "../../src/domain/periods.js";
import type { ServiceStandard } from "../../src/domain/standards.js";
import { importedMessage, type FigurePreview, type PlannedFigure } from "../../src/services/figure-import.js";
import { cardProblems, expectTeamsReady, strings } from "../support/card-checks.js";
import { linksShown } from "../support/hostile.js";
import { cardText, findActions } from "../support/teams.js";

const LETTERS: ServiceStandard = {
  id: "letters",
  promise: "We will answer your letter within ten working days",
  measure: { kind: "percentage" },
  target: { value: 90, better: "higher" },
  frequency: "monthly",
  owner: { userId: "u1", name: "Priya Shah" },
  published: true,
  refs: ["4.1.2"],
};
/** The most a promise may hold, of the characters that cost the most JSON and mean something in Markdown. */
const HOSTILE: ServiceStandard = { ...LETTERS, id: "hostile", promise: '*_[x](javascript:alert(1))<b>"\\€😀'.repeat(12).slice(0, 200) };

const planned = (standard: ServiceStandard, row: number, periodId: string, value: number, before?: number): PlannedFigure => ({
  row,
  standard,
  period: periodById(periodId)!,
  figure: { standardId: standard.id, periodId, value },
  ...(before !== undefined && { before: { standardId: standard.id, periodId, value: before } }),
  change: before === undefined ? "new" : before === value ? "unchanged" : "correction",
});

const preview = (over: Partial<FigurePreview> = {}): FigurePreview => ({
  fingerprint: "ab".repeat(32),
  fileName: "Standards figures 2026-27.xlsx",
  sheet: "Figures 2026-27",
  otherSheets: ["Figures 2025-26"],
  figures: [
    planned(LETTERS, 3, "2026-04", 92),
    planned(LETTERS, 4, "2026-05", 91, 88),
    planned(LETTERS, 5, "2026-06", 90, 90),
    planned(LETTERS, 2, "2026-03", 87.41, 87.44),
  ],
  skipped: [
    { row: 6, reason: "November 2026 is not finished yet" },
    { row: 7, reason: "the value looks like a spreadsheet formula, not a number" },
  ],
  ...over,
});

/** 2,000 rows, the most a file is read for: half of them corrections of the longest, most costly promise, half not read. */
function largest(): FigurePreview {
  const months = periodsEndingWith(periodById("2026-03")!, 1000);
  return preview({
    fileName: `${"€".repeat(200)}.xlsx`,
    sheet: "😀".repeat(31),
    otherSheets: Array.from({ length: 40 }, (_, i) => `${"\\".repeat(30)}${i}`),
    figures: months.map((m, i) => planned(HOSTILE, i + 2, m.id, 99.5, 0.5)),
    skipped: months.map((_, i) => ({ row: 1002 + i, reason: `no standard called "${'*_<"'.repeat(14)}…"` })),
  });
}

describe("figure import card", () => {
  const card = figureImportCard(preview());
  const text = cardText(card);

  it("counts what is new, corrected, already recorded and not read, and lists them by row", () => {
    expect(text).toContain(
      "1 new figure will be recorded; 2 figures will be corrected, keeping the old value in the standard's history; 1 figure is already recorded and will be left as it is.",
    );
    expect(text).toContain("Row 4 · We will answer your letter within ten working days · May 2026: 88% → 91%");
    // Rounded to one place both would read 87.4%: the numbers as recorded show the correction.
    expect(text).toContain("Row 2 · We will answer your letter within ten working days · March 2026: 87.44 → 87.41");
    expect(text).toContain("Row 3 · We will answer your letter within ten working days · April 2026: 92%");
    expect(text).toContain("Row 7: the value looks like a spreadsheet formula, not a number");
    expect(text).toContain('Not read: the sheet "Figures 2025-26" also has figures.');
    expect(findActions(card).map((a) => [a.title, a.verb, a.data.fingerprint])).toEqual([
      ["Import", "cse.figureImportConfirm", "ab".repeat(32)],
      ["Cancel", "cse.importCancel", undefined],
    ]);
    expectTeamsReady(card, /^$/, /^cse\.(figureImportConfirm|importCancel)$/);
    expect(cardProblems(card)).toEqual([]);
  });

  it("after Import says what happened, lists what was not imported and why, and has no buttons", () => {
    const [, corrected] = preview().figures;
    const result = { added: 1, corrected: 1, unchanged: 1, notImported: [{ figure: corrected!, why: "now 89%, recorded by Olu Officer" }] };
    const done = figureImportCard(preview(), { done: importedMessage(result), result });
    const doneText = cardText(done);
    expect(doneText).toContain("Service standard figures imported");
    expect(doneText).toContain("1 figure was changed since the preview, so it was not imported");
    expect(doneText).toContain("Not imported (1): changed since the preview");
    expect(doneText).toContain(
      "Row 4 · We will answer your letter within ten working days · May 2026: 88% → 91% (now 89%, recorded by Olu Officer)",
    );
    expect(findActions(done)).toEqual([]);
    expect(cardProblems(done)).toEqual([]);
  });

  it("a file with nothing but rows not read has no Import button, and says why", () => {
    const none = figureImportCard(preview({ figures: [] }));
    expect(cardText(none)).toContain("None of the file's 2 rows could be read as a figure, so there is nothing to import.");
    expect(findActions(none)).toEqual([]);
  });

  it("stays within Teams' 28 KB with 2,000 rows of the costliest text, showing some of each list and counting the rest", () => {
    for (const big of [figureImportCard(largest()), figureImportCard(largest(), { done: "x".repeat(5000) })]) {
      expect(cardBytes(big)).toBeLessThanOrEqual(TEAMS_CARD_BYTES);
      expect(cardProblems(big)).toEqual([]);
      expect(strings(big).filter((s) => s.includes("${"))).toEqual([]);
      expect(cardText(big)).toContain("and 990 more.");
      expect(linksShown(big)).toEqual([]);
    }
    expect(cardText(figureImportCard(largest()))).toContain("and 35 more");
  });
});
