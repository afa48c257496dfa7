/** The improvement-plan preview: what the coordinator checks before Import, valid for Teams, within 28 KB at its longest. */
import { describe, expect, it } from "vitest";
import { cardBytes, planPreviewCard } from "../../src/cards/index.js";
import type { PlanPreview, PlannedAction } from "../../src/services/plan-import.js";
import { cardProblems, expectTeamsReady, strings } from "../support/card-checks.js";
import { cardText, findActions, findInputs } from "../support/teams.js";

const MAX_BYTES = 28_672;

const action = (over: Partial<PlannedAction>): PlannedAction => ({
  where: "row 1",
  title: "Publish performance against our service standards",
  description: "",
  refs: ["4.1.2", "5.3.2"],
  dueOn: "2026-12-31",
  dueAsWritten: "Q3 2026/27",
  status: "open",
  marker: "m1",
  ...over,
});

function preview(actions: readonly PlannedAction[], over: Partial<PlanPreview> = {}): PlanPreview {
  return {
    campaign: { id: "cse-2026", name: "CSE self-assessment 2026" },
    fingerprint: "cd".repeat(32),
    fileName: "Improvement plan 2026-27.xlsx",
    actions,
    unreadable: [{ where: "row 4", text: "Customer insight", why: "it looks like a heading: no owner, date or element" }],
    already: 0,
    ...over,
  };
}

describe("plan preview card", () => {
  const rows = [
    action({ owner: { userId: "u-priya", name: "Priya Shah" }, ownerAsWritten: "Priya Shah" }),
    action({
      where: "row 2",
      title: "Set satisfaction targets",
      refs: [],
      ownerAsWritten: "AD (IT Services)",
      dueNote: "past",
      dueAsWritten: "By July 2001",
      dueOn: "2027-03-01",
      marker: "m2",
    }),
    action({
      where: "row 3",
      title: "Agree the strategy",
      refs: ["2.1.6"],
      dueNote: "none",
      dueAsWritten: undefined,
      dueOn: "2027-03-01",
      status: "done",
      marker: "m3",
    }),
  ];
  const card = planPreviewCard(preview(rows));

  it("shows each row's owner, date and elements, says where the bot chose, and asks for an element for rows that name none", () => {
    const text = cardText(card);
    expect(text).toContain("Improvement plan: check before importing");
    expect(text).toContain("Improvement plan 2026-27.xlsx");
    expect(text).toContain("3 rows will become improvement actions; 1 owner is people I know.");
    expect(text).toContain("Owner: Priya Shah");
    expect(text).toContain('Due 31 Dec 2026 ("Q3 2026/27")');
    expect(text).toContain("Owner: you, for now (the plan says AD (IT Services), whom I do not know)");
    expect(text).toContain('the plan\'s date ("By July 2001") has passed, so three months from today');
    expect(text).toContain("the plan gives no date, so three months from today");
    expect(text).toContain("Rows not read (1)");
    expect(text).toContain("row 4: it looks like a heading");
    const [element] = findInputs(card);
    expect(element).toMatchObject({ id: "planElement", type: "Input.ChoiceSet", isRequired: true });
    expect((element!.choices as unknown[]).length).toBe(57);
    expect(findActions(card).map((a) => [a.title, a.verb, a.data.fingerprint])).toEqual([
      ["Import", "cse.planConfirm", "cd".repeat(32)],
      ["Cancel", "cse.importCancel", undefined],
    ]);
    expectTeamsReady(card, /^planElement$/, /^cse\.(planConfirm|importCancel)$/);
    expect(cardProblems(card)).toEqual([]);
    expect(strings(card).some((s) => s.includes("${"))).toBe(false);
  });

  it("asks for no element when every row names one, and says when everything was imported before", () => {
    const named = [action({})];
    expect(findInputs(planPreviewCard(preview(named)))).toEqual([]);
    expect(cardText(planPreviewCard(preview(named, { already: 1 })))).toContain("Every row of this plan was imported before");
  });

  it("after Import: says what happened, with no buttons or inputs left", () => {
    const done = planPreviewCard(preview(rows), { done: "Imported 3 improvement actions (Actions 4–6)." });
    expect(cardText(done)).toContain("Imported 3 improvement actions (Actions 4–6).");
    expect(findActions(done)).toEqual([]);
    expect(findInputs(done)).toEqual([]);
  });

  it("stays within 28 KB at its longest: 200 rows of wide characters, 200 unreadable rows, long names", () => {
    const wide = (n: number) => '€"'.repeat(n / 2);
    const many = Array.from({ length: 200 }, (_, i) =>
      action({
        where: `Recommendation ${i + 1}`,
        title: wide(120),
        refs: [],
        ownerAsWritten: wide(120),
        dueAsWritten: wide(120),
        dueNote: "unreadable",
        marker: `m${i}`,
      }),
    );
    const big = planPreviewCard(
      preview(many, {
        fileName: wide(250),
        campaign: { id: "c", name: wide(200) },
        unreadable: Array.from({ length: 200 }, () => ({ where: "row 1", text: wide(300), why: wide(100) })),
      }),
    );
    expect(cardText(big)).toContain("and 188 more, read the same way.");
    console.log(`plan preview at its longest: ${cardBytes(big)} bytes of ${MAX_BYTES}`);
    expect(cardBytes(big)).toBeLessThanOrEqual(MAX_BYTES);
    expect(cardProblems(big)).toEqual([]);
  });
});
