/** Reading assessor reports' text: two real reports, every way of writing a rating, and damaged or hostile text. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeCounts, parseAssessorReport, ratingCounts, totalsAgree, type ParsedReport } from "../../src/io/assessor-report.js";
import { ratingFromLabel } from "../../src/io/rating-words.js";
import { parseDay, reviewMonth } from "../../src/io/report-text.js";
import { ELEMENTS, type RatingId } from "../../src/standard/index.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const OADBY = fixture("assessor-report-oadby-wigston-2023.txt");
const CHARNWOOD = fixture("assessor-report-charnwood-2017.txt");

const counts = (report: ParsedReport) => Object.fromEntries(ratingCounts(report).map((c) => [c.rating, c.count]));

describe("Oadby and Wigston, Review 3 (C 3), December 2023", () => {
  const report = parseAssessorReport(OADBY);

  it("reads the compliance table: 8 Compliance Plus, 47 Compliance, 2 Partial Compliance", () => {
    expect(counts(report)).toEqual({ "compliance-plus": 8, compliance: 47, partial: 2 });
    expect(report.ratings.size).toBe(57);
    expect(report.ratings.get("4.1.2")).toBe("partial");
    expect(report.ratings.get("5.3.2")).toBe("partial");
    expect(report.ratings.get("1.3.1")).toBe("compliance-plus");
    expect(report.ratings.get("2.1.6")).toBe("compliance-plus");
    expect(report.ratings.get("2.1.3")).toBe("compliance");
    expect(report.statedTotals).toBeUndefined();
    expect(report.problems).toEqual([]);
  });

  it("reads the front page and the next reviews", () => {
    expect(report.organisation).toBe("Oadby and Wigston Borough Council");
    expect(report.reportType).toBe("Review 3 (C 3)");
    expect(report.assessmentDate).toBe("2023-12-13"); // not the document review on 6 Dec, nor the report's own date
    expect(report.nextReviews).toEqual([
      { label: "Annual Review Year 1", month: "2024-12" },
      { label: "Annual Review Year 2", month: "2025-12" },
      { label: "3-Year Review", month: "2026-12" },
    ]);
  });

  it("reads the front page when Word puts empty paragraphs between each label and its value", () => {
    const spaced = parseAssessorReport(OADBY.split("\n").join("\n\n"));
    expect([spaced.organisation, spaced.reportType, spaced.assessmentDate]).toEqual([
      "Oadby and Wigston Borough Council",
      "Review 3 (C 3)",
      "2023-12-13",
    ]);
  });

  it("reads the strengths and the areas for improvement with their refs", () => {
    expect(report.strengths).toEqual(["1.3.1", "1.3.2", "1.3.3", "2.1.1", "2.1.3", "3.3.3", "4.1.3", "5.1.1"]);
    expect(report.areas.map((a) => a.refs)).toEqual([
      ["4.1.2", "5.3.2"],
      ["1.3.4"],
      ["2.1.6"],
      ["5.1.2"],
      ["5.2.5"],
      ["4.3.4"],
      ["5.2.1"],
      ["1.3.1"],
      ["5.1.1", "5.1.2"],
    ]);
    expect(report.areas[0]?.text).toMatch(/^Targets for the timeliness of service are not currently being achieved/);
    expect(report.areas[0]?.text).toMatch(/\(Reference Partial Compliances for Elements 4\.1\.2 & 5\.3\.2\)\.$/);
    expect(report.areas.some((a) => a.text.startsWith("Sections:") || a.text.includes("These are: -"))).toBe(false);
    expect(report.areas.every((a) => a.text.length <= 500)).toBe(true);
  });

  it("says where the summary of strengths and the table differ: the report cites 2.1.3, the table gives 2.1.6 Compliance Plus", () => {
    expect(report.disagreements).toEqual([
      "The summary of strengths cites 2.1.3, but the table rates it Compliance; the table is used.",
      "The table rates 2.1.6 Compliance Plus, but the summary of strengths does not cite it.",
    ]);
  });
});

describe("Charnwood, Annual Review Year 2, September 2017", () => {
  const report = parseAssessorReport(CHARNWOOD);

  it("reads 11 Compliance Plus, 44 Compliance, 2 Partial Compliance and none Non-Compliance, agreeing with its Totals", () => {
    expect(counts(report)).toEqual({ "compliance-plus": 11, compliance: 44, partial: 2 });
    expect(describeCounts(report)).toBe("57 elements: 11 Compliance Plus, 44 Compliance, 2 Partial Compliance");
    expect(totalsAgree(report)).toBe(true);
    expect(totalsAgree({ ...report, statedTotals: { ...report.statedTotals, compliance: 45 } })).toBe(false);
    expect(report.ratings.size).toBe(57);
    expect(report.statedTotals).toEqual({ "compliance-plus": 11, compliance: 44, partial: 2, "non-compliance": 0 });
    expect(report.problems).toEqual([]);
  });

  it("takes the rating from the last cell, not from the narrative (1.2.3's says 'a new Compliance Plus has been awarded')", () => {
    expect(report.ratings.get("1.2.3")).toBe("compliance-plus");
    expect(report.ratings.get("1.1.1")).toBe("compliance");
    expect(report.ratings.get("4.1.2")).toBe("partial");
    const row = "1.2.3 We regularly review our strategies.\tThe review was good and a new Compliance Plus has been awarded.\tCompliance";
    expect(parseAssessorReport(row).ratings.get("1.2.3")).toBe("compliance");
  });

  it("reads the front page and the next reviews", () => {
    expect(report.organisation).toBe("Charnwood Borough Council");
    expect(report.reportType).toBe("Annual Review Year 2");
    expect(report.assessmentDate).toBe("2017-09-21");
    expect(report.nextReviews).toEqual([
      { label: "Full Review", month: "2018-09" },
      { label: "Annual Review Year 1", month: "2019-09" },
      { label: "Annual Review Year 2", month: "2020-09" },
    ]);
  });

  it("reads the strengths and areas for improvement, and notes what the narrative leaves out", () => {
    expect(report.strengths).toEqual(["3.4.1", "3.4.3", "3.4.2", "2.1.1", "2.1.2", "2.1.6", "2.2.4"]);
    expect(report.areas.map((a) => a.refs)).toEqual([
      ["3.4.1", "3.4.3"],
      ["3.4.3"],
      ["1.3.4"],
      ["1.1.2", "1.2.2", "3.2.3"],
      ["1.3.2"],
      ["1.3.2"],
      ["1.1.1", "1.1.2"],
    ]);
    expect(report.disagreements).toEqual([
      "The table rates 1.2.3 Compliance Plus, but the summary of strengths does not cite it.",
      "The table rates 1.3.5 Compliance Plus, but the summary of strengths does not cite it.",
      "The table rates 2.2.1 Compliance Plus, but the summary of strengths does not cite it.",
      "The table rates 4.2.4 Compliance Plus, but the summary of strengths does not cite it.",
      "The table rates 4.1.2 Partial Compliance, but no area for improvement refers to it.",
      "The table rates 5.3.2 Partial Compliance, but no area for improvement refers to it.",
    ]);
  });
});

describe("ratingFromLabel", () => {
  const cases: [string, RatingId | undefined][] = [
    ["Compliance Plus", "compliance-plus"],
    ["Compliant Plus", "compliance-plus"],
    ["CP", "compliance-plus"],
    ["● Compliance Plus", "compliance-plus"],
    ["**compliance plus**", "compliance-plus"],
    ["Compliance plus", "compliance-plus"],
    ["Compliance", "compliance"],
    ["Compliant", "compliance"],
    ["Full Compliance", "compliance"],
    ["FC", "compliance"],
    ["| Compliance |", "compliance"],
    ["- Compliance", "compliance"],
    ["Partial Compliance", "partial"],
    ["Partial Compliant", "partial"],
    ["Partially Compliant", "partial"],
    ["PC", "partial"],
    ["● Partial Compliance", "partial"],
    ["Non-Compliance", "non-compliance"],
    ["Non Compliance", "non-compliance"],
    ["Not Compliance", "non-compliance"],
    ["Non Compliant", "non-compliance"],
    ["Not Compliant", "non-compliance"],
    ["NC", "non-compliance"],
    ["non-compliant.", "non-compliance"],
    ["N/A", "not-applicable"],
    ["NA", "not-applicable"],
    ["C+", "compliance-plus"],
    ["Compliant Plus", "compliance-plus"],
    ["CP", "compliance-plus"],
    ["C", "compliance"],
    ["Fully Compliant", "compliance"],
    ["Partial", "partial"],
    ["Not applicable", "not-applicable"],
    ["n/a", "not-applicable"],
    // A bullet glyph a PDF could not map comes through as "?", U+FFFD or a Wingdings private-use character.
    ["? Compliance Plus", "compliance-plus"],
    ["\uFFFD Partial Compliance", "partial"],
    ["\uF0B7 Compliance", "compliance"],
    ["? ?", undefined],
    ["", undefined],
    ["Accreditation -CP / FC / PC or NC", undefined],
    ["a new Compliance Plus has been awarded", undefined],
    ["This Element is a Partial Compliance.", undefined],
    ["Compliances", undefined],
    ["x".repeat(10_000), undefined],
  ];
  it.each(cases)("%j is %s", (label, rating) => {
    expect(ratingFromLabel(label)).toBe(rating);
  });
});

describe("dates", () => {
  it.each([
    ["13TH DEC 2023", "2023-12-13"],
    ["20th & 21st September 2017", "2017-09-21"],
    ["12th and 13th December 2023", "2023-12-13"],
    ["13/12/2023", "2023-12-13"],
    ["2023-12-13", "2023-12-13"],
    ["December 13th, 2023", "2023-12-13"],
    ["31st February 2023", undefined],
    ["soon", undefined],
  ])("%j is %s", (text, day) => {
    expect(parseDay(text)).toBe(day);
  });

  it("reads a next review's month, but not a dated line", () => {
    expect(reviewMonth("Annual Review Year 1 – December 2024")).toEqual({ label: "Annual Review Year 1", month: "2024-12" });
    expect(reviewMonth("Document Review Date\t15th September 2017")).toBeUndefined();
    expect(reviewMonth("In July 2023, the Council moved to new premises at Brocks Hill - December 2023")).toBeUndefined();
  });
});

describe("other ways of writing the table", () => {
  it("reads markdown tables, '1.1.1: Compliance', '1.1.1 - Partial Compliance' and a rating cell before a comment, and skips ratings inside sentences", () => {
    const report = parseAssessorReport(
      [
        "| Sub | Element | Statement | Rating |",
        "|---|---|---|---|",
        "| 1.1 | 1.1.1 | We have an in-depth understanding | Compliance Plus |",
        "1.1.2: Compliance",
        "1.1.3 - Partial Compliance",
        "**1.2.1** | N/A",
        "1.2.2 remains at Compliance",
        "1.2.3\tA new Compliance Plus has been awarded for this.",
        "1.3.1\tCompliance Plus\tcarried over from last year's notes",
      ].join("\n"),
    );
    expect(Object.fromEntries(report.ratings)).toEqual({
      "1.1.1": "compliance-plus",
      "1.1.2": "compliance",
      "1.1.3": "partial",
      "1.2.1": "not-applicable",
      "1.3.1": "compliance-plus",
    });
    expect(report.problems).toContain(
      `5 of 57 elements found; missing ${ELEMENTS.slice(4)
        .filter((e) => e.ref !== "1.3.1")
        .map((e) => e.ref)
        .join(", ")}.`,
    );
  });

  it("reads a Totals table laid out as a row of labels then a row of counts, and says when it disagrees", () => {
    const table = OADBY.slice(OADBY.indexOf("7. COMPLIANCE AGAINST"));
    const agrees = parseAssessorReport(`${table}\n\nTotals | Compliance Plus | Compliance | Partial Compliance\n| 8 | 47 | 2\n`);
    expect(agrees.statedTotals).toEqual({ "compliance-plus": 8, compliance: 47, partial: 2 });
    expect(agrees.problems).toEqual([]);
    const differs = parseAssessorReport(`The Council achieved 9 Compliance Plus, 46 Compliance and 2 Partial Compliance.\n\n${table}`);
    expect(differs.statedTotals).toEqual({ "compliance-plus": 9, compliance: 46, partial: 2 });
    expect(differs.problems).toEqual([
      "The report's totals say 9 Compliance Plus, but its table has 8.",
      "The report's totals say 46 Compliance, but its table has 47.",
    ]);
  });
});

describe("damaged and hostile text", () => {
  it("an empty report says so", () => {
    for (const text of ["", "   \n\t\n"]) {
      const report = parseAssessorReport(text);
      expect(report.problems).toEqual(["The report has no text in it."]);
      expect(report.ratings.size).toBe(0);
    }
  });

  it("the first half of a report: what it has is read, and the missing table is reported", () => {
    const report = parseAssessorReport(OADBY.slice(0, Math.floor(OADBY.length / 2)));
    expect(report.organisation).toBe("Oadby and Wigston Borough Council");
    expect(report.strengths).toContain("1.3.1");
    expect(report.ratings.size).toBe(0);
    expect(report.problems).toEqual(["No compliance table was found: none of the 57 elements has a rating I could read."]);
    expect(report.disagreements).toEqual([]);
  });

  it("a report cut off inside its table lists the missing elements", () => {
    const report = parseAssessorReport(OADBY.slice(0, OADBY.indexOf("3.3\t3.3.1")));
    expect(report.ratings.size).toBe(28);
    expect(report.problems).toEqual([
      `28 of 57 elements found; missing ${ELEMENTS.slice(28)
        .map((e) => e.ref)
        .join(", ")}.`,
    ]);
  });

  it("a table of 60 rows: refs outside the standard and a ref rated twice are reported, not used", () => {
    const rows = ELEMENTS.map((e) => `| ${e.ref} | ${e.statement} | Compliance |`);
    rows.push(
      "| 6.1.1 | Not an element | Compliance Plus |",
      "| 1.1.9 | Nor this | Partial Compliance |",
      "| 2.2.2 | Rated again | Non Compliant |",
    );
    const report = parseAssessorReport(rows.join("\n"));
    expect(rows).toHaveLength(60);
    expect(report.ratings.size).toBe(57);
    expect(report.ratings.has("6.1.1")).toBe(false);
    expect(report.ratings.get("2.2.2")).toBe("compliance");
    expect(report.problems).toEqual([
      "6.1.1 is not an element of the CSE standard; its row in the table was skipped.",
      "1.1.9 is not an element of the CSE standard; its row in the table was skipped.",
      "2.2.2 is rated twice, Compliance and then Non-Compliance; the first rating is used.",
    ]);
  });

  it("10 MB of junk returns with problems", () => {
    const chunk = "1.1.1 Compliance Plus\t|| Areas for improvement ●●● 20th & 21st Totals 11 \n".repeat(20) + "x".repeat(5_000);
    const junk = chunk.repeat(Math.ceil((10 * 1024 * 1024) / chunk.length));
    const report = parseAssessorReport(junk);
    expect(report.ratings.size).toBe(0);
    expect(report.problems).toContain("No compliance table was found: none of the 57 elements has a rating I could read.");
    expect(report.problems[0]).toMatch(/^The text is far longer than an assessor report/);
  });
});
