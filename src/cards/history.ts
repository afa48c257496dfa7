/** The history card: an element's audit trail, newest first, in plain words. */
import type { AuditEntry } from "../domain/audit.js";
import { LIMITS } from "../domain/limits.js";
import { ELEMENT_STATUSES, elementStatusLabel, type ElementStatus } from "../domain/workflow.js";
import { isRatingId, ratingLabel } from "../standard/index.js";
import type { HistoryView } from "../services/views.js";
import { formatDayTime } from "./format.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";

/** Narratives can be long; the card shows the start of each (the whole text is in the audit). */
const PREVIEW_CHARS = 160;
const NAME_CHARS = 60;

export function historyCard(view: HistoryView): AdaptiveCard {
  return renderCard(
    "history",
    {
      campaignName: plainText(view.campaign.name, LIMITS.campaignNameChars),
      ref: view.element.ref,
      statement: view.element.statement,
      count: view.entries.length,
      more: view.more,
      entries: view.entries.map((e) => ({ ...describe(e), who: plainText(e.byName || "Someone", NAME_CHARS), when: formatDayTime(e.at) })),
    },
    { campaignId: view.campaign.id, ref: view.element.ref },
  );
}

function describe(entry: AuditEntry): { headline: string; detail: string } {
  switch (entry.field) {
    case "rating":
      return { headline: `**Rating** changed from ${rating(entry.from)} to ${rating(entry.to)}`, detail: "" };
    case "narrative":
      if (entry.to === "") return { headline: "**Narrative** cleared", detail: "" };
      return {
        headline: entry.from === "" ? "**Narrative** written" : "**Narrative** changed",
        detail: `Now: "${plainText(entry.to, PREVIEW_CHARS)}"`,
      };
    case "owner":
      return {
        headline: entry.to ? `**Assigned** to ${plainText(entry.to, NAME_CHARS)}` : "**Assignment removed**",
        detail: entry.from ? `Previously ${plainText(entry.from, NAME_CHARS)}` : "",
      };
    case "status": {
      const [to, ...comment] = entry.to.split(": ");
      const label = isElementStatus(to) ? elementStatusLabel(to) : plainText(to ?? "", NAME_CHARS);
      return {
        headline: `**Status**: ${label}`,
        detail: comment.length ? `Comment: "${plainText(comment.join(": "), PREVIEW_CHARS)}"` : "",
      };
    }
    case "evidence":
      return entry.to === ""
        ? { headline: "**Evidence link removed**", detail: plainText(linkTitle(entry.from), PREVIEW_CHARS) }
        : {
            headline: `**Evidence link added**${entry.via ? `, ${plainText(entry.via, 40)}` : ""}`,
            detail: plainText(linkTitle(entry.to), PREVIEW_CHARS),
          };
  }
}

function rating(value: string): string {
  return isRatingId(value) ? ratingLabel(value) : "Not yet rated";
}

/** Evidence changes are recorded as "Title <https://...>"; people read the title. */
function linkTitle(recorded: string): string {
  return recorded.replace(/\s<[^>]*>$/, "");
}

function isElementStatus(value: string | undefined): value is ElementStatus {
  return ELEMENT_STATUSES.some((s) => s.id === value);
}
