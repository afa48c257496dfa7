/** Data several tests start from: the Oadby and Wigston assessor's ratings, and a council-wide annual review campaign. */
import { readFileSync } from "node:fs";
import { COUNCIL_WIDE, type Campaign } from "../../src/domain/campaign.js";
import type { RatingOrUnrated } from "../../src/standard/index.js";

/** The 57 ratings in the Oadby and Wigston 2023 assessor report (8 CP, 47 C, 2 PC), by element ref. */
export function oadbyRatings(): Record<string, RatingOrUnrated> {
  const fixture = JSON.parse(readFileSync(new URL("../fixtures/oadby-wigston-2023.json", import.meta.url), "utf8")) as {
    ratings: Record<string, RatingOrUnrated>;
  };
  return fixture.ratings;
}

/** An open, council-wide annual review campaign "c1" in tenant "t". */
export function annualReviewCampaign(name = "CSE annual review 2027"): Campaign {
  return {
    tenantId: "t",
    id: "c1",
    name,
    type: "annual-review-1",
    status: "open",
    units: [COUNCIL_WIDE],
    leads: [],
    standardVersion: "cse-57.v1",
    createdBy: "u",
    createdAt: "2026-11-01T10:00:00Z",
  };
}
