/**
 * A campaign's roll-up for its coordinator: progress across units, evidence coverage, completion
 * per unit and per owner, and what is late. Pure.
 */
import { ELEMENTS } from "../standard/index.js";
import type { ElementAssessment } from "./assessment.js";
import type { Campaign } from "./campaign.js";
import { statusOf } from "./workflow.js";

export interface Tally {
  readonly total: number;
  readonly rated: number;
  readonly submitted: number;
  readonly approved: number;
  readonly withEvidence: number;
}

export interface OwnerTally extends Tally {
  readonly userId: string;
  readonly name: string;
  /** Their elements past the due date and not yet submitted or approved. */
  readonly lateRefs: readonly string[];
}

export interface CampaignOverview {
  readonly all: Tally;
  readonly units: readonly (Tally & { readonly unitId: string; readonly name: string })[];
  /** Owners, the most late first. */
  readonly owners: readonly OwnerTally[];
  readonly unassigned: number;
  readonly late: boolean;
}

function tally(items: readonly ElementAssessment[], total = items.length): Tally {
  return {
    total,
    rated: items.filter((a) => a.rating !== "unrated").length,
    // Approved elements were submitted first: "submitted" counts both.
    submitted: items.filter((a) => ["submitted", "approved"].includes(statusOf(a))).length,
    approved: items.filter((a) => statusOf(a) === "approved").length,
    withEvidence: items.filter((a) => a.evidence.length > 0).length,
  };
}

/** `today` is YYYY-MM-DD in London; elements are late once the due date has passed. */
export function campaignOverview(campaign: Campaign, stored: readonly ElementAssessment[], today: string): CampaignOverview {
  const late = campaign.dueDate !== undefined && today > campaign.dueDate;
  const byUnit = campaign.units.map((unit) => {
    const mine = stored.filter((a) => a.unitId === unit.id);
    return { unitId: unit.id, name: unit.name, ...tally(mine, ELEMENTS.length) };
  });
  const owned = stored.filter((a) => a.ownerId && campaign.units.some((u) => u.id === a.unitId));
  const ownerIds = [...new Set(owned.map((a) => a.ownerId!))];
  const owners = ownerIds
    .map((userId) => {
      const theirs = owned.filter((a) => a.ownerId === userId);
      const lateRefs = late ? theirs.filter((a) => !["submitted", "approved"].includes(statusOf(a))).map((a) => a.ref) : [];
      return { userId, name: theirs[0]!.ownerName ?? "", ...tally(theirs), lateRefs };
    })
    .sort((a, b) => b.lateRefs.length - a.lateRefs.length || a.name.localeCompare(b.name));
  const total = ELEMENTS.length * campaign.units.length;
  return {
    all: tally(
      stored.filter((a) => campaign.units.some((u) => u.id === a.unitId)),
      total,
    ),
    units: byUnit,
    owners,
    unassigned: total - owned.length,
    late,
  };
}
