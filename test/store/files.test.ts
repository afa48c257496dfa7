/** Waiting imports and the link-signing key on real Azurite. */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openStores, TooLargeToKeepError } from "../../src/store/index.js";
import { connectionString, freshStores, uniquePrefix } from "../support/storage.js";

const REPORT = readFileSync(new URL("../fixtures/assessor-report-oadby-wigston-2023.txt", import.meta.url), "utf8");
const TENANT = "tenant/files#1";

describe("waiting imports", () => {
  it("keeps a report's text larger than one column holds, exactly, for that person only", async () => {
    const stores = await freshStores();
    const text = `${REPORT}\n${REPORT}\n${REPORT}\u00e9\u2713`; // about 133,000 characters
    await stores.files.keepImport(TENANT, "user-sam", {
      kind: "plan",
      campaignId: "cse-2026",
      fingerprint: "f1",
      fileName: "report.docx",
      storedAt: "2026-11-22T09:00:00.000Z",
      text,
    });

    const back = await stores.files.pendingImport(TENANT, "user-sam");
    expect(back?.text).toBe(text);
    expect(back?.fileName).toBe("report.docx");
    expect(back?.kind).toBe("plan");
    expect(await stores.files.pendingImport(TENANT, "user-priya")).toBeUndefined();
    expect(await stores.files.pendingImport("another-tenant", "user-sam")).toBeUndefined();
  });

  it("a new preview replaces the last, and forgetting removes it", async () => {
    const stores = await freshStores();
    const keep = (fingerprint: string, text: string) =>
      stores.files.keepImport(TENANT, "user-sam", { kind: "report", campaignId: "c", fingerprint, fileName: "", storedAt: "t", text });
    await keep("f1", REPORT);
    await keep("f2", "short");
    expect(await stores.files.pendingImport(TENANT, "user-sam")).toMatchObject({ fingerprint: "f2", text: "short" });
    await stores.files.forgetImport(TENANT, "user-sam");
    await stores.files.forgetImport(TENANT, "user-sam"); // twice is fine
    expect(await stores.files.pendingImport(TENANT, "user-sam")).toBeUndefined();
  });

  it("forgets previews stored before a time, in that organisation only", async () => {
    const stores = await freshStores();
    const keep = (tenant: string, user: string, storedAt: string) =>
      stores.files.keepImport(tenant, user, { kind: "report", campaignId: "c", fingerprint: "f", fileName: "", storedAt, text: "report" });
    await keep(TENANT, "old", "2026-11-18T09:00:00.000Z");
    await keep(TENANT, "new", "2026-11-21T09:00:00.000Z");
    await keep("another-tenant", "old", "2026-11-18T09:00:00.000Z");
    expect(await stores.files.forgetImportsStoredBefore(TENANT, "2026-11-20T00:00:00.000Z")).toBe(1);
    expect(await stores.files.pendingImport(TENANT, "old")).toBeUndefined();
    expect(await stores.files.pendingImport(TENANT, "new")).toBeDefined();
    expect(await stores.files.pendingImport("another-tenant", "old")).toBeDefined();
  });

  it("refuses text that does not compress into one entity, and keeps nothing", async () => {
    const stores = await freshStores();
    const noise = randomBytes(1_200_000).toString("base64");
    await expect(
      stores.files.keepImport(TENANT, "user-sam", {
        kind: "report",
        campaignId: "c",
        fingerprint: "f",
        fileName: "",
        storedAt: "t",
        text: noise,
      }),
    ).rejects.toBeInstanceOf(TooLargeToKeepError);
    expect(await stores.files.pendingImport(TENANT, "user-sam")).toBeUndefined();
  });
});

describe("the link-signing key", () => {
  it("is made once and shared by every instance on the same storage", async () => {
    const prefix = uniquePrefix();
    const [a, b] = await Promise.all([openStores(connectionString(), prefix), openStores(connectionString(), prefix)]);
    const [keyA, keyB] = await Promise.all([a.files.linkSigningKey(), b.files.linkSigningKey()]);
    expect(keyA.length).toBe(32);
    expect(keyB.equals(keyA)).toBe(true);
    const other = await freshStores();
    expect((await other.files.linkSigningKey()).equals(keyA)).toBe(false);
  });
});

describe("deleting one entity", () => {
  it("only at the ETag it was read at, when one is given; gone or changed says false", async () => {
    const stores = await freshStores();
    const pk = "tenant-delete";
    const first = await stores.tables.create("Files", { partitionKey: pk, rowKey: "import|x", storedAt: "old" });
    await stores.tables.upsert("Files", { partitionKey: pk, rowKey: "import|x", storedAt: "new" });
    expect(await stores.tables.delete("Files", pk, "import|x", first)).toBe(false);
    expect((await stores.tables.get("Files", pk, "import|x"))?.storedAt).toBe("new");
    expect(await stores.tables.delete("Files", pk, "import|x")).toBe(true);
    expect(await stores.tables.delete("Files", pk, "import|x")).toBe(false);
    expect(await stores.tables.get("Files", pk, "import|x")).toBeUndefined();
  });
});
