/** Starts one real Azurite server for the whole run, on a free loopback port, data in memory. */
import type { TestProject } from "vitest/node";
import { startAzurite, type EmbeddedAzurite } from "../../src/store/azurite.js";

let azurite: EmbeddedAzurite | undefined;

export async function setup(project: TestProject): Promise<void> {
  azurite = await startAzurite();
  project.provide("tablesConnectionString", azurite.connectionString);
}

export async function teardown(): Promise<void> {
  await azurite?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    tablesConnectionString: string;
  }
}
