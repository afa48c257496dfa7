/** The campaign overview card: progress, coverage, units, owners and who is late. */
import { LIMITS } from "../domain/limits.js";
import { formatLondonDay } from "../domain/calendar.js";
import { statusLabel, typeLabel } from "../domain/campaign.js";
import type { Notice } from "../services/views.js";
import type { OverviewView } from "../services/overview.js";
import { bar } from "./format.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";

const OWNERS_SHOWN = 12;
const NOTICE_CHARS = 300;

export function overviewCard(view: OverviewView, notice?: Notice): AdaptiveCard {
  const { campaign, overview } = view;
  const { all } = overview;
  const lateOwners = overview.owners.filter((o) => o.lateRefs.length > 0);
  const due = campaign.dueDate ? `due ${formatLondonDay(campaign.dueDate)}${overview.late ? " (passed)" : ""}` : "no due date set";
  const measure = (label: string, count: number, style: string) => ({ label, count, total: all.total, style, bar: bar(count, all.total) });
  return renderCard(
    "overview",
    {
      headline: `${all.approved} of ${all.total} approved`,
      campaignName: plainText(campaign.name, LIMITS.campaignNameChars),
      subtitle: `${typeLabel(campaign.type)}, ${statusLabel(campaign.status).toLowerCase()}, ${due}`,
      notice: plainText(notice?.text ?? "", NOTICE_CHARS),
      noticeColor: notice?.tone === "good" ? "Good" : "Attention",
      measures: [
        measure("Rated", all.rated, "accent"),
        measure("Submitted", all.submitted, "warning"),
        measure("Approved", all.approved, "good"),
        measure("With evidence", all.withEvidence, "accent"),
      ],
      unitCount: overview.units.length,
      units: overview.units.map((u) => ({
        name: plainText(u.name, 40),
        line: `${u.rated} rated, ${u.submitted} submitted, ${u.approved} approved of ${u.total}`,
      })),
      ownersTitle:
        overview.owners.length === 0
          ? "Nobody has been assigned elements yet."
          : lateOwners.length
            ? `Owners (${lateOwners.length} late)`
            : "Owners",
      ownerCount: overview.owners.length,
      owners: overview.owners.slice(0, OWNERS_SHOWN).map((o) => ({
        name: plainText(o.name || "Unknown", 40),
        line: `${o.submitted} of ${o.total} submitted${o.lateRefs.length ? `, **${o.lateRefs.length} late**` : ""}`,
      })),
      moreOwners: overview.owners.length > OWNERS_SHOWN ? `and ${overview.owners.length - OWNERS_SHOWN} more owners` : "",
      unassigned: `${overview.unassigned} of ${all.total} elements have no owner yet.`,
      canAssign: view.canChase,
      chaseTitle:
        view.canChase && lateOwners.length
          ? `Chase everyone late (${lateOwners.length} ${lateOwners.length === 1 ? "person" : "people"})`
          : "",
    },
    { campaignId: campaign.id },
  );
}
