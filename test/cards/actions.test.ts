/**
 * The improvement action cards (the new-action form, one action, lists) and the actions on the
 * element card: valid Adaptive Cards 1.5 (the official parser), fully bound, within 28 KB with the
 * longest content the limits allow, labelled inputs, Universal Actions with fallbacks.
 */
import { describe, expect, it } from "vitest";
import { actionCard, actionFormCard, actionsCard, cardBytes, elementCard, type AdaptiveCard } from "../../src/cards/index.js";
import { LIST_ROWS } from "../../src/cards/actions.js";
import { ACTION_LIMITS, validateActionDraft, type ActionStatus } from "../../src/domain/actions.js";
import { ELEMENTS } from "../../src/standard/index.js";
import { cardText, expectInOrder, findActions, findInputs } from "../support/teams.js";
import * as F from "./fixtures.js";
import { cardProblems, expectTeamsReady, strings } from "../support/card-checks.js";
import { action, list, note, TODAY, view } from "./fixtures-actions.js";

const MAX_BYTES = 28 * 1024;
const LONG_NAME = "€".repeat(200);
const CAMPAIGN = { campaignId: "c".repeat(30), unitId: "u".repeat(24) };

const TYPICAL = action("12", {
  description: "Agree standards with the repairs team and publish them on the website and in every reception.",
  refs: "3.2.1, 4.1.2",
  dueOn: "2026-11-15",
  status: "in-progress",
});
const NOTES = [
  note("Draft agreed with the repairs team.", 30),
  note("Website page drafted; reception posters ordered.", 20, "Cora Coordinator"),
];
const HEAVY_TITLE = F.heavyText(ACTION_LIMITS.titleChars, ACTION_LIMITS.titleBytes).replace(/\s/g, "x");
const LONGEST = action("99999999", {
  title: HEAVY_TITLE,
  description: F.heavyText(ACTION_LIMITS.descriptionChars, ACTION_LIMITS.descriptionBytes),
  refs: ELEMENTS.slice(0, ACTION_LIMITS.refs)
    .map((e) => e.ref)
    .join(", "),
  dueOn: "2026-09-30",
  owner: LONG_NAME,
});
const LONGEST_NOTES = Array.from({ length: 20 }, (_, i) =>
  note(F.heavyText(ACTION_LIMITS.noteChars, ACTION_LIMITS.noteBytes), 59 - i, LONG_NAME),
);
const EVERYONE = [
  action("3", { dueOn: "2026-11-10", owner: "Megan Bowen", ownerId: "user-megan" }),
  action("5", { title: "Train reception staff in plain English", refs: "2.1.3", dueOn: "2026-12-10" }),
  action("7", {
    title: "Survey tenants about repairs",
    dueOn: "2027-01-10",
    status: "on-hold",
    owner: "Megan Bowen",
    ownerId: "user-megan",
  }),
];
// Titles at their heaviest (the list cuts them short), owners with Entra-length ids and long names.
const MANY = Array.from({ length: 42 }, (_, i) => ({
  ...LONGEST,
  title: F.LONGEST_ACTION_TITLE,
  id: String(99_999_900 + i),
  owner: { userId: `${String(i).padStart(8, "0")}-1111-2222-3333-444455556666`, name: LONG_NAME },
}));
const LONGEST_REFUSAL = validateActionDraft({ title: "x".repeat(5000), refs: "3.2.1", dueOn: "2027-01-01" }, TODAY);

const CARDS: [string, AdaptiveCard][] = [
  ["form: empty", actionFormCard({ today: TODAY })],
  ["form: from an element", actionFormCard({ today: TODAY, refs: "3.2.1" })],
  [
    "form: refused, with hostile drafts echoed",
    actionFormCard({
      today: TODAY,
      draft: {
        title: "\u0001€".repeat(5000),
        description: '\ud800"'.repeat(20_000),
        refs: "3".repeat(1000),
        dueOn: "2".repeat(20),
        priority: "urgent",
      },
      notice: LONGEST_REFUSAL.ok ? "" : LONGEST_REFUSAL.refusal.message,
    }),
  ],
  [
    "action: owner, overdue, with notes",
    actionCard(view(TYPICAL, { notes: NOTES }), { ...CAMPAIGN, notice: { tone: "good", text: "Progress note added to action 12." } }),
  ],
  ["action: someone else's, no campaign", actionCard(view(TYPICAL, { canEdit: false }))],
  ["action: done", actionCard(view(action("4", { status: "done" })), CAMPAIGN)],
  [
    "action: longest, hostile drafts",
    actionCard(view(LONGEST, { notes: LONGEST_NOTES }), {
      ...CAMPAIGN,
      noteDraft: '\u0002"'.repeat(5000),
      dueDraft: "9".repeat(20),
      notice: { tone: "attention", text: LONGEST_REFUSAL.ok ? "" : LONGEST_REFUSAL.refusal.message },
    }),
  ],
  ["list: mine", actionsCard(list([TYPICAL, EVERYONE[1]!]), { canSeeAll: false })],
  ["list: everyone's", actionsCard(list(EVERYONE, { everyone: true, filter: { all: true } }), { canSeeAll: true })],
  ["list: nothing", actionsCard(list([]), { canSeeAll: false })],
  [
    "list: longest",
    actionsCard(list(MANY, { everyone: true, filter: { all: true } }), {
      canSeeAll: true,
      notice: { tone: "attention", text: "Only CSE coordinators and leaders can see everyone's actions. Type actions to see yours." },
    }),
  ],
];

const values = (card: AdaptiveCard) => Object.fromEntries(findInputs(card).map((i) => [i.id, i.value]));
const buttons = (card: AdaptiveCard) => findActions(card).map((a) => a.title);

describe.each(CARDS)("%s card", (name, card) => {
  it("parses as Adaptive Card 1.5 with no parse or validation events, fully bound, within 28 KB", () => {
    expect(cardProblems(card)).toEqual([]);
    expect(strings(card).filter((s) => s.includes("${"))).toEqual([]);
    if (name.includes("longest")) console.log(`${name}: ${cardBytes(card)} bytes of ${MAX_BYTES}`);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_BYTES);
  });

  it("labels every input (short ids) and gives every action a cse verb and an Action.Submit fallback", () => {
    expectTeamsReady(card, /^\w{1,12}$/, /^cse\.(action[A-Za-z]*|open)$/);
    for (const a of findActions(card)) expect(a).not.toHaveProperty("sharedData");
  });
});

describe("new action form", () => {
  it("has labelled title, description, elements, due date and priority (medium by default), with the element prefilled", () => {
    const card = actionFormCard({ today: TODAY, refs: "3.2.1" });
    expect(values(card)).toEqual({ title: "", description: "", refs: "3.2.1", dueOn: "", priority: "medium" });
    expect(findInputs(card).find((i) => i.id === "dueOn")).toMatchObject({ type: "Input.Date", min: TODAY });
    expect(findInputs(card).find((i) => i.id === "description")).toMatchObject({
      isMultiline: true,
      maxLength: ACTION_LIMITS.descriptionChars,
    });
    expect(findActions(card)[0]).toMatchObject({ title: "Create action", verb: "cse.actionCreate" });
  });

  it("keeps what was typed after a refusal, with the reason", () => {
    const draft = { title: "Publish standards", description: "On the website", refs: "3.2.1, 9.9.9", dueOn: "2026-12-01", priority: "low" };
    const card = actionFormCard({ today: TODAY, draft, notice: '"9.9.9" is not an element of the CSE standard.' });
    expect(values(card)).toEqual(draft);
    expect(cardText(card)).toContain('"9.9.9" is not an element of the CSE standard.');
  });
});

describe("action card", () => {
  it("shows the number, title, status, priority, owner, how overdue it is, the elements and the newest notes first", () => {
    const card = CARDS[3]![1];
    expectInOrder(cardText(card), [
      "Progress note added to action 12.",
      "Improvement action 12",
      "Publish service standards for housing repairs",
      "**In progress** · High priority",
      "Due 15 Nov 2026, overdue by 5 days",
      "Owner Olu Officer",
      "Agree standards with the repairs team",
      "Olu Officer, 18 Nov 2026 at 09:30",
      "Draft agreed with the repairs team.",
      "Cora Coordinator, 18 Nov 2026 at 09:20",
    ]);
    expect(
      findActions(card)
        .filter((a) => a.verb === "cse.open")
        .map((a) => a.data),
    ).toEqual(["3.2.1", "4.1.2"].map((ref) => ({ ...CAMPAIGN, ref, id: "12", verb: "cse.open" })));
  });

  it("offers its owner only the status moves that make sense, a note, snoozes and a new due date", () => {
    const moves = (status: ActionStatus) =>
      findActions(actionCard(view(action("1", { status })), CAMPAIGN))
        .filter((a) => a.verb === "cse.actionStatus")
        .map((a) => `${a.title}:${a.data.to}`);
    expect(moves("open")).toEqual(["Start:in-progress", "On hold:on-hold", "Done:done", "Cancel action:cancelled"]);
    expect(moves("in-progress")).toEqual(["On hold:on-hold", "Done:done", "Cancel action:cancelled"]);
    expect(moves("on-hold")).toEqual(["Resume:in-progress", "Done:done", "Cancel action:cancelled"]);
    expect(moves("done")).toEqual(["Reopen:in-progress"]);
    const card = CARDS[3]![1];
    expect(
      findActions(card)
        .filter((a) => a.verb === "cse.actionSnooze")
        .map((a) => [a.title, a.data.length, a.data.id]),
    ).toEqual([
      ["A day", "day", "12"],
      ["A week", "week", "12"],
    ]);
    expect(values(card)).toEqual({ note: "", dueOn: "2026-11-15" });
    expect(buttons(card)).toEqual(expect.arrayContaining(["Add progress note", "Change due date"]));
    // Finished: no snoozing or new due date, but it can be reopened.
    expect(buttons(CARDS[5]![1])).toEqual(["3.2.1", "Reopen", "Add progress note", "My actions", "New action"]);
  });

  it("gives anyone else no inputs or buttons to change it, and says who can", () => {
    const card = CARDS[4]![1];
    expect(findInputs(card)).toEqual([]);
    expect(buttons(card)).toEqual(["My actions", "New action"]);
    expect(cardText(card)).toContain("Only Olu Officer (the owner) or a CSE coordinator can change this action.");
    expect(cardText(card)).toContain("3.2.1, 4.1.2");
  });

  it("shows the newest 5 of many notes and keeps a refused note within the limits", () => {
    const card = CARDS[6]![1];
    expect(cardText(card)).toContain("Showing the newest 5 notes.");
    expect(String(values(card).note).length).toBeLessThanOrEqual(ACTION_LIMITS.noteChars);
    expect(values(card).dueOn).toHaveLength(10);
  });
});

describe("actions list card", () => {
  it("counts what is open and overdue, highlights overdue rows and opens each action", () => {
    const card = actionsCard(list([TYPICAL, EVERYONE[1]!]), { canSeeAll: false });
    const text = cardText(card);
    expectInOrder(text, [
      "My improvement actions",
      "2 open, 1 overdue",
      "**12** Publish service standards",
      "due 15 Nov 2026, overdue by 5 days · In progress · 3.2.1, 4.1.2",
      "**5** Train reception staff",
      "due 10 Dec 2026, due in 20 days · Open · 2.1.3",
    ]);
    expect(text).not.toContain("Olu Officer");
    const opens = findActions(card).filter((a) => a.title === "Open");
    expect(opens.map((a) => a.data)).toEqual([
      { id: "12", verb: "cse.action" },
      { id: "5", verb: "cse.action" },
    ]);
    expect(JSON.stringify(card)).toContain('"color":"Attention"');
    expect(buttons(card)).toEqual(["Open", "Open", "New action", "Overdue"]);
  });

  it("shows coordinators each owner and a choice of person, and offers the other filters", () => {
    const card = CARDS[8]![1];
    expect(cardText(card)).toContain("Everyone's improvement actions");
    expect(cardText(card)).toContain("Megan Bowen · due 10 Nov 2026, overdue by 10 days");
    expect(findInputs(card).find((i) => i.id === "owner").choices).toEqual([
      { title: "Megan Bowen (2)", value: "user-megan" },
      { title: "Olu Officer (1)", value: "user-olu" },
    ]);
    expect(
      findActions(card)
        .filter((a) => a.verb === "cse.actions")
        .map((a) => `${a.title}:${a.data.filter}`),
    ).toEqual(["Show:all", "My actions:mine", "Overdue:overdue"]);
  });

  it(`shows at most ${LIST_ROWS} and says how to narrow the rest`, () => {
    const card = CARDS[10]![1];
    expect(findActions(card).filter((a) => a.title === "Open")).toHaveLength(LIST_ROWS);
    expect(cardText(card)).toContain(
      `and ${MANY.length - LIST_ROWS} more: narrow it with actions overdue, actions 3.2.1 or actions and a name.`,
    );
    expect(cardText(actionsCard(list([]), { canSeeAll: false }))).toContain("You have no open improvement actions.");
  });
});

describe("element card's improvement actions", () => {
  it("lists at most 3 compactly, each with its own Open button, and says how many more", () => {
    const card = elementCard({ ...F.ratedView(), actions: F.elementActions() });
    const text = cardText(card);
    expect(text).toContain("Improvement actions (5)");
    expect(text).toContain(`Action 99999990 · ${F.LONGEST_ACTION_TITLE.slice(0, 49)}\u2026 · due 30 Sept 2027`);
    expect(text).toContain("and 2 more: type actions 3.2.1");
    expect(
      findActions(card)
        .filter((a) => a.verb === "cse.action")
        .map((a) => a.data),
    ).toEqual(["99999990", "99999991", "99999992"].map((id) => ({ id, verb: "cse.action" })));
    // Compliance Plus: nothing to plan.
    expect(buttons(card)).not.toContain("Plan an improvement action");
  });

  it.each(["partial", "non-compliance"] as const)("offers to plan an action for this element when it is rated %s", (rating) => {
    const rated = F.ratedView();
    const card = elementCard({ ...rated, assessment: { ...rated.assessment, rating }, actions: [] });
    expect(findActions(card).find((a) => a.title === "Plan an improvement action")?.data).toEqual({ ref: "3.2.1", verb: "cse.actionForm" });
    expect(cardText(card)).not.toContain("Improvement actions (");
  });

  it("says a finished action's status instead of its due date", () => {
    const card = elementCard({ ...F.ratedView(), actions: [{ ...F.elementActions(1)[0]!, title: "Publish standards", status: "done" }] });
    expect(cardText(card)).toContain("Action 99999990 · Publish standards · done");
  });
});
