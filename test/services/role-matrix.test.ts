/**
 * The role matrix: every action tried by every role, on real Azurite. Only the allowed ones
 * change anything; the rest are refused and leave storage exactly as it was.
 */
import { describe, expect, it } from "vitest";
import { narrativeHash } from "../../src/domain/assessment.js";
import type { Role } from "../../src/domain/roles.js";
import type { Actor } from "../../src/services/walkthrough.js";
import { serviceWorld } from "../support/services.js";

const TENANT = "tenant-matrix";
type Who = Role | "none";
const WHO: readonly Who[] = ["coordinator", "reviewer", "contributor", "leader", "none"];
const actorFor = (who: Who): Actor => ({ tenantId: TENANT, userId: `user-${who}`, displayName: `The ${who}` });

async function world() {
  const services = await serviceWorld();
  const { stores, roles } = services;
  await roles.setup(actorFor("coordinator"));
  for (const role of ["reviewer", "contributor", "leader"] as const) await roles.grant(actorFor("coordinator"), actorFor(role), role);
  const scope = await services.walkthrough.scope(actorFor("coordinator"));
  // Someone else's submission, ready to be reviewed.
  await services.walkthrough.act(actorFor("contributor"), {
    verb: "submit",
    campaignId: scope.campaign.id,
    ref: "5.3.3",
    base: { rating: "unrated", narrativeHash: narrativeHash("") },
    drafts: { rating: "compliance" },
  });
  return { stores, services, scope };
}

type World = Awaited<ReturnType<typeof world>>;
/** Each action: what to try, and how to read back whether it changed anything. */
const ACTIONS: Record<
  string,
  { allowed: readonly Who[]; run: (w: World, a: Actor) => Promise<{ ok: boolean }>; state: (w: World) => Promise<unknown> }
> = {
  "grant a role": {
    allowed: ["coordinator"],
    run: (w, a) => w.services.roles.grant(a, { userId: "newcomer", displayName: "Newcomer" }, "reviewer"),
    state: (w) => w.stores.roles.get(TENANT, "newcomer"),
  },
  "set up a campaign": {
    allowed: ["coordinator"],
    run: (w, a) => w.services.campaigns.create(a, { name: "Health check 2027", type: "health-check", units: "" }),
    state: async (w) => (await w.stores.campaigns.list(TENANT)).length,
  },
  "move a campaign to review": {
    allowed: ["coordinator"],
    run: (w, a) => w.services.campaigns.move(a, w.scope.campaign.id, "in-review"),
    state: async (w) => (await w.stores.campaigns.get(TENANT, w.scope.campaign.id))?.status,
  },
  "assign a sub-criterion": {
    allowed: ["coordinator"],
    run: (w, a) => w.services.assignments.assign(a, w.scope, "4.1", { userId: "owner", name: "Owner" }),
    state: async (w) => (await w.stores.assessments.get(TENANT, w.scope.campaign.id, "council", "4.1.1"))?.ownerId,
  },
  "rate an element": {
    allowed: ["coordinator", "reviewer", "contributor", "none"],
    run: (w, a) =>
      w.services.walkthrough.act(a, {
        verb: "save",
        campaignId: w.scope.campaign.id,
        ref: "1.1.1",
        base: { rating: "unrated", narrativeHash: narrativeHash("") },
        drafts: { rating: "partial" },
      }),
    state: async (w) => (await w.stores.assessments.get(TENANT, w.scope.campaign.id, "council", "1.1.1"))?.rating,
  },
  "submit an element": {
    allowed: ["coordinator", "reviewer", "contributor", "none"],
    run: (w, a) =>
      w.services.walkthrough.act(a, {
        verb: "submit",
        campaignId: w.scope.campaign.id,
        ref: "2.2.2",
        base: { rating: "unrated", narrativeHash: narrativeHash("") },
        drafts: { rating: "compliance" },
      }),
    state: async (w) => (await w.stores.assessments.get(TENANT, w.scope.campaign.id, "council", "2.2.2"))?.status,
  },
  "approve someone's submission": {
    allowed: ["coordinator", "reviewer"],
    run: (w, a) =>
      w.services.walkthrough.act(a, {
        verb: "approve",
        campaignId: w.scope.campaign.id,
        ref: "5.3.3",
        base: { rating: "compliance", narrativeHash: narrativeHash("") },
        drafts: {},
      }),
    state: async (w) => (await w.stores.assessments.get(TENANT, w.scope.campaign.id, "council", "5.3.3"))?.status,
  },
  "return someone's submission": {
    allowed: ["coordinator", "reviewer"],
    run: (w, a) =>
      w.services.walkthrough.act(a, {
        verb: "return",
        campaignId: w.scope.campaign.id,
        ref: "5.3.3",
        base: { rating: "compliance", narrativeHash: narrativeHash("") },
        drafts: { comment: "More evidence please" },
      }),
    state: async (w) => (await w.stores.assessments.get(TENANT, w.scope.campaign.id, "council", "5.3.3"))?.status,
  },
  "chase late owners": {
    allowed: ["coordinator"],
    run: (w, a) => w.services.overview.chase(a, w.scope.campaign.id),
    state: () => Promise.resolve("chasing stores nothing; refusal is the check"),
  },
};

describe("role matrix", () => {
  for (const [action, { allowed, run, state }] of Object.entries(ACTIONS)) {
    for (const who of WHO) {
      const may = allowed.includes(who);
      it(`${may ? "lets" : "refuses"} ${who === "none" ? "staff with no role" : `a ${who}`}: ${action}`, async () => {
        const w = await world();
        const before = await state(w);
        const outcome = await run(w, actorFor(who));
        expect(outcome.ok).toBe(may);
        if (!may) expect(await state(w)).toEqual(before);
        else if (action !== "chase late owners") expect(await state(w)).not.toEqual(before);
      });
    }
  }
});
