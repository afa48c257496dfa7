/** `npx cse-bot standards import|export`, run as a separate process the way an administrator runs it. */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { periodName, previousPeriod } from "../src/domain/periods.js";
import { lastFinishedPeriod } from "../src/domain/standards-report.js";
import type { ServiceStandard } from "../src/domain/standards.js";
import { openStores } from "../src/store/index.js";
import { IMPORTED_CALLS, IMPORTED_LETTERS as LETTERS } from "./support/service-standards.js";
import { cli } from "./support/cli.js";
import { connectionString, uniquePrefix } from "./support/storage.js";

const TENANT = "tenant-cli-standards";
// Not published: the public page must leave it out.
const CALLS: ServiceStandard = { ...IMPORTED_CALLS, published: false };

// The command line runs on today's clock: the periods are the last finished ones, whenever the test runs.
const now = new Date();
const lastQuarter = lastFinishedPeriod(LETTERS, now);
const lastMonth = lastFinishedPeriod(CALLS, now);
const monthBefore = previousPeriod(lastMonth);

describe("npx cse-bot standards", () => {
  let env: Record<string, string> = {};
  let dir = "";
  let stores: Awaited<ReturnType<typeof openStores>>;

  beforeAll(async () => {
    const prefix = uniquePrefix();
    stores = await openStores(connectionString(), prefix);
    const change = { by: { userId: "cora", name: "Cora Coordinator" }, at: now.toISOString() };
    await stores.standards.create(TENANT, LETTERS, change);
    await stores.standards.create(TENANT, CALLS, change);
    await stores.tenants.register(TENANT);
    env = { TABLES_CONNECTION_STRING: connectionString(), TABLE_PREFIX: prefix };
    dir = await mkdtemp(join(tmpdir(), "cse-standards-"));
    const csv = [
      "Period,Standard,Value,Count,Note",
      `${periodName(lastQuarter)},letters,91%,412,Two vacancies`,
      `${monthBefore.label},calls,2.4,,`,
      `${lastMonth.label},calls,3.1,,`,
      `${lastMonth.label},Bins collected on time,99,,`,
      `${monthBefore.label},calls,=SUM(C3:C4),,`,
    ].join("\n");
    await writeFile(join(dir, "figures.csv"), csv);
  });

  it("import --dry-run --json says what the file holds and writes nothing", async () => {
    const { code, stdout } = await cli(["standards", "import", join(dir, "figures.csv"), "--dry-run", "--json"], env);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ ok: true, dryRun: true, new: 3, corrections: 0, unchanged: 0 });
    expect(json.figures).toContainEqual({
      row: 2,
      change: "new",
      standardId: "letters",
      periodId: lastQuarter.id,
      value: 91,
      count: 412,
      note: "Two vacancies",
    });
    expect(json.skipped).toEqual([
      { row: 5, reason: 'no standard called "Bins collected on time"' },
      { row: 6, reason: "the value looks like a spreadsheet formula, not a number" },
    ]);
    expect(await stores.standards.allFigures(TENANT)).toEqual([]);
    const people = await cli(["standards", "import", join(dir, "figures.csv"), "--dry-run"], env);
    expect(people.stdout).toContain("3 figures read from figures.csv: 3 new, 0 corrections, 0 already recorded.");
    expect(people.stdout).toContain("  row 6: the value looks like a spreadsheet formula, not a number");
    expect(people.stdout).toContain("Dry run: nothing was written.");
  });

  it("import records the figures once: the same file again changes nothing; a corrected value is audited", async () => {
    const first = await cli(["standards", "import", join(dir, "figures.csv")], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Recorded 3 new figures.");
    expect(first.stdout).toContain('row 5: no standard called "Bins collected on time"');
    expect(await stores.standards.figure(TENANT, "letters", lastQuarter.id)).toMatchObject({
      value: 91,
      count: 412,
      by: { userId: "cse-bot-cli", name: "CSE coordinator (command line)" },
    });
    const again = JSON.parse((await cli(["standards", "import", join(dir, "figures.csv"), "--json"], env)).stdout);
    expect(again).toMatchObject({ ok: true, added: 0, corrected: 0, unchanged: 3 });
    expect(again.message).toBe("Every figure in this file is already recorded; nothing has changed.");
    await writeFile(join(dir, "corrected.csv"), `Period,Standard,Value\n${lastMonth.label},calls,2.9\n`);
    const corrected = await cli(["standards", "import", join(dir, "corrected.csv")], env);
    expect(corrected.stdout).toContain("Corrected 1 figure (the old values are kept in each standard's history).");
    const [latest] = await stores.standards.history(TENANT, "calls");
    expect(latest).toMatchObject({ field: `figure ${lastMonth.id}`, from: "3.1", to: "2.9" });
  });

  it("import refuses in words what it cannot read, and a file that is not there", async () => {
    await writeFile(join(dir, "plan.csv"), "Action,Owner,Due\nPublish the standards,Priya,June\n");
    const plan = await cli(["standards", "import", join(dir, "plan.csv")], env);
    expect(plan.code).toBe(65);
    expect(plan.stderr).toMatch(/^I could not find the header row in the first 10 rows/);
    const missing = await cli(["standards", "import", join(dir, "nope.xlsx")], env);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain(`I could not read "${join(dir, "nope.xlsx")}"`);
  });

  it("says what is missing from a command, in words, with a non-zero exit", async () => {
    // Independent of each other: run together, as four administrators might.
    const [noFile, unknown, pdf, other] = await Promise.all([
      cli(["standards", "import"], env),
      cli(["standards", "import", join(dir, "figures.csv"), "--tenant", "other-council"], env),
      cli(["standards", "export", "--format", "pdf"], env),
      cli(["standards", "publish"], env),
    ]);
    expect([noFile.code, noFile.stderr]).toEqual([
      64,
      "Which file? For example: cse-bot standards import figures-2026-27.xlsx --dry-run\n",
    ]);
    expect([unknown.code, unknown.stderr]).toEqual([65, expect.stringContaining("Your council has no service standards yet")]);
    expect([pdf.code, pdf.stderr]).toEqual([64, expect.stringContaining("Say which format: --format csv")]);
    expect([other.code, other.stderr]).toEqual([64, expect.stringContaining('Unknown standards command "publish"')]);
  });

  it("export writes each standard's results as CSV", async () => {
    const csv = await cli(["standards", "export", "--format", "csv", "--out", join(dir, "standards.csv")], env);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain(`Wrote ${join(dir, "standards.csv")} (`);
    expect(csv.stdout).toContain("bytes): 2 standards.");
    const rows = (await readFile(join(dir, "standards.csv"), "utf8")).split("\r\n");
    expect(rows[0]!.startsWith("\uFEFF")).toBe(true);
    expect(rows.filter((r) => r.includes("We will answer your letter") && r.includes(",91,"))).toHaveLength(1);
    expect(rows.filter((r) => r.includes("We will answer your call") && r.includes(",2.9,"))).toHaveLength(1);
  });

  it("export writes the public page of the published standards as HTML, headed with the council's name", async () => {
    const html = JSON.parse(
      (
        await cli(
          ["standards", "export", "--format", "html", "--out", join(dir, "page.html"), "--council", "Oadby & Wigston", "--json"],
          env,
        )
      ).stdout,
    );
    expect(html).toMatchObject({ ok: true, path: join(dir, "page.html"), standards: 1 });
    const page = await readFile(join(dir, "page.html"), "utf8");
    expect(page).toContain("<h1>How we are doing: Oadby &amp; Wigston</h1>");
    expect(page).toContain("We will answer your letter within ten working days");
    expect(page).not.toContain("We will answer your call");
    const unnamed = await cli(["standards", "export", "--format", "html", "--out", join(dir, "unnamed.html")], env);
    expect(unnamed.stdout).toContain("1 published standard.");
    expect(await readFile(join(dir, "unnamed.html"), "utf8")).toContain("How we are doing: Our council");
  });
});
