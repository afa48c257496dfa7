/** Assignments on real Azurite: who may assign, what a reference covers, who is told, who may then edit. */
import { describe, expect, it } from "vitest";
import { narrativeHash } from "../../src/domain/assessment.js";
import type { Actor } from "../../src/services/walkthrough.js";
import { serviceWorld } from "../support/services.js";

const TENANT = "tenant-assign";
const person = (id: string, name: string, conversation?: string): Actor => ({
  tenantId: TENANT,
  userId: id,
  displayName: name,
  conversation,
});
const CORA = person("cora", "Cora Coordinator");
const RITA = person("rita", "Rita Reviewer");
const OLU = person("olu", "Olu Officer", JSON.stringify({ conversation: { id: "a:olu" } }));
const PAT = person("pat", "Pat Other");

async function setUp() {
  const { stores, roles, walkthrough, assignments, notifier } = await serviceWorld();
  await roles.setup(CORA);
  await roles.grant(CORA, RITA, "reviewer");
  await walkthrough.greet(OLU);
  const scope = await walkthrough.scope(CORA);
  const save = (who: Actor, ref: string) =>
    walkthrough.act(who, {
      verb: "save",
      campaignId: scope.campaign.id,
      ref,
      base: { rating: "unrated", narrativeHash: narrativeHash("") },
      drafts: { rating: "compliance" },
    });
  return { stores, walkthrough, assignments, scope, notifier, save };
}

describe("assignments", () => {
  it("assigns a whole sub-criterion in one go, audited, and tells the owner one-to-one", async () => {
    const { stores, assignments, scope, notifier } = await setUp();
    const outcome = await assignments.assign(CORA, scope, "3.2", { userId: "olu", name: "Olu Officer" });
    expect(outcome).toEqual({
      ok: true,
      message: 'Assigned 3.2 Quality of Information (4 elements) in "CSE self-assessment 2026" to Olu Officer. Olu Officer has been told.',
    });
    const owned = [...(await stores.assessments.listForUnit(TENANT, scope.campaign.id, "council")).values()]
      .filter((a) => a.ownerId === "olu")
      .map((a) => a.ref);
    expect(owned).toEqual(["3.2.1", "3.2.2", "3.2.3", "3.2.4"]);
    expect(notifier.sent).toEqual([
      {
        conversation: OLU.conversation,
        text: 'Cora Coordinator has asked you to self-assess 3.2 Quality of Information (4 elements) in "CSE self-assessment 2026". Type my work to see your elements.',
      },
    ]);
    expect(await stores.assessments.history(TENANT, scope.campaign.id, "council", "3.2.3")).toMatchObject([
      { field: "owner", from: "", to: "Olu Officer", byName: "Cora Coordinator" },
    ]);
  });

  it("tells an owner who never chatted with the bot in a chat it opens, as reminders do", async () => {
    const { assignments, scope, notifier } = await setUp();
    const outcome = await assignments.assign(CORA, scope, "4", { userId: "pat", name: "Pat Other" });
    expect(outcome).toMatchObject({ ok: true, message: expect.stringContaining("criterion 4 Delivery (13 elements)") });
    expect(outcome.ok && outcome.message).toContain("Pat Other has been told.");
    expect(notifier.sent).toEqual([
      { conversation: "opened:pat", text: expect.stringContaining("has asked you to self-assess criterion 4") },
    ]);
  });

  it("refuses an assignment by anyone but a coordinator, and a reference that is not in the standard", async () => {
    const { stores, assignments, scope } = await setUp();
    expect(await assignments.assign(RITA, scope, "3.2", { userId: "olu", name: "Olu" })).toMatchObject({
      ok: false,
      refusal: { message: "Only a CSE coordinator can assign elements." },
    });
    expect(await assignments.assign(CORA, scope, "3.9", { userId: "olu", name: "Olu" })).toMatchObject({
      ok: false,
      refusal: { code: "unknown-element" },
    });
    expect((await stores.assessments.listForUnit(TENANT, scope.campaign.id, "council")).size).toBe(0);
  });

  it("lets only the owner, reviewers and coordinators change an owned element", async () => {
    const { stores, assignments, scope, save } = await setUp();
    await assignments.assign(CORA, scope, "3.2.1", { userId: "olu", name: "Olu Officer" });
    expect(await save(PAT, "3.2.1")).toMatchObject({ ok: false, refusal: { message: expect.stringContaining("assigned to Olu Officer") } });
    expect((await stores.assessments.get(TENANT, scope.campaign.id, "council", "3.2.1"))?.rating).toBe("unrated");
    for (const who of [OLU, RITA, CORA]) expect((await save(who, "3.2.1")).ok).toBe(true);
    expect((await save(PAT, "1.1.1")).ok).toBe(true); // unassigned elements stay open to all staff
  });

  it("lists a person's own elements, in the standard's order", async () => {
    const { assignments, scope } = await setUp();
    await assignments.assign(CORA, scope, "5.1", { userId: "olu", name: "Olu Officer" });
    await assignments.assign(CORA, scope, "1.1.2", { userId: "olu", name: "Olu Officer" });
    const work = await assignments.myWork(OLU, scope.campaign);
    expect(work.items.map((i) => i.element.ref)).toEqual(["1.1.2", "5.1.1", "5.1.2"]);
    expect((await assignments.myWork(PAT, scope.campaign)).items).toEqual([]);
  });
});
