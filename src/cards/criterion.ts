/** A criterion element by element, opened from a compliance summary. */
import { LIMITS } from "../domain/limits.js";
import type { CriterionView } from "../services/criterion.js";
import { ratingColour, ratingText, shorten } from "./format.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";

export function criterionCard(view: CriterionView): AdaptiveCard {
  const compliant = view.rows.filter((r) => r.rating === "compliance" || r.rating === "compliance-plus").length;
  const weak = view.rows.filter((r) => r.rating === "partial" || r.rating === "non-compliance").map((r) => r.ref);
  return renderCard("criterion", {
    campaignName: plainText(view.campaign.name, LIMITS.campaignNameChars),
    number: view.number,
    title: view.title,
    headline: `${compliant} of ${view.rows.length} elements at Compliance or better${weak.length > 0 ? `; needing work: ${weak.join(", ")}` : ""}.`,
    rows: view.rows.map((r) => ({
      ref: r.ref,
      statement: shorten(r.statement, 140),
      ratingText: ratingText(r.rating),
      ratingColour: ratingColour(r.rating),
      detail: [
        r.status,
        ...(r.assessor ? [`Assessor: ${ratingText(r.assessor)}`] : []),
        r.owners.length > 0
          ? `Owner: ${r.owners
              .slice(0, 3)
              .map((o) => plainText(o, 40))
              .join(", ")}${r.owners.length > 3 ? ` and ${r.owners.length - 3} more` : ""}`
          : "No owner yet",
        r.evidence === 1 ? "1 evidence link" : `${r.evidence} evidence links`,
      ].join(" · "),
    })),
  });
}
