/** The my-work card: a person's elements with status and rating, and a way to open one. */
import { LIMITS } from "../domain/limits.js";
import { elementStatusLabel, statusOf } from "../domain/workflow.js";
import { formatLondonDay } from "../domain/calendar.js";
import { isCouncilWide } from "../domain/campaign.js";
import type { MyWorkView } from "../services/assignments.js";
import { ratingText, shorten } from "./format.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";

export function myWorkCard(view: MyWorkView): AdaptiveCard {
  const { campaign, items } = view;
  const wide = isCouncilWide(campaign);
  const done = items.filter((i) => ["submitted", "approved"].includes(statusOf(i.assessment))).length;
  const open = items.find((i) => !["submitted", "approved"].includes(statusOf(i.assessment)));
  const due = campaign.dueDate ? `Due ${formatLondonDay(campaign.dueDate)}. ` : "";
  return renderCard(
    "my-work",
    {
      campaignName: plainText(campaign.name, LIMITS.campaignNameChars),
      count: items.length,
      plural: items.length === 1 ? "" : "s",
      summary: `${due}${done} of ${items.length} submitted or approved.`,
      firstOpen: pick(open ?? items[0]),
      items: items.map((item) => ({
        // The fact is Markdown; the choice shows text as it is.
        fact: wide ? item.element.ref : `${item.element.ref} (${plainText(item.unit.name, 30)})`,
        ref: wide ? item.element.ref : `${item.element.ref} (${shorten(item.unit.name, 30)})`,
        pick: pick(item),
        short: shorten(item.element.statement, 60),
        line: `${elementStatusLabel(statusOf(item.assessment))}, ${ratingText(item.assessment.rating)}`,
      })),
    },
    { campaignId: campaign.id },
  );
}

/** The choice's value names the unit and the element: "landlord-services 3.2.1". */
function pick(item: MyWorkView["items"][number] | undefined): string {
  return item ? `${item.unit.id} ${item.element.ref}` : "";
}
