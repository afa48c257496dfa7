/**
 * An improvement plan as the actions it will become, shown to the coordinator before anything is
 * imported: each row's owner (matched, or kept by the coordinator with the name as written), due
 * date (read, or the default when the plan's is missing, unreadable or past), elements, and the
 * rows that could not be read. After Import the same card, without its buttons, says what happened.
 */
import { statusLabel } from "../domain/actions.js";
import { formatLondonDay } from "../domain/calendar.js";
import type { PlanPreview, PlannedAction } from "../services/plan-import.js";
import { ELEMENTS } from "../standard/index.js";
import { shorten } from "./format.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";

/** Rows shown one by one; the rest are counted, so the card stays within Teams' size limit. */
const MAX_ROWS_SHOWN = 12;
const MAX_UNREADABLE_SHOWN = 8;

export function planPreviewCard(preview: PlanPreview, state: { readonly done?: string } = {}): AdaptiveCard {
  const { actions, unreadable } = preview;
  const matched = actions.filter((a) => a.owner).length;
  const defaultDue = actions.filter((a) => a.dueNote).length;
  const needsElement = actions.filter((a) => a.refs.length === 0).length;
  const fresh = actions.length - preview.already;
  const said = summary(actions.length, fresh, preview.already, matched);
  return renderCard("plan-preview", {
    heading: state.done ? "Improvement plan imported" : "Improvement plan: check before importing",
    title: preview.fileName ? plainText(preview.fileName, 80) : "Pasted plan",
    subtitle: `Into "${plainText(preview.campaign.name, 80)}"`,
    notice: plainText(state.done ?? "", 600),
    counts: [
      { count: String(actions.length), label: actions.length === 1 ? "action" : "actions", colour: "Default" },
      { count: String(matched), label: "owners matched", colour: matched === actions.length ? "Good" : "Default" },
      { count: String(defaultDue), label: "dates to check", colour: defaultDue ? "Warning" : "Default" },
      { count: String(unreadable.length), label: "rows not read", colour: unreadable.length ? "Warning" : "Default" },
    ],
    summaryText: state.done ? "" : said,
    fallback: plainText(state.done ?? said, 300),
    rowsHeading: `The actions (${actions.length})`,
    rows: actions.slice(0, MAX_ROWS_SHOWN).map((a) => row(a, !!state.done)),
    moreText: actions.length > MAX_ROWS_SHOWN ? `and ${actions.length - MAX_ROWS_SHOWN} more, read the same way.` : "",
    unreadableHeading: `Rows not read (${unreadable.length}): add them with action new if they are actions`,
    unreadable: unreadable.slice(0, MAX_UNREADABLE_SHOWN).map((u) => ({
      text: plainText(`${u.where}: ${u.why}${u.text ? ` (${shorten(u.text, 60)})` : ""}`, 150),
    })),
    needsElement: !state.done && needsElement > 0,
    elementLabel: `${needsElement} row${needsElement === 1 ? " names" : "s name"} no element of the standard. File ${needsElement === 1 ? "it" : "them"} under:`,
    elements: ELEMENTS.map((e) => ({ ref: e.ref, short: shorten(e.statement, 45) })),
    confirmText: state.done
      ? ""
      : "Nothing is stored until you press Import. Owners who could not be matched stay with you, with the name as the plan wrote it; you can reassign them from actions.",
    canConfirm: !state.done,
    fingerprint: preview.fingerprint,
  });
}

function summary(total: number, fresh: number, already: number, matched: number): string {
  if (total > 0 && fresh === 0) return "Every row of this plan was imported before: importing again changes nothing.";
  const parts = [`${total} row${total === 1 ? "" : "s"} will become improvement actions`];
  if (already)
    parts.push(
      `${already} of them ${already === 1 ? "was" : "were"} imported before and will be left as ${already === 1 ? "it is" : "they are"}`,
    );
  parts.push(`${matched} owner${matched === 1 ? " is" : "s are"} people I know`);
  return `${parts.join("; ")}.`;
}

function row(a: PlannedAction, done: boolean) {
  const due = formatLondonDay(a.dueOn);
  const written = a.dueAsWritten ? `"${shorten(a.dueAsWritten, 40)}"` : "";
  return {
    where: plainText(a.where.replace(/^Recommendation /, "Rec. "), 20),
    title: plainText(a.title, 100),
    ownerText: plainText(
      a.owner
        ? `Owner: ${a.owner.name}${a.ownerAsWritten && a.ownerAsWritten !== a.owner.name ? ` (as written: ${shorten(a.ownerAsWritten, 50)})` : ""}`
        : a.ownerAsWritten
          ? `Owner: you, for now (the plan says ${shorten(a.ownerAsWritten, 50)}, whom I do not know)`
          : "Owner: you, for now (the plan names nobody)",
      130,
    ),
    ownerColour: a.owner ? "Default" : "Warning",
    dueText: plainText(
      a.dueNote === "none"
        ? `Due ${due}: the plan gives no date, so three months from today`
        : a.dueNote === "unreadable"
          ? `Due ${due}: I could not read a date in ${written}, so three months from today`
          : a.dueNote === "past"
            ? `Due ${due}: the plan's date (${written}) has passed, so three months from today`
            : `Due ${due}${written ? ` (${written})` : ""}${a.status !== "open" ? ` · ${statusLabel(a.status)}` : ""}`,
      130,
    ),
    dueColour: a.dueNote ? "Warning" : "Default",
    refsText: a.refs.length
      ? `Elements ${a.refs.join(", ")}`
      : `No element named: filed under the element ${done ? "you chose" : "you choose below"}`,
  };
}
