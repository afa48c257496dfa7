/** The evidence matrix: XLSX read back as a spreadsheet would, and CSV as RFC 4180 and safe to open. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { ImprovementAction } from "../../src/domain/actions.js";
import { emptyAssessment, type ElementAssessment } from "../../src/domain/assessment.js";
import { csvCell, matrixCsv, matrixRows, matrixXlsx } from "../../src/io/evidence-matrix.js";
import { ratingLabel } from "../../src/standard/index.js";
import { annualReviewCampaign, oadbyRatings } from "../support/seed-data.js";

const ratings = oadbyRatings();
const campaign = annualReviewCampaign();
const at = "2026-11-01T10:00:00Z";
const assessments: ElementAssessment[] = Object.entries(ratings).map(([ref, rating], i) => ({
  ...emptyAssessment("c1", "council", ref),
  rating,
  status: i % 3 === 0 ? "approved" : "in-progress",
  ownerName: "Megan Bowen",
  narrative: `How we meet ${ref}, with "quotes", commas and a\nsecond line.`,
  evidence: Array.from({ length: (i % 3) + 1 }, (_, k) => ({
    id: `l${k}`,
    title: `Evidence ${ref} #${k + 1}`,
    url: `https://council.sharepoint.com/sites/cse/${ref}/${k}.pdf`,
    addedBy: "u",
    addedAt: at,
  })),
}));
const person = { userId: "u", name: "Megan Bowen" };
const actions: ImprovementAction[] = [
  {
    tenantId: "t",
    id: "1",
    title: "Meet the timeliness targets",
    description: "Weekly review of the backlog.",
    refs: ["4.1.2", "5.3.2"],
    owner: person,
    dueOn: "2027-03-31",
    priority: "high",
    status: "in-progress",
    createdBy: person,
    createdAt: at,
    updatedAt: at,
  },
];

describe("evidence matrix", () => {
  it("XLSX read back has 57 rows with the same ratings, clickable links and the actions sheet", async () => {
    const rows = matrixRows(campaign, assessments, new Map([["4.1.2", "partial"]]));
    const book = new ExcelJS.Workbook();
    // exceljs declares its own Buffer type; the bytes are the same.
    await book.xlsx.load((await matrixXlsx(campaign, rows, actions)) as never);
    const sheet = book.getWorksheet("Evidence matrix")!;
    expect(sheet.rowCount).toBe(58); // header + 57
    const back = new Map<string, { rating: string; links: { text: string; hyperlink: string }[] }>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const links = [];
      for (let c = 10; c <= 17; c++) {
        const v = row.getCell(c).value as { text: string; hyperlink: string } | null;
        if (v) links.push({ text: v.text, hyperlink: v.hyperlink });
      }
      back.set(row.getCell(2).text, { rating: row.getCell(5).text, links });
    });
    expect(back.size).toBe(57);
    for (const a of assessments) {
      expect(back.get(a.ref)?.rating, a.ref).toBe(ratingLabel(a.rating));
      expect(back.get(a.ref)?.links, a.ref).toEqual(a.evidence.map((l) => ({ text: l.title, hyperlink: l.url })));
    }
    expect(sheet.getRow(1).values).toContain("Assessor rating");
    expect(sheet.getRow(1 + 1 + [...back.keys()].indexOf("4.1.2")).getCell(6).value).toBe("Partial Compliance");
    const plan = book.getWorksheet("Improvement actions")!;
    expect(plan.getRow(2).values).toEqual([
      undefined,
      1,
      "Meet the timeliness targets",
      "4.1.2, 5.3.2",
      "Megan Bowen",
      "2027-03-31",
      "High",
      "In progress",
      "Weekly review of the backlog.",
    ]);
  });

  it("CSV has a header and 57 rows, quoted by RFC 4180", () => {
    const csv = matrixCsv(matrixRows(campaign, assessments));
    const records = csv.split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/).filter((r) => r !== "");
    expect(records).toHaveLength(58);
    expect(records[0]).toBe("Unit,Element,Criterion,Statement,Self rating,Assessor rating,Status,Owner,Narrative,Evidence");
    expect(csv).toContain('"How we meet 1.1.1, with ""quotes"", commas and a\nsecond line."');
    expect(csv).toContain("Evidence 1.1.1 #1 <https://council.sharepoint.com/sites/cse/1.1.1/0.pdf>");
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell("+44 116 288 8961")).toBe("'+44 116 288 8961");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("Compliance")).toBe("Compliance");
  });
});
