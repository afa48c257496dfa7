/** The audit trail on real Azurite: written in the same transaction as the change it records. */
import { describe, expect, it } from "vitest";
import { emptyAssessment, type ElementAssessment } from "../../src/domain/assessment.js";
import { auditEntries } from "../../src/domain/audit.js";
import { ConcurrencyError } from "../../src/store/index.js";
import { freshStores } from "../support/storage.js";

const TENANT = "tenant/audit#1";
const WHERE = { campaignId: "cse-2026", unitId: "council", ref: "3.2.1" };
const sam = { userId: "user-sam", displayName: "Sam Patel" };
const priya = { userId: "user-priya", displayName: "Priya Shah" };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute));

function rated(base: ElementAssessment, rating: ElementAssessment["rating"]): ElementAssessment {
  return { ...base, rating };
}

describe("audit trail", () => {
  it("records each saved change with who, when, before and after, newest first", async () => {
    const stores = await freshStores();
    const first = await stores.assessments.save(
      TENANT,
      rated(emptyAssessment(WHERE.campaignId, WHERE.unitId, WHERE.ref), "partial"),
      auditEntries([{ field: "rating", from: "unrated", to: "partial" }], WHERE, sam, at(1)),
    );
    await stores.assessments.save(
      TENANT,
      rated(first, "compliance"),
      auditEntries(
        [
          { field: "rating", from: "partial", to: "compliance" },
          { field: "narrative", from: "", to: "Plain English everywhere." },
        ],
        WHERE,
        priya,
        at(2),
      ),
    );

    const history = await stores.assessments.history(TENANT, WHERE.campaignId, WHERE.unitId, WHERE.ref);
    // Within one save, the change given last is listed first (newest first throughout).
    expect(history.map((h) => [h.field, h.from, h.to, h.byName, h.at])).toEqual([
      ["narrative", "", "Plain English everywhere.", "Priya Shah", at(2).toISOString()],
      ["rating", "partial", "compliance", "Priya Shah", at(2).toISOString()],
      ["rating", "unrated", "partial", "Sam Patel", at(1).toISOString()],
    ]);
  });

  it("stores neither the change nor its audit entry when the save loses an ETag race", async () => {
    const stores = await freshStores();
    const first = await stores.assessments.save(TENANT, rated(emptyAssessment(WHERE.campaignId, WHERE.unitId, WHERE.ref), "partial"));
    await stores.assessments.save(
      TENANT,
      rated(first, "compliance"),
      auditEntries([{ field: "rating", from: "partial", to: "compliance" }], WHERE, sam, at(1)),
    );
    const stale = stores.assessments.save(
      TENANT,
      rated(first, "non-compliance"),
      auditEntries([{ field: "rating", from: "partial", to: "non-compliance" }], WHERE, priya, at(2)),
    );
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);

    expect((await stores.assessments.get(TENANT, WHERE.campaignId, WHERE.unitId, WHERE.ref))?.rating).toBe("compliance");
    const history = await stores.assessments.history(TENANT, WHERE.campaignId, WHERE.unitId, WHERE.ref);
    expect(history.map((h) => h.to)).toEqual(["compliance"]);
  });

  it("keeps audit rows out of element listings and apart per element", async () => {
    const stores = await freshStores();
    await stores.assessments.save(
      TENANT,
      rated(emptyAssessment(WHERE.campaignId, WHERE.unitId, WHERE.ref), "partial"),
      auditEntries([{ field: "rating", from: "unrated", to: "partial" }], WHERE, sam, at(1)),
    );
    const listed = await stores.assessments.listForUnit(TENANT, WHERE.campaignId, WHERE.unitId);
    expect([...listed.keys()]).toEqual(["3.2.1"]);
    expect(await stores.assessments.history(TENANT, WHERE.campaignId, WHERE.unitId, "3.2.2")).toEqual([]);
  });

  it("returns at most the number asked for, the newest", async () => {
    const stores = await freshStores();
    let current = emptyAssessment(WHERE.campaignId, WHERE.unitId, WHERE.ref);
    const ratings = ["partial", "compliance", "compliance-plus", "partial"] as const;
    let previous = "unrated";
    for (const [i, rating] of ratings.entries()) {
      current = await stores.assessments.save(
        TENANT,
        rated(current, rating),
        auditEntries([{ field: "rating", from: previous, to: rating }], WHERE, sam, at(i)),
      );
      previous = rating;
    }
    const latestTwo = await stores.assessments.history(TENANT, WHERE.campaignId, WHERE.unitId, WHERE.ref, 2);
    expect(latestTwo.map((h) => h.to)).toEqual(["partial", "compliance-plus"]);
  });
});
