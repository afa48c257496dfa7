/** Improvement action cards: the new-action form, one action, and a list of actions. */
import {
  ACTION_LIMITS,
  isClosed,
  isOverdue,
  PRIORITIES,
  priorityLabel,
  statusLabel,
  type ActionDraft,
  type ActionStatus,
  type ImprovementAction,
} from "../domain/actions.js";
import { formatLondonDay, type IsoDate, daysBetween } from "../domain/calendar.js";
import type { ActionListView, ActionView } from "../services/actions.js";
import type { Notice } from "../services/views.js";
import { echoInput, formatDay, formatDayTime, shorten } from "./format.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";
import { plural } from "../domain/plural.js";

/** Rows on a list card: 30 rows, titles and names cut short, still fit Teams' 28 KB. */
export const LIST_ROWS = 30;
const NOTES_SHOWN = 5;
const OWNERS_SHOWN = 8;
const NAME_CHARS = 60;

const NOTICE_STYLE: Record<Notice["tone"], { style: string; color: string }> = {
  good: { style: "good", color: "Good" },
  attention: { style: "attention", color: "Attention" },
  warning: { style: "warning", color: "Warning" },
};
/** Notices quote back what was typed, briefly. */
const NOTICE_CHARS = 300;
const NO_NOTICE = { text: "", style: "default", color: "Default" };

export interface ActionFormOptions {
  readonly today: IsoDate;
  /** Element refs to prefill, as when opened from an element card. */
  readonly refs?: string;
  /** What was typed, kept after a refusal. */
  readonly draft?: ActionDraft;
  readonly notice?: string;
}

export function actionFormCard(opts: ActionFormOptions): AdaptiveCard {
  const d = opts.draft;
  const priority = d?.priority && PRIORITIES.some((p) => p.id === d.priority) ? d.priority : "medium";
  return renderCard("action-form", {
    notice: plainText(opts.notice ?? "", NOTICE_CHARS),
    today: opts.today,
    titleMax: ACTION_LIMITS.titleChars,
    descriptionMax: ACTION_LIMITS.descriptionChars,
    // Echoed within the limits, so a tampered client cannot push the card past 28 KB.
    title: echoInput(d?.title, ACTION_LIMITS.titleChars, ACTION_LIMITS.titleBytes),
    description: echoInput(d?.description, ACTION_LIMITS.descriptionChars, ACTION_LIMITS.descriptionBytes),
    refs: echoInput(d?.refs ?? opts.refs, 100),
    dueOn: echoInput(d?.dueOn, 10),
    priority,
    priorities: PRIORITIES.map((p) => ({ id: p.id, label: p.label })),
  });
}

export interface ActionCardOptions {
  readonly notice?: Notice;
  /** Where the element buttons open: the viewer's campaign and unit. Without them refs are text. */
  readonly campaignId?: string;
  readonly unitId?: string;
  /** A refused note or due date, kept so nobody types it again. */
  readonly noteDraft?: string;
  readonly dueDraft?: string;
}

const MOVES: Record<ActionStatus, readonly { title: string; to: ActionStatus }[]> = {
  open: [
    { title: "Start", to: "in-progress" },
    { title: "On hold", to: "on-hold" },
    { title: "Done", to: "done" },
    { title: "Cancel action", to: "cancelled" },
  ],
  "in-progress": [
    { title: "On hold", to: "on-hold" },
    { title: "Done", to: "done" },
    { title: "Cancel action", to: "cancelled" },
  ],
  "on-hold": [
    { title: "Resume", to: "in-progress" },
    { title: "Done", to: "done" },
    { title: "Cancel action", to: "cancelled" },
  ],
  done: [{ title: "Reopen", to: "in-progress" }],
  cancelled: [{ title: "Reopen", to: "open" }],
};

export function actionCard(view: ActionView, opts: ActionCardOptions = {}): AdaptiveCard {
  const { action: a, today, notes } = view;
  const closed = isClosed(a);
  const shown = notes.slice(0, NOTES_SHOWN);
  const canOpen = opts.campaignId !== undefined;
  return renderCard(
    "action",
    {
      id: a.id,
      title: plainText(a.title, ACTION_LIMITS.titleChars),
      notice: opts.notice ? { text: plainText(opts.notice.text, NOTICE_CHARS), ...NOTICE_STYLE[opts.notice.tone] } : NO_NOTICE,
      statusLabel: statusLabel(a.status),
      priorityLabel: priorityLabel(a.priority),
      due: dueText(a, today),
      dueColor: view.overdue ? "Attention" : "Default",
      owner: plainText(a.owner.name, NAME_CHARS),
      created: `${formatDay(a.createdAt)} by ${plainText(a.createdBy.name, NAME_CHARS)}`,
      snoozed: !closed && a.snoozedUntil && a.snoozedUntil > today ? `snoozed until ${formatLondonDay(a.snoozedUntil)}` : "",
      description: plainText(a.description, ACTION_LIMITS.descriptionChars),
      canOpen,
      campaignId: opts.campaignId ?? "",
      unitId: opts.unitId ?? "",
      refsText: a.refs.join(", "),
      // Rows of at most 5 buttons: more than 5 in one set is more than a card shows.
      elementRows: chunks(
        a.refs.map((ref) => ({ ref })),
        5,
      ).map((refs) => ({ refs })),
      noteCount: notes.length,
      notes: shown.map((n) => ({
        by: plainText(n.by.name, NAME_CHARS),
        at: formatDayTime(n.at),
        text: plainText(n.text, ACTION_LIMITS.noteChars),
      })),
      olderNotes: notes.length > shown.length ? `Showing the newest ${shown.length} notes.` : "",
      canEdit: view.canEdit,
      closed,
      moves: MOVES[a.status],
      noteMax: ACTION_LIMITS.noteChars,
      noteValue: echoInput(opts.noteDraft, ACTION_LIMITS.noteChars, ACTION_LIMITS.noteBytes),
      today,
      dueValue: echoInput(opts.dueDraft ?? a.dueOn, 10),
    },
    { id: a.id },
  );
}

export interface ActionsCardOptions {
  readonly notice?: Notice;
  /** The viewer may see everyone's (coordinators and leaders): offers that filter. */
  readonly canSeeAll: boolean;
}

export function actionsCard(view: ActionListView, opts: ActionsCardOptions): AdaptiveCard {
  const { actions, today, everyone, filter } = view;
  const rows = actions.slice(0, LIST_ROWS);
  const overdue = actions.filter((a) => isOverdue(a, today)).length;
  const open = actions.filter((a) => !isClosed(a)).length;
  const owners = everyone && !filter.ownerId ? ownersOf(actions) : [];
  const hint = opts.canSeeAll ? "actions overdue, actions 3.2.1 or actions and a name" : "actions overdue or actions 3.2.1";
  return renderCard("actions", {
    heading: heading(view),
    counts: actions.length === 0 ? "Nothing to do here." : `${open} open, ${overdue} overdue`,
    notice: opts.notice ? { text: plainText(opts.notice.text, NOTICE_CHARS), color: NOTICE_STYLE[opts.notice.tone].color } : NO_NOTICE,
    count: actions.length,
    empty: filter.overdueOnly
      ? "Nothing is overdue."
      : everyone
        ? "No improvement actions yet."
        : "You have no open improvement actions. Plan one from an element rated Partial or Non-Compliance, or with New action.",
    rows: rows.map((a) => ({
      id: a.id,
      title: plainText(a.title, 45),
      line: [
        everyone && !filter.ownerId ? plainText(a.owner.name, 30) : "",
        `due ${dueText(a, today)}`,
        statusLabel(a.status),
        shorten(a.refs.join(", "), 24),
      ]
        .filter((p) => p !== "")
        .join(" · "),
      color: isOverdue(a, today) ? "Attention" : "Default",
    })),
    more: actions.length > rows.length ? `and ${actions.length - rows.length} more: narrow it with ${hint}.` : "",
    ownerCount: owners.length,
    owners,
    filters: [
      ...(everyone || filter.overdueOnly || filter.ref ? [{ title: "My actions", filter: "mine" }] : []),
      ...(opts.canSeeAll && !(everyone && !filter.ownerId && !filter.ref && !filter.overdueOnly)
        ? [{ title: "Everyone's", filter: "all" }]
        : []),
      ...(filter.overdueOnly ? [] : [{ title: "Overdue", filter: "overdue" }]),
    ],
  });
}

/** "3 Mar 2027, overdue by 5 days", "3 Mar 2027, due in 2 days"; finished actions just the date. */
export function dueText(a: Pick<ImprovementAction, "dueOn" | "status">, today: IsoDate): string {
  const date = formatLondonDay(a.dueOn);
  if (isClosed(a)) return date;
  const days = daysBetween(today, a.dueOn);
  if (days === 0) return `${date}, due today`;
  return days < 0 ? `${date}, overdue by ${plural(-days, "day")}` : `${date}, due in ${plural(days, "day")}`;
}

function heading(view: ActionListView): string {
  const { everyone, filter, actions } = view;
  const owner = filter.ownerId ? actions.find((a) => a.owner.userId === filter.ownerId)?.owner.name : undefined;
  const whose = owner ? `${plainText(owner, NAME_CHARS)}'s` : everyone && filter.ownerId ? "That person's" : everyone ? "Everyone's" : "My";
  const what = filter.overdueOnly ? "overdue improvement actions" : "improvement actions";
  return `${whose} ${what}${filter.ref ? ` for ${filter.ref}` : ""}`;
}

/** The people with actions in the list, most actions first, for the owner filter. */
function ownersOf(actions: readonly ImprovementAction[]): { id: string; name: string }[] {
  const counts = new Map<string, { id: string; name: string; n: number }>();
  for (const a of actions) {
    const o = counts.get(a.owner.userId) ?? { id: a.owner.userId, name: shorten(a.owner.name, 30), n: 0 };
    o.n++;
    counts.set(a.owner.userId, o);
  }
  return [...counts.values()]
    .sort((x, y) => y.n - x.n || x.name.localeCompare(y.name))
    .slice(0, OWNERS_SHOWN)
    .map(({ id, name, n }) => ({ id, name: `${name} (${n})` }));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
