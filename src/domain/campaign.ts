/**
 * A campaign: one run of self-assessment for a council, from set-up to sign-off. Councils assess
 * the whole council, or named units (directorates, services) each self-assessed and rolled up.
 * Pure.
 */
import { STANDARD_VERSION } from "../standard/index.js";
import { COUNCIL_UNIT } from "./assessment.js";
import { isIsoDate } from "./calendar.js";
import { ok, refuse, type Result } from "./refusal.js";
import { cleanLine } from "./typed-text.js";

export const CAMPAIGN_TYPES = [
  { id: "full-assessment", label: "Full assessment" },
  { id: "annual-review-1", label: "Annual review, year 1" },
  { id: "annual-review-2", label: "Annual review, year 2" },
  { id: "reassessment", label: "Three-year reassessment" },
  { id: "health-check", label: "Internal health check" },
] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number]["id"];

export const CAMPAIGN_STATUSES = [
  { id: "draft", label: "Draft" },
  { id: "open", label: "Open" },
  { id: "in-review", label: "In review" },
  { id: "signed-off", label: "Signed off" },
  { id: "archived", label: "Archived" },
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]["id"];

/** Where each status may go next. Signed off is final for the content; archiving only hides it. */
const TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  draft: ["open", "archived"],
  open: ["in-review"],
  "in-review": ["open", "signed-off"],
  "signed-off": ["archived"],
  archived: [],
};

export interface Unit {
  readonly id: string;
  readonly name: string;
}

export interface Lead {
  readonly userId: string;
  readonly name: string;
}

export const COUNCIL_WIDE: Unit = { id: COUNCIL_UNIT, name: "Whole council" };

export interface Campaign {
  readonly tenantId: string;
  readonly id: string;
  readonly name: string;
  readonly type: CampaignType;
  readonly status: CampaignStatus;
  /** At least one; [COUNCIL_WIDE] when the council assesses itself as a whole. */
  readonly units: readonly Unit[];
  /** Self-assessment due date, YYYY-MM-DD (Europe/London), if set. */
  readonly dueDate?: string;
  readonly leads: readonly Lead[];
  /** The campaign this one follows, whose ratings and evidence are shown as context. */
  readonly previousCampaignId?: string;
  readonly standardVersion: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly etag?: string;
}

export const CAMPAIGN_LIMITS = { nameChars: 80, units: 30, unitNameChars: 60 } as const;

export function defaultCampaign(tenantId: string, id: string, createdBy: string, at: Date): Campaign {
  return {
    tenantId,
    id,
    name: `CSE self-assessment ${at.getUTCFullYear()}`,
    type: "full-assessment",
    status: "open",
    units: [COUNCIL_WIDE],
    leads: [],
    standardVersion: STANDARD_VERSION,
    createdBy,
    createdAt: at.toISOString(),
  };
}

export function isCouncilWide(campaign: Pick<Campaign, "units">): boolean {
  return campaign.units.length === 1 && campaign.units[0]!.id === COUNCIL_WIDE.id;
}

/** Signed-off and archived campaigns are read-only; drafts can be prepared. */
/** Signed off or archived: its record is final, and its assessments never change again. (In review, reviewers still approve and return.) */
export function isFinished(campaign: Pick<Campaign, "status">): boolean {
  return campaign.status === "signed-off" || campaign.status === "archived";
}

export function acceptsEdits(campaign: Pick<Campaign, "status">): boolean {
  return campaign.status === "open" || campaign.status === "draft";
}

/** Why a campaign refuses changes, in words: "CSE review 2027" is signed off, so ... */
export function closedMessage(campaign: Pick<Campaign, "name" | "status">): string {
  return `"${campaign.name}" is ${statusLabel(campaign.status).toLowerCase()}, so it can no longer be changed.`;
}

export function canMove(from: CampaignStatus, to: CampaignStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function nextStatuses(from: CampaignStatus): readonly CampaignStatus[] {
  return TRANSITIONS[from];
}

export function statusLabel(status: CampaignStatus): string {
  return CAMPAIGN_STATUSES.find((s) => s.id === status)?.label ?? status;
}

export function typeLabel(type: CampaignType): string {
  return CAMPAIGN_TYPES.find((t) => t.id === type)?.label ?? type;
}

export function isCampaignType(value: unknown): value is CampaignType {
  return CAMPAIGN_TYPES.some((t) => t.id === value);
}

/** The certification cycle: assessment, two annual reviews, then reassessment, and round again. */
export function nextCycleType(type: CampaignType): CampaignType {
  switch (type) {
    case "full-assessment":
    case "reassessment":
      return "annual-review-1";
    case "annual-review-1":
      return "annual-review-2";
    case "annual-review-2":
      return "reassessment";
    case "health-check":
      return "health-check";
  }
}

export interface CampaignDraft {
  readonly name: string;
  readonly type: string;
  /** Unit names, one per line or comma-separated; empty means the whole council. */
  readonly units: string;
  readonly dueDate?: string;
}

export type CampaignSettings = Pick<Campaign, "name" | "type" | "units" | "dueDate">;

/** Checks what a coordinator typed for a new campaign; `today` is YYYY-MM-DD in London. */
export function validateCampaignDraft(draft: CampaignDraft, today: string): Result<CampaignSettings> {
  const name = cleanLine(draft.name);
  if (name.length < 3) return refuse("invalid-payload", "Please give the campaign a name, for example: CSE annual review 2027.");
  if (name.length > CAMPAIGN_LIMITS.nameChars)
    return refuse("text-too-long", `The campaign name is too long (${name.length} characters; the most is ${CAMPAIGN_LIMITS.nameChars}).`);
  if (!isCampaignType(draft.type))
    return refuse(
      "invalid-payload",
      "Please choose what kind of campaign this is: full assessment, annual review, reassessment or health check.",
    );

  const names = draft.units
    .split(/[\n,;]+/)
    .map(cleanLine)
    .filter((u) => u !== "");
  if (names.length > CAMPAIGN_LIMITS.units)
    return refuse("invalid-payload", `That is ${names.length} units; a campaign can have at most ${CAMPAIGN_LIMITS.units}.`);
  const long = names.find((u) => u.length > CAMPAIGN_LIMITS.unitNameChars);
  if (long)
    return refuse(
      "text-too-long",
      `The unit name "${long.slice(0, 30)}..." is too long (the most is ${CAMPAIGN_LIMITS.unitNameChars} characters).`,
    );
  const units = names.length === 0 ? [COUNCIL_WIDE] : names.map((n) => ({ id: unitId(n), name: n }));
  const seen = new Map<string, string>();
  for (const u of units) {
    const twin = seen.get(u.id);
    if (twin !== undefined) {
      return refuse(
        "invalid-payload",
        twin.toLowerCase() === u.name.toLowerCase()
          ? `The unit "${u.name}" is listed twice.`
          : `The units "${twin}" and "${u.name}" start too alike; please make their names differ sooner.`,
      );
    }
    seen.set(u.id, u.name);
  }

  const dueDate = draft.dueDate?.trim() || undefined;
  if (dueDate !== undefined) {
    if (!isIsoDate(dueDate)) return refuse("invalid-payload", "The due date is not a real date. Please pick it from the calendar.");
    if (dueDate < today) return refuse("invalid-payload", "The due date is in the past. Please pick a date from today onwards.");
  }
  return ok({ name, type: draft.type, units, dueDate });
}

/** Ids travel in every card action, so they are kept short. */
export const UNIT_ID_CHARS = 24;

/** A stable id from a unit's name: "Housing & Communities" becomes "housing-communities". */
export function unitId(name: string): string {
  return slug(name).slice(0, UNIT_ID_CHARS).replace(/-+$/, "") || "unit";
}

/** Lower-case ASCII letters and digits joined by hyphens. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
