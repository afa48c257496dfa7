/** Data written by earlier versions is moved once, at start-up, to where this version reads it. */
import { describe, expect, it } from "vitest";
import { openStores, Tables } from "../../src/store/index.js";
import { encodeKeyPart } from "../../src/store/keys.js";
import { connectionString, uniquePrefix } from "../support/storage.js";

describe("roles into the person's row", () => {
  it("moves roles, their audit and the setup marker from the Tenants table, keeping each person's place; once", async () => {
    const prefix = uniquePrefix();
    const tables = new Tables(connectionString(), prefix);
    await tables.ensureTables();
    const pk = encodeKeyPart("tenant-old");
    // As the previous version wrote them.
    await tables.upsert(
      "Tenants",
      { partitionKey: pk, rowKey: `role|${encodeKeyPart("user-cora")}`, displayName: "Cora", roles: '["coordinator"]' },
      "Replace",
    );
    await tables.upsert(
      "Tenants",
      { partitionKey: pk, rowKey: `role|${encodeKeyPart("user-rev")}`, displayName: "Rev", roles: '["reviewer","leader"]' },
      "Replace",
    );
    await tables.upsert(
      "Tenants",
      {
        partitionKey: pk,
        rowKey: "!audit|role|7973|abc",
        targetId: "user-cora",
        targetName: "Cora",
        role: "coordinator",
        change: "setup",
        byId: "user-cora",
        byName: "Cora",
        at: "2026-01-05T09:00:00Z",
      },
      "Replace",
    );
    await tables.upsert(
      "Tenants",
      { partitionKey: pk, rowKey: "coordinator-bootstrap", byId: "user-cora", at: "2026-01-05T09:00:00Z" },
      "Replace",
    );
    await tables.upsert(
      "Participants",
      { partitionKey: pk, rowKey: encodeKeyPart("user-cora"), displayName: "Cora C", currentRef: "3.2.1", campaignId: "cse-2026" },
      "Merge",
    );

    const stores = await openStores(connectionString(), prefix);
    expect((await stores.roles.get("tenant-old", "user-cora"))?.roles).toEqual(["coordinator"]);
    expect((await stores.roles.get("tenant-old", "user-rev"))?.roles).toEqual(["reviewer", "leader"]);
    expect(await stores.participants.get("tenant-old", "user-cora")).toMatchObject({
      currentRef: "3.2.1",
      campaignId: "cse-2026",
      roles: ["coordinator"],
    });
    expect(await stores.roles.hasBootstrapped("tenant-old")).toBe(true);
    expect(await stores.roles.history("tenant-old")).toEqual([expect.objectContaining({ targetId: "user-cora", change: "setup" })]);
    // The partition's own rows are never taken for people.
    expect((await stores.participants.list("tenant-old")).map((p) => p.userId).sort()).toEqual(["user-cora", "user-rev"]);

    // A role changed since is not undone by a second start.
    const cora = (await stores.roles.get("tenant-old", "user-cora"))!;
    await stores.roles.save(
      { ...cora, roles: ["coordinator", "reviewer"] },
      {
        targetId: "user-cora",
        targetName: "Cora",
        role: "reviewer",
        change: "granted",
        byId: "user-cora",
        byName: "Cora",
        at: "2026-02-01T09:00:00Z",
      },
    );
    const again = await openStores(connectionString(), prefix);
    expect((await again.roles.get("tenant-old", "user-cora"))?.roles).toEqual(["coordinator", "reviewer"]);
    expect(await again.roles.history("tenant-old")).toHaveLength(2);
  });
});
