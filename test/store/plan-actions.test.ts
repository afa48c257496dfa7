/** Actions from an imported plan, against a real Azurite: each row once, whoever imports it and however often. */
import { describe, expect, it } from "vitest";
import type { ImprovementAction } from "../../src/domain/actions.js";
import { freshStores } from "../support/storage.js";

const TENANT = "tenant-plan-store";
const AT = "2026-11-30T10:00:00.000Z";
const me = { userId: "user-cora", name: "Cora Coordinator" };

const rows = (markers: readonly string[], refs: readonly string[] = ["1.1.1", "2.1.1", "3.1.1", "4.1.1"]) =>
  markers.map((marker) => ({
    marker,
    build: (id: string): ImprovementAction => ({
      tenantId: TENANT,
      id,
      campaignId: "cse-2026",
      title: `Row ${marker}`,
      description: "",
      refs,
      owner: me,
      dueOn: "2027-03-31",
      priority: "medium",
      status: "open",
      createdBy: me,
      createdAt: AT,
      updatedAt: AT,
    }),
  }));

describe("createFromPlan", () => {
  it("writes 60 rows in as few transactions as fit, numbered in order, and a second import of the same rows writes nothing", async () => {
    const { actions, actionImports } = await freshStores();
    const markers = Array.from({ length: 60 }, (_, i) => `m${String(i).padStart(2, "0")}`);
    const first = await actionImports.createFromPlan(TENANT, "cse-2026", rows(markers), () => "2027-03-17", { by: me, at: AT });
    expect(first.already).toBe(0);
    expect(first.created.map((a) => a.id)).toEqual(markers.map((_, i) => String(i + 1)));
    expect(first.created[0]!.remindOn).toBe("2027-03-17");
    expect(await actions.forElement(TENANT, "4.1.1")).toHaveLength(60);
    const again = await actionImports.createFromPlan(TENANT, "cse-2026", rows([...markers, "new"]), () => undefined, { by: me, at: AT });
    expect(again).toMatchObject({ already: 60, created: [expect.objectContaining({ id: "61", title: "Row new" })] });
    expect(await actions.list(TENANT)).toHaveLength(61);
    // The same rows in another campaign are that campaign's own actions.
    const other = await actionImports.createFromPlan(TENANT, "cse-2027", rows(["m00"]), () => undefined, { by: me, at: AT });
    expect(other.created).toHaveLength(1);
  });

  it("two coordinators importing the same plan at the same moment make one set of actions", async () => {
    const { actions, actionImports } = await freshStores();
    const markers = Array.from({ length: 25 }, (_, i) => `r${i}`);
    const [a, b] = await Promise.all([
      actionImports.createFromPlan(TENANT, "cse-2026", rows(markers), () => undefined, { by: me, at: AT }),
      actionImports.createFromPlan(TENANT, "cse-2026", rows(markers), () => undefined, { by: me, at: AT }),
    ]);
    expect(a.created.length + b.created.length).toBe(25);
    expect(a.already + b.already).toBe(25);
    const stored = await actions.list(TENANT);
    expect(stored.map((s) => s.title).sort()).toEqual(markers.map((m) => `Row ${m}`).sort());
    expect(new Set(stored.map((s) => s.id)).size).toBe(25);
  });
});
