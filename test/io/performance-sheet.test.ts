/** The evidence matrix's "Performance" sheet, read back as a spreadsheet would: there with standards, absent without. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { matrixRows, matrixXlsx } from "../../src/io/evidence-matrix.js";
import { PERFORMANCE_HEADINGS } from "../../src/io/performance-sheet.js";
import { STANDARDS, fixtureRows } from "../support/service-standards.js";
import { annualReviewCampaign } from "../support/seed-data.js";

const campaign = annualReviewCampaign();
const rows = matrixRows(campaign, []);

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; the bytes are the same.
  await book.xlsx.load(buffer as never);
  return book;
}

describe("evidence matrix: Performance sheet", () => {
  it("with standards: a Performance sheet, 12 rows per standard under a frozen, filtered header; results stay numbers", async () => {
    const book = await readBack(await matrixXlsx(campaign, rows, [], fixtureRows()));
    expect(book.worksheets.map((s) => s.name)).toEqual(["Evidence matrix", "Improvement actions", "Performance"]);
    const sheet = book.getWorksheet("Performance")!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...PERFORMANCE_HEADINGS]);
    expect(PERFORMANCE_HEADINGS).toEqual([
      "Standard",
      "Unit",
      "Elements",
      "Measure",
      "Target",
      "Period",
      "Period id",
      "Result",
      "Met",
      "Count",
      "Comparator",
      "Note",
    ]);
    expect(sheet.rowCount).toBe(1 + STANDARDS.length * 12);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getRow(2).getCell(8).value).toBe(91);
    expect(sheet.getRow(2).getCell(9).value).toBe("Yes");
    expect(sheet.getRow(2).getCell(10).value).toBe(400);
  });

  it("without standards: no Performance sheet, the rest as before", async () => {
    const book = await readBack(await matrixXlsx(campaign, rows, []));
    expect(book.worksheets.map((s) => s.name)).toEqual(["Evidence matrix", "Improvement actions"]);
  });
});
