/**
 * Roles on real Azurite: safe bootstrapping, the role matrix (each action tried by each role;
 * only the allowed ones change anything), the audit trail, and read-only leaders.
 */
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { narrativeHash } from "../../src/domain/assessment.js";
import type { Role } from "../../src/domain/roles.js";
import { createLogger } from "../../src/logger.js";
import { RolesService, type RoleActor } from "../../src/services/roles.js";
import { WalkthroughService } from "../../src/services/walkthrough.js";
import type { Stores } from "../../src/store/index.js";
import { freshStores } from "../support/storage.js";
import { noMessages } from "../support/notifier.js";

const TENANT = "tenant-roles";
const person = (id: string, name = id): RoleActor => ({ tenantId: TENANT, userId: id, displayName: name });
const clock = fixedClock("2026-11-20T10:00:00Z");
const log = createLogger("silent");

async function setUp(configured: string[] = []) {
  const stores = await freshStores();
  return { stores, roles: new RolesService(stores, clock, log, configured) };
}

/** A tenant with a coordinator, and one person holding each other role (granted by the coordinator). */
async function staffed(stores: Stores, roles: RolesService) {
  const coordinator = person("coord", "Cora Coordinator");
  expect((await roles.setup(coordinator)).ok).toBe(true);
  const holders: Record<Role | "none", RoleActor> = {
    coordinator,
    reviewer: person("rev"),
    contributor: person("con"),
    leader: person("lead"),
    none: person("staff"),
  };
  for (const role of ["reviewer", "contributor", "leader"] as const)
    expect((await roles.grant(coordinator, holders[role], role)).ok).toBe(true);
  return holders;
}

describe("setting up the first coordinator", () => {
  it("makes the first person to type setup the coordinator, once, and records it", async () => {
    const { stores, roles } = await setUp();
    const first = await roles.setup(person("sam", "Sam Patel"));
    expect(first).toMatchObject({ ok: true, message: expect.stringContaining("You are now this council's CSE coordinator") });
    const second = await roles.setup(person("priya", "Priya Shah"));
    expect(second).toMatchObject({
      ok: false,
      refusal: { code: "not-allowed", message: expect.stringContaining("already has a CSE coordinator (Sam Patel)") },
    });
    expect(await roles.rolesOf(person("sam"))).toEqual(["coordinator"]);
    expect(await roles.rolesOf(person("priya"))).toEqual([]);
    expect(await stores.roles.history(TENANT)).toMatchObject([
      { targetId: "sam", role: "coordinator", change: "setup", byName: "Sam Patel" },
    ]);
  });

  it("lets exactly one of several people typing setup at the same moment become coordinator", async () => {
    const { stores, roles } = await setUp();
    const outcomes = await Promise.all(["a", "b", "c", "d"].map((id) => roles.setup(person(id))));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const coordinators = (await stores.roles.list(TENANT)).filter((h) => h.roles.includes("coordinator"));
    expect(coordinators).toHaveLength(1);
    expect(await stores.roles.history(TENANT)).toHaveLength(1);
  });

  it("leaves setup to configuration when COORDINATORS names people", async () => {
    const { stores, roles } = await setUp(["sam@council.gov.uk"]);
    expect(await roles.setup(person("intruder"))).toMatchObject({ ok: false, refusal: { code: "not-allowed" } });
    expect(await roles.setup({ ...person("sam-id"), upn: "Sam@Council.gov.uk" })).toMatchObject({ ok: true });
    expect(await roles.rolesOf({ ...person("sam-id"), upn: "sam@council.gov.uk" })).toEqual(["coordinator"]);
    expect(await stores.roles.list(TENANT)).toEqual([]);
  });
});

describe("the role matrix", () => {
  const actors = ["coordinator", "reviewer", "contributor", "leader", "none"] as const;

  for (const who of actors) {
    it(`lets ${who === "coordinator" ? "only a coordinator" : `a ${who} not`} grant or remove roles`, async () => {
      const { stores, roles } = await setUp();
      const holders = await staffed(stores, roles);
      const before = await stores.roles.history(TENANT);
      const granted = await roles.grant(holders[who], person("newcomer"), "reviewer");
      const removed = await roles.revoke(holders[who], holders.leader, "leader");
      const allowed = who === "coordinator";
      expect(granted.ok).toBe(allowed);
      expect(removed.ok).toBe(allowed);
      expect(await roles.rolesOf(person("newcomer"))).toEqual(allowed ? ["reviewer"] : []);
      expect(await roles.rolesOf(holders.leader)).toEqual(allowed ? [] : ["leader"]);
      expect((await stores.roles.history(TENANT)).length).toBe(before.length + (allowed ? 2 : 0));
      if (!allowed && !granted.ok) expect(granted.refusal.message).toContain("Only a CSE coordinator can give or remove roles");
    });

    it(`${who === "leader" ? "refuses" : "allows"} an element edit by a ${who}`, async () => {
      const { stores, roles } = await setUp();
      const holders = await staffed(stores, roles);
      const walkthrough = new WalkthroughService({ stores, clock, log, rolesOf: (a) => roles.rolesOf(a) }, noMessages);
      const campaign = await walkthrough.currentCampaign(holders[who]);
      const outcome = await walkthrough.act(holders[who], {
        verb: "save",
        campaignId: campaign.id,
        ref: "2.1.1",
        base: { rating: "unrated", narrativeHash: narrativeHash("") },
        drafts: { rating: "compliance" },
      });
      const stored = await stores.assessments.get(TENANT, campaign.id, "council", "2.1.1");
      if (who === "leader") {
        expect(outcome).toMatchObject({ ok: false, refusal: { code: "not-allowed", message: expect.stringContaining("read-only") } });
        expect(stored).toBeUndefined();
      } else {
        expect(outcome.ok).toBe(true);
        expect(stored?.rating).toBe("compliance");
      }
    });
  }

  it("never removes the last coordinator, but lets one of two step down", async () => {
    const { roles } = await setUp();
    const cora = person("coord", "Cora");
    await roles.setup(cora);
    expect(await roles.revoke(cora, cora, "coordinator")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("Cora is the only CSE coordinator") },
    });
    await roles.grant(cora, person("dan", "Dan"), "coordinator");
    expect(await roles.revoke(cora, cora, "coordinator")).toMatchObject({ ok: true });
    expect(await roles.rolesOf(cora)).toEqual([]);
  });

  it("says plainly when a grant or removal would change nothing", async () => {
    const { roles } = await setUp();
    const cora = person("coord", "Cora");
    await roles.setup(cora);
    await roles.grant(cora, person("rev", "Rita"), "reviewer");
    expect(await roles.grant(cora, person("rev", "Rita"), "reviewer")).toEqual({ ok: true, message: "Rita is already a Reviewer." });
    expect(await roles.revoke(cora, person("rev", "Rita"), "leader")).toEqual({
      ok: true,
      message: "Rita is not a Leader (read-only), so nothing changed.",
    });
  });
});
