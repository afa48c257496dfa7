/**
 * Service standards on the reminder card (cards/reminder.json): the figures an owner has to
 * record, each with "Record the figure" for that standard and period (and what the bot makes of
 * it when Teams presses it), the coordinator's line of standards not reported, and the card within
 * Teams' 28 KB with those items at their largest, mixed with the largest actions.
 */
import { describe, expect, it } from "vitest";
import { parseCardAction } from "../../src/bot/payload.js";
import { cardBytes, reminderCard, type AdaptiveCard } from "../../src/cards/index.js";
import { ACTION_LIMITS } from "../../src/domain/actions.js";
import { figureHandledKey, MAX_ITEMS_PER_MESSAGE, type ReminderItem } from "../../src/domain/reminders.js";
import { STANDARD_LIMITS, validateStandardDraft } from "../../src/domain/standards.js";
import { utf8Bytes } from "../../src/domain/limits.js";
import { cardProblems, expectTeamsReady, nodes, strings } from "../support/card-checks.js";
import { cardText, expectInOrder, findActions, findInputs } from "../support/teams.js";
import { action, FIGURES, figure, MIX, UNREPORTED, view } from "./fixtures-reminders.js";

const MAX_BYTES = 28 * 1024;
const VERBS = /^cse\.(actionStatus|actionSnooze|actionNote|action|actions|open|figureForm|standards)$/;

function expectValidCard(card: AdaptiveCard): void {
  expect(cardProblems(card)).toEqual([]);
  expect(strings(card).filter((s) => s.includes("${"))).toEqual([]);
  const ids = findInputs(card).map((i) => i.id);
  expect(ids).toEqual([...new Set(ids)]);
  expectTeamsReady(card, /^note-\d+$/, VERBS);
}

/** Presses a button as Teams does: the action's data with every input on the card. */
const press = (card: AdaptiveCard, a: Record<string, any>) =>
  parseCardAction({ ...a.data, ...Object.fromEntries(findInputs(card).map((i) => [i.id, i.value ?? ""])) });

describe("figures an owner has to record", () => {
  const { card, summary } = reminderCard(view([...MIX.slice(0, 2), ...FIGURES]));
  const text = cardText(card);

  it("lists each with its period and when it is due, after the reader's actions", () => {
    expectValidCard(card);
    expect(summary).toBe("2 actions overdue, 2 figures to record");
    expectInOrder(text, [
      "4 things need you",
      "Overdue (2)",
      "Figures to record (2)",
      "We will answer your call in an average of no more than 3 minutes",
      "December 2026 \u00b7 due by 15 Jan 2027 (in 10 days)",
      "We will answer your letter within ten working days",
      "Q2 2026/27 (July to September 2026) \u00b7 overdue since 15 Oct 2026 (due by 14 Oct 2026)",
    ]);
    const [title] = nodes(card, (o) => o.type === "TextBlock" && o.text === "Figures to record (2)");
    expect(title).toMatchObject({ color: "Attention", weight: "Bolder" }); // one is overdue
  });

  it("says due today on the due day, and stays calm while none is overdue", () => {
    const { card: onTheDay } = reminderCard(view([FIGURES[0]!], { day: "2027-01-15", today: "2027-01-15" }));
    expect(cardText(onTheDay)).toContain("December 2026 \u00b7 due by 15 Jan 2027 (today)");
    expect(nodes(onTheDay, (o) => o.text === "Figures to record (1)")[0]).toMatchObject({ color: "Default" });
    const { card: after } = reminderCard(view([FIGURES[0]!], { day: "2027-01-18", today: "2027-01-18" }));
    expect(cardText(after)).toContain("December 2026 \u00b7 overdue since 16 Jan 2027 (due by 15 Jan 2027)");
  });

  it("gives each Record the figure, which opens the figure form for that standard and period", () => {
    const buttons = findActions(card).filter((a) => a.title === "Record the figure");
    expect(buttons.map((a) => a.data)).toEqual([
      { standardId: "phone-wait-1a2b3c", period: "2026-12", verb: "cse.figureForm" },
      { standardId: "letters-4d5e6f", period: "2026/27-Q2", verb: "cse.figureForm" },
    ]);
    // With the note boxes of the actions on the same card sent along, as Teams sends them.
    expect(press(card, buttons[1])).toEqual({ kind: "figureForm", id: "letters-4d5e6f", periodId: "2026/27-Q2" });
    expect(parseCardAction(buttons[0]!.fallback.data)).toEqual({ kind: "figureForm", id: "phone-wait-1a2b3c", periodId: "2026-12" });
  });

  it("marks a figure recorded since, without its button, and no longer counts it", () => {
    const handled = new Map([[figureHandledKey(FIGURES[1]!), "Recorded \u2714"]]);
    const { card: after, summary: said } = reminderCard(view(FIGURES, { handled }));
    expectValidCard(after);
    expect(said).toBe("1 figure to record");
    expect(cardText(after)).toContain("We will answer your letter within ten working days\nRecorded \u2714");
    expect(cardText(after)).toContain("One thing needs you");
    expect(
      findActions(after)
        .filter((a) => a.title === "Record the figure")
        .map((a) => a.data.period),
    ).toEqual(["2026-12"]);
    expect(nodes(after, (o) => o.text === "Figures to record (2)")[0]).toMatchObject({ color: "Default" });
  });

  it("shows a figure once when yesterday's undelivered message joins today's", () => {
    const yesterday = { ...FIGURES[1]!, key: "f|letters-4d5e6f|2026/27-Q2|overdue-2" };
    const { card: merged } = reminderCard(view([yesterday, FIGURES[1]!]));
    expect(cardText(merged).match(/We will answer your letter/g)).toHaveLength(1);
  });

  it("puts buttons on the first six figures and points to the rest", () => {
    const many = Array.from({ length: 8 }, (_, i) => figure(`standard-${i}`, `Promise number ${i}`, "2026-12", "2027-01-15"));
    const { card: full } = reminderCard(view(many));
    expectValidCard(full);
    expect(findActions(full).map((a) => a.data.standardId)).toEqual([...many.slice(0, 6).map((f) => f.standardId), undefined]);
    expect(cardText(full)).toContain("Type standards to record the other figures.");
  });
});

describe("the coordinator's line of standards not reported", () => {
  it("names the standards and their owners, counts the rest, and opens the standards", () => {
    const { card, summary } = reminderCard(view([UNREPORTED]));
    expectValidCard(card);
    expect(summary).toBe("3 service standards not reported");
    expectInOrder(cardText(card), [
      "Service standards not reported",
      "3 service standards not reported for their last period: We will answer your letter within ten working days (Priya Shah), We will reply to your email within five working days (Dan O'Neill), and 1 more",
    ]);
    const [open] = findActions(card).filter((a) => a.title === "Service standards");
    expect(press(card, open)).toEqual({ kind: "standards" });
  });

  it("says its for one standard", () => {
    const one = { ...UNREPORTED, picks: UNREPORTED.picks.slice(0, 1), count: 1 };
    expect(cardText(reminderCard(view([one])).card)).toContain(
      "1 service standard not reported for its last period: We will answer your letter within ten working days (Priya Shah)",
    );
  });

  it("comes after the campaign's overdue actions and before the self-assessment", () => {
    const { card } = reminderCard(view([...MIX, ...FIGURES, UNREPORTED]));
    expectValidCard(card);
    const titles = nodes(card, (o) => o.type === "TextBlock" && o.weight === "Bolder" && o.size === undefined).map((o) => o.text);
    expect(titles).toEqual([
      "Overdue (2)",
      "Coming up (3)",
      "Figures to record (2)",
      "Overdue in your campaign (2)",
      "Service standards not reported",
      "Your self-assessment",
      "Certification dates",
    ]);
  });
});

describe("the reminder card at its largest, with figures", () => {
  // The longest promise a standard accepts, in the characters that cost the most JSON (a quote:
  // 2 bytes; a euro sign: 3; a backslash: 4 once escaped for Markdown), and in plain letters.
  const PROMISES = {
    "quotes and euro signs": '"\u20ac'.repeat(STANDARD_LIMITS.promiseChars / 2),
    backslashes: "\\".repeat(STANDARD_LIMITS.promiseChars),
    "plain letters": "a".repeat(STANDARD_LIMITS.promiseChars),
  };
  const COSTLY = new Set(["quotes and euro signs", "backslashes"]);
  const accepted = (promise: string) => {
    const checked = validateStandardDraft({
      promise,
      measure: "percentage",
      target: "90",
      better: "higher",
      frequency: "monthly",
      refs: "4.1.2",
    });
    if (!checked.ok) throw new Error(checked.refusal.message);
    return checked.value.promise;
  };
  const LONG_NAME = '"\u00e9'.repeat(128); // Entra ID display names run to 256 characters
  const REFS = ["5.3.1", "5.3.2", "5.3.3", "5.3.4", "5.4.1", "5.4.2", "5.4.3", "5.4.4", "5.4.5", "5.4.6"];
  // The most the payload takes (60); ids the bot makes are 37 at most.
  const standardId = (i: number) => `${"s".repeat(58)}${String(i).padStart(2, "0")}`;

  function largest(kind: keyof typeof PROMISES, actions: number, withLine: boolean): AdaptiveCard {
    const promise = PROMISES[kind];
    const title = COSTLY.has(kind) ? "\\".repeat(ACTION_LIMITS.titleChars) : "a".repeat(ACTION_LIMITS.titleChars);
    const figures = MAX_ITEMS_PER_MESSAGE - actions - (withLine ? 1 : 0);
    const items: ReminderItem[] = [
      ...Array.from({ length: actions }, (_, i) => action(String(99_999_900 + i), title, REFS, i % 2 ? "2026-11-02" : "2027-03-31")),
      // The longest label, "Q3 2026/27 (October to December 2026)", overdue: the longer line.
      ...Array.from({ length: figures }, (_, i) => figure(standardId(i), promise, "2026/27-Q3", "2026-11-13")),
      ...(withLine ? [{ ...UNREPORTED, picks: Array.from({ length: 5 }, () => ({ promise, ownerName: LONG_NAME })), count: 9_999 }] : []),
    ];
    return reminderCard(view(items, { name: LONG_NAME, notice: { tone: "attention", text: "x".repeat(300) } })).card;
  }

  it("starts from promises at the limits", () => {
    for (const promise of Object.values(PROMISES)) {
      expect(promise).toHaveLength(STANDARD_LIMITS.promiseChars);
      expect(utf8Bytes(promise)).toBeLessThanOrEqual(STANDARD_LIMITS.promiseBytes);
      expect(accepted(promise)).toBe(promise);
    }
  });

  it.each(Object.keys(PROMISES) as (keyof typeof PROMISES)[])(
    "with %s in every promise and title, 25 items of actions and figures, and the coordinator's line, stays within 28 KB",
    (kind) => {
      let worst = 0;
      let fewestButtons = Infinity;
      for (const actions of [0, 3, 6, 12, 19, 24])
        for (const withLine of [false, true]) {
          const card = largest(kind, actions, withLine);
          expectValidCard(card);
          const figures = MAX_ITEMS_PER_MESSAGE - actions - (withLine ? 1 : 0);
          // Every figure is listed; the first few carry their button (all six unless the text is costly).
          expect(cardText(card).match(/Q3 2026\/27 \(October to December 2026\) \u00b7 overdue since/g) ?? []).toHaveLength(figures);
          const buttons = findActions(card).filter((a) => a.title === "Record the figure").length;
          expect(buttons).toBeLessThanOrEqual(Math.min(6, figures));
          expect(buttons).toBeGreaterThanOrEqual(Math.min(COSTLY.has(kind) ? 2 : 6, figures));
          if (figures > buttons) expect(cardText(card)).toContain("Type standards to record the other figures.");
          worst = Math.max(worst, cardBytes(card));
          if (figures > 0) fewestButtons = Math.min(fewestButtons, buttons / Math.min(6, figures));
        }
      console.log(
        `largest reminder card with figures, ${kind}: ${worst} bytes of ${MAX_BYTES}; fewest figure buttons kept ${(100 * fewestButtons).toFixed(0)}%`,
      );
      expect(worst).toBeLessThanOrEqual(MAX_BYTES);
    },
  );

  it("shortens long promises and owner names", () => {
    const card = largest("quotes and euro signs", 0, true);
    const text = cardText(card);
    expect(text).not.toContain(PROMISES["quotes and euro signs"]);
    expect(text).not.toContain(LONG_NAME);
    expect(text).toContain("9999 service standards not reported for their last period:");
    expect(text).toContain(", and 9994 more");
  });
});
