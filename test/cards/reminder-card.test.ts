/**
 * The reminder card (cards/reminder.json): what a council officer reads on the morning of
 * Tue 5 Jan 2027, the buttons on each action (and what the bot makes of them when pressed the
 * way Teams presses them), a valid Adaptive Card 1.5 by the official parser, and within Teams'
 * 28 KB with the most a message can hold.
 */
import { describe, expect, it } from "vitest";
import { cardBytes, reminderCard, type AdaptiveCard } from "../../src/cards/index.js";
import { parseCardAction } from "../../src/bot/payload.js";
import { ACTION_LIMITS, validateActionDraft } from "../../src/domain/actions.js";
import { MAX_ITEMS_PER_MESSAGE, type ReminderItem } from "../../src/domain/reminders.js";
import { utf8Bytes } from "../../src/domain/limits.js";
import { ELEMENTS } from "../../src/standard/index.js";
import { cardText, expectInOrder, findActions, findInputs } from "../support/teams.js";
import { cardProblems, expectTeamsReady, nodes, strings } from "../support/card-checks.js";
import { action, MIX, TODAY, view } from "./fixtures-reminders.js";

const MAX_BYTES = 28 * 1024;

const MINE = ["12", "7", "31", "40", "41"];

/** Presses a button as Teams does: the action's data with every input on the card, as typed. */
function press(card: AdaptiveCard, action: Record<string, any>, typed: Record<string, string> = {}): unknown {
  const inputs = Object.fromEntries(findInputs(card).map((i) => [i.id, typed[i.id] ?? i.value ?? ""]));
  return parseCardAction({ ...action.data, ...inputs });
}

function expectValidCard(card: AdaptiveCard): void {
  expect(cardProblems(card)).toEqual([]);
  expect(card.version).toBe("1.5");
  expect(strings(card).filter((s) => s.includes("${"))).toEqual([]);
  const ids = findInputs(card).map((i) => i.id);
  expect(ids).toEqual([...new Set(ids)]);
  for (const a of findActions(card)) {
    expect(a.verb).toMatch(/^cse\.[A-Za-z]+$/);
    expect(a.data.verb).toBe(a.verb);
    expect(a.fallback).toEqual({ type: "Action.Submit", title: a.title, data: a.data });
  }
}

describe("the reminder card on a typical morning", () => {
  const { card, summary } = reminderCard(view(MIX));
  const text = cardText(card);

  it("parses as Adaptive Card 1.5 with no parse or validation events, fully bound, unique input ids, within 28 KB", () => {
    expectValidCard(card);
    expect(findInputs(card)).toHaveLength(MINE.length);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_BYTES);
  });

  it("says how many things need the reader, and what, in plain words", () => {
    expect(summary).toBe(
      "2 actions overdue, 3 actions coming up, 2 overdue actions in your campaign, your self-assessment needs finishing, 2 certification dates ahead",
    );
    expect(card.fallbackText).toBe(summary);
    expectInOrder(text, ["CSE reminders \u00b7 5 Jan 2027", "10 things need you", `Good morning Sam. ${summary}.`]);
  });

  it("lists overdue actions first, then what is coming up, then the campaign's, the self-assessment and the dates", () => {
    const titles = nodes(card, (o) => o.type === "TextBlock" && o.weight === "Bolder" && o.size === undefined).map(
      (o) => `${o.text} [${o.color}]`,
    );
    expect(titles).toEqual([
      "Overdue (2) [Attention]",
      "Coming up (3) [Default]",
      "Overdue in your campaign (2) [Warning]",
      "Your self-assessment [Default]",
      "Certification dates [Default]",
    ]);
    expectInOrder(text, [
      "Overdue (2)",
      "**Action 12** \u00b7 Publish service standards for housing repairs",
      "3.2.1 \u00b7 due 4 Jan 2027 \u00b7 overdue by 1 day",
      "**Action 7** \u00b7 Survey tenants about the new repairs line",
      "1.2.1, 1.2.2 \u00b7 due 22 Dec 2026 \u00b7 overdue by 14 days",
      "Coming up (3)",
      "**Action 31** \u00b7 Train front-line staff in plain English",
      "4.1.2 \u00b7 due 5 Jan 2027 \u00b7 due today",
      "**Action 40**",
      "2.1.1 \u00b7 due 6 Jan 2027 \u00b7 due tomorrow",
      "**Action 41**",
      "5.2.3 \u00b7 due 15 Feb 2027 \u00b7 due in 41 days",
      "Overdue in your campaign (2)",
      "Action 3 Review complaint response times \u00b7 Priya Shah \u00b7 overdue by 18 days",
      'Action 9 Publish the "You said, we did" page \u00b7 Dan O\'Neill \u00b7 overdue by 15 days',
      "Your self-assessment",
      "CSE annual review 2027 5 elements not yet submitted, due 12 Jan 2027 (in 7 days)",
      "Elements 3.2.1, 3.2.2, 4.1.2, ...",
      "Certification dates",
      "Evidence due for annual review, year 1 19 Mar 2027 (in 73 days) \u00b7 Whole council",
      "Annual review, year 1 2 Apr 2027 (in 87 days) \u00b7 Whole council",
    ]);
  });

  it("gives each of the reader's own actions Mark done, Snooze, Add a note and Open, with the action and the day", () => {
    for (const id of MINE) {
      const sets = nodes(card, (o) => o.type === "ActionSet" && o.actions.some((a: any) => a.data?.id === id));
      expect(sets, `action ${id}`).toHaveLength(1);
      expect(sets[0]!.actions.map((a: any) => `${a.type} ${a.title}`)).toEqual([
        "Action.Execute Mark done",
        "Action.ShowCard Snooze",
        "Action.ShowCard Add a note",
        "Action.Execute Open",
      ]);
      expect(findActions(sets[0]).map((a) => [a.title, a.data])).toEqual([
        ["Mark done", { id, to: "done", day: TODAY, verb: "cse.actionStatus" }],
        ["A day", { id, length: "day", day: TODAY, verb: "cse.actionSnooze" }],
        ["A week", { id, length: "week", day: TODAY, verb: "cse.actionSnooze" }],
        ["Save note", { id, day: TODAY, verb: "cse.actionNote" }],
        ["Open", { id, verb: "cse.action" }],
      ]);
      const [note] = findInputs(sets[0]);
      expect(note).toMatchObject({
        type: "Input.Text",
        id: `note-${id}`,
        label: `What has happened on action ${id}?`,
        isMultiline: true,
        maxLength: ACTION_LIMITS.noteChars,
      });
    }
  });

  it("gives every Action.Execute an Action.Submit fallback with the same data", () => {
    const executes = findActions(card);
    expect(executes).toHaveLength(MINE.length * 5 + 2);
    expectTeamsReady(card, /^note-\d+$/, /^cse\.(actionStatus|actionSnooze|actionNote|action|actions|open)$/);
  });

  it("puts no buttons on actions the reader only hears about as a lead", () => {
    expect(findActions(card).filter((a) => ["3", "9"].includes(a.data.id))).toEqual([]);
  });

  it("opens the first unsubmitted element, and all of the reader's actions", () => {
    const titles = findActions(card).filter((a) => a.data.id === undefined);
    expect(titles.map((a) => [a.title, a.data])).toEqual([
      ["Open my work", { campaignId: "ar-2027", pick: "housing 3.2.1", verb: "cse.open" }],
      ["All my actions", { filter: "mine", verb: "cse.actions" }],
    ]);
  });

  it("does what each button says when Teams presses it", () => {
    const on = (title: string, id?: string) => findActions(card).find((a) => a.title === title && a.data.id === id)!;
    expect(press(card, on("Mark done", "7"))).toEqual({ kind: "actionStatus", id: "7", to: "done", day: TODAY });
    expect(press(card, on("A week", "12"))).toEqual({ kind: "actionSnooze", id: "12", length: "week", day: TODAY });
    expect(press(card, on("Open", "41"))).toEqual({ kind: "action", id: "41", day: undefined });
    expect(press(card, on("All my actions"))).toEqual({ kind: "actions", filter: "mine", ref: undefined, ownerId: undefined });
    expect(press(card, on("Open my work"))).toMatchObject({
      kind: "element",
      action: { verb: "open", campaignId: "ar-2027", unitId: "housing", ref: "3.2.1" },
    });
  });

  it("saves the note typed into that action's own box, not another's", () => {
    const save = (id: string) => findActions(card).find((a) => a.title === "Save note" && a.data.id === id)!;
    const typed = { "note-12": "Draft standards agreed with the repairs team", "note-7": "Survey closes on Friday" };
    expect(press(card, save("7"), typed)).toEqual({ kind: "actionNote", id: "7", note: "Survey closes on Friday", day: TODAY });
    expect(press(card, save("12"), typed)).toEqual({
      kind: "actionNote",
      id: "12",
      note: "Draft standards agreed with the repairs team",
      day: TODAY,
    });
    // The Action.Submit fallback (older clients) carries the same.
    const fallback = save("7").fallback;
    expect(parseCardAction({ ...fallback.data, ...typed })).toEqual({
      kind: "actionNote",
      id: "7",
      note: "Survey closes on Friday",
      day: TODAY,
    });
  });
});

describe("the reminder card, other mornings", () => {
  it("says one thing, without a list of more", () => {
    const { card, summary } = reminderCard(view([action("12", "Publish service standards", ["3.2.1"], "2027-01-04")]));
    expectValidCard(card);
    expect(summary).toBe("1 action overdue");
    expect(cardText(card)).toContain("One thing needs you");
    expect(cardText(card)).not.toContain("Type actions");
  });

  it("puts buttons on the first six actions only, and points to the rest", () => {
    const items = Array.from({ length: 8 }, (_, i) =>
      action(String(100 + i), `Action number ${i}`, ["3.2.1"], i < 3 ? "2027-01-04" : "2027-01-20"),
    );
    const { card } = reminderCard(view(items));
    expectValidCard(card);
    expect([
      ...new Set(
        findActions(card)
          .map((a) => a.data.id)
          .filter(Boolean),
      ),
    ]).toEqual(["100", "101", "102", "103", "104", "105"]);
    expect(cardText(card)).toContain("3.2.1 \u00b7 due 20 Jan 2027 \u00b7 due in 15 days");
    expect(cardText(card)).toContain("Type actions to see and update all of your actions.");
  });

  it("shows the notice after a button was pressed", () => {
    const { card } = reminderCard(view(MIX, { notice: { tone: "good", text: "Action 12 is now done." } }));
    expectValidCard(card);
    expect(nodes(card, (o) => o.type === "TextBlock" && o.text === "Action 12 is now done.")[0]).toMatchObject({ color: "Good" });
  });

  it("shows an action once when yesterday's undelivered message joins today's", () => {
    // Due Sat 1 May 2027: reminded on Fri 30 Apr (the working day before) and again on Tue 4 May
    // (overdue, after the bank holiday Monday); Friday's message was never delivered, so the job
    // merges its items into Tuesday's.
    const friday = { ...action("12", "Publish service standards", ["3.2.1"], "2027-05-01"), key: "a|12|2027-04-30" };
    const tuesday = { ...action("12", "Publish service standards", ["3.2.1"], "2027-05-01"), key: "a|12|2027-05-04" };
    const { card, summary } = reminderCard(view([friday, tuesday], { day: "2027-05-04", today: "2027-05-04" }));
    expectValidCard(card);
    expect(summary).toBe("1 action overdue");
    expect(findInputs(card).map((i) => i.id)).toEqual(["note-12"]);
    expect(cardText(card).match(/\*\*Action 12\*\*/g)).toHaveLength(1);
    expect(cardText(card)).toContain("3.2.1 \u00b7 due 1 May 2027 \u00b7 overdue by 3 days");
  });
});

describe("the reminder card at its largest", () => {
  // The longest titles the domain accepts, in the characters that cost the most JSON: a quote
  // (1 character, 1 byte, 2 in JSON) and a euro sign (1 character, 3 bytes), 120 characters and
  // 240 bytes, 300 bytes in JSON; emoji (2 characters, 4 bytes) with quotes; control characters
  // a tampering client could send (each 6 bytes of JSON if they got through).
  const accepted = (title: string) => {
    const checked = validateActionDraft(
      {
        title,
        refs: ELEMENTS.slice(-ACTION_LIMITS.refs)
          .map((e) => e.ref)
          .join(" "),
        dueOn: "2027-01-05",
      },
      "2026-11-20",
    );
    if (!checked.ok) throw new Error(checked.refusal.message);
    return checked.value;
  };
  const TITLES = {
    "quotes and euro signs": '"\u20ac'.repeat(ACTION_LIMITS.titleChars / 2),
    "quotes and emoji": '"\u{1F600}'.repeat(ACTION_LIMITS.titleChars / 3),
    backslashes: "\\".repeat(ACTION_LIMITS.titleChars),
    "control characters": `${"\u0001\u0007\u001b".repeat(34)}Fix the leaflets`,
  };
  // Entra ID display names run to 256 characters.
  const LONG_NAME = '"\u00e9'.repeat(128);
  const ID = (i: number) => String(99_999_975 + i); // the payload allows 8 digits

  function largest(title: string, leads: number): AdaptiveCard {
    const { title: saved, refs } = accepted(title);
    const items = Array.from({ length: MAX_ITEMS_PER_MESSAGE }, (_, i): ReminderItem => ({
      kind: "action",
      key: `a|${ID(i)}|${TODAY}`,
      id: ID(i),
      title: saved,
      refs,
      dueOn: i % 2 === 0 ? "2026-11-02" : "2027-03-31",
      ...(i >= MAX_ITEMS_PER_MESSAGE - leads ? { ownerName: LONG_NAME } : {}),
    }));
    return reminderCard(
      view(items, {
        name: LONG_NAME,
        notice: { tone: "attention", text: `Action ${ID(0)} could not be changed: someone else changed it first. Please try again.` },
      }),
    ).card;
  }

  it("starts from titles at the limits", () => {
    for (const title of Object.values(TITLES).slice(0, 3)) {
      expect(title).toHaveLength(ACTION_LIMITS.titleChars);
      expect(utf8Bytes(title)).toBeLessThanOrEqual(ACTION_LIMITS.titleBytes);
      expect(accepted(title).title).toBe(title);
    }
    expect(utf8Bytes(JSON.stringify(TITLES["quotes and euro signs"]))).toBe(302);
  });

  it("keeps control characters out of a saved title", () => {
    expect(accepted(TITLES["control characters"]).title).toBe("Fix the leaflets");
  });

  it.each(Object.keys(TITLES) as (keyof typeof TITLES)[])(
    "with %s in every title, 25 actions, 10 refs each and long names, stays within 28 KB",
    (kind) => {
      let worst = 0;
      for (const leads of [0, 6, 19, MAX_ITEMS_PER_MESSAGE]) {
        const card = largest(TITLES[kind], leads);
        expectValidCard(card);
        worst = Math.max(worst, cardBytes(card));
      }
      console.log(`largest reminder card, ${kind}: ${worst} bytes of ${MAX_BYTES}`);
      expect(worst).toBeLessThanOrEqual(MAX_BYTES);
    },
  );

  it("shortens a long owner name", () => {
    const card = largest("Fix the leaflets", MAX_ITEMS_PER_MESSAGE);
    const value = nodes(card, (o) => o.title === `Action ${ID(0)}` && typeof o.value === "string")[0]!.value as string;
    expect(value).not.toContain(LONG_NAME);
    expect(value).toContain(`Fix the leaflets \u00b7 ${LONG_NAME.slice(0, 59)}\u2026 \u00b7 overdue by 64 days`);
  });
});
