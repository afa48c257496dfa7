/**
 * The reminder card: everything due for one person on one day, in one message. Overdue first,
 * then what is coming up and the service standards' figures they owe, then what they hear about
 * as a campaign lead or coordinator. The first few actions carry buttons (done, snooze, note,
 * open) and the first few figures "Record the figure"; the rest are listed, to stay within
 * Teams' 28 KB.
 */
import { addDays, formatLondonDay, type IsoDate, daysBetween, relativeDays } from "../domain/calendar.js";
import { periodById } from "../domain/periods.js";
import { figureHandledKey, type ReminderItem } from "../domain/reminders.js";
import type { ReminderState } from "../services/reminders.js";
import type { Notice } from "../services/views.js";
import { ACTION_LIMITS } from "../domain/actions.js";
import { plainText } from "./markdown.js";
import { cardBytes, renderCard, TEAMS_CARD_BYTES, type AdaptiveCard } from "./render.js";
import { plural } from "../domain/plural.js";

/** Actions with buttons; each costs about 2 KB of card with its fallbacks. */
const ACTIONS_WITH_BUTTONS = 6;
/** Figures with "Record the figure" (about 0.5 KB each), unless the card would pass 28 KB (see reminderCard). */
const FIGURES_WITH_BUTTONS = 6;
/** As the standards card shortens a promise; shorter still before a figure loses its button. */
const PROMISE_CHARS = 90;
const PROMISE_CHARS_TIGHT = 60;
/** How much of an owner's name a coordinator's line shows. */
const NAME_CHARS = 40;

export interface ReminderView extends Omit<ReminderState, "handled"> {
  readonly name: string;
  readonly notice?: Notice;
  /** Actions (and figures) already dealt with since this card was sent (shown as such); none when it is first sent. */
  readonly handled?: ReminderState["handled"];
}

type ActionItem = Extract<ReminderItem, { kind: "action" }>;
type FigureItem = Extract<ReminderItem, { kind: "figure" }>;

export function reminderCard(view: ReminderView): { card: AdaptiveCard; summary: string } {
  // Figures at their largest (promises in characters that cost the most JSON, the longest ids)
  // with six actions' buttons could pass 28 KB: then promises are cut shorter, and if that is not
  // enough, fewer figures carry a button. All stay listed.
  const fits = [
    { buttons: FIGURES_WITH_BUTTONS, promiseChars: PROMISE_CHARS },
    ...Array.from({ length: FIGURES_WITH_BUTTONS + 1 }, (_, i) => ({
      buttons: FIGURES_WITH_BUTTONS - i,
      promiseChars: PROMISE_CHARS_TIGHT,
    })),
  ];
  let rendered = renderReminder(view, fits[0]!);
  for (const fit of fits.slice(1)) {
    if (cardBytes(rendered.card) <= TEAMS_CARD_BYTES) break;
    rendered = renderReminder(view, fit);
  }
  return rendered;
}

interface FigureFit {
  readonly buttons: number;
  readonly promiseChars: number;
}

function renderReminder(view: ReminderView, fit: FigureFit): { card: AdaptiveCard; summary: string } {
  const items = latestOfEach(view.items);
  const actions = items.filter((i): i is ActionItem => i.kind === "action");
  const mine = actions.filter((a) => a.ownerName === undefined);
  const overdue = mine.filter((a) => a.dueOn < view.today);
  const soon = mine.filter((a) => a.dueOn >= view.today);
  const asLead = actions.filter((a) => a.ownerName !== undefined);
  const elements = items.filter((i) => i.kind === "elements");
  const dates = items.filter((i) => i.kind === "date");
  const figures = items.filter((i): i is FigureItem => i.kind === "figure");
  const unreported = items.find((i) => i.kind === "unreported");
  const figuresOpen = figures.filter((f) => !view.handled?.has(figureHandledKey(f)));

  let buttons = ACTIONS_WITH_BUTTONS;
  const actionRows = (list: readonly ActionItem[]) =>
    list.map((a) => {
      const handled = view.handled?.get(a.id);
      const withButtons = !handled && buttons-- > 0;
      return {
        id: a.id,
        title: plainText(a.title, ACTION_LIMITS.titleChars, ACTION_LIMITS.titleBytes),
        line: handled ?? actionLine(a, view.today),
        buttons: withButtons,
      };
    });
  const sections = [
    overdue.length > 0 && section(`Overdue (${overdue.length})`, "Attention", { actions: actionRows(overdue) }),
    soon.length > 0 && section(`Coming up (${soon.length})`, "Default", { actions: actionRows(soon) }),
    figures.length > 0 &&
      section(`Figures to record (${figures.length})`, figuresOpen.some((f) => f.dueOn < view.today) ? "Attention" : "Default", {
        figures: figureRows(figures, view, fit),
      }),
    asLead.length > 0 &&
      section(`Overdue in your campaign (${asLead.length})`, "Warning", {
        facts: asLead.map((a) => ({
          title: `Action ${a.id}`,
          value: `${plainText(a.title, 80)} \u00b7 ${plainText(a.ownerName ?? "", 60)} \u00b7 overdue by ${plural(daysBetween(a.dueOn, view.today), "day")}`,
        })),
      }),
    unreported !== undefined &&
      section("Service standards not reported", "Warning", { text: unreportedLine(unreported, fit), opensStandards: true }),
    ...elements.map((e) =>
      section("Your self-assessment", e.dueOn < view.today ? "Attention" : "Default", {
        facts: [
          {
            title: plainText(e.campaignName, 60),
            value: `${plural(e.count, "element")} not yet submitted, due ${formatLondonDay(e.dueOn)} (${relativeDays(daysBetween(view.today, e.dueOn))})`,
          },
          { title: "Elements", value: e.picks.map((p) => p.split(" ")[1]).join(", ") + (e.count > e.picks.length ? ", ..." : "") },
        ],
        opensWork: e.picks.length > 0,
        campaignId: e.campaignId,
        firstPick: e.picks[0] ?? "",
      }),
    ),
    dates.length > 0 &&
      section("Certification dates", "Default", {
        facts: dates.map((d) => ({
          title: d.label,
          value: `${formatLondonDay(d.on)} (${relativeDays(daysBetween(view.today, d.on))}) \u00b7 ${plainText(d.scopeName, 60)}`,
        })),
      }),
  ].filter((s) => s !== false);

  // What was dealt with from this card still shows (marked), but no longer counts as needing them.
  const open = (list: readonly ActionItem[]) => list.filter((a) => !view.handled?.has(a.id)).length;
  const done = (view.handled ? mine.filter((a) => view.handled!.has(a.id)).length : 0) + figures.length - figuresOpen.length;
  const count = items.length - done;
  const summary =
    summarise([
      [open(overdue), "action", "overdue"],
      [open(soon), "action", "coming up"],
      [figuresOpen.length, "figure", "to record"],
      [asLead.length, "overdue action", "in your campaign"],
      [unreported?.count ?? 0, "service standard", "not reported"],
      [elements.length, "", "your self-assessment needs finishing"],
      [dates.length, "certification date", "ahead"],
    ]) || "All done for today, thank you";
  const card = renderCard("reminder", {
    summary,
    day: view.day,
    dayLine: `CSE reminders \u00b7 ${formatLondonDay(view.day)}`,
    headline: count === 0 ? "Nothing else needs you today" : count === 1 ? "One thing needs you" : `${count} things need you`,
    intro: `Good morning${view.name ? ` ${plainText(view.name.split(/\s+/)[0] ?? "", 60)}` : ""}. ${summary}.`,
    notice: plainText(view.notice?.text ?? "", 300),
    noticeColor: view.notice?.tone === "good" ? "Good" : "Attention",
    sections,
    more: [
      actions.length > ACTIONS_WITH_BUTTONS && "Type actions to see and update all of your actions.",
      figuresOpen.length > fit.buttons && "Type standards to record the other figures.",
    ]
      .filter((m) => typeof m === "string")
      .join(" "),
  });
  return { card, summary };
}

/**
 * One entry per thing, the latest: an undelivered message from an earlier day joins today's, so
 * the same action (or campaign, or date) can come twice under different keys; twice on the card
 * would repeat it and give two note boxes the same input id.
 */
function latestOfEach(items: readonly ReminderItem[]): ReminderItem[] {
  const identity = (i: ReminderItem) =>
    i.kind === "action"
      ? `a|${i.id}|${i.ownerName === undefined ? "owner" : "lead"}`
      : i.kind === "elements"
        ? `e|${i.campaignId}`
        : i.kind === "figure"
          ? figureHandledKey(i)
          : i.kind === "unreported"
            ? "u"
            : `d|${i.scopeName}|${i.label}|${i.on}`;
  const last = new Map<string, number>();
  items.forEach((item, index) => last.set(identity(item), index));
  return items.filter((item, index) => last.get(identity(item)) === index);
}

function section(
  title: string,
  colour: string,
  content: {
    actions?: object[];
    figures?: object[];
    text?: string;
    facts?: object[];
    opensWork?: boolean;
    campaignId?: string;
    firstPick?: string;
    opensStandards?: boolean;
  },
) {
  return {
    title,
    colour,
    actions: content.actions ?? [],
    figures: content.figures ?? [],
    text: content.text ?? "",
    facts: content.facts ?? [],
    opensStandards: content.opensStandards ?? false,
    opensWork: content.opensWork ?? false,
    campaignId: content.campaignId ?? "",
    firstPick: content.firstPick ?? "",
  };
}

function actionLine(a: ActionItem, today: IsoDate): string {
  const days = daysBetween(today, a.dueOn);
  const when = days < 0 ? `overdue by ${plural(-days, "day")}` : `due ${relativeDays(days)}`;
  return `${a.refs.join(", ")} \u00b7 due ${formatLondonDay(a.dueOn)} \u00b7 ${when}`;
}

/** The figures the reader owes: the first few with "Record the figure" for that standard and period. */
function figureRows(figures: readonly FigureItem[], view: ReminderView, fit: FigureFit) {
  let buttons = fit.buttons;
  return figures.map((f) => {
    const handled = view.handled?.get(figureHandledKey(f));
    return {
      promise: plainText(f.promise, fit.promiseChars),
      line: handled ?? figureLine(f, view.today),
      standardId: f.standardId,
      period: f.periodId,
      buttons: !handled && buttons-- > 0,
    };
  });
}

/** "Q2 2026/27 (July to September 2026) · due by 14 Oct 2026 (in 3 days)", or "· overdue since 15 Oct 2026 (due by 14 Oct 2026)". */
function figureLine(f: FigureItem, today: IsoDate): string {
  const period = periodById(f.periodId)?.label ?? f.periodId;
  const due = formatLondonDay(f.dueOn);
  // Due "by" a day: overdue from the day after it.
  if (f.dueOn < today) return `${period} \u00b7 overdue since ${formatLondonDay(addDays(f.dueOn, 1))} (due by ${due})`;
  return `${period} \u00b7 due by ${due} (${relativeDays(daysBetween(today, f.dueOn))})`;
}

/** "2 service standards not reported for their last period: <promise> (<owner>), <promise> (<owner>), and 3 more". */
function unreportedLine(item: Extract<ReminderItem, { kind: "unreported" }>, fit: FigureFit): string {
  const named = item.picks.map((p) => `${plainText(p.promise, fit.promiseChars)} (${plainText(p.ownerName, NAME_CHARS)})`);
  const more = item.count > item.picks.length ? `, and ${item.count - item.picks.length} more` : "";
  return `${plural(item.count, "service standard")} not reported for ${item.count === 1 ? "its" : "their"} last period: ${named.join(", ")}${more}`;
}

/** "2 actions overdue, 1 figure to record, your self-assessment needs finishing": each [count, noun, what] that is not 0. */
function summarise(parts: readonly (readonly [number, string, string])[]): string {
  return parts
    .filter(([n]) => n > 0)
    .map(([n, noun, what]) => (noun ? `${plural(n, noun)} ${what}` : what))
    .join(", ")
    .replace(/^./, (c) => c.toUpperCase());
}
