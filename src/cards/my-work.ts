/** The my-work card: a person's elements with status and rating, and a way to open one. */
import { LIMITS } from "../domain/limits.js";
import { elementStatusLabel, statusOf } from "../domain/workflow.js";
import { formatLondonDay } from "../domain/dates.js";
import { isCouncilWide } from "../domain/campaign.js";
import type { MyWorkView } from "../services/assignments.js";
import { ratingText, shorten } from "./format.js";
import { renderCard, type AdaptiveCard } from "./render.js";

export function myWorkCard(view: MyWorkView): AdaptiveCard {
  const { campaign, unit, items } = view;
  const done = items.filter((i) => ["submitted", "approved"].includes(statusOf(i.assessment))).length;
  const open = items.find((i) => !["submitted", "approved"].includes(statusOf(i.assessment)));
  const due = campaign.dueDate ? `Due ${formatLondonDay(campaign.dueDate)}. ` : "";
  return renderCard(
    "my-work",
    {
      campaignName: shorten(isCouncilWide(campaign) ? campaign.name : `${campaign.name}, ${unit.name}`, LIMITS.campaignNameChars),
      count: items.length,
      plural: items.length === 1 ? "" : "s",
      summary: `${due}${done} of ${items.length} submitted or approved.`,
      firstOpen: (open ?? items[0])?.element.ref ?? "",
      items: items.map(({ element, assessment }) => ({
        ref: element.ref,
        short: shorten(element.statement, 60),
        line: `${elementStatusLabel(statusOf(assessment))}, ${ratingText(assessment.rating)}`,
      })),
    },
    { campaignId: campaign.id, unitId: unit.id },
  );
}
