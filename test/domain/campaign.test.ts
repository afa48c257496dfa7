import { describe, expect, it } from "vitest";
import {
  acceptsEdits,
  CAMPAIGN_LIMITS,
  CAMPAIGN_STATUSES,
  canMove,
  COUNCIL_WIDE,
  nextCycleType,
  unitId,
  validateCampaignDraft,
  type CampaignStatus,
} from "../../src/domain/campaign.js";

const TODAY = "2026-11-20";
const draft = (overrides: Partial<Parameters<typeof validateCampaignDraft>[0]> = {}) => ({
  name: "CSE annual review 2027",
  type: "annual-review-1",
  units: "",
  ...overrides,
});

describe("campaign lifecycle", () => {
  const allowed: [CampaignStatus, CampaignStatus][] = [
    ["draft", "open"],
    ["draft", "archived"],
    ["open", "in-review"],
    ["in-review", "open"],
    ["in-review", "signed-off"],
    ["signed-off", "archived"],
  ];

  it("allows exactly the moves draft -> open -> in review -> signed off -> archived, and back from review", () => {
    for (const from of CAMPAIGN_STATUSES.map((s) => s.id)) {
      for (const to of CAMPAIGN_STATUSES.map((s) => s.id)) {
        expect(canMove(from, to), `${from} -> ${to}`).toBe(allowed.some(([f, t]) => f === from && t === to));
      }
    }
  });

  it("accepts edits only while draft or open", () => {
    expect(CAMPAIGN_STATUSES.filter((s) => acceptsEdits({ status: s.id })).map((s) => s.id)).toEqual(["draft", "open"]);
  });

  it("follows the certification cycle to name the next campaign's type", () => {
    expect(nextCycleType("full-assessment")).toBe("annual-review-1");
    expect(nextCycleType("annual-review-1")).toBe("annual-review-2");
    expect(nextCycleType("annual-review-2")).toBe("reassessment");
    expect(nextCycleType("reassessment")).toBe("annual-review-1");
    expect(nextCycleType("health-check")).toBe("health-check");
  });
});

describe("validating a new campaign", () => {
  it("accepts a whole-council campaign with a due date, tidying the name", () => {
    expect(validateCampaignDraft(draft({ name: "  CSE   annual review 2027 ", dueDate: "2027-03-31" }), TODAY)).toEqual({
      ok: true,
      value: { name: "CSE annual review 2027", type: "annual-review-1", units: [COUNCIL_WIDE], dueDate: "2027-03-31" },
    });
  });

  it("reads units one per line or separated by commas, as Charnwood's four directorates", () => {
    const result = validateCampaignDraft(
      draft({ units: "Neighbourhood & Community Wellbeing\nLandlord Services, Planning & Regeneration;Corporate Services" }),
      TODAY,
    );
    expect(result.ok && result.value.units).toEqual([
      { id: "neighbourhood-community", name: "Neighbourhood & Community Wellbeing" },
      { id: "landlord-services", name: "Landlord Services" },
      { id: "planning-regeneration", name: "Planning & Regeneration" },
      { id: "corporate-services", name: "Corporate Services" },
    ]);
  });

  const refusals: [string, Parameters<typeof validateCampaignDraft>[0], RegExp][] = [
    ["no name", draft({ name: " a " }), /give the campaign a name/],
    ["an over-long name", draft({ name: "x".repeat(CAMPAIGN_LIMITS.nameChars + 1) }), /name is too long/],
    ["an unknown type", draft({ type: "super-review" }), /choose what kind of campaign/],
    ["a unit listed twice", draft({ units: "Housing\nhousing" }), /listed twice/],
    ["too many units", draft({ units: Array.from({ length: CAMPAIGN_LIMITS.units + 1 }, (_, i) => `Unit ${i}`).join("\n") }), /at most 30/],
    ["an over-long unit name", draft({ units: "y".repeat(CAMPAIGN_LIMITS.unitNameChars + 1) }), /unit name .* too long/],
    ["an impossible date", draft({ dueDate: "2027-02-30" }), /not a real date/],
    ["a date in the past", draft({ dueDate: "2026-11-19" }), /in the past/],
  ];
  for (const [what, input, message] of refusals) {
    it(`refuses ${what} in plain words`, () => {
      const result = validateCampaignDraft(input, TODAY);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.refusal.message).toMatch(message);
    });
  }

  it("keeps unit ids short, and refuses two units whose names start too alike", () => {
    const result = validateCampaignDraft(
      draft({ units: "Neighbourhood and Community Wellbeing North\nNeighbourhood and Community Wellbeing South" }),
      TODAY,
    );
    expect(result).toMatchObject({ ok: false, refusal: { message: expect.stringContaining("start too alike") } });
    expect(unitId("Neighbourhood and Community Wellbeing")).toBe("neighbourhood-and-commun");
  });

  it("makes stable unit ids from names, accents and symbols included", () => {
    expect(unitId("Café & Leisure Services")).toBe("cafe-leisure-services");
    expect(unitId("!!!")).toBe("unit");
  });
});
