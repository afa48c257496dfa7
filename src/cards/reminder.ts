/**
 * The reminder card: everything due for one person on one day, in one message. Overdue first,
 * then what is coming up, then what they hear about as a campaign lead or coordinator. The first
 * few actions carry buttons (done, snooze, note, open); the rest are listed, to stay within
 * Teams' 28 KB.
 */
import { formatLondonDay, type IsoDate, daysBetween, relativeDays } from "../domain/calendar.js";
import type { ReminderItem } from "../domain/reminders.js";
import type { ReminderState } from "../services/reminders.js";
import type { Notice } from "../services/views.js";
import { ACTION_LIMITS } from "../domain/actions.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";

/** Actions with buttons; each costs about 2 KB of card with its fallbacks. */
const ACTIONS_WITH_BUTTONS = 6;

export interface ReminderView extends Omit<ReminderState, "handled"> {
  readonly name: string;
  readonly notice?: Notice;
  /** Action ids already dealt with from this card (shown as such); none when it is first sent. */
  readonly handled?: ReminderState["handled"];
}

type ActionItem = Extract<ReminderItem, { kind: "action" }>;

export function reminderCard(view: ReminderView): { card: AdaptiveCard; summary: string } {
  const items = latestOfEach(view.items);
  const actions = items.filter((i): i is ActionItem => i.kind === "action");
  const mine = actions.filter((a) => a.ownerName === undefined);
  const overdue = mine.filter((a) => a.dueOn < view.today);
  const soon = mine.filter((a) => a.dueOn >= view.today);
  const asLead = actions.filter((a) => a.ownerName !== undefined);
  const elements = items.filter((i) => i.kind === "elements");
  const dates = items.filter((i) => i.kind === "date");

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
    asLead.length > 0 &&
      section(`Overdue in your campaign (${asLead.length})`, "Warning", {
        facts: asLead.map((a) => ({
          title: `Action ${a.id}`,
          value: `${plainText(a.title, 80)} \u00b7 ${plainText(a.ownerName ?? "", 60)} \u00b7 overdue by ${plural(daysBetween(a.dueOn, view.today), "day")}`,
        })),
      }),
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
  const done = view.handled ? mine.filter((a) => view.handled!.has(a.id)).length : 0;
  const count = items.length - done;
  const summary = summarise(open(overdue), open(soon), asLead.length, elements.length, dates.length) || "All done for today, thank you";
  const card = renderCard("reminder", {
    summary,
    day: view.day,
    dayLine: `CSE reminders \u00b7 ${formatLondonDay(view.day)}`,
    headline: count === 0 ? "Nothing else needs you today" : count === 1 ? "One thing needs you" : `${count} things need you`,
    intro: `Good morning${view.name ? ` ${plainText(view.name.split(/\s+/)[0] ?? "", 60)}` : ""}. ${summary}.`,
    notice: plainText(view.notice?.text ?? "", 300),
    noticeColor: view.notice?.tone === "good" ? "Good" : "Attention",
    sections,
    more: actions.length > ACTIONS_WITH_BUTTONS ? "Type actions to see and update all of your actions." : "",
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
        : `d|${i.scopeName}|${i.label}|${i.on}`;
  const last = new Map<string, number>();
  items.forEach((item, index) => last.set(identity(item), index));
  return items.filter((item, index) => last.get(identity(item)) === index);
}

function section(
  title: string,
  colour: string,
  content: { actions?: object[]; facts?: object[]; opensWork?: boolean; campaignId?: string; firstPick?: string },
) {
  return {
    title,
    colour,
    actions: content.actions ?? [],
    facts: content.facts ?? [],
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

function summarise(overdue: number, soon: number, lead: number, elements: number, dates: number): string {
  const parts = [
    overdue > 0 && `${plural(overdue, "action")} overdue`,
    soon > 0 && `${plural(soon, "action")} coming up`,
    lead > 0 && `${plural(lead, "overdue action")} in your campaign`,
    elements > 0 && "your self-assessment needs finishing",
    dates > 0 && `${plural(dates, "certification date")} ahead`,
  ].filter((p): p is string => typeof p === "string");
  return parts.join(", ").replace(/^./, (c) => c.toUpperCase());
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
