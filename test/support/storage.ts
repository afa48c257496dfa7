/** Per-test storage on the shared Azurite: a fresh table prefix keeps every test's data apart. */
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { openStores, type Stores } from "../../src/store/index.js";

export function connectionString(): string {
  return inject("tablesConnectionString");
}

export function uniquePrefix(): string {
  return `t${randomBytes(6).toString("hex")}`;
}

export async function freshStores(): Promise<Stores> {
  return openStores(connectionString(), uniquePrefix());
}
