/** Improvement plans as files: Excel, CSV and Word become the same "| cell |" lines; hostile files are refused in words. */
import { describe, expect, it } from "vitest";
import { parseActionPlan } from "../../src/io/action-plan.js";
import { MAX_UPLOAD_BYTES } from "../../src/io/extract-text.js";
import { planText } from "../../src/io/plan-file.js";
import { docx, lyingZip, xlsx } from "../support/files.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

async function rowsOf(bytes: Uint8Array, name: string) {
  const text = await planText(bytes, name);
  if (!text.ok) throw new Error(text.refusal.message);
  return parseActionPlan(text.value).rows;
}

describe("planText", () => {
  it("reads every sheet of a workbook, with real date cells and merged cells shown once", async () => {
    const book = await xlsx({
      Notes: [["Improvement plan 2026/27, agreed by CMT"]],
      Plan: [
        ["Action", "Owner", "Due", "Element", "Status"],
        ["Publish our performance against service standards", "Priya Shah", new Date(Date.UTC(2027, 2, 31)), "4.1.2", "In progress"],
        ["Set first-time resolution targets", "Olu Adeyemi", "Q3 2026/27", 5.1, "Not started"],
      ],
    });
    const rows = await rowsOf(book, "Improvement plan.xlsx");
    expect(rows.map((r) => [r.task, r.dueOn, r.refs, r.status])).toEqual([
      ["Publish our performance against service standards", "2027-03-31", ["4.1.2"], "in-progress"],
      ["Set first-time resolution targets", "2026-12-31", [], "open"],
    ]);
  });

  it("reads a CSV with commas or with semicolons (as Excel writes in some locales), with a byte-order mark and quoted cells", async () => {
    const comma = '\uFEFFAction,Owner,Due\n"Review reception signage, Brocks Hill",Sam Lee,March 2027\n';
    const semi = "Action;Owner;Due\nReview reception signage, Brocks Hill;Sam Lee;March 2027\n";
    for (const csv of [comma, semi]) {
      const rows = await rowsOf(utf8(csv), "plan.csv");
      expect(rows).toEqual([
        expect.objectContaining({ task: "Review reception signage, Brocks Hill", ownerAsWritten: "Sam Lee", dueOn: "2027-03-31" }),
      ]);
    }
  });

  it("keeps a cell that looks like a formula as the text it is", async () => {
    const rows = await rowsOf(utf8('Action,Owner,Due\n"=HYPERLINK(""http://evil.example"",""x"")",Sam Lee,March 2027\n'), "plan.csv");
    expect(rows[0]!.task).toBe('=HYPERLINK("http://evil.example","x")');
  });

  it("reads a Word table as a table", async () => {
    const word = await docx([
      "Customer Service Excellence improvement plan",
      {
        table: [
          ["Task", "Responsibility", "Timescale"],
          ["(1) Adopt standards and targets", "Cabinet", "February 2027"],
        ],
      },
    ]);
    expect(await rowsOf(word, "plan.docx")).toEqual([
      expect.objectContaining({ task: "Adopt standards and targets", dueOn: "2027-02-28" }),
    ]);
  });

  it("refuses, in words, what is not a plan file, too large, damaged, or a zip bomb", async () => {
    expect(await planText(utf8("x"), "plan.exe")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("Excel (.xlsx), CSV") },
    });
    expect(await planText(new Uint8Array(MAX_UPLOAD_BYTES + 1), "plan.csv")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("larger than") },
    });
    const book = await xlsx({
      Plan: [
        ["Action", "Owner"],
        ["Do it", "Sam"],
      ],
    });
    expect(await planText(book.slice(0, book.byteLength / 2), "plan.xlsx")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("could not open that Excel file") },
    });
    expect(await planText(await lyingZip(300 * 1024 * 1024), "plan.xlsx")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("unpacks to far more") },
    });
  });
});
