/** The element card: statement, guidance, rating, narrative, evidence and progress. */
import { LIMITS } from "../domain/limits.js";
import { NARRATIVE_START_CHARS } from "../domain/last-cycle.js";
import { ACTIONS_ON_CARD, isClosed, statusLabel } from "../domain/actions.js";
import { formatLondonDay } from "../domain/calendar.js";
import { narrativeHash } from "../domain/assessment.js";
import {
  acceptsEdits,
  CAMPAIGN_LIMITS,
  isCouncilWide,
  isFinished,
  statusLabel as campaignStatusLabel,
  type Campaign,
} from "../domain/campaign.js";
import { periodName, periodNoun } from "../domain/periods.js";
import { formatValue, targetText } from "../domain/standards-report.js";
import { elementStatusLabel, isLocked, statusOf } from "../domain/workflow.js";
import { guidanceFor, isRatingId, RATINGS } from "../standard/index.js";
import type { ElementView, Notice } from "../services/views.js";
import { bar, echoInput, formatDay, formatDayTime, ratingColour, ratingText, shorten } from "./format.js";
import { markdownLink, plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";

/** Last cycle's narrative is context, not for editing: its start is enough to jog the memory. */
/** Actions are listed compactly: the full list is a command away. */
const ACTION_TITLE_CHARS = 50;
/** Standards shown on an element card, and how much of each promise. */
const STANDARDS_SHOWN = 3;
const STANDARD_CHARS = 80;
/** The remove-link list names each link briefly; the numbered list above shows it whole. */
const REMOVE_TITLE_CHARS = 40;
/** Names are shown up to this long. */
const NAME_CHARS = 60;
/** Notices quote back what was typed, briefly. */
const NOTICE_CHARS = 300;

const NOTICE_STYLE: Record<Notice["tone"], { style: string; color: string }> = {
  good: { style: "good", color: "Good" },
  attention: { style: "attention", color: "Attention" },
  warning: { style: "warning", color: "Warning" },
};

export function elementCard(view: ElementView): AdaptiveCard {
  const { campaign, element, assessment, progress, notice, drafts } = view;
  const guidance = guidanceFor(element.ref);
  const data = {
    campaignName: plainText(campaign.name, LIMITS.campaignNameChars),
    unitName: isCouncilWide(campaign) ? "" : `Unit: ${plainText(view.unit.name, CAMPAIGN_LIMITS.unitNameChars)}`,
    previous: previousCycle(view),
    criterionNumber: element.criterion.number,
    criterionTitle: element.criterion.title,
    subCriterionRef: element.subCriterion.ref,
    subCriterionTitle: element.subCriterion.title,
    ref: element.ref,
    statement: element.statement,
    position: element.index + 1,
    total: progress.total,
    rated: progress.rated,
    remaining: progress.total - progress.rated,
    bar: bar(progress.rated, progress.total),
    notice: notice
      ? { text: plainText(notice.text, NOTICE_CHARS), ...NOTICE_STYLE[notice.tone] }
      : { text: "", style: "default", color: "Default" },
    ratingLabel: ratingText(assessment.rating),
    statusText: statusText(view),
    canAssign: view.canAssign && !isFinished(view.campaign),
    // A signed-off or archived campaign is a record: its cards show it, and offer nothing to change.
    locked: isLocked(assessment) || !acceptsEdits(campaign),
    readOnlyLine: acceptsEdits(campaign) ? "" : readOnlyLine(campaign),
    canReviewNow: view.canReview && statusOf(assessment) === "submitted" && !isFinished(campaign),
    submittedBy: shorten(assessment.submittedByName || "the owner", 60),
    reviewComment:
      statusOf(assessment) === "returned" && assessment.reviewComment
        ? `Returned for changes: "${plainText(assessment.reviewComment, LIMITS.commentChars, LIMITS.commentBytes)}"`
        : "",
    commentMax: LIMITS.commentChars,
    commentValue: echoInput(drafts?.comment, LIMITS.commentChars, LIMITS.commentBytes),
    ratingColor: ratingColour(assessment.rating),
    updatedLine: assessment.updatedAt ? `Last saved ${formatDayTime(assessment.updatedAt)}` : "",
    showMe: guidance.showMe,
    tellMe: guidance.tellMe,
    choices: RATINGS.map((r) => ({ title: `${r.label} (${r.short})`, value: r.id })),
    ratingValue: isRatingId(drafts?.rating) ? drafts.rating : assessment.rating === "unrated" ? "" : assessment.rating,
    // Drafts are echoed back so nobody retypes them, but never beyond the limits (a tampered
    // client could send more than the inputs allow, and the card must stay under 28 KB).
    narrativeValue: echoInput(drafts?.narrative ?? assessment.narrative, LIMITS.narrativeChars, LIMITS.narrativeBytes),
    narrativeMax: LIMITS.narrativeChars,
    linkCount: assessment.evidence.length,
    linkMax: LIMITS.linksPerElement,
    links: assessment.evidence.map((l, i) => ({ number: i + 1, id: l.id, title: shorten(l.title, REMOVE_TITLE_CHARS) })),
    linksText: assessment.evidence
      .map(
        (l, i) => `${i + 1}. ${markdownLink(l.title, l.url, LIMITS.linkTitleChars, LIMITS.linkTitleBytes)}, added ${formatDay(l.addedAt)}`,
      )
      .join("\n"),
    linkTitleValue: echoInput(drafts?.linkTitle, LIMITS.linkTitleChars, LIMITS.linkTitleBytes),
    linkUrlValue: echoInput(drafts?.linkUrl, LIMITS.linkUrlChars),
    linkTitleMax: LIMITS.linkTitleChars,
    linkUrlMax: LIMITS.linkUrlChars,
    ...actionsPart(view),
    ...standardsPart(view),
  };
  return renderCard("element", data, {
    campaignId: campaign.id,
    unitId: view.unit.id,
    ref: element.ref,
    baseRating: assessment.rating,
    baseNarrative: narrativeHash(assessment.narrative),
  });
}

/** The element's improvement actions (a few, compact) and, for a rating short of compliance, a way to plan one. */
function actionsPart(view: ElementView) {
  const links = view.actions ?? [];
  const shown = links.slice(0, ACTIONS_ON_CARD);
  const count = Math.max(view.actionCount ?? 0, links.length);
  return {
    actionCount: count,
    actions: shown.map((a) => ({
      id: a.id,
      line: `Action ${a.id} · ${plainText(a.title, ACTION_TITLE_CHARS)} · ${isClosed(a) ? statusLabel(a.status).toLowerCase() : `due ${formatLondonDay(a.dueOn)}`}`,
    })),
    actionsMore: count > shown.length ? `and ${count - shown.length} more: type actions ${view.element.ref}` : "",
    planAction: view.assessment.rating === "partial" || view.assessment.rating === "non-compliance",
  };
}

/**
 * The service standards that evidence the element (4.1.2, 5.3.2...), each on one line with its
 * latest figure against target, as context for the narrative: a few, the rest a command away.
 */
function standardsPart(view: ElementView) {
  const rows = view.standards ?? [];
  const shown = rows.slice(0, STANDARDS_SHOWN);
  return {
    standardLines: shown.map((r) => {
      const latest = r.latest;
      const result = latest
        ? `${latest.verdict.met ? "\u2713" : "\u2717"} ${formatValue(latest.figure.value, r.standard.measure)} in ${periodName(latest.period)}, ${latest.verdict.text}${r.missedRunning >= 2 ? `, ${r.missedRunning} ${periodNoun(r.standard, r.missedRunning)} running` : ""}`
        : "no figures yet";
      return {
        line: `${plainText(r.standard.promise, STANDARD_CHARS)} (target ${targetText(r.standard)}): ${result}`,
        color: !latest ? "Default" : latest.verdict.met ? "Good" : "Attention",
      };
    }),
    standardsMore: rows.length > shown.length ? `and ${rows.length - shown.length} more: type standards` : "",
  };
}

/** Last cycle's rating, links and the start of its narrative, as context for this cycle. */
function previousCycle(view: ElementView): { line: string; narrative: string; assessor: string } {
  const before = view.previous;
  const assessor = view.assessor
    ? `Last assessor${view.assessor.reportType ? ` (${plainText(view.assessor.reportType, 40)})` : ""}: **${ratingText(view.assessor.rating)}**`
    : "";
  if (!before) return { line: "", narrative: "", assessor };
  const { links, rating, narrative } = before.element;
  return {
    line: `Last cycle (${plainText(before.campaignName, LIMITS.campaignNameChars)}): **${ratingText(rating)}**, ${links} evidence link${links === 1 ? "" : "s"}`,
    narrative: narrative ? `"${plainText(narrative, NARRATIVE_START_CHARS)}"` : "",
    assessor,
  };
}

function statusText(view: ElementView): string {
  const { assessment } = view;
  const status = statusOf(assessment);
  const label = elementStatusLabel(status);
  return status === "submitted" && assessment.submittedByName ? `${label} by ${plainText(assessment.submittedByName, NAME_CHARS)}` : label;
}

function readOnlyLine(campaign: Pick<Campaign, "status">): string {
  return isFinished(campaign)
    ? `This campaign is ${campaignStatusLabel(campaign.status).toLowerCase()}: this card is its record, and nothing on it can be changed.`
    : `This campaign is ${campaignStatusLabel(campaign.status).toLowerCase()}: ratings and evidence can no longer be changed, only reviewed.`;
}
