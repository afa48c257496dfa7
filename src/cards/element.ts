/** The element card: statement, guidance, rating, narrative, evidence and progress. */
import { LIMITS } from "../domain/limits.js";
import { narrativeHash } from "../domain/assessment.js";
import { guidanceFor, RATINGS } from "../standard/index.js";
import type { ElementView, Notice } from "../services/walkthrough.js";
import { bar, formatDay, formatDayTime, ratingColour, ratingText } from "./format.js";
import { renderCard, type AdaptiveCard } from "./render.js";

const NOTICE_STYLE: Record<Notice["tone"], { style: string; color: string }> = {
  good: { style: "good", color: "Good" },
  attention: { style: "attention", color: "Attention" },
  warning: { style: "warning", color: "Warning" },
};

export function elementCard(view: ElementView): AdaptiveCard {
  const { campaign, element, assessment, progress, notice, drafts } = view;
  const guidance = guidanceFor(element.ref);
  const data = {
    campaignName: campaign.name,
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
    notice: notice ? { text: notice.text, ...NOTICE_STYLE[notice.tone] } : { text: "", style: "default", color: "Default" },
    ratingLabel: ratingText(assessment.rating),
    ratingColor: ratingColour(assessment.rating),
    updatedLine: assessment.updatedAt ? `Last saved ${formatDayTime(assessment.updatedAt)}` : "",
    showMe: guidance.showMe,
    tellMe: guidance.tellMe,
    choices: RATINGS.map((r) => ({ title: `${r.label} (${r.short})`, value: r.id })),
    ratingValue: drafts?.rating ?? (assessment.rating === "unrated" ? "" : assessment.rating),
    narrativeValue: drafts?.narrative ?? assessment.narrative,
    narrativeMax: LIMITS.narrativeChars,
    linkCount: assessment.evidence.length,
    linkMax: LIMITS.linksPerElement,
    links: assessment.evidence.map((l) => ({ id: l.id, title: l.title, url: l.url, host: new URL(l.url).hostname, addedOn: formatDay(l.addedAt) })),
    linkTitleValue: drafts?.linkTitle ?? "",
    linkUrlValue: drafts?.linkUrl ?? "",
    linkTitleMax: LIMITS.linkTitleChars,
    linkUrlMax: LIMITS.linkUrlChars,
  };
  return renderCard("element", data, {
    campaignId: campaign.id,
    ref: element.ref,
    baseRating: assessment.rating,
    baseNarrative: narrativeHash(assessment.narrative),
  });
}
