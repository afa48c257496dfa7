import { describe, expect, it } from "vitest";
import { emptyAssessment, type ElementAssessment } from "../../src/domain/assessment.js";
import { defaultCampaign, type Campaign } from "../../src/domain/campaign.js";
import { campaignOverview } from "../../src/domain/overview.js";

const campaign: Campaign = {
  ...defaultCampaign("t", "c", "cora", new Date("2026-11-01T00:00:00Z")),
  dueDate: "2026-11-30",
  units: [
    { id: "corp", name: "Corporate Services" },
    { id: "land", name: "Landlord Services" },
  ],
};
const a = (unitId: string, ref: string, more: Partial<ElementAssessment> = {}): ElementAssessment => ({
  ...emptyAssessment("c", unitId, ref),
  ...more,
});
const link = { id: "x", title: "t", url: "https://council.gov.uk/x", addedBy: "u", addedAt: "2026-11-01T00:00:00Z" };
const stored = [
  a("corp", "1.1.1", { rating: "compliance", status: "approved", ownerId: "olu", ownerName: "Olu", evidence: [link] }),
  a("corp", "1.1.2", { rating: "partial", status: "submitted", ownerId: "olu", ownerName: "Olu" }),
  a("corp", "1.1.3", { rating: "compliance", status: "in-progress", ownerId: "olu", ownerName: "Olu" }),
  a("land", "1.1.1", { ownerId: "pat", ownerName: "Pat" }),
  a("land", "1.1.2", { rating: "compliance-plus", status: "returned", ownerId: "pat", ownerName: "Pat", evidence: [link] }),
  a("gone", "1.1.1", { rating: "compliance", ownerId: "ghost", ownerName: "Ghost" }),
];

describe("campaign overview", () => {
  it("counts progress and evidence across the campaign's units only", () => {
    const o = campaignOverview(campaign, stored, "2026-11-20");
    expect(o.all).toEqual({ total: 114, rated: 4, submitted: 2, approved: 1, withEvidence: 2 });
    expect(o.units.map((u) => [u.name, u.rated, u.submitted, u.approved, u.total])).toEqual([
      ["Corporate Services", 3, 2, 1, 57],
      ["Landlord Services", 1, 0, 0, 57],
    ]);
    expect(o.unassigned).toBe(109);
  });

  it("finds nothing late before the due date, and each owner's unfinished elements after it", () => {
    expect(campaignOverview(campaign, stored, "2026-11-30").owners.every((x) => x.lateRefs.length === 0)).toBe(true);
    const after = campaignOverview(campaign, stored, "2026-12-01");
    expect(after.late).toBe(true);
    expect(after.owners.map((x) => [x.name, x.total, x.submitted, x.lateRefs])).toEqual([
      ["Pat", 2, 0, ["1.1.1", "1.1.2"]],
      ["Olu", 3, 2, ["1.1.3"]],
    ]);
  });

  it("is never late without a due date", () => {
    expect(campaignOverview({ ...campaign, dueDate: undefined }, stored, "2030-01-01").late).toBe(false);
  });
});
