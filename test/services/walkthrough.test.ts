/** The walk-through service on real Azurite: concurrent writers to one element lose nothing. */
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { narrativeHash } from "../../src/domain/assessment.js";
import { createLogger } from "../../src/logger.js";
import { WalkthroughService, type Actor, type CardAction } from "../../src/services/walkthrough.js";
import { freshStores } from "../support/storage.js";
import { noMessages } from "../support/notifier.js";

const TENANT = "tenant-concurrency";
const actor = (n: number): Actor => ({ tenantId: TENANT, userId: `officer-${n}`, displayName: `Officer ${n}` });

async function setUp() {
  const stores = await freshStores();
  const service = new WalkthroughService(
    { stores, clock: fixedClock("2026-11-20T10:00:00Z"), log: createLogger("silent"), rolesOf: () => Promise.resolve([]) },
    noMessages,
  );
  const campaign = await service.currentCampaign(actor(0));
  const addLink = (n: number): CardAction => ({
    verb: "addLink",
    campaignId: campaign.id,
    ref: "3.1.1",
    base: { rating: "unrated", narrativeHash: narrativeHash("") },
    drafts: { linkTitle: `Evidence from officer ${n}`, linkUrl: `https://council.sharepoint.com/evidence-${n}.pdf` },
  });
  return { stores, service, campaign, addLink };
}

describe("concurrent edits of one element", () => {
  it("keeps every link when four officers add one at the same moment", async () => {
    const { stores, service, campaign, addLink } = await setUp();
    const outcomes = await Promise.all([1, 2, 3, 4].map((n) => service.act(actor(n), addLink(n))));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const stored = await stores.assessments.get(TENANT, campaign.id, "council", "3.1.1");
    expect(stored?.evidence.map((l) => l.title).sort()).toEqual([1, 2, 3, 4].map((n) => `Evidence from officer ${n}`));
  });

  it("never loses a change silently under heavy contention: each one is stored or its author is told", async () => {
    const { stores, service, campaign, addLink } = await setUp();
    const writers = [1, 2, 3, 4, 5, 6, 7, 8];
    const outcomes = await Promise.all(writers.map((n) => service.act(actor(n), addLink(n))));
    const stored = (await stores.assessments.get(TENANT, campaign.id, "council", "3.1.1"))?.evidence.map((l) => l.title) ?? [];
    writers.forEach((n, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) expect(stored).toContain(`Evidence from officer ${n}`);
      else {
        expect(outcome.refusal.code).toBe("conflict");
        expect(outcome.refusal.message).toContain("your change was not saved");
        expect(stored).not.toContain(`Evidence from officer ${n}`);
      }
    });
    expect(stored.length).toBeGreaterThanOrEqual(5);
  });
});
