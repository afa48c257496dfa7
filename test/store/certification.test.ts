/** Certification calendars on real Azurite: keyed per tenant and scope, ETag-checked, audited in the same transaction. */
import { describe, expect, it } from "vitest";
import type { CertificationSettings } from "../../src/domain/certification.js";
import { ConcurrencyError } from "../../src/store/index.js";
import type { CertificationChange } from "../../src/store/certification.js";
import { freshStores } from "../support/storage.js";

const TENANT = "tenant/calendar#1";
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute)).toISOString();

function settings(scopeId: string, scopeName: string, fields: Partial<CertificationSettings> = {}): CertificationSettings {
  return {
    tenantId: TENANT,
    scopeId,
    scopeName,
    certifiedOn: "2026-03-14",
    evidenceLeadWorkingDays: 10,
    overrides: {},
    updatedBy: "user-cora",
    updatedByName: "Cora Coordinator",
    updatedAt: at(0),
    ...fields,
  };
}

function change(scopeId: string, to: string, minute: number, byName = "Cora Coordinator"): CertificationChange {
  return { scopeId, from: "", to, byId: "user-cora", byName, at: at(minute) };
}

describe("certification calendar store", () => {
  it("creates, reads back and lists calendars, the whole council's first", async () => {
    const stores = await freshStores();
    await stores.certification.save(
      settings("landlord-services", "Landlord Services", { certifiedOn: "2025-06-02" }),
      change("landlord-services", "certified 2025-06-02", 1),
    );
    await stores.certification.save(
      settings("corporate/services?", "Corporate Services"),
      change("corporate/services?", "certified 2026-03-14", 2),
    );
    const saved = await stores.certification.save(
      settings("council", "Whole council", { evidenceLeadWorkingDays: 15, overrides: { reassessment: "2029-03-20" } }),
      change("council", "x", 3),
    );
    expect(saved.etag).toBeTruthy();

    const council = await stores.certification.get(TENANT, "council");
    expect(council).toMatchObject({
      scopeId: "council",
      scopeName: "Whole council",
      certifiedOn: "2026-03-14",
      evidenceLeadWorkingDays: 15,
      overrides: { reassessment: "2029-03-20" },
      updatedByName: "Cora Coordinator",
      etag: saved.etag,
    });
    expect((await stores.certification.list(TENANT)).map((c) => c.scopeId)).toEqual([
      "council",
      "corporate/services?",
      "landlord-services",
    ]);
    expect(await stores.certification.get(TENANT, "housing")).toBeUndefined();
    expect(await stores.certification.list("another-tenant")).toEqual([]);
  });

  it("keeps calendars out of the tenant's roles and roles out of its calendars", async () => {
    const stores = await freshStores();
    await stores.roles.save(
      { tenantId: TENANT, userId: "user-cora", displayName: "Cora Coordinator", roles: ["coordinator"] },
      {
        targetId: "user-cora",
        targetName: "Cora Coordinator",
        role: "coordinator",
        change: "setup",
        byId: "user-cora",
        byName: "Cora Coordinator",
        at: at(0),
      },
    );
    await stores.certification.save(settings("council", "Whole council"), change("council", "certified 2026-03-14", 1));
    expect((await stores.certification.list(TENANT)).map((c) => c.scopeId)).toEqual(["council"]);
    expect((await stores.roles.list(TENANT)).map((h) => h.userId)).toEqual(["user-cora"]);
    expect((await stores.roles.history(TENANT)).map((h) => h.change)).toEqual(["setup"]);
  });

  it("replaces a calendar only if unchanged since read, and writes the audit entry with it", async () => {
    const stores = await freshStores();
    const first = await stores.certification.save(settings("council", "Whole council"), change("council", "certified 2026-03-14", 1));
    const second = await stores.certification.save(
      { ...first, certifiedOn: "2026-03-20" },
      change("council", "certified 2026-03-20", 2, "Sam Patel"),
    );
    expect(second.etag).not.toBe(first.etag);

    // A save based on the first read loses: neither the calendar nor its audit entry is written.
    await expect(
      stores.certification.save({ ...first, certifiedOn: "2026-01-01" }, change("council", "certified 2026-01-01", 3, "Lee Morgan")),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    // Creating one that someone else has just created loses too.
    await expect(
      stores.certification.save(
        settings("council", "Whole council", { certifiedOn: "2025-01-01" }),
        change("council", "certified 2025-01-01", 4),
      ),
    ).rejects.toBeInstanceOf(ConcurrencyError);

    expect((await stores.certification.get(TENANT, "council"))?.certifiedOn).toBe("2026-03-20");
    const history = await stores.certification.history(TENANT, "council");
    expect(history.map((h) => [h.to, h.byName, h.at])).toEqual([
      ["certified 2026-03-20", "Sam Patel", at(2)],
      ["certified 2026-03-14", "Cora Coordinator", at(1)],
    ]);
  });

  it("keeps each calendar's audit trail apart", async () => {
    const stores = await freshStores();
    await stores.certification.save(settings("council", "Whole council"), change("council", "council dates", 1));
    await stores.certification.save(settings("housing", "Housing"), change("housing", "housing dates", 2));
    expect((await stores.certification.history(TENANT, "council")).map((h) => h.to)).toEqual(["council dates"]);
    expect((await stores.certification.history(TENANT, "housing")).map((h) => h.to)).toEqual(["housing dates"]);
  });
});
