/**
 * The embedded storage's promise: a write is on disk before its answer leaves, for single writes
 * and for transactions (a transaction used to be answered first and saved up to 5 s later).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startAzurite } from "../../src/store/azurite.js";
import { Tables } from "../../src/store/tables.js";

const dir = mkdtempSync(path.join(tmpdir(), "cse-durable-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("embedded storage on disk", () => {
  it("has every answered write and transaction in its database file already", async () => {
    const azurite = await startAzurite({ location: dir });
    try {
      const tables = new Tables(azurite.connectionString, "durable");
      await tables.ensureTables();
      const onDisk = () => readFileSync(path.join(dir, "__azurite_db_table__.json"), "utf8");
      for (let i = 0; i < 10; i++) {
        await tables.transact("Assessments", [
          ["create", { partitionKey: `p${i}`, rowKey: "a", marker: `transaction-${i}` }],
          ["create", { partitionKey: `p${i}`, rowKey: "b", marker: `transaction-${i}` }],
        ]);
        expect(onDisk()).toContain(`transaction-${i}`);
        await tables.upsert("Participants", { partitionKey: `p${i}`, rowKey: "x", marker: `upsert-${i}` }, "Merge");
        expect(onDisk()).toContain(`upsert-${i}`);
      }
    } finally {
      await azurite.stop();
    }
  });
});
