/** The admin CLI, run as a separate process the way an administrator runs it. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { openStores } from "../src/store/index.js";
import { connectionString, uniquePrefix } from "./support/storage.js";

const run = promisify(execFile);

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "silent", ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npx cse-bot", () => {
  it("prints the standard for machines with --json", async () => {
    const { code, stdout } = await cli(["standard", "--json"]);
    expect(code).toBe(0);
    const data = JSON.parse(stdout);
    expect(data.version).toBe("cse-57.v1");
    expect(data.criteria).toHaveLength(5);
    const elements = data.criteria.flatMap((c: any) => c.subCriteria.flatMap((s: any) => s.elements));
    expect(elements).toHaveLength(57);
    expect(elements[56].ref).toBe("5.3.3");
    expect(elements[0].guidance.showMe.length).toBeGreaterThan(1);
    expect(data.ratings.map((r: any) => r.label)).toEqual(["Compliance Plus", "Compliance", "Partial Compliance", "Non-Compliance", "Not applicable"]);
  });

  it("prints the standard for people", async () => {
    const { code, stdout } = await cli(["standard"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Criterion 5: Timeliness and Quality of Service");
    expect(stdout).toContain("5.3.3  Our performance in relation to timeliness and quality of service compares well with that of similar organisations.");
  });

  it("doctor reports reachable storage and exits 0", async () => {
    const { code, stdout } = await cli(["doctor"], { TABLES_CONNECTION_STRING: connectionString(), TABLE_PREFIX: uniquePrefix() });
    expect(code).toBe(0);
    expect(stdout).toMatch(/ok\s+storage reachable/);
  });

  it("doctor names a missing setting and exits non-zero", async () => {
    const { code, stdout, stderr } = await cli(["doctor"], { BOT_ID: "00000000-1111-2222-3333-444444444444" });
    expect(code).toBe(1);
    expect(stderr).toContain("BOT_PASSWORD is required when BOT_ID is set");
    expect(stdout).toContain("FAIL");
  });

  it("seed-demo fills a tenant once and leaves it alone the second time", async () => {
    const env = { TABLES_CONNECTION_STRING: connectionString(), TABLE_PREFIX: uniquePrefix() };
    const first = await cli(["seed-demo", "--tenant", "demo-tenant"], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("22 elements rated");
    const second = await cli(["seed-demo", "--tenant", "demo-tenant"], env);
    expect(second.stdout).toContain("0 elements rated");
    expect(second.stdout).toContain("22 left as they were");

    const stores = await openStores(env.TABLES_CONNECTION_STRING, env.TABLE_PREFIX);
    const [campaign] = await stores.campaigns.list("demo-tenant");
    const assessments = await stores.assessments.listForUnit("demo-tenant", campaign!.id, "council");
    expect(assessments.size).toBe(22);
    expect(assessments.get("1.2.3")?.rating).toBe("compliance-plus");
    expect(assessments.get("2.1.1")?.evidence).toHaveLength(2);
  });

  it("refuses an unknown command with usage", async () => {
    const { code, stderr } = await cli(["bogus"]);
    expect(code).toBe(64);
    expect(stderr).toContain('Unknown command "bogus"');
    expect(stderr).toContain("seed-demo");
  });
});
