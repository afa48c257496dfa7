/** The import preview and export cards: what a coordinator reads, valid for Teams, and within 28 KB at their longest. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cardBytes, exportCard, importPreviewCard } from "../../src/cards/index.js";
import { proposeCalendar } from "../../src/domain/certification.js";
import { parseAssessorReport, type ParsedReport } from "../../src/io/assessor-report.js";
import type { ImportPreview } from "../../src/services/report-import.js";
import { cardProblems, expectTeamsReady, nodes, strings } from "../support/card-checks.js";
import { cardText, findActions } from "../support/teams.js";

const MAX_BYTES = 28_672;
const OADBY = readFileSync(new URL("../fixtures/assessor-report-oadby-wigston-2023.txt", import.meta.url), "utf8");

function preview(report: ParsedReport, current?: string): ImportPreview {
  const calendar = proposeCalendar(report);
  return {
    campaign: { id: "cse-2026", name: "CSE self-assessment 2026" },
    fingerprint: "ab".repeat(32),
    fileName: "OWBC CSE report 2023.docx",
    report,
    draftAreas: report.areas.filter((a) => a.refs.length).slice(0, 12),
    calendar: calendar && { ...calendar, current },
  };
}

describe("import preview card", () => {
  const card = importPreviewCard(preview(parseAssessorReport(OADBY)));

  it("shows the table's counts, the areas with their elements, the dates and the disagreement, with Import and Cancel", () => {
    const text = cardText(card);
    expect(text).toContain("Assessor's report: check before importing");
    expect(text).toContain("Review 3 (C 3) · assessed 13 Dec 2023 · from OWBC CSE report 2023.docx");
    expect(text).toContain("57 elements: 8 Compliance Plus, 47 Compliance, 2 Partial Compliance");
    expect(text).toContain("Areas for improvement (9)");
    expect(text).toContain("Elements 5.1.1, 5.1.2");
    expect(text).toContain("Worth checking (2). Where the narrative and the table differ, the table is used.");
    expect(text).toContain("Annual review, year 1");
    expect(text).toContain('The assessor\'s ratings go beside your own in "CSE self-assessment 2026"; your own ratings are not changed.');
    expect(findActions(card).map((a) => [a.title, a.verb, a.data.fingerprint])).toEqual([
      ["Import", "cse.importConfirm", "ab".repeat(32)],
      ["Cancel", "cse.importCancel", undefined],
    ]);
    expectTeamsReady(card, /^$/, /^cse\.import(Confirm|Cancel)$/);
    expect(cardProblems(card)).toEqual([]);
    expect(strings(card).some((s) => s.includes("${"))).toBe(false);
  });

  it("after Import: says what happened, and has no buttons left to press", () => {
    const done = importPreviewCard(preview(parseAssessorReport(OADBY), "2023-12-13"), { done: "Imported the assessor's 57 ratings." });
    expect(cardText(done)).toContain("Imported the assessor's 57 ratings.");
    expect(cardText(done)).toContain("Your certification calendar follows this report.");
    expect(findActions(done)).toEqual([]);
    expect(cardProblems(done)).toEqual([]);
  });

  it("a report whose totals disagree and whose dates differ says so", () => {
    const text = cardText(importPreviewCard(preview({ ...parseAssessorReport(OADBY), statedTotals: { compliance: 46 } }, "2024-01-10")));
    expect(text).toContain("Does not match the report's own totals: see below.");
    expect(text).toContain("Your calendar says certified 10 Jan 2024 and will be left as it is");
  });

  it("stays within 28 KB at its longest: 12 areas of 500 wide characters, 60 findings, long names", () => {
    const wide = (n: number) => '€"'.repeat(n / 2);
    const report: ParsedReport = {
      ...parseAssessorReport(OADBY),
      organisation: wide(150),
      reportType: wide(150),
      areas: Array.from({ length: 20 }, () => ({ text: wide(500), refs: ["1.1.1", "2.2.2", "3.3.3", "4.4.4"] })),
      problems: Array.from({ length: 40 }, () => wide(300)),
      disagreements: Array.from({ length: 20 }, () => wide(300)),
    };
    const big = importPreviewCard({ ...preview(report), fileName: wide(250), campaign: { id: "c", name: wide(200) } });
    expect(cardText(big)).toContain("Worth checking (61): the first 10.");
    console.log(`import preview at its longest: ${cardBytes(big)} bytes of ${MAX_BYTES}`);
    expect(cardBytes(big)).toBeLessThanOrEqual(MAX_BYTES);
    expect(cardProblems(big)).toEqual([]);
  });
});

describe("export card", () => {
  it("offers the four files, each a link, says when they stop working, and offers new links", () => {
    const card = exportCard({
      campaignName: "CSE self-assessment 2026",
      links: (["xlsx", "csv", "html", "public"] as const).map((format) => ({
        format,
        url: `https://cse-bot.example.gov.uk/exports/token-${format}`,
      })),
      expiresAt: "2026-11-22T10:15:00Z",
    });
    const text = cardText(card);
    expect(text).toContain("Evidence matrix (Excel)");
    expect(text).toContain("Self-assessment report");
    expect(text).toContain("How we are doing (to publish)");
    expect(text).toContain("they work until 22 Nov 2026 at 10:15 (15 minutes)");
    expect(
      nodes(card, (o) => o.type === "Action.OpenUrl" || o.type === "Action.Execute").map((a) => [a.type, a.title, a.url ?? a.verb]),
    ).toEqual([
      ["Action.OpenUrl", "Download .xlsx", "https://cse-bot.example.gov.uk/exports/token-xlsx"],
      ["Action.OpenUrl", "Download .csv", "https://cse-bot.example.gov.uk/exports/token-csv"],
      ["Action.OpenUrl", "Open the report", "https://cse-bot.example.gov.uk/exports/token-html"],
      ["Action.OpenUrl", "Open the page", "https://cse-bot.example.gov.uk/exports/token-public"],
      ["Action.Execute", "New links", "cse.exportLinks"],
    ]);
    expect(cardProblems(card)).toEqual([]);
  });
});
