/** The service standards card and its two forms, as Teams reads them: charts with fallbacks, within 28 KB. */
import { describe, expect, it } from "vitest";
import { cardBytes, elementCard, figureFormCard, standardFormCard, standardsCard } from "../../src/cards/index.js";
import { periodsEndingWith, periodContaining } from "../../src/domain/periods.js";
import { standardRows, summariseAt } from "../../src/domain/standards-report.js";
import type { Figure, ServiceStandard } from "../../src/domain/standards.js";
import type { StandardsView } from "../../src/services/standards.js";
import { cardProblems, expectTeamsReady, nodes, strings } from "../support/card-checks.js";
import * as F from "./fixtures.js";
import { FIGURES, LETTERS, NOW, PHONE_WAIT, STANDARDS, TODAY } from "../support/service-standards.js";

const TEAMS_LIMIT = 28 * 1024;

function view(standards: readonly ServiceStandard[], figures: readonly Figure[], extra: Partial<StandardsView> = {}): StandardsView {
  return {
    today: TODAY,
    rows: standardRows(standards, figures, NOW),
    summary: summariseAt(standards, figures, NOW),
    canManage: true,
    viewerId: "u-coordinator",
    ...extra,
  };
}

/**
 * 20 standards with the longest promises and names, 12 periods each, every one missed (the
 * longest words); `pad` fills names to their limits (a 3-byte character for the worst case).
 */
function largest(pad = ""): StandardsView {
  const text = (words: string, length: number) => (pad ? `${words.slice(0, 3)}${pad.repeat(length - 3)}` : words.padEnd(length, "x"));
  const standards: ServiceStandard[] = Array.from({ length: 20 }, (_, i) => ({
    // As the service makes them: 30 characters of the promise and six of a random id.
    id: `we-will-answer-every-letter-${String(i).padStart(2, "0")}-abcdef`,
    promise: `${i} We will answer every letter, e-mail and web form within ten working days, and tell you who is dealing with it. `.padEnd(
      200,
      "€",
    ),
    measure: i % 2 ? { kind: "percentage" } : { kind: "average", unit: "working days to respond" },
    target: { value: i % 2 ? 99.9 : 0.5, better: i % 2 ? "higher" : "lower" },
    frequency: i % 3 ? "monthly" : "quarterly",
    owner: { userId: `u-${i}`, name: text("Bartholomew Featherstonehaugh-Cholmondeley", 60) },
    published: i % 4 !== 0,
    refs: ["1.3.4", "4.1.1", "4.1.2", "5.1.1", "5.1.2", "5.3.1", "5.3.2", "5.3.3"],
    unit: { id: `unit-${i}`, name: text("Neighbourhoods, Housing and Community Safety Directorate", 60) },
  }));
  const figures = standards.flatMap((s) =>
    periodsEndingWith(periodContaining(s.frequency === "monthly" ? "2026-10-15" : "2026-09-15", s.frequency), 12).map((p, i) => ({
      standardId: s.id,
      periodId: p.id,
      value: s.measure.kind === "percentage" ? 12.3 + i : 1234.5 + i,
    })),
  );
  return view(standards, figures);
}

describe("standards card", () => {
  it("says how many met their target last period, and names those missed two periods running", () => {
    const card = standardsCard(view(STANDARDS, FIGURES));
    const text = strings(card).join("\n");
    expect(text).toContain("2 of 4 standards met the target last period");
    expect(text).toContain("1 missed two periods running or more: We will answer your letter within ten working days.");
    expect(text).toContain("\u2717 Missed: 88% in Q2 2026/27 (target at least 90%), by 2 points. Missed 2 quarters running.");
    expect(text).toContain("\u2713 Met: 2.3 minutes in October 2026 (target no more than 3), by 0.7.");
    expect(text).toContain("No figures yet (target at least 85%). Q2 2026/27 has not been reported.");
    expect(cardProblems(card)).toEqual([]);
  });

  it("draws each trend as a line chart with the target, and the same numbers as text for clients without charts", () => {
    const card = standardsCard(view([LETTERS, PHONE_WAIT], FIGURES));
    const charts = nodes(card, (o) => o.type === "Chart.Line");
    expect(charts).toHaveLength(2);
    const letters = charts.find((c) => c.data[0].values.length === 12)!;
    expect(letters.data[0].values.slice(-2)).toEqual([
      { x: "Q1 26/27", y: 86 },
      { x: "Q2 26/27", y: 88 },
    ]);
    expect(letters.data[1]).toMatchObject({
      legend: "Target",
      values: [
        { x: "Q3 23/24", y: 90 },
        { x: "Q2 26/27", y: 90 },
      ],
    });
    expect(letters.yMin).toBe(84);
    expect(letters.fallback.type).toBe("TextBlock");
    expect(letters.fallback.text).toContain("Q3 2023/24 to Q2 2026/27 (%): Q3 91, Q4 93, Q1 92.5,");
    const phone = charts.find((c) => c !== letters)!;
    // August 2026 was not reported: no point is invented for it, and the fallback says so.
    expect(phone.data[0].values.map((v: { x: string }) => v.x)).not.toContain("Aug 26");
    expect(phone.fallback.text).toContain("Jul 2.2, Aug \u2014, Sep 2.7");
  });

  it("offers owners only their own standards to record, and coordinators every standard and the forms", () => {
    const owner = standardsCard(view(STANDARDS, FIGURES, { canManage: false, viewerId: "u-priya" }));
    expect(nodes(owner, (o) => o.id === "standardId")[0]!.choices).toHaveLength(5);
    expect(nodes(owner, (o) => o.type === "Action.Execute").map((a) => a.title)).toEqual(["Record a figure"]);
    const stranger = standardsCard(view(STANDARDS, FIGURES, { canManage: false, viewerId: "u-someone" }));
    expect(nodes(stranger, (o) => o.type === "Action.Execute")).toEqual([]);
    const coordinator = standardsCard(view(STANDARDS, FIGURES));
    expect(nodes(coordinator, (o) => o.type === "Action.Execute").map((a) => a.title)).toEqual([
      "Record a figure",
      "Change the standard",
      "New standard",
    ]);
    expectTeamsReady(coordinator, /^standardId$/, /^cse\.(figureForm|standardForm)$/);
  });

  it("shows what was typed as text, never as markdown or a link", () => {
    const card = standardsCard(view(STANDARDS, FIGURES));
    const text = strings(card).join("\n");
    expect(text).not.toContain("<script>");
    expect(text).toContain('\\<script\\>alert(1)\\</script\\> \\& "quotes"');
  });

  it("fits Teams' 28 KB at its largest: 20 standards, 12 periods each, the longest names, with every fallback", () => {
    const card = standardsCard(largest());
    console.log(`largest standards card: ${cardBytes(card)} bytes of ${TEAMS_LIMIT}`);
    expect(nodes(card, (o) => o.type === "Chart.Line")).toHaveLength(20);
    expect(nodes(card, (o) => o.type === "Chart.Line" && o.fallback?.type === "TextBlock")).toHaveLength(20);
    expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_LIMIT);
    expect(cardProblems(card)).toEqual([]);
  });

  it("shows fewer standards, and says so, rather than pass 28 KB when every character takes three bytes", () => {
    const card = standardsCard(largest("\u20ac"));
    const shown = nodes(card, (o) => o.type === "Chart.Line").length;
    expect(shown).toBeLessThan(20);
    expect(shown).toBeGreaterThanOrEqual(10);
    expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_LIMIT);
    const hidden = 20 - shown;
    expect(strings(card)).toContain(
      `${hidden} more ${hidden === 1 ? "standard is" : "standards are"} not shown; the evidence matrix export lists them all.`,
    );
  });

  it("says there are none yet, and what to do", () => {
    expect(strings(standardsCard(view([], [])))).toContain(
      "No service standards yet. Press New standard to add the first: the promise as you publish it, and its target.",
    );
    expect(strings(standardsCard(view([], [], { canManage: false })))).toContain(
      "No service standards yet. Your CSE coordinator adds them: type roles to see who that is.",
    );
  });
});

describe("standard form", () => {
  const units = [
    { id: "council", name: "Whole council" },
    { id: "housing", name: "Housing" },
  ];

  it("offers the usual elements first, and keeps what was typed after a refusal", () => {
    const card = standardFormCard({
      owner: { userId: "u-cora", name: "Cora Coordinator" },
      units,
      draft: {
        promise: "€".repeat(5000),
        measure: "average",
        unit: "minutes",
        target: "ninety",
        better: "lower",
        frequency: "monthly",
        refs: "5.1.1",
      },
      notice: { tone: "attention", text: "The target is not a number." },
    });
    const refs = nodes(card, (o) => o.id === "refs")[0]!;
    expect(refs.choices.slice(0, 8).map((c: { value: string }) => c.value)).toEqual([
      "1.3.4",
      "4.1.1",
      "4.1.2",
      "5.1.1",
      "5.1.2",
      "5.3.1",
      "5.3.2",
      "5.3.3",
    ]);
    expect(refs.choices).toHaveLength(57);
    expect(refs.value).toBe("5.1.1");
    expect(nodes(card, (o) => o.id === "target")[0]!.value).toBe("ninety");
    expect(nodes(card, (o) => o.id === "promise")[0]!.value.length).toBeLessThanOrEqual(200);
    expect(strings(card)).toContain("The target is not a number.");
    expectTeamsReady(
      card,
      /^(promise|measure|unit|target|better|frequency|refs|owner|standardUnit|published)$/,
      /^cse\.(standardSave|standards)$/,
    );
    expect(cardProblems(card)).toEqual([]);
  });

  it("fills in the standard being changed", () => {
    const card = standardFormCard({ standard: PHONE_WAIT, owner: PHONE_WAIT.owner, units });
    expect(nodes(card, (o) => o.id === "unit")[0]!.value).toBe("minutes");
    expect(nodes(card, (o) => o.id === "owner")[0]!.value).toBe("u-priya");
    const save = nodes(card, (o) => o.type === "Action.Execute" && o.verb === "cse.standardSave")[0]!;
    expect(save.data.standardId).toBe("phone-wait");
  });
});

describe("figure form", () => {
  const periods = periodsEndingWith(periodContaining("2026-09-15", "quarterly"), 12)
    .reverse()
    .map((period, i) => ({
      period,
      ...(i === 0 && {
        figure: {
          standardId: "letters",
          periodId: period.id,
          value: 88,
          by: { userId: "u-p", name: "Priya Shah" },
          at: "2026-10-05T10:00:00Z",
        },
      }),
    }));

  it("says when saving corrects a figure already recorded, and carries what it showed", () => {
    const card = figureFormCard({ standard: LETTERS, periods, periodId: periods[0]!.period.id });
    expect(strings(card)).toContain(
      "Q2 2026/27 (July to September 2026) already has 88%, recorded by Priya Shah on 5 Oct 2026. Saving corrects it; the history keeps both.",
    );
    const save = nodes(card, (o) => o.type === "Action.Execute" && o.verb === "cse.figureSave")[0]!;
    expect(save.title).toBe("Correct the figure");
    expect(save.data.base).toBe("2026/27-Q2=88");
    expect(nodes(card, (o) => o.id === "value")[0]!.value).toBe("88");
    expectTeamsReady(card, /^(period|value|count|comparator|note)$/, /^cse\.(figureSave|figureForm|standards)$/);
    expect(cardProblems(card)).toEqual([]);
  });

  it("opens a period without a figure as a new one", () => {
    const card = figureFormCard({ standard: LETTERS, periods, periodId: periods[1]!.period.id });
    const save = nodes(card, (o) => o.type === "Action.Execute" && o.verb === "cse.figureSave")[0]!;
    expect(save.title).toBe("Save the figure");
    expect(save.data.base).toBe("2026/27-Q1=none");
    expect(nodes(card, (o) => o.id === "period")[0]!.choices[0].title).toBe("Q2 2026/27 (July to September 2026): 88%");
  });
});

describe("the element card's service standards", () => {
  it("shows the standards that evidence the element with their latest figures, a few, within 28 KB at the longest", () => {
    const longest = F.longestView();
    const standards = Array.from({ length: 6 }, (_, i) => ({
      ...LETTERS,
      id: `s-${i}`,
      promise: `${i} ${"\u20ac".repeat(199)}`,
      refs: [longest.element.ref],
    }));
    const rows = standardRows(
      standards,
      FIGURES.filter((f) => f.standardId === LETTERS.id).map((f) => ({ ...f, standardId: "s-0" })),
      NOW,
    );
    const card = elementCard({ ...longest, standards: rows });
    expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_LIMIT);
    expect(cardProblems(card)).toEqual([]);
    const text = strings(card).join("\n");
    expect(text).toContain("Service standards this element draws on");
    expect(text).toContain("\u2717 88% in Q2 2026/27, missed by 2 points, 2 quarters running");
    expect(text).toContain("and 3 more: type standards");
  });

  it("leaves the part out when no standard evidences the element", () => {
    expect(strings(elementCard(F.ratedView())).join("\n")).not.toContain("Service standards");
  });
});
