/** The criterion drill-down card: what a leader reads, valid for Teams, and within 28 KB at its longest. */
import { describe, expect, it } from "vitest";
import { cardBytes, criterionCard } from "../../src/cards/index.js";
import type { CriterionView } from "../../src/services/criterion.js";
import { CRITERIA } from "../../src/standard/index.js";
import { cardProblems, strings } from "../support/card-checks.js";
import { cardText } from "../support/teams.js";
import { annualReviewCampaign } from "../support/seed-data.js";

const campaign = annualReviewCampaign();
const delivery = CRITERIA[3]!;
const refs = delivery.subCriteria.flatMap((s) => s.elements);

function view(owners: string[], evidence: number): CriterionView {
  return {
    campaign,
    number: 4,
    title: delivery.title,
    rows: refs.map((e, i) => ({
      ref: e.ref,
      statement: e.statement,
      rating: i === 1 ? "partial" : i === 2 ? "compliance-plus" : "compliance",
      status: i === 0 ? "Approved" : "Submitted for review",
      owners,
      evidence,
    })),
  };
}

describe("criterion card", () => {
  it("lists each element with its rating, status, owner and evidence", () => {
    const card = criterionCard(view(["Megan Bowen"], 2));
    const text = cardText(card);
    expect(text).toContain("Criterion 4: Delivery");
    expect(text).toContain("12 of 13 elements at Compliance or better; needing work: 4.1.2.");
    expect(text).toContain("Approved · Owner: Megan Bowen · 2 evidence links");
    expect(text).toContain("Partial Compliance");
    expect(cardProblems(card)).toEqual([]);
    expect(strings(card).some((s) => s.includes("${"))).toBe(false);
  });

  it("stays within Teams' 28 KB with many long-named owners", () => {
    const owners = Array.from({ length: 30 }, (_, i) => `"€`.repeat(40) + i);
    const card = criterionCard({ ...view(owners, 240), campaign: { ...campaign, name: `"€`.repeat(40) } });
    expect(cardText(card)).toContain("and 27 more");
    expect(cardBytes(card)).toBeLessThanOrEqual(28_672);
  });
});
