/**
 * The compliance summary card (cards/summary.json) and its plain text: what a chief executive
 * reads in a channel digest, built from Oadby and Wigston's 2023 assessor ratings by the real
 * summary code; a valid Adaptive Card 1.5 by the official parser; within Teams' 28 KB at its largest.
 */
import { describe, expect, it } from "vitest";
import { cardBytes, summaryCard, summaryText, type AdaptiveCard } from "../../src/cards/index.js";
import type { ServiceStandard } from "../../src/domain/standards.js";
import { ACTION_LIMITS, type ImprovementAction } from "../../src/domain/actions.js";
import { emptyAssessment, type ElementAssessment } from "../../src/domain/assessment.js";
import { CAMPAIGN_LIMITS, defaultCampaign, type Unit } from "../../src/domain/campaign.js";
import { daysBetween } from "../../src/domain/calendar.js";
import { summarise, type Snapshot, type SummaryInput } from "../../src/domain/summary.js";
import type { NextVisit, SummaryView } from "../../src/services/summary.js";
import { ELEMENTS, type RatingOrUnrated } from "../../src/standard/index.js";
import { cardProblems, expectTeamsReady, nodes, strings } from "../support/card-checks.js";
import { cardText, expectInOrder, findActions } from "../support/teams.js";
import { oadbyRatings } from "../support/seed-data.js";

const MAX_BYTES = 28 * 1024;
const TODAY = "2026-11-23";
const AT = "2026-11-23T09:00:00Z";
const COUNCIL: Unit[] = [{ id: "council", name: "Whole council" }];
const OADBY = oadbyRatings();

function assessments(ratings: Record<string, RatingOrUnrated>, unitId = "council"): ElementAssessment[] {
  return Object.entries(ratings).map(([ref, rating]) => ({ ...emptyAssessment("cse-2026", unitId, ref), rating }));
}

/** The first `compliant` elements Compliance, then `partial` Partial, `nc` Non-Compliance, the rest unrated. */
const ratings = (compliant: number, partial: number, nc = 0): Record<string, RatingOrUnrated> =>
  Object.fromEntries(
    ELEMENTS.map((e, i) => [
      e.ref,
      i < compliant ? "compliance" : i < compliant + partial ? "partial" : i < compliant + partial + nc ? "non-compliance" : "unrated",
    ]),
  );

function action(id: string, dueOn: string, fields: Partial<ImprovementAction> = {}): ImprovementAction {
  const person = { userId: "user-megan", name: "Megan Bowen" };
  return {
    tenantId: "t",
    id,
    title: `Action ${id}`,
    description: "",
    refs: ["4.1.2"],
    owner: person,
    dueOn,
    priority: "medium",
    status: "open",
    createdBy: person,
    createdAt: AT,
    updatedAt: AT,
    ...fields,
  };
}

const ANNUAL_REVIEW: NextVisit = {
  scopeName: "Whole council",
  label: "Annual review, year 1",
  date: "2027-03-16",
  daysToGo: daysBetween(TODAY, "2027-03-16"),
  evidenceDue: "2027-03-02",
  evidenceDaysToGo: daysBetween(TODAY, "2027-03-02"),
};

function view(input: Partial<SummaryInput> = {}, fields: Partial<SummaryView> = {}): SummaryView {
  const summary = summarise({ assessments: assessments(OADBY), units: COUNCIL, actions: [], today: TODAY, at: AT, ...input });
  return {
    campaign: { ...defaultCampaign("t", "cse-2026", "user-sam", new Date(AT)), units: input.units ?? COUNCIL },
    summary,
    today: TODAY,
    showOwners: true,
    ...fields,
  };
}

function expectValidCard(card: AdaptiveCard): void {
  expect(cardProblems(card)).toEqual([]);
  expect(card.version).toBe("1.5");
  expect(strings(card).filter((s) => s.includes("${"))).toEqual([]);
  expectTeamsReady(card, /^\w+$/, /^cse\.(summaryCriterion|actions)$/);
}

const textBlock = (card: AdaptiveCard, text: string) => nodes(card, (o) => o.type === "TextBlock" && o.text === text)[0];
/** A bar as "colour count": one square per element. */
const barOf = (bar: Record<string, any>) => bar.inlines.map((r: any) => `${r.color} ${r.text.length}`);

/** Oadby and Wigston's ratings, a year of evidence, three overdue actions and one not yet due, the next visit set. */
const withEvidence = assessments(OADBY).map((a, i) =>
  i < 51
    ? {
        ...a,
        status: i < 40 ? ("approved" as const) : ("submitted" as const),
        evidence: [
          {
            id: `l${i}`,
            title: "Report",
            url: `https://x.gov.uk/${a.ref}`,
            addedBy: "u",
            addedAt: i < 7 ? "2025-06-01T10:00:00Z" : "2026-10-01T10:00:00Z",
          },
        ],
      }
    : a,
);
const ACTIONS = [
  action("12", "2026-11-20", { title: "Publish service standards for housing repairs" }),
  action("7", "2026-10-05", { title: "Survey tenants about the new repairs line", owner: { userId: "user-dan", name: "Dan O'Neill" } }),
  action("3", "2026-11-22", { title: "Train front-line staff in plain English" }),
  action("40", "2026-12-10", { title: "Benchmark satisfaction with other councils" }),
];
const OADBY_VIEW = view({ assessments: withEvidence, actions: ACTIONS }, { nextVisit: ANNUAL_REVIEW });

describe("the summary card for Oadby and Wigston's 2023 ratings", () => {
  const card = summaryCard(OADBY_VIEW);
  const text = cardText(card);

  it("parses as Adaptive Card 1.5 with no parse or validation events, fully bound, within 28 KB", () => {
    expectValidCard(card);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_BYTES);
  });

  it("leads with the outlook as one sentence, in the good colour, and names what is still Partial", () => {
    const outlook = "On track for certification: 55 of 57 elements at Compliance or better, 9 above the threshold of 46.";
    expect(card.fallbackText).toBe(outlook);
    expect(textBlock(card, outlook)).toMatchObject({ size: "Medium", weight: "Bolder", color: "Good" });
    expectInOrder(text, [
      "CSE compliance summary \u00b7 23 Nov 2026",
      "CSE self-assessment 2026",
      outlook,
      "Still to improve: Partial 4.1.2, 5.3.2",
    ]);
  });

  it("reads top to bottom: counts, progress, criteria, evidence, actions, next review", () => {
    expectInOrder(text, [
      "8 Compliance Plus \u00b7 47 Compliance \u00b7 2 Partial",
      "57 of 57 rated, 51 submitted, 40 approved",
      "By criterion",
      "1 Customer Insight",
      "CP 3 \u00b7 C 8 \u00b7 PC 0 \u00b7 NC 0 \u00b7 \u2014 0",
      "2 The Culture of the Organisation",
      "CP 2 \u00b7 C 9 \u00b7 PC 0 \u00b7 NC 0 \u00b7 \u2014 0",
      "3 Information and Access",
      "CP 1 \u00b7 C 11 \u00b7 PC 0 \u00b7 NC 0 \u00b7 \u2014 0",
      "4 Delivery",
      "CP 1 \u00b7 C 11 \u00b7 PC 1 \u00b7 NC 0 \u00b7 \u2014 0",
      "5 Timeliness and Quality of Service",
      "CP 1 \u00b7 C 8 \u00b7 PC 1 \u00b7 NC 0 \u00b7 \u2014 0",
      "Evidence",
      "51 of 57 elements have evidence linked; 7 links are over a year old (in 7 elements).",
      "Improvement actions",
      "4 open actions, 3 overdue",
      "Action 7 Survey tenants about the new repairs line \u00b7 overdue by 49 days \u00b7 Dan O'Neill",
      "Action 12 Publish service standards for housing repairs \u00b7 overdue by 3 days \u00b7 Megan Bowen",
      "Action 3 Train front-line staff in plain English \u00b7 overdue by 1 day \u00b7 Megan Bowen",
      "Next review",
      "Annual review, year 1 on 16 Mar 2027 (in 113 days); evidence due 2 Mar 2027 (in 99 days)",
    ]);
    expect(text).not.toContain("By unit");
    expect(text).not.toContain("Since ");
  });

  it("draws the counts as one stacked bar, and makes the weak criteria stand out", () => {
    const [overall, ...rows] = nodes(card, (o) => o.type === "RichTextBlock" && o.inlines.every((r: any) => /^\u25A0+$/.test(r.text)));
    expect(barOf(overall!)).toEqual(["Accent 8", "Good 47", "Warning 2"]);
    expect(rows.map(barOf)).toEqual([
      ["Accent 3", "Good 8"],
      ["Accent 2", "Good 9"],
      ["Accent 1", "Good 11"],
      ["Accent 1", "Good 11", "Warning 1"],
      ["Accent 1", "Good 8", "Warning 1"],
    ]);
    const headings = nodes(
      card,
      (o) => o.type === "TextBlock" && o.weight !== undefined && o.color !== undefined && /^\d /.test(o.text),
    ).map((o) => `${o.text} [${o.color} ${o.weight}]`);
    expect(headings).toEqual([
      "1 Customer Insight [Default Default]",
      "2 The Culture of the Organisation [Default Default]",
      "3 Information and Access [Default Default]",
      "4 Delivery [Warning Bolder]",
      "5 Timeliness and Quality of Service [Warning Bolder]",
    ]);
  });

  it("drills into each criterion and the overdue actions with small buttons, at most three in a row", () => {
    const sets = nodes(card, (o) => o.type === "ActionSet");
    expect(sets.map((s) => s.actions.map((a: any) => a.title))).toEqual([
      ["Criterion 1", "Criterion 2", "Criterion 3"],
      ["Criterion 4", "Criterion 5"],
      ["Overdue actions"],
    ]);
    expect(findActions(card).map((a) => a.data)).toEqual([
      ...["1", "2", "3", "4", "5"].map((criterion) => ({ campaignId: "cse-2026", criterion, verb: "cse.summaryCriterion" })),
      { filter: "overdue", verb: "cse.actions" },
    ]);
  });

  it("shows the notice after a button was pressed", () => {
    const noticed = summaryCard(OADBY_VIEW, { notice: { tone: "warning", text: "Digest posted to this channel." } });
    expectValidCard(noticed);
    expect(textBlock(noticed, "Digest posted to this channel.")).toMatchObject({ color: "Warning" });
  });
});

describe("the summary card when certification is not certain", () => {
  it("is not there yet while enough elements are still to rate", () => {
    const card = summaryCard(view({ assessments: assessments(ratings(30, 5)) }));
    expectValidCard(card);
    const outlook = "Not there yet: 30 compliant so far, 16 short of 46, with 22 still to rate.";
    expect(card.fallbackText).toBe(outlook);
    expect(textBlock(card, outlook)).toMatchObject({ color: "Warning" });
    expect(cardText(card)).toContain("Putting certification at risk: Partial 3.3.3, 3.4.1, 3.4.2, 3.4.3, 4.1.1");
    expect(cardText(card)).toContain("30 Compliance \u00b7 5 Partial \u00b7 22 not yet rated");
    expect(cardText(card)).toContain("No open improvement actions.");
    expect(cardText(card)).toContain("0 of 57 elements have evidence linked.");
    expect(cardText(card)).toContain("Set the certification dates with dates.");
  });

  it("is at risk with a Non-Compliance, naming it first, in the attention colour", () => {
    const card = summaryCard(view({ assessments: assessments({ ...OADBY, "5.3.2": "non-compliance" }) }));
    expectValidCard(card);
    const outlook = "At risk: 1 Non-Compliance (5.3.2), which certification does not allow; 55 of 57 at Compliance or better.";
    expect(card.fallbackText).toBe(outlook);
    expect(textBlock(card, outlook)).toMatchObject({ color: "Attention" });
    expect(textBlock(card, "Putting certification at risk: Non-Compliance 5.3.2; Partial 4.1.2")).toMatchObject({ color: "Attention" });
    expect(textBlock(card, "5 Timeliness and Quality of Service")).toMatchObject({ color: "Attention", weight: "Bolder" });
    expect(cardText(card)).toContain("8 Compliance Plus \u00b7 47 Compliance \u00b7 1 Partial \u00b7 1 Non-Compliance");
  });

  it("is at risk when too few could be compliant, and lists at most 8 refs", () => {
    const card = summaryCard(view({ assessments: assessments(ratings(40, 15)) }));
    expectValidCard(card);
    expect(card.fallbackText).toBe("At risk: 40 compliant, 6 short of 46 with only 2 still to rate.");
    expect(cardText(card)).toContain(
      "Putting certification at risk: Partial 4.2.4, 4.3.1, 4.3.2, 4.3.3, 4.3.4, 4.3.5, 4.3.6, 5.1.1 and 7 more",
    );
  });
});

describe("what changed since the previous digest", () => {
  const before: Snapshot = {
    at: "2026-11-16T09:00:00Z",
    ratings: { ...OADBY, "4.1.2": "compliance", "1.1.1": "compliance-plus", "3.1.1": "partial" },
  };

  it("says which criteria moved, and which elements became Compliance Plus or Partial", () => {
    const card = summaryCard(view({ assessments: assessments({ ...OADBY, "2.2.1": "compliance-plus" }), previous: before }));
    expectValidCard(card);
    expectInOrder(cardText(card), [
      "5 Timeliness and Quality of Service",
      "Since 16 Nov 2026",
      "Compliant elements: Criterion 3 \u25b21 \u00b7 Criterion 4 \u25bc1",
      "New Compliance Plus: 2.2.1",
      "New Partial: 4.1.2",
      "Evidence",
    ]);
  });

  it("says so when nothing moved", () => {
    const card = summaryCard(view({ previous: { at: "2026-11-16T09:00:00Z", ratings: OADBY } }));
    expectValidCard(card);
    expect(textBlock(card, "No change since 16 Nov 2026")).toMatchObject({ weight: "Bolder" });
    expect(cardText(card)).not.toContain("Compliant elements:");
  });
});

describe("owners, units and the next visit", () => {
  it("leaves owners' names out when the council turned them off for channels", () => {
    const hidden = view({ actions: ACTIONS }, { showOwners: false });
    for (const out of [cardText(summaryCard(hidden)), summaryText(hidden)]) {
      expect(out).toMatch(/Action 7:? Survey tenants about the new repairs line \u00b7 overdue by 49 days$/m);
      expect(out).not.toContain("Dan O'Neill");
      expect(out).not.toContain("Megan Bowen");
    }
  });

  it("rolls up each unit on one line, and names a unit's own calendar", () => {
    const units = [
      { id: "housing", name: "Housing and Communities" },
      { id: "planning", name: "Planning" },
    ];
    const v = view(
      {
        units,
        assessments: [
          ...assessments(OADBY, "housing").map((a) => ({ ...a, status: "submitted" as const })),
          ...assessments({ ...OADBY, "1.1.1": "partial" }, "planning"),
        ],
      },
      { nextVisit: { ...ANNUAL_REVIEW, scopeName: "Housing and Communities" } },
    );
    const card = summaryCard(v);
    expectValidCard(card);
    expectInOrder(cardText(card), [
      "8 Compliance Plus \u00b7 46 Compliance \u00b7 3 Partial",
      "114 of 114 rated, 57 submitted, 0 approved",
      "Annual review, year 1 (Housing and Communities) on 16 Mar 2027",
      "By unit",
      "Housing and Communities 55 of 57 compliant \u00b7 2 partial \u00b7 57 submitted",
      "Planning 54 of 57 compliant \u00b7 3 partial \u00b7 0 submitted",
    ]);
  });
});

describe("the summary as plain text", () => {
  it("says the same as the card, section by section", () => {
    expect(
      summaryText(
        view(
          {
            assessments: withEvidence,
            actions: ACTIONS,
            previous: { at: "2026-11-16T09:00:00Z", ratings: { ...OADBY, "4.1.2": "compliance" } },
          },
          { nextVisit: ANNUAL_REVIEW },
        ),
      ),
    ).toBe(
      [
        "CSE compliance summary \u00b7 CSE self-assessment 2026 \u00b7 23 Nov 2026",
        "On track for certification: 55 of 57 elements at Compliance or better, 9 above the threshold of 46.",
        "Still to improve: Partial 4.1.2, 5.3.2",
        "Ratings: 8 Compliance Plus \u00b7 47 Compliance \u00b7 2 Partial",
        "Progress: 57 of 57 rated, 51 submitted, 40 approved",
        "By criterion:",
        "  1 Customer Insight: CP 3 \u00b7 C 8 \u00b7 PC 0 \u00b7 NC 0 \u00b7 \u2014 0",
        "  2 The Culture of the Organisation: CP 2 \u00b7 C 9 \u00b7 PC 0 \u00b7 NC 0 \u00b7 \u2014 0",
        "  3 Information and Access: CP 1 \u00b7 C 11 \u00b7 PC 0 \u00b7 NC 0 \u00b7 \u2014 0",
        "  4 Delivery: CP 1 \u00b7 C 11 \u00b7 PC 1 \u00b7 NC 0 \u00b7 \u2014 0",
        "  5 Timeliness and Quality of Service: CP 1 \u00b7 C 8 \u00b7 PC 1 \u00b7 NC 0 \u00b7 \u2014 0",
        "Since 16 Nov 2026:",
        "  Compliant elements: Criterion 4 \u25bc1",
        "  New Partial: 4.1.2",
        "Evidence: 51 of 57 elements have evidence linked; 7 links are over a year old (in 7 elements).",
        "Improvement actions: 4 open actions, 3 overdue",
        "  Action 7: Survey tenants about the new repairs line \u00b7 overdue by 49 days \u00b7 Dan O'Neill",
        "  Action 12: Publish service standards for housing repairs \u00b7 overdue by 3 days \u00b7 Megan Bowen",
        "  Action 3: Train front-line staff in plain English \u00b7 overdue by 1 day \u00b7 Megan Bowen",
        "Next review: Annual review, year 1 on 16 Mar 2027 (in 113 days); evidence due 2 Mar 2027 (in 99 days)",
      ].join("\n"),
    );
  });

  it("starts with the card's fallback sentence, and lists units and the missing calendar", () => {
    const units = [
      { id: "housing", name: "Housing" },
      { id: "planning", name: "Planning" },
    ];
    const v = view({ units, assessments: [...assessments(ratings(30, 5), "housing"), ...assessments(ratings(30, 5), "planning")] });
    const lines = summaryText(v).split("\n");
    expect(lines[1]).toBe(summaryCard(v).fallbackText);
    expect(lines.slice(-4)).toEqual([
      "Next review: Set the certification dates with dates.",
      "By unit:",
      "  Housing: 30 of 57 compliant \u00b7 5 partial \u00b7 0 submitted",
      "  Planning: 30 of 57 compliant \u00b7 5 partial \u00b7 0 submitted",
    ]);
  });
});

describe("the summary card at its largest", () => {
  // The characters that cost the most JSON: a quote (2 bytes in JSON) and a euro sign (3 bytes).
  const costly = (chars: number) => '"\u20ac'.repeat(Math.ceil(chars / 2)).slice(0, chars);

  it.each([20, CAMPAIGN_LIMITS.units])(
    "stays within 28 KB with %i units of the longest names, 200 overdue actions and every element Partial",
    (unitCount) => {
      const units = Array.from({ length: unitCount }, (_, i) => ({
        id: `unit-${i}`,
        name: `${i}${costly(CAMPAIGN_LIMITS.unitNameChars - 2)}`,
      }));
      const allPartial = Object.fromEntries(ELEMENTS.map((e) => [e.ref, "partial" as const]));
      const owner = { userId: "user-x", name: costly(256) };
      const actions = Array.from({ length: 200 }, (_, i) =>
        action(String(99999000 + i), "2026-01-01", { title: costly(ACTION_LIMITS.titleChars), owner }),
      );
      const v = view(
        {
          units,
          assessments: units.flatMap((u) => assessments(allPartial, u.id).map((a) => ({ ...a, status: "submitted" as const }))),
          actions,
          previous: {
            at: "2026-11-16T09:00:00Z",
            ratings: Object.fromEntries(ELEMENTS.map((e, i) => [e.ref, i % 2 ? "compliance-plus" : "compliance"])),
          },
        },
        {
          campaign: { ...defaultCampaign("t", "cse-2026", "u", new Date(AT)), name: costly(CAMPAIGN_LIMITS.nameChars), units },
          nextVisit: { ...ANNUAL_REVIEW, scopeName: costly(CAMPAIGN_LIMITS.unitNameChars) },
          standards: manyMissedStandards(20, costly(200)),
        },
      );
      const card = summaryCard(v);
      expectValidCard(card);
      const bytes = cardBytes(card);
      console.info(`summary card, ${unitCount} units at their longest: ${bytes} bytes of ${MAX_BYTES}`);
      expect(bytes).toBeLessThanOrEqual(MAX_BYTES);

      const text = cardText(card);
      expect(nodes(card, (o) => o.type === "FactSet")[0]!.facts).toHaveLength(5);
      expect(text).toContain("200 open actions, 200 overdue; the 5 most overdue:");
      expect(text).toContain("Putting certification at risk: Partial 1.1.1, 1.1.2, 1.1.3, 1.2.1, 1.2.2, 1.2.3, 1.3.1, 1.3.2 and 49 more");
      expect(text).toContain("New Partial: 1.1.1, 1.1.2, 1.1.3, 1.2.1, 1.2.2, 1.2.3, 1.3.1, 1.3.2 and 49 more");
      expect(nodes(card, (o) => o.type === "FactSet")[2]!.facts).toHaveLength(unitCount);
      expect(findActions(card)).toHaveLength(6);
      expect(text).toContain("0 of 20 met their target last period; missed two periods running or more:");
      expect(nodes(card, (o) => o.type === "FactSet")[1]!.facts).toHaveLength(5);
    },
  );
});

/** `count` standards, every one missed the last 12 periods. */
function manyMissedStandards(count: number, promise: string): NonNullable<SummaryView["standards"]> {
  const standards: ServiceStandard[] = Array.from({ length: count }, (_, i) => ({
    id: `s-${i}`,
    promise: `${i} ${promise}`,
    measure: { kind: "percentage" },
    target: { value: 90, better: "higher" },
    frequency: "monthly",
    owner: { userId: "u", name: "Owner" },
    published: true,
    refs: ["4.1.2"],
  }));
  return {
    reported: count,
    met: 0,
    missedRunning: standards.map((standard) => ({ standard, periods: 12 })),
    notReported: [],
    total: count,
  };
}

describe("the summary's service standards", () => {
  const standards = (met: number, reported: number, runs: number, notReported = 0): NonNullable<SummaryView["standards"]> => {
    const many = manyMissedStandards(reported + notReported, "We will answer letters within ten working days");
    return {
      reported,
      met,
      missedRunning: many.missedRunning.slice(0, runs).map((m) => ({ ...m, periods: 2 })),
      notReported: many.missedRunning.slice(reported).map((m) => m.standard),
      total: reported + notReported,
    };
  };

  it("says how many met their target last period and names those missed two periods running, in card and text alike", () => {
    const v = view({}, { standards: standards(3, 5, 1, 1) });
    const card = summaryCard(v);
    expectValidCard(card);
    const text = cardText(card);
    expect(text).toContain("Service standards");
    expect(text).toContain("3 of 5 met their target last period; 1 not reported; missed two periods running or more:");
    expect(text).toContain("missed 2 months running");
    expect(summaryText(v)).toContain(
      "Service standards: 3 of 5 met their target last period; 1 not reported; missed two periods running or more:",
    );
  });

  it("names 4.1.2 and 5.3.2 at risk when a standard is missed two periods running, or more than a third last period", () => {
    expect(cardText(summaryCard(view({}, { standards: standards(4, 5, 1) })))).toContain(
      "Service standards put 4.1.2 and 5.3.2 at risk: 1 standard has missed the target two periods running or more.",
    );
    expect(cardText(summaryCard(view({}, { standards: standards(3, 5, 0) })))).toContain(
      "Service standards put 4.1.2 and 5.3.2 at risk: 2 of 5 missed it last period.",
    );
    const fine = cardText(summaryCard(view({}, { standards: standards(4, 5, 0) })));
    expect(fine).toContain("4 of 5 met their target last period.");
    expect(fine).not.toContain("at risk: ");
  });

  it("leaves the part out for a council without standards", () => {
    expect(cardText(summaryCard(view()))).not.toContain("Service standards");
    expect(summaryText(view())).not.toContain("Service standards");
  });
});
