/** The service standards' results as CSV: one line per standard per period, RFC 4180, safe to open in a spreadsheet. */
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { TREND_PERIODS } from "../../src/domain/standards-report.js";
import { standardsCsv } from "../../src/io/standards-csv.js";
import { FORMULA_NOTE, STANDARDS, fixtureRows } from "../support/service-standards.js";

/** Records as a spreadsheet reads them: RFC 4180, records ended by CRLF only. */
const parse = (csv: string): string[][] => parseCsv(csv, { record_delimiter: "\r\n" });

describe("standards CSV", () => {
  const csv = standardsCsv(fixtureRows());
  // Parsed in each test, so that a CSV that does not parse fails the tests rather than the file.
  const read = () => {
    const [header, ...records] = parse(csv);
    return { header, records };
  };

  it("has the columns, then 12 lines per standard, CRLF line ends", () => {
    const { header, records } = read();
    expect(header).toEqual([
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
    expect(TREND_PERIODS).toBe(12);
    expect(records).toHaveLength(STANDARDS.length * 12);
    for (const r of records) expect(r).toHaveLength(12);
    for (const standard of STANDARDS)
      expect(
        records.filter((r) => r[0] === standard.promise),
        standard.id,
      ).toHaveLength(12);
    // The header, the records, and nothing after the last CRLF (a note's own line break is LF, inside quotes).
    expect(csv.split("\r\n")).toHaveLength(1 + STANDARDS.length * 12 + 1);
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/\r/);
  });

  it("writes each period's result, verdict, count, comparator and note, oldest first", () => {
    const { records } = read();
    expect(records[0]).toEqual([
      "We will answer your letter within ten working days",
      "Whole council",
      "4.1.2 5.3.2",
      "percentage of cases",
      "at least 90%",
      "Q3 2023/24 (October to December 2023)",
      "2023/24-Q3",
      "91",
      "Yes",
      "400",
      "",
      "",
    ]);
    expect(records[11]).toEqual(expect.arrayContaining(["2026/27-Q2", "88", "No", "510"]));
    const phone = records.filter((r) => r[0]!.startsWith("We will answer your call"));
    expect(phone.map((r) => r[6])).toEqual([
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
    ]);
    expect(phone[0]!.slice(1, 5)).toEqual(["Contact Centre", "5.1.2 5.3.3", "average (minutes)", "no more than 3 minutes"]);
    expect(phone[3]).toEqual(expect.arrayContaining(["3.2", "No", "3.1", "Storm Éowyn: calls about bins\nand road closures"]));
    // August 2026 was not reported: its result, verdict and the rest are empty.
    expect(phone[9]!.slice(7)).toEqual(["", "", "", "", ""]);
    expect(records.filter((r) => r[0] === "Internal only: complaints logged within one working day")).toHaveLength(12);
  });

  it("defuses a note a spreadsheet would run as a formula, and escapes quotes", () => {
    const { records } = read();
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(records.map((r) => r[11])).toContain(`'${FORMULA_NOTE}`);
    expect(csv).toContain(`"<script>alert(1)</script> & ""quotes"""`);
    for (const r of records) for (const cell of r) expect(cell, cell).not.toMatch(/^[=+\-@]/);
  });
});
