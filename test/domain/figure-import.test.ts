/** Many service-standard figures at once: a table's rows matched to standards and periods, every other row skipped with its reason. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIGURE_IMPORT_LIMITS, matchFigureRows, type FigureImportPlan } from "../../src/domain/figure-import.js";
import { periodById } from "../../src/domain/periods.js";
import type { ServiceStandard } from "../../src/domain/standards.js";

const owner = { userId: "u1", name: "Priya Shah" };
const standard = (id: string, promise: string, more: Partial<ServiceStandard> = {}): ServiceStandard => ({
  id,
  promise,
  measure: { kind: "percentage" },
  target: { value: 90, better: "higher" },
  frequency: "monthly",
  owner,
  published: true,
  refs: ["4.1.2"],
  ...more,
});

const CALLS = standard("std-calls", "We will answer phone calls within 20 seconds");
const LETTERS = standard("std-letters", "We will respond to letters and e-mails within ten working days", { frequency: "quarterly" });
const RECEPTION = standard("std-reception", "No more than 15 minutes' wait in reception", {
  measure: { kind: "average", unit: "minutes" },
  target: { value: 15, better: "lower" },
});
const STANDARDS = [CALLS, LETTERS, RECEPTION];
/** Mid-August 2026 in London: July and Q1 2026/27 are the last finished periods. */
const NOW = new Date("2026-08-15T12:00:00Z");
const HEADER = ["Period", "Standard", "Value", "Count", "Comparator", "Note"];

function plan(rows: readonly (readonly string[])[], standards = STANDARDS, now = NOW): FigureImportPlan {
  const result = matchFigureRows([HEADER, ...rows], standards, now);
  if (!result.ok) throw new Error(result.refusal.message);
  return result.value;
}
/** The one row's figure, or its reason. */
function one(row: readonly string[], standards = STANDARDS, now = NOW) {
  const { figures, skipped } = plan([row], standards, now);
  return figures[0]?.figure ?? skipped[0]?.reason;
}

describe("the header row", () => {
  it("is found under a title by names written many ways, and says which column holds what", () => {
    const result = matchFigureRows(
      [
        ["Customer service standards: performance 2026/27"],
        [],
        ["Comments", "Service standard", "Month", "Actual (%)", "Cases", "Family group average"],
        ["Calls were high after the storm", CALLS.promise, "April 2026", "91.5", "1,204", "88"],
      ],
      STANDARDS,
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        header: { row: 3, columns: { standard: 1, period: 2, value: 3, count: 4, comparator: 5, note: 0 } },
        figures: [
          {
            row: 4,
            figure: {
              standardId: "std-calls",
              periodId: "2026-04",
              value: 91.5,
              count: 1204,
              comparator: 88,
              note: "Calls were high after the storm",
            },
          },
        ],
        skipped: [],
      },
    });
  });

  it.each([
    [[["Standard", "Period", "Target"]], "Row 1 has Period and Standard but no Value."],
    [[["Figures for 2026/27"], ["Cases", "Notes"]], "I could not find the header row in the first 10 rows"],
    [[], "I need a column for each of Period"],
    [[...Array.from({ length: 10 }, () => ["title"]), HEADER], "Standard (the promise as published) and Value (the figure)"],
  ])("is refused in words, naming the columns it needs, when missing (%#)", (cells, words) => {
    expect(matchFigureRows(cells, STANDARDS, NOW)).toMatchObject({
      ok: false,
      refusal: { code: "invalid-payload", message: expect.stringContaining(words) },
    });
  });
});

describe("periods", () => {
  it.each([
    "2026-04",
    "April 2026",
    "april 2026",
    "Apr 2026",
    "Apr-26",
    "Apr 26",
    "04/2026",
    "4/2026",
    "2026-04-01",
    "2026-04-30T00:00:00Z",
    "01/04/2026",
    "30/04/2026",
  ])("a monthly figure for %s is April 2026", (written) =>
    expect(one([written, CALLS.promise, "92"])).toMatchObject({ periodId: "2026-04" }),
  );

  it.each([
    "Q1 2026/27",
    "2026/27 Q1",
    "Q1 2026-27",
    "2026-27 Q1",
    "Q1 2026/2027",
    "q1 2026/27",
    "Quarter 1 2026/27",
    "2026/27-Q1",
    "2026-05-20",
    "20/05/2026",
  ])("a quarterly figure for %s is Q1 2026/27", (written) =>
    expect(one([written, LETTERS.promise, "92"])).toMatchObject({ periodId: "2026/27-Q1" }),
  );

  it("names Q4 across the turn of the calendar year", () => {
    expect(one(["Q4 2025/26", LETTERS.id, "92"])).toMatchObject({ periodId: "2025/26-Q4" });
    expect(one(["15/02/2026", LETTERS.id, "92"])).toMatchObject({ periodId: "2025/26-Q4" });
  });

  it("asks for the quarter of a quarterly standard and the month of a monthly one", () => {
    expect(one(["May 2026", LETTERS.promise, "92"])).toBe("this standard is reported quarterly; write the quarter, e.g. Q1 2026/27");
    expect(one(["Q1 2026/27", CALLS.promise, "92"])).toBe("this standard is reported monthly; write the month, e.g. April 2026");
  });

  it("skips a period not finished yet, by the London calendar", () => {
    expect(one(["August 2026", CALLS.id, "92"])).toBe("August 2026 is not finished yet");
    expect(one(["March 2027", CALLS.id, "92"])).toBe("March 2027 is not finished yet");
    expect(one(["Q2 2026/27", LETTERS.id, "92"])).toBe("Q2 2026/27 (July to September 2026) is not finished yet");
    // 23:30 on 31 July in London is still July; 00:30 on 1 August (23:30 UTC) is not.
    expect(one(["July 2026", CALLS.id, "92"], STANDARDS, new Date("2026-07-31T22:30:00Z"))).toBe("July 2026 is not finished yet");
    expect(one(["July 2026", CALLS.id, "92"], STANDARDS, new Date("2026-07-31T23:30:00Z"))).toMatchObject({ periodId: "2026-07" });
  });

  it.each([
    ["", "no period given"],
    ["Q1 2026", '"Q1 2026" could be a calendar or a financial quarter; write the financial year, e.g. Q1 2026/27'],
    ["Q1 2026/28", '"Q1 2026/28" is not a real month, day or quarter'],
    ["31/02/2026", '"31/02/2026" is not a real month, day or quarter'],
    ["13/2026", '"13/2026" is not a real month, day or quarter'],
    ["April 1999", '"April 1999" is not a year I expect figures for'],
    ["soon", '"soon" is not a period I can read; write it as April 2026 or Q1 2026/27'],
  ])("skips the period %j: %s", (written, reason) => expect(one([written, CALLS.id, "92"])).toBe(reason));
});

describe("standards", () => {
  const HOUSING_CALLS = standard("std-housing-calls", CALLS.promise, { unit: { id: "housing", name: "Housing" } });
  const WELSH = standard("std-welsh", "We will answer phone calls in Welsh within 30 seconds");

  it("are matched by id, by promise however it is spaced, cased or punctuated, or by a long enough unique start", () => {
    for (const written of [
      "std-calls",
      "we will answer PHONE calls within 20 seconds.",
      "  We will answer phone-calls within 20 seconds ",
      "We will answer phone",
    ])
      expect(one(["April 2026", written, "92"])).toMatchObject({ standardId: "std-calls" });
  });

  it("are skipped, with the reason, when unknown, too short to tell, or matching two", () => {
    expect(one(["April 2026", "Bins", "92"])).toBe('no standard called "Bins"');
    expect(one(["April 2026", "We will", "92"])).toBe('no standard called "We will"');
    expect(one(["April 2026", "", "92"])).toBe("no standard given");
    expect(one(["April 2026", "We will answer phone calls", "92"], [CALLS, WELSH])).toBe(
      `matches two standards: "${CALLS.promise}" and "${WELSH.promise}"; write its whole promise, or its unit before it`,
    );
    expect(one(["April 2026", "We will answer phone calls", "92"], [CALLS, WELSH, HOUSING_CALLS])).toBe(
      `matches three standards: "${CALLS.promise}", "${WELSH.promise}" and "${CALLS.promise}" (Housing); write its whole promise, or its unit before it`,
    );
    expect(one(["April 2026", CALLS.promise, "92"], [CALLS, HOUSING_CALLS])).toMatch(/^matches two standards: .* and ".*" \(Housing\);/);
  });

  it("tell apart two units' same promise by the unit's name", () => {
    expect(one(["April 2026", `Housing: ${CALLS.promise}`, "92"], [CALLS, HOUSING_CALLS])).toMatchObject({
      standardId: "std-housing-calls",
    });
    expect(one(["April 2026", `${CALLS.promise} (Housing)`, "92"], [CALLS, HOUSING_CALLS])).toMatchObject({
      standardId: "std-housing-calls",
    });
  });
});

describe("values, counts, comparators and notes", () => {
  it.each([
    ["92", CALLS, 92],
    ["92%", CALLS, 92],
    ["92.5 %", CALLS, 92.5],
    ["100", CALLS, 100],
    ["0", CALLS, 0],
    ["0.5%", CALLS, 0.5],
    ["12.5", RECEPTION, 12.5],
    ["0.75", RECEPTION, 0.75],
    ["1,234", RECEPTION, 1234],
  ])("reads the value %s", (written, s, value) => expect(one(["April 2026", s.id, written])).toMatchObject({ value }));

  it.each([
    ["", CALLS, "no value"],
    ["0.92", CALLS, 'the value "0.92" could be 0.92% or 92%; write it with the % sign'],
    ["101", CALLS, 'the value "101" is not a percentage between 0 and 100'],
    ["-3", CALLS, 'the value "-3" is below zero'],
    ["-3", RECEPTION, 'the value "-3" is below zero'],
    ["12%", RECEPTION, 'the value "12%" is a percentage, but this standard is not'],
    ["ninety", CALLS, 'the value "ninety" is not a number'],
    ["1,23", RECEPTION, 'the value "1,23" is not a number'],
    ["1,000,001", RECEPTION, 'the value "1,000,001" is larger than any a council reports; check it'],
    ["9".repeat(400), RECEPTION, expect.stringMatching(/^the value "9{57}…" is not a number$/)],
  ])("skips the value %j", (written, s, reason) => expect(one(["April 2026", s.id, written])).toEqual(reason));

  it("reads counts as whole numbers and comparators as values, both optional", () => {
    expect(one(["April 2026", CALLS.id, "92", "1,204", "88.5%"])).toEqual({
      standardId: "std-calls",
      periodId: "2026-04",
      value: 92,
      count: 1204,
      comparator: 88.5,
    });
    expect(one(["April 2026", CALLS.id, "92", "", "", ""])).toEqual({ standardId: "std-calls", periodId: "2026-04", value: 92 });
    expect(one(["April 2026", CALLS.id, "92", "4.5"])).toBe('the count "4.5" is not a whole number of cases');
    expect(one(["April 2026", CALLS.id, "92", "-1"])).toBe('the count "-1" is not a whole number of cases');
    expect(one(["April 2026", CALLS.id, "92", "10,000,001"])).toBe('the count "10,000,001" is larger than any a council reports; check it');
    expect(one(["April 2026", CALLS.id, "92", "", "0.88"])).toBe('the comparator "0.88" could be 0.88% or 88%; write it with the % sign');
    expect(one(["April 2026", CALLS.id, "92", "", "120"])).toBe('the comparator "120" is not a percentage between 0 and 100');
  });

  it("keeps a note as one clean line of at most 300 characters, and skips a longer one rather than cut it", () => {
    expect(one(["April 2026", CALLS.id, "92", "", "", "Two vacancies\n\tin the contact centre\u0007"])).toMatchObject({
      note: "Two vacancies in the contact centre",
    });
    expect(one(["April 2026", CALLS.id, "92", "", "", "x".repeat(300)])).toMatchObject({ note: "x".repeat(300) });
    expect(one(["April 2026", CALLS.id, "92", "", "", "x".repeat(301)])).toBe(
      "the note is too long (301 characters; the most is 300); shorten it",
    );
    expect(one(["April 2026", CALLS.id, "92", "", "", "€".repeat(300)])).toMatchObject({ note: "€".repeat(300) });
    expect(one(["April 2026", CALLS.id, "92", "", "", "x".repeat(50_000)])).toBe(
      "the note is too long (50,000 characters; the most is 300); shorten it",
    );
  });

  it("never evaluates a cell that looks like a formula: a number is skipped, a note kept as its text", () => {
    const formula = '=HYPERLINK("http://evil.example","92")';
    expect(one(["April 2026", CALLS.id, formula])).toBe("the value looks like a spreadsheet formula, not a number");
    expect(one(["April 2026", CALLS.id, "@SUM(A1)"])).toBe("the value looks like a spreadsheet formula, not a number");
    expect(one(["April 2026", CALLS.id, "=92"])).toBe("the value looks like a spreadsheet formula, not a number");
    expect(one(["April 2026", CALLS.id, "92", "+A1"])).toBe("the count looks like a spreadsheet formula, not a number");
    expect(one(["April 2026", CALLS.id, "92", "", "-B2"])).toBe("the comparator looks like a spreadsheet formula, not a number");
    expect(one(["April 2026", CALLS.id, "92", "", "", formula])).toMatchObject({ value: 92, note: formula });
  });
});

describe("the rows of a file", () => {
  it("keep the first of two rows giving the same value, and neither of two that disagree", () => {
    const { figures, skipped } = plan([
      ["April 2026", CALLS.id, "92"],
      ["2026-04-15", CALLS.promise, "92%"],
      ["May 2026", CALLS.id, "90"],
      ["May 2026", CALLS.id, "91"],
      ["May 2026", CALLS.id, "90"],
    ]);
    expect(figures.map((f) => [f.row, f.figure.periodId])).toEqual([[2, "2026-04"]]);
    expect(skipped).toEqual([
      { row: 3, reason: "repeats row 2" },
      { row: 4, reason: "row 5 gives a different value for the same period; fix the file and import again" },
      { row: 5, reason: "row 4 gives a different value for the same period; fix the file and import again" },
      { row: 6, reason: "row 5 gives a different value for the same period; fix the file and import again" },
    ]);
  });

  it("number rows as the spreadsheet does, ignore empty rows, and order figures by standard then period", () => {
    const { figures, skipped } = plan([
      ["June 2026", RECEPTION.id, "14"],
      [],
      ["", " ", ""],
      ["May 2026", CALLS.id, "93"],
      HEADER,
      ["Q1 2026/27", LETTERS.id, "88"],
      ["April 2026", CALLS.id, "92"],
    ]);
    expect(figures.map((f) => [f.row, f.figure.standardId, f.figure.periodId])).toEqual([
      [8, "std-calls", "2026-04"],
      [5, "std-calls", "2026-05"],
      [7, "std-letters", "2026/27-Q1"],
      [2, "std-reception", "2026-06"],
    ]);
    expect(skipped).toEqual([{ row: 6, reason: "it repeats the header row" }]);
  });

  it(`read at most ${FIGURE_IMPORT_LIMITS.rows} rows of figures, and say once that the rest were not read`, () => {
    const rows = Array.from({ length: 3100 }, (_, i) => (i % 3 ? ["April 2026", "Bins", String(i)] : []));
    const { figures, skipped } = plan(rows);
    expect(figures).toEqual([]);
    expect(skipped.filter((s) => s.reason.startsWith("no standard called"))).toHaveLength(FIGURE_IMPORT_LIMITS.rows);
    // The 2,001st row with something in it: the header is row 1, and every third row is empty.
    const first = rows.flatMap((r, i) => (r.length ? [i + 2] : []))[FIGURE_IMPORT_LIMITS.rows];
    expect(skipped.filter((s) => s.reason.includes("at most 2,000 rows"))).toEqual([
      { row: first, reason: "a file holds at most 2,000 rows of figures; this row and those after it were not read" },
    ]);
  });

  it("come to no harm from hostile text: every reason short, on one line, without control characters", () => {
    const hostile = [
      '"'.repeat(2000),
      "\u0000\u001b[31m\u202eevil",
      "[click](javascript:alert(1)) **bold** <script>x</script>",
      "|".repeat(5000),
      "😀".repeat(3000),
    ];
    const rows = hostile.flatMap((h) => [
      [h, CALLS.id, "92"],
      ["April 2026", h, "92"],
      ["May 2026", CALLS.id, h],
      ["June 2026", CALLS.id, "92", h, h, h],
    ]);
    const { figures, skipped } = plan(rows);
    expect(figures.length + skipped.length).toBe(rows.length);
    for (const { reason } of skipped) {
      expect(reason.length).toBeLessThan(250);
      // eslint-disable-next-line no-control-regex -- looking for control characters is the point
      expect(reason).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e]/);
    }
    expect(plan([["April 2026", CALLS.id, "92", "", "", "[click](javascript:alert(1)) **bold**"]]).figures[0]!.figure.note).toBe(
      "[click](javascript:alert(1)) **bold**",
    );
  });
});

describe("any table at all (property)", () => {
  const period = fc.constantFrom(
    "April 2026",
    "Apr-26",
    "2026-05-01",
    "01/06/2026",
    "Q1 2026/27",
    "2026/27 Q4",
    "Q2 2026/27",
    "August 2026",
    "Q1 2026",
    "",
  );
  const which = fc.constantFrom(CALLS.id, LETTERS.promise, RECEPTION.id, "We will answer phone", "Bins", "");
  const value = fc.constantFrom("92", "92%", "14", "0.92", "-1", "101", "=HYPERLINK(1)", "");
  const count = fc.constantFrom("", "", "412", "1,234", "4.5", "@SUM(A1)");
  const comparator = fc.constantFrom("", "", "88", "88%", "0.88");
  const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...HEADER, "Month", "Actual", " "));
  const good = { value: fc.constantFrom("92", "92%", "14"), count: fc.constantFrom("", "412"), comparator: fc.constantFrom("", "88") };
  /** Rows mostly shaped like figures, so that many are read, repeated or disagree; some anything at all. */
  const row = fc.oneof(
    {
      arbitrary: fc.tuple(
        fc.constantFrom("April 2026", "Apr-26", "2026-05-01"),
        fc.constantFrom(CALLS.id, RECEPTION.id),
        good.value,
        good.count,
        good.comparator,
        text,
      ),
      weight: 2,
    },
    {
      arbitrary: fc.tuple(
        fc.constantFrom("Q1 2026/27", "2026/27 Q4"),
        fc.constant(LETTERS.promise),
        good.value,
        good.count,
        good.comparator,
        text,
      ),
      weight: 1,
    },
    { arbitrary: fc.tuple(period, which, value, count, comparator, text), weight: 2 },
    { arbitrary: fc.array(fc.oneof(period, which, value, text), { maxLength: 7 }), weight: 1 },
  );
  const grid = fc.array(row, { maxLength: 40 });

  it("never throws; every figure is of a known standard and a real period; every data row is a figure or skipped, once", () => {
    fc.assert(
      fc.property(grid, fc.constantFrom(true, true, true, false), (cells, withHeader) => {
        const table = withHeader ? [HEADER, ...cells] : cells;
        const result = matchFigureRows(table, STANDARDS, NOW);
        if (!result.ok) {
          expect(result.refusal.message).toMatch(/I need a column for each of Period/);
          return;
        }
        const { header, figures, skipped } = result.value;
        for (const { figure } of figures) {
          expect(STANDARDS.map((s) => s.id)).toContain(figure.standardId);
          expect(periodById(figure.periodId)?.id).toBe(figure.periodId);
        }
        const keys = figures.map(
          ({ figure }) => `${STANDARDS.findIndex((s) => s.id === figure.standardId)}|${periodById(figure.periodId)!.start}`,
        );
        expect(keys).toEqual([...keys].sort());
        expect(new Set(keys).size).toBe(keys.length);
        const dataRows = table.flatMap((row, i) => (i >= header.row && row.some((c) => c.trim()) ? [i + 1] : []));
        const reported = [...figures.map((f) => f.row), ...skipped.map((s) => s.row)].sort((a, b) => a - b);
        expect(reported).toEqual(dataRows);
      }),
      { numRuns: 400 },
    );
  });
});
