/**
 * The review workflow through the service on real Azurite: who may submit, approve and return;
 * the submitter is told of the decision one-to-one; locked elements refuse edits; all audited.
 */
import { describe, expect, it } from "vitest";
import { narrativeHash } from "../../src/domain/assessment.js";
import type { Actor, CardAction } from "../../src/services/walkthrough.js";
import { serviceWorld } from "../support/services.js";

const TENANT = "tenant-review";
const person = (id: string, name: string, conversation?: string): Actor => ({
  tenantId: TENANT,
  userId: id,
  displayName: name,
  conversation,
});
const CORA = person("cora", "Cora Coordinator");
const RITA = person("rita", "Rita Reviewer");
const OLU = person("olu", "Olu Officer", JSON.stringify({ conversation: { id: "a:olu" }, serviceUrl: "https://smba.example/" }));
const LEE = person("lee", "Lee Leader");

async function setUp() {
  const { stores, clock, roles, walkthrough, notifier } = await serviceWorld();
  await roles.setup(CORA);
  await roles.grant(CORA, RITA, "reviewer");
  await roles.grant(CORA, LEE, "leader");
  const campaign = await walkthrough.currentCampaign(OLU);
  let minute = 0;
  // Each press a minute after the last, as people's presses are, so the audit has an order.
  const act = (who: Actor, verb: CardAction["verb"], drafts: CardAction["drafts"] = {}) => {
    clock.set(new Date(Date.UTC(2026, 10, 20, 10, ++minute)).toISOString());
    return walkthrough.act(who, {
      verb,
      campaignId: campaign.id,
      ref: "1.2.1",
      base: { rating: "unrated", narrativeHash: narrativeHash("") },
      drafts,
    });
  };
  const stored = () => stores.assessments.get(TENANT, campaign.id, "council", "1.2.1");
  return { stores, walkthrough, campaign, act, stored, notifier };
}

describe("review workflow", () => {
  it("saves what was typed and submits in one press, then locks the element against edits", async () => {
    const { act, stored } = await setUp();
    await act(OLU, "open");
    const submitted = await act(OLU, "submit", { rating: "compliance", narrative: "Engagement strategy 2024-27." });
    expect(submitted).toMatchObject({ ok: true, view: { notice: { text: "Submitted for review." } } });
    expect(await stored()).toMatchObject({
      rating: "compliance",
      narrative: "Engagement strategy 2024-27.",
      status: "submitted",
      submittedBy: "olu",
    });
    const edit = await act(OLU, "save", { rating: "partial" });
    expect(edit).toMatchObject({ ok: false, refusal: { code: "not-allowed", message: expect.stringContaining("with a reviewer") } });
    expect((await stored())?.rating).toBe("compliance");
  });

  it("refuses to submit an unrated element", async () => {
    const { act, stored } = await setUp();
    expect(await act(OLU, "submit")).toMatchObject({ ok: false, refusal: { message: expect.stringContaining("choose a rating") } });
    expect(await stored()).toBeUndefined();
  });

  it("lets only reviewers and coordinators approve or return, never their own submission", async () => {
    const { act, stored } = await setUp();
    await act(RITA, "submit", { rating: "compliance" });
    for (const who of [OLU, LEE]) {
      expect(await act(who, "approve")).toMatchObject({
        ok: false,
        refusal: { message: "Only a reviewer or a CSE coordinator can approve or return an element." },
      });
    }
    expect(await act(RITA, "approve")).toMatchObject({
      ok: false,
      refusal: { message: "You submitted this element, so someone else must review it." },
    });
    expect((await stored())?.status).toBe("submitted");
    expect(await act(CORA, "approve")).toMatchObject({ ok: true });
    expect((await stored())?.status).toBe("approved");
  });

  it("returns with a comment, tells the submitter, takes a resubmission and approves it, all audited", async () => {
    const { act, stored, notifier, stores, campaign } = await setUp();
    await act(OLU, "submit", { rating: "compliance" });
    expect(await act(RITA, "return", { comment: "" })).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("say what needs changing") },
    });
    const returned = await act(RITA, "return", { comment: "Please link the consultation calendar." });
    expect(returned).toMatchObject({ ok: true, view: { notice: { text: "Returned for changes. Olu Officer has been told." } } });
    expect(notifier.sent).toEqual([
      {
        conversation: OLU.conversation,
        text: 'Rita Reviewer returned element 1.2.1 in "CSE self-assessment 2026" for changes: "Please link the consultation calendar.". Type assess 1.2.1 to update it and submit it again.',
      },
    ]);

    await act(OLU, "addLink", { linkTitle: "Consultation calendar", linkUrl: "https://council.gov.uk/consultations" });
    expect((await stored())?.status).toBe("returned");
    await act(OLU, "submit");
    await act(RITA, "approve");
    expect(notifier.sent.at(-1)?.text).toBe('Rita Reviewer approved element 1.2.1 in "CSE self-assessment 2026". Thank you!');
    const statuses = (await stores.assessments.history(TENANT, campaign.id, "council", "1.2.1"))
      .filter((h) => h.field === "status")
      .map((h) => `${h.byName}: ${h.to}`);
    expect(statuses).toEqual([
      "Rita Reviewer: approved",
      "Olu Officer: submitted",
      "Rita Reviewer: returned: Please link the consultation calendar.",
      "Olu Officer: submitted",
      "Olu Officer: in-progress",
    ]);
  });
});
