/** The campaigns card (list, lifecycle buttons) and the new-campaign form. */
import {
  CAMPAIGN_LIMITS,
  CAMPAIGN_TYPES,
  isCouncilWide,
  nextStatuses,
  statusLabel,
  typeLabel,
  type Campaign,
  type CampaignDraft,
  type CampaignStatus,
} from "../domain/campaign.js";
import type { Notice } from "../services/views.js";
import { formatLondonDay } from "../domain/calendar.js";
import { plainText } from "./markdown.js";
import { verb } from "./verbs.js";
import { renderCard, type AdaptiveCard } from "./render.js";

export interface CampaignsView {
  /** Newest first, archived last, as CampaignService.list gives them. */
  readonly campaigns: readonly Campaign[];
  readonly currentId?: string;
  /** Coordinators see the lifecycle buttons; the server checks again on every press. */
  readonly coordinator: boolean;
  readonly notice?: Notice;
}

const SHOWN = 6;

const MOVE_TITLES: Record<CampaignStatus, string> = {
  draft: "Back to draft",
  open: "Open it",
  "in-review": "Move to review",
  "signed-off": "Sign off",
  archived: "Archive",
};

/** Notices quote back what was typed, briefly. */
const NOTICE_CHARS = 300;

export function campaignsCard(view: CampaignsView): AdaptiveCard {
  const shown = view.campaigns.filter((c) => c.status !== "archived").slice(0, SHOWN);
  return renderCard("campaigns", {
    intro: view.coordinator
      ? "Choose the campaign you work in, or move a campaign on."
      : "Choose the campaign you work in. Your CSE coordinator sets campaigns up.",
    notice: plainText(view.notice?.text ?? "", NOTICE_CHARS),
    noticeColor: view.notice?.tone === "good" ? "Good" : "Attention",
    count: shown.length,
    hidden: view.campaigns.length - shown.length,
    coordinator: view.coordinator,
    campaigns: shown.map((c) => {
      const current = c.id === view.currentId;
      return {
        name: plainText(c.name, CAMPAIGN_LIMITS.nameChars),
        currentMark: current ? " (you are working in this one)" : "",
        style: current ? "accent" : "default",
        typeLabel: typeLabel(c.type),
        statusLabel: statusLabel(c.status),
        scope: isCouncilWide(c) ? "Whole council" : plainText(`${c.units.length} units: ${c.units.map((u) => u.name).join(", ")}`, 160),
        due: c.dueDate ? formatLondonDay(c.dueDate) : "Not set",
        leads: c.leads.length ? plainText(c.leads.map((l) => l.name).join(", "), 120) : "Not set",
        buttons: buttonsFor(c, current, view.coordinator),
      };
    }),
  });
}

function buttonsFor(
  c: Campaign,
  current: boolean,
  coordinator: boolean,
): { title: string; verb: string; campaignId: string; to: string }[] {
  const buttons: { title: string; verb: string; campaignId: string; to: string }[] = [];
  if (!current) buttons.push({ title: "Work in this", verb: verb("campaignCurrent"), campaignId: c.id, to: "" });
  if (!coordinator) return buttons;
  if (c.status !== "draft") buttons.push({ title: "Overview", verb: verb("campaignOverview"), campaignId: c.id, to: "" });
  for (const to of nextStatuses(c.status)) buttons.push({ title: MOVE_TITLES[to], verb: verb("campaignMove"), campaignId: c.id, to });
  if (c.status !== "draft") buttons.push({ title: "Start next cycle", verb: verb("campaignNext"), campaignId: c.id, to: "" });
  return buttons;
}

export function campaignFormCard(opts: { today: string; draft?: CampaignDraft; notice?: string }): AdaptiveCard {
  return renderCard("campaign-form", {
    notice: plainText(opts.notice ?? "", NOTICE_CHARS),
    nameMax: CAMPAIGN_LIMITS.nameChars,
    name: opts.draft?.name.slice(0, CAMPAIGN_LIMITS.nameChars) ?? "",
    type: opts.draft?.type ?? "full-assessment",
    types: CAMPAIGN_TYPES,
    units: opts.draft?.units.slice(0, CAMPAIGN_LIMITS.units * (CAMPAIGN_LIMITS.unitNameChars + 1)) ?? "",
    dueDate: opts.draft?.dueDate ?? "",
    today: opts.today,
  });
}
