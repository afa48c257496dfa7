/** Service-standard figures from a real Excel workbook or CSV: cells read as Excel shows them, hostile files refused in words. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { ServiceStandard } from "../../src/domain/standards.js";
import { MAX_UPLOAD_BYTES } from "../../src/io/extract-text.js";
import { readFigureFile } from "../../src/io/figure-file.js";
import { sheetRows } from "../../src/io/plan-file.js";
import { lyingZip } from "../support/files.js";

const owner = { userId: "u1", name: "Priya Shah" };
const CALLS: ServiceStandard = {
  id: "std-calls",
  promise: "We will answer phone calls within 20 seconds",
  measure: { kind: "percentage" },
  target: { value: 90, better: "higher" },
  frequency: "monthly",
  owner,
  published: true,
  refs: ["4.1.2"],
};
const LETTERS: ServiceStandard = {
  ...CALLS,
  id: "std-letters",
  promise: "We will respond to letters within ten working days",
  frequency: "quarterly",
};
const STANDARDS = [CALLS, LETTERS];
const NOW = new Date("2026-08-15T12:00:00Z");
const utf8 = (s: string) => new TextEncoder().encode(s);

/** A workbook as a council keeps one: a notes sheet first, then the figures under a title, then last year's. */
async function workbook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet("Read me").addRow(["Figures for the CSE standards; send to the corporate team by the 10th"]);
  const sheet = book.addWorksheet("Figures 2026-27");
  sheet.addRow(["Customer service standards 2026/27"]);
  sheet.addRow(["Month", "Service standard", "Actual", "Cases", "National average", "Comments"]);
  // A percentage typed into a percent-formatted cell is stored as 0.92.
  sheet.addRow([
    "April 2026",
    { richText: [{ text: "We will answer " }, { text: "phone calls within 20 seconds" }] },
    0.92,
    1204,
    0.88,
    "Storm in week 2",
  ]);
  sheet.getCell("C3").numFmt = "0%";
  sheet.getCell("E3").numFmt = "0.0%";
  // A formula keeps its last result; the result, not the formula, is the figure.
  sheet.addRow([new Date(Date.UTC(2026, 4, 1)), "std-calls", { formula: "D4/1400", result: 0.875 }, 1225]);
  sheet.getCell("C4").numFmt = "0.0%";
  sheet.addRow([]);
  sheet.addRow(["June 2026", "std-calls", { formula: "1/0", result: { error: "#DIV/0!" } }]);
  sheet.addRow([
    "Q1 2026/27",
    { text: "std-letters", hyperlink: "https://intranet.example/standards/letters" },
    '=HYPERLINK("http://evil.example","95")',
  ]);
  sheet.addRow(["Q1 2026/27", "std-letters", 0.95, "", "", "=1+1 is how we count"]).getCell(3).numFmt = "0%";
  const old = book.addWorksheet("Figures 2025-26");
  old.addRow(["Period", "Standard", "Value"]);
  old.addRow(["March 2026", "std-calls", 90]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe("readFigureFile", () => {
  it("reads a workbook's figures sheet as Excel shows it: percentages, formula results, date cells, rich text and links", async () => {
    const read = await readFigureFile(await workbook(), "Standards figures.xlsx", STANDARDS, NOW);
    expect(read).toEqual({
      ok: true,
      value: {
        sheet: "Figures 2026-27",
        otherSheets: ["Figures 2025-26"],
        header: { row: 2, columns: { period: 0, standard: 1, value: 2, count: 3, comparator: 4, note: 5 } },
        figures: [
          {
            row: 3,
            figure: { standardId: "std-calls", periodId: "2026-04", value: 92, count: 1204, comparator: 88, note: "Storm in week 2" },
          },
          { row: 4, figure: { standardId: "std-calls", periodId: "2026-05", value: 87.5, count: 1225 } },
          { row: 8, figure: { standardId: "std-letters", periodId: "2026/27-Q1", value: 95, note: "=1+1 is how we count" } },
        ],
        skipped: [
          { row: 6, reason: "no value" },
          { row: 7, reason: "the value looks like a spreadsheet formula, not a number" },
        ],
      },
    });
  });

  it("reads a CSV with semicolons, quoted cells and a byte-order mark, numbering rows as Excel does", async () => {
    const csv =
      '\uFEFFPeriod;Standard;Value;Note\r\n"Apr 2026";"We will answer phone calls within 20 seconds";"92%";"Two vacancies; one filled in ""May"""\r\n\r\n05/2026;std-calls;1,5;\r\n';
    const read = await readFigureFile(utf8(csv), "figures.csv", STANDARDS, NOW);
    expect(read).toEqual({
      ok: true,
      value: {
        otherSheets: [],
        header: { row: 1, columns: { period: 0, standard: 1, value: 2, note: 3 } },
        figures: [
          { row: 2, figure: { standardId: "std-calls", periodId: "2026-04", value: 92, note: 'Two vacancies; one filled in "May"' } },
        ],
        skipped: [{ row: 4, reason: 'the value "1,5" is not a number' }],
      },
    });
  });

  it("says when a file goes on past the rows it reads, even where blank lines used them up", async () => {
    const rows = ["Period,Standard,Value", ...Array.from({ length: 2500 }, () => "Bins,x,1")];
    const long = await readFigureFile(utf8(rows.join("\n")), "figures.csv", STANDARDS, NOW);
    const beyond = "a file holds at most 2,000 rows of figures; this row and those after it were not read";
    expect(long.ok && long.value.skipped.filter((s) => s.reason === beyond)).toEqual([{ row: 2002, reason: beyond }]);
    const gappy = ["Period,Standard,Value", "April 2026,std-calls,92", ...Array.from({ length: 2100 }, () => ""), "May 2026,std-calls,93"];
    const cut = await readFigureFile(utf8(gappy.join("\n")), "figures.csv", STANDARDS, NOW);
    expect(cut.ok && cut.value.figures.map((f) => f.figure.periodId)).toEqual(["2026-04"]);
    // The reader stops after 2,011 lines (the header's ten and 2,001 more): line 2,012 is the first not read.
    expect(cut.ok && cut.value.skipped).toEqual([{ row: 2012, reason: beyond }]);
  });

  it("refuses, in words, another kind of file, a damaged workbook, one too large, a zip bomb, and a table without its header", async () => {
    const refused = async (bytes: Uint8Array, name: string) => {
      const read = await readFigureFile(bytes, name, STANDARDS, NOW);
      return read.ok ? "read" : read.refusal.message;
    };
    expect(await refused(utf8("PK"), "Board pack.pptx")).toBe(
      'I can read figures from Excel (.xlsx) or CSV files; "Board pack.pptx" is neither. Save it from Excel as one of those and send it again.',
    );
    const book = await workbook();
    expect(await refused(book.slice(0, book.byteLength / 2), "figures.xlsx")).toBe(
      "I could not open that Excel file: it may be damaged or only partly uploaded. Please send it again.",
    );
    expect(await refused(new Uint8Array(MAX_UPLOAD_BYTES + 1), "figures.csv")).toBe(
      "That file is larger than the 20 MB I take; a file of figures is far smaller.",
    );
    expect(await refused(await lyingZip(300 * 1024 * 1024), "figures.xlsx")).toBe(
      "That spreadsheet unpacks to far more than any file of figures could be, so I have not opened it.",
    );
    expect(await refused(utf8("Standard,Target\nstd-calls,90\n"), "figures.csv")).toMatch(
      /^I could not find the header row in the first 10 rows/,
    );
  });
});

describe("sheetRows", () => {
  it("gives each cell's text as Excel shows it, every sheet in turn", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("One");
    sheet.addRow([0.07, 0.925, 92, 1234.5, new Date(Date.UTC(2027, 2, 31)), true]);
    sheet.getCell("A1").numFmt = "0%";
    sheet.getCell("B1").numFmt = "0.0%";
    sheet.getCell("C1").numFmt = '0"%"';
    sheet.addRow([{ formula: "1+1", result: 2 }, { formula: "1/0", result: { error: "#DIV/0!" } }, { formula: "NOW()" }]);
    sheet.addRow([{ richText: [{ text: "rich " }, { text: "text" }] }, { text: "a link", hyperlink: "https://example.org" }]);
    book.addWorksheet("Two").addRow(["second"]);
    const rows = await sheetRows(new Uint8Array(await book.xlsx.writeBuffer()), "cells.xlsx");
    expect(rows).toEqual({
      ok: true,
      value: [["7%", "92.5%", "92%", "1234.5", "2027-03-31", "true"], ["2", "", ""], ["rich text", "a link"], [], ["second"], []],
    });
  });
});
