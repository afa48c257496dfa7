/**
 * The corpus of assessor reports (test/fixtures/reports/corpus.json): reports from different
 * certification bodies' templates and councils' copies, each with its published counts, read as
 * text, as Word documents with real Word tables and as PDFs. They guard against tuning the
 * importer to one layout: every one must read to its counts, organisation, report type and areas.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseAssessorReport, ratingCounts, totalsAgree, type ParsedReport } from "../../src/io/assessor-report.js";
import { extractText } from "../../src/io/extract-text.js";
import { RATINGS, type RatingId } from "../../src/standard/index.js";
import { pdfFromText, wordFromMarkdown } from "../support/report-files.js";

interface CorpusReport {
  readonly file: string;
  readonly layout: string;
  readonly wording: string;
  readonly organisation: string;
  readonly reportType: string;
  readonly counts: Record<RatingId, number>;
  readonly areas: readonly (readonly string[])[];
}

const dir = new URL("../fixtures/reports/", import.meta.url);
const corpus = JSON.parse(readFileSync(new URL("corpus.json", dir), "utf8")) as CorpusReport[];
const textOf = (report: CorpusReport) => readFileSync(new URL(report.file, dir), "utf8");
const byFile = (name: string) => corpus.find((r) => r.file.endsWith(name))!;

/** Every report is also sent as Word (its markdown tables as Word tables) and as PDF (its tables laid out in columns). */
const AS_WORD = corpus.map((r) => r.file.replace(/^.*\//, ""));
const AS_PDF = AS_WORD;

function countsOf(report: ParsedReport): Record<RatingId, number> {
  const counts = Object.fromEntries(RATINGS.map((r) => [r.id, 0])) as Record<RatingId, number>;
  for (const { rating, count } of ratingCounts(report)) counts[rating] = count;
  return counts;
}

function expectReadAsPublished(report: ParsedReport, expected: CorpusReport): void {
  expect(countsOf(report)).toEqual(expected.counts);
  expect(report.problems).toEqual([]);
  expect(totalsAgree(report)).not.toBe(false);
  expect(report.organisation).toBe(expected.organisation);
  expect(report.reportType).toBe(expected.reportType);
  expect(report.areas.map((a) => a.refs)).toEqual(expected.areas);
}

describe("the corpus of assessor reports", () => {
  it("holds at least eight different reports, the two published ones among them, each rating all 57 elements", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(8);
    expect(corpus.filter((r) => r.file.startsWith("../assessor-report-"))).toHaveLength(2);
    for (const r of corpus) expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(57);
    expect(new Set(corpus.map((r) => r.layout)).size).toBe(corpus.length);
  });

  it.each(corpus.map((r) => [r.file, r] as const))("reads %s to its published counts", (_file, expected) => {
    expectReadAsPublished(parseAssessorReport(textOf(expected)), expected);
  });

  it.each(AS_WORD)("reads %s sent as a Word document with real Word tables", async (name) => {
    const expected = byFile(name);
    const text = await extractText(await wordFromMarkdown(textOf(expected)), name.replace(/\.\w+$/, ".docx"));
    expect(text.ok).toBe(true);
    if (text.ok) expectReadAsPublished(parseAssessorReport(text.value), expected);
  });

  it.each(AS_PDF)("reads %s sent as a PDF with its table laid out in columns", async (name) => {
    const expected = byFile(name);
    const text = await extractText(pdfFromText(textOf(expected)), name.replace(/\.\w+$/, ".pdf"));
    expect(text.ok).toBe(true);
    if (text.ok) expectReadAsPublished(parseAssessorReport(text.value), expected);
  });

  it("reads them the same through npx cse-bot import-report --dry-run --json", async () => {
    const out = mkdtempSync(join(tmpdir(), "cse-corpus-"));
    const files = [
      [
        join(out, "per-criterion.docx"),
        byFile("report-per-criterion-tables.md"),
        await wordFromMarkdown(textOf(byFile("report-per-criterion-tables.md"))),
      ],
      [join(out, "wrapped.pdf"), byFile("report-wrapped-rows.txt"), pdfFromText(textOf(byFile("report-wrapped-rows.txt")))],
      [join(out, "comments.md"), byFile("report-markdown-comment-column.md"), textOf(byFile("report-markdown-comment-column.md"))],
    ] as const;
    for (const [path, , bytes] of files) writeFileSync(path, bytes);
    const run = promisify(execFile);
    await Promise.all(
      files.map(async ([path, expected]) => {
        const { stdout } = await run(process.execPath, ["--import", "tsx", "src/cli.ts", "import-report", path, "--dry-run", "--json"], {
          env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "silent" },
          timeout: 60_000,
        });
        const json = JSON.parse(stdout) as { counts: Record<RatingId, number>; organisation: string; problems: string[] };
        expect([json.counts, json.organisation, json.problems]).toEqual([expected.counts, expected.organisation, []]);
      }),
    );
  });
});
