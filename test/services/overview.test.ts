/** The coordinator's overview and chasing on real Azurite: one message per late person, not per element. */
import { describe, expect, it } from "vitest";
import type { OverviewView } from "../../src/services/overview.js";
import type { Actor } from "../../src/services/walkthrough.js";
import { serviceWorld } from "../support/services.js";

const TENANT = "tenant-overview";
const person = (id: string, name: string, conversation?: string): Actor => ({
  tenantId: TENANT,
  userId: id,
  displayName: name,
  conversation,
});
const CORA = person("cora", "Cora Coordinator");
const LEE = person("lee", "Lee Leader");
const OLU = person("olu", "Olu Officer", '{"conversation":{"id":"a:olu"}}');

async function setUp() {
  const { stores, clock, roles, campaigns, assignments, overview, notifier } = await serviceWorld({ unreachable: ["pat"] });
  await roles.setup(CORA);
  await roles.grant(CORA, LEE, "leader");
  const created = await campaigns.create(CORA, {
    name: "CSE review 2027",
    type: "annual-review-1",
    units: "Corporate Services\nLandlord Services",
    dueDate: "2026-11-30",
  });
  if (!created.ok) throw new Error(created.refusal.message);
  await campaigns.move(CORA, created.campaign.id, "open");
  await stores.participants.putConversation(TENANT, "olu", "Olu Officer", OLU.conversation!, "2026-11-20T10:00:00Z");
  const [corporate, landlord] = created.campaign.units;
  await assignments.assign(CORA, { campaign: created.campaign, unit: corporate! }, "3.2", { userId: "olu", name: "Olu Officer" });
  await assignments.assign(CORA, { campaign: created.campaign, unit: landlord! }, "5.1", { userId: "pat", name: "Pat Other" });
  notifier.sent.length = 0;
  return { overview, campaign: created.campaign, clock, notifier };
}

describe("campaign overview and chasing", () => {
  it("rolls up units and owners for coordinators and leaders, not for other staff", async () => {
    const { overview, campaign } = await setUp();
    const view = (await overview.view(CORA, campaign)) as OverviewView;
    expect(view.overview.units.map((u) => u.name)).toEqual(["Corporate Services", "Landlord Services"]);
    expect(view.overview.owners.map((o) => [o.name, o.total])).toEqual([
      ["Olu Officer", 4],
      ["Pat Other", 2],
    ]);
    expect(view.canChase).toBe(true);
    expect(((await overview.view(LEE, campaign)) as OverviewView).canChase).toBe(false);
    expect(await overview.view(OLU, campaign)).toMatchObject({ code: "not-allowed" });
  });

  it("finds nobody to chase before the due date", async () => {
    const { overview, campaign, notifier } = await setUp();
    expect(await overview.chase(CORA, campaign.id)).toEqual({ ok: true, message: "Nobody is late, so nobody was chased." });
    expect(notifier.sent).toEqual([]);
  });

  it("after the due date sends one message per late person, naming everyone it could not reach", async () => {
    const { overview, campaign, clock, notifier } = await setUp();
    clock.set("2026-12-01T09:00:00Z");
    expect(await overview.chase(LEE, campaign.id)).toMatchObject({
      ok: false,
      refusal: { message: "Only a CSE coordinator can chase people." },
    });
    const outcome = await overview.chase(CORA, campaign.id);
    expect(outcome).toEqual({
      ok: true,
      message: "Chased 1 person, one message each. Could not reach Pat Other in Teams: the app may not be installed for them.",
    });
    expect(notifier.sent).toEqual([
      {
        conversation: OLU.conversation,
        text: 'Reminder from Cora Coordinator: 4 elements of "CSE review 2027" were due on 30 Nov 2026 and are not yet submitted: 3.2.1, 3.2.2, 3.2.3, 3.2.4. Type my work to see them.',
      },
    ]);
  });
});
