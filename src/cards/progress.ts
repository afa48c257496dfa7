/** The progress card: counts by rating, a bar, and what is left. */
import { RATINGS, UNRATED_LABEL, type RatingOrUnrated } from "../standard/index.js";
import type { ProgressView } from "../services/views.js";
import { LIMITS } from "../domain/limits.js";
import { bar, ratingColour } from "./format.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";

const BAR_STYLE: Record<RatingOrUnrated, string> = {
  "compliance-plus": "good",
  compliance: "good",
  partial: "warning",
  "non-compliance": "attention",
  "not-applicable": "emphasis",
  unrated: "emphasis",
};

const SHOW_REMAINING = 20;

export function progressCard(view: ProgressView): AdaptiveCard {
  const { progress } = view;
  const rows: { id: RatingOrUnrated; label: string }[] = [
    ...RATINGS.map((r) => ({ id: r.id, label: r.label })),
    { id: "unrated", label: UNRATED_LABEL },
  ];
  const left = progress.remaining;
  const shown = left.slice(0, SHOW_REMAINING).join(", ");
  return renderCard("progress", {
    campaignName: plainText(view.campaign.name, LIMITS.campaignNameChars),
    rated: progress.rated,
    total: progress.total,
    percent: progress.total === 0 ? 0 : Math.round((100 * progress.rated) / progress.total),
    withEvidence: progress.withEvidence,
    bar: bar(progress.rated, progress.total),
    ratings: rows.map((r) => ({
      label: r.label,
      count: progress.byRating[r.id],
      color: ratingColour(r.id),
      style: BAR_STYLE[r.id],
      bar: bar(progress.byRating[r.id], progress.total),
    })),
    remainingTitle: left.length === 0 ? "Every element has a rating." : `Still to rate: ${left.length}`,
    remainingText: left.length > SHOW_REMAINING ? `${shown} and ${left.length - SHOW_REMAINING} more` : shown,
    continueTitle: left.length === 0 ? "Review my answers" : "Continue where I stopped",
  });
}
