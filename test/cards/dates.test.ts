/**
 * The certification calendar card, rendered from cards/dates.json for coordinators and everyone
 * else: valid Adaptive Card 1.5 (the official parser), fully bound, within 28 KB, labelled inputs,
 * Universal Actions with fallbacks; dates, days to go and the form as a council officer sees them.
 */
import { describe, expect, it } from "vitest";
import { cardBytes, datesCard, type AdaptiveCard } from "../../src/cards/index.js";
import { cardText, expectInOrder, findActions, findInputs } from "../support/teams.js";
import { cardProblems, expectTeamsReady, strings } from "../support/card-checks.js";
import { settings, view } from "./fixtures-dates.js";

const MAX_BYTES = 28 * 1024;

const LONG = "€".repeat(60);
const many = Array.from({ length: 30 }, (_, i) =>
  settings(`unit-${i}`, `${LONG}${i}`, { updatedByName: LONG, overrides: { "annual-review-1": "2027-04-01" } }),
);
const typical = view([
  settings("council", "Whole council", { overrides: { reassessment: "2029-03-20" } }),
  settings("housing", "Housing", { certifiedOn: "2025-11-10", evidenceLeadWorkingDays: 5 }),
]);

const CARDS: [string, AdaptiveCard][] = [
  ["coordinator, nothing set", datesCard(view([]))],
  ["coordinator, typical", datesCard(typical)],
  [
    "coordinator, refused, with what was typed",
    datesCard({
      ...typical,
      notice: { tone: "attention", text: "The certification date is in the future." },
      draft: { scopeId: "housing", certifiedOn: "not a date", leadDays: "ten", overrides: { "annual-review-1": "2027-01-04" } },
    }),
  ],
  ["coordinator in a channel", datesCard(typical, { readOnlyNote: "To change the dates, chat with me one-to-one and type dates." })],
  ["officer, nothing set", datesCard(view([], { canEdit: false, scopes: [] }))],
  ["officer, typical", datesCard({ ...typical, canEdit: false, scopes: [] })],
  [
    "longest: 31 calendars with the longest names",
    datesCard(
      view([settings("council", LONG), ...many], {
        notice: { tone: "good", text: `Saved the dates for ${LONG}. Next: annual review, year 1 on 15 Mar 2027, evidence due 1 Mar 2027.` },
      }),
      { formScope: "unit-29" },
    ),
  ],
];

describe.each(CARDS)("dates card: %s", (_name, card) => {
  it("parses as Adaptive Card 1.5 with no parse or validation events, fully bound, within 28 KB", () => {
    expect(cardProblems(card)).toEqual([]);
    expect(card.version).toBe("1.5");
    expect(strings(card).filter((s) => s.includes("${"))).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_BYTES);
  });

  it("labels every input and gives every action a cse verb and an Action.Submit fallback", () => {
    expectTeamsReady(card, /^\w{1,10}$/, /^cse\.dates(Save)?$/);
  });
});

describe("dates card", () => {
  it("shows each calendar with its visits in order, days to go and evidence deadlines", () => {
    const text = cardText(datesCard(typical));
    expectInOrder(text, [
      "Certification calendar",
      "Whole council",
      "Certified 14 Mar 2026. Evidence is due 10 working days before each visit.",
      "**Annual review, year 1**: 15 Mar 2027, in 113 days",
      "Evidence due 1 Mar 2027, in 99 days",
      "**Annual review, year 2**: 14 Mar 2028, in 478 days",
      "**Three-year reassessment**: 20 Mar 2029, in 849 days (date set by hand)",
      "Housing",
      "Certified 10 Nov 2025. Evidence is due 5 working days before each visit.",
      "**Annual review, year 1**: 10 Nov 2026, 12 days ago",
      "Evidence was due 3 Nov 2026, 19 days ago",
    ]);
  });

  it("gives coordinators a labelled form filled from the chosen calendar, with Save dates", () => {
    const card = datesCard(typical, { formScope: "housing" });
    expect(Object.fromEntries(findInputs(card).map((i) => [i.id, i.value]))).toEqual({
      scope: "housing",
      certified: "2025-11-10",
      leadDays: 5,
      review1: "",
      review2: "",
      reassess: "",
    });
    expect(
      findInputs(card)
        .find((i) => i.id === "scope")
        .choices.map((c: { value: string }) => c.value),
    ).toEqual(["council", "housing"]);
    expect(findActions(card).map((a) => a.title)).toEqual(["Show its dates in this form", "Save dates", "Refresh"]);
  });

  it("keeps what was typed after a refusal, except what is not a date or a number", () => {
    const card = CARDS[2]![1];
    expect(cardText(card)).toContain("The certification date is in the future.");
    expect(Object.fromEntries(findInputs(card).map((i) => [i.id, i.value]))).toEqual({
      scope: "housing",
      certified: "",
      leadDays: 10,
      review1: "2027-01-04",
      review2: "",
      reassess: "",
    });
  });

  it("shows everyone else the dates read-only, and coordinators in a channel where to change them", () => {
    for (const card of [datesCard({ ...typical, canEdit: false, scopes: [] }), CARDS[3]![1]]) {
      expect(findInputs(card)).toEqual([]);
      expect(cardText(card)).toContain("15 Mar 2027");
    }
    expect(findActions(CARDS[5]![1]).map((a) => a.title)).toEqual(["Refresh"]);
    expect(findActions(CARDS[3]![1])).toEqual([]);
    expect(cardText(CARDS[3]![1])).toContain("chat with me one-to-one and type dates");
    expect(cardText(CARDS[4]![1])).toContain("Your CSE coordinator sets it");
  });

  it("shows at most 8 calendars, keeping the one chosen for the form", () => {
    const card = CARDS[6]![1];
    expect(cardText(card)).toContain("23 more calendars are not shown.");
    expect(cardText(card)).toContain(`${LONG.slice(0, 59)}\u2026`);
    expect(findInputs(card).find((i) => i.id === "scope").value).toBe("unit-29");
    expect(findInputs(card).find((i) => i.id === "review1").value).toBe("2027-04-01");
    console.log(`longest dates card: ${cardBytes(card)} bytes of ${MAX_BYTES}`);
  });
});
