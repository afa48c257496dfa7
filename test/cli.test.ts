/** The admin CLI, run as a separate process the way an administrator runs it. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openStores } from "../src/store/index.js";
import { cli } from "./support/cli.js";
import { connectionString, uniquePrefix } from "./support/storage.js";
import { oadbyRatings } from "./support/seed-data.js";

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
    expect(data.ratings.map((r: any) => r.label)).toEqual([
      "Compliance Plus",
      "Compliance",
      "Partial Compliance",
      "Non-Compliance",
      "Not applicable",
    ]);
  });

  it("prints the standard for people", async () => {
    const { code, stdout } = await cli(["standard"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Criterion 5: Timeliness and Quality of Service");
    expect(stdout).toContain(
      "5.3.3  Our performance in relation to timeliness and quality of service compares well with that of similar organisations.",
    );
  });

  it("doctor reports reachable storage and exits 0", async () => {
    const { code, stdout } = await cli(["doctor"], { TABLES_CONNECTION_STRING: connectionString(), TABLE_PREFIX: uniquePrefix() });
    expect(code).toBe(0);
    expect(stdout).toMatch(/ok\s+storage reachable/);
    expect(stdout).not.toContain("WARN");
  });

  it("doctor names a missing setting and exits non-zero", async () => {
    const { code, stdout, stderr } = await cli(["doctor"], { BOT_ID: "00000000-1111-2222-3333-444444444444" });
    expect(code).toBe(1);
    expect(stderr).toContain("BOT_PASSWORD is required when BOT_ID is set");
    expect(stdout).toContain("FAIL");
  });

  it("doctor warns a pilot that keeps a registered bot's data in the embedded storage, and says where", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "cse-doctor-")), "data");
    const { code, stdout } = await cli(["doctor"], {
      BOT_ID: "00000000-1111-2222-3333-444444444444",
      BOT_PASSWORD: "not-a-real-secret",
      EMBEDDED_STORAGE: "pilot",
      DATA_DIR: dataDir,
    });
    expect(code).toBe(0);
    expect(stdout).toContain(
      `WARN  EMBEDDED_STORAGE=pilot: this council's data is kept on this machine only, in ${join(dataDir, "azurite")}.`,
    );
    expect(stdout).toContain("there is no backup and no second instance");
    expect(stdout).toMatch(/ok\s+storage reachable: embedded Azurite/);
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
    // The demo council is known to the scheduled jobs, so its summary prints straight away.
    const digest = await cli(["digest", "--print"], env);
    expect(digest.stdout).toContain("Not there yet: 20 compliant so far, 26 short of 46, with 35 still to rate.");
  });

  it("refuses an unknown command with usage", async () => {
    const { code, stderr } = await cli(["bogus"]);
    expect(code).toBe(64);
    expect(stderr).toContain('Unknown command "bogus"');
    expect(stderr).toContain("seed-demo");
  });
});

describe("npx cse-bot reminders run", () => {
  it("sends a day's reminders through the Bot Connector once, however often it runs", async () => {
    const { ConnectorStub } = await import("./support/connector-stub.js");
    const stub = await new ConnectorStub().start();
    const prefix = uniquePrefix();
    const stores = await openStores(connectionString(), prefix);
    const tenant = "tenant-cli-reminders";
    const conversation = JSON.stringify({
      channelId: "msteams",
      serviceUrl: stub.url,
      conversation: { id: "a:cli-owner", conversationType: "personal", tenantId: tenant },
      bot: { id: "28:bot" },
      user: { id: "29:owner", aadObjectId: "owner" },
    });
    await stores.participants.putConversation(tenant, "owner", "Olu Officer", conversation, "2026-11-02T10:00:00Z");
    await stores.tenants.register(tenant, stub.url);
    const at = "2026-11-02T10:00:00Z";
    const person = { userId: "owner", name: "Olu Officer" };
    // Due Thu 26 Nov: its reminder one working day before is Wed 25 Nov.
    await stores.actions.create(
      tenant,
      (id) => ({
        tenantId: tenant,
        id,
        title: "Publish service standards",
        description: "",
        refs: ["3.2.1"],
        owner: person,
        dueOn: "2026-11-26",
        priority: "high",
        status: "open",
        createdBy: person,
        createdAt: at,
        updatedAt: at,
      }),
      "2026-11-25",
      { by: person, at },
    );
    try {
      const env = { TABLES_CONNECTION_STRING: connectionString(), TABLE_PREFIX: prefix };
      const first = await cli(["reminders", "run", "--day", "2026-11-25"], env);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain("Reminders for 2026-11-25: new messages for 1 person; 1 sent, 0 could not be delivered");
      const again = await cli(["reminders", "run", "--day", "2026-11-25", "--json"], env);
      expect(JSON.parse(again.stdout)).toMatchObject({ day: "2026-11-25", planned: 0, sent: 0 });
      expect(stub.acceptedByConversation.get("a:cli-owner")).toBe(1);
      expect(stub.accepted).toBe(1);
      const bad = await cli(["reminders", "run", "--day", "25/11/2026"], env);
      expect(bad.code).toBe(64);
      expect(bad.stderr).toContain("--day must be a date written YYYY-MM-DD");
    } finally {
      await stub.stop();
    }
  });
});

describe("a campaign from the command line: digest, export, import-report", () => {
  const tenant = "tenant-cli-digest";
  let env: Record<string, string> = {};
  let stores: Awaited<ReturnType<typeof openStores>>;

  // One campaign rated as Oadby and Wigston's assessor rated it, shared by the commands below.
  beforeAll(async () => {
    const { defaultCampaign } = await import("../src/domain/campaign.js");
    const { emptyAssessment } = await import("../src/domain/assessment.js");
    const prefix = uniquePrefix();
    stores = await openStores(connectionString(), prefix);
    const campaign = await stores.campaigns.createOrGet({
      ...defaultCampaign(tenant, "review-2027", "cora", new Date("2026-11-02T10:00:00Z")),
      name: "CSE annual review 2027",
    });
    await stores.campaigns.setActive(tenant, campaign.id);
    await stores.tenants.register(tenant);
    const ratings = oadbyRatings();
    const rows = Object.entries(ratings).map(([ref, rating]) => ({
      next: { ...emptyAssessment(campaign.id, "council", ref), rating },
      audit: [],
    }));
    for (let i = 0; i < rows.length; i += 20) await stores.assessments.saveAll(tenant, rows.slice(i, i + 20));
    env = { TABLES_CONNECTION_STRING: connectionString(), TABLE_PREFIX: prefix };
  });

  it("digest --print prints the current campaign's compliance summary as text", async () => {
    const { code, stdout } = await cli(["digest", "--print"], env);
    expect(code).toBe(0);
    expect(stdout).toContain("CSE annual review 2027");
    expect(stdout).toContain("On track for certification: 55 of 57 elements at Compliance or better, 9 above the threshold of 46.");
    expect(stdout).toContain("8 Compliance Plus · 47 Compliance · 2 Partial");
    const stricter = await cli(["digest", "--print"], { ...env, OUTLOOK_MIN_COMPLIANT: "56" });
    expect(stricter.stdout).toContain("At risk: 55 compliant, 1 short of 56.");
    const missing = await cli(["digest", "--campaign", "nope", "--print"], env);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain('There is no campaign "nope" in that council. Its campaigns: review-2027.');
  });

  it("export writes the evidence matrix (read back) and the report", async () => {
    const { mkdtemp } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const ExcelJS = (await import("exceljs")).default;
    const dir = await mkdtemp(`${tmpdir()}/cse-export-`);
    const xlsx = await cli(["export", "--format", "xlsx", "--out", `${dir}/matrix.xlsx`], env);
    expect(xlsx.stdout).toContain(`Wrote ${dir}/matrix.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(`${dir}/matrix.xlsx`);
    expect(book.getWorksheet("Evidence matrix")!.rowCount).toBe(58);
    const sheet = book.getWorksheet("Evidence matrix")!;
    const rating = (ref: string) =>
      sheet
        .getRows(2, 57)!
        .find((r) => r.getCell(2).value === ref)
        ?.getCell(5).value;
    expect([rating("4.1.2"), rating("1.3.1"), rating("1.1.1")]).toEqual(["Partial Compliance", "Compliance Plus", "Compliance"]);
    const html = await cli(["export", "--format", "html", "--out", `${dir}/report.html`], env);
    expect(html.code).toBe(0);
    expect(readFileSync(`${dir}/report.html`, "utf8")).toContain("<td>8</td><td>47</td><td>2</td>");
    expect((await cli(["export", "--format", "pdf"], env)).stderr).toContain("Say which format: --format xlsx");
  });

  it("import-report imports last year's assessor report once: the second time changes nothing", async () => {
    const imported = await cli(["import-report", "test/fixtures/assessor-report-charnwood-2017.txt"], env);
    expect(imported.stdout).toContain(
      `Imported the assessor's 57 ratings into "CSE annual review 2027" and 7 draft improvement actions (1, 2, 3, 4, 5, 6, 7)`,
    );
    const twice = await cli(["import-report", "test/fixtures/assessor-report-charnwood-2017.txt"], env);
    expect(twice.stdout).toContain("This report was already imported on");
    expect(await stores.actions.list(tenant)).toHaveLength(7);
  });

  it("import-actions stores the scrutiny report's 22 recommendations once, asking first which element they belong to", async () => {
    const file = "test/fixtures/plans/scrutiny-customer-service-2009.txt";
    const unfiled = await cli(["import-actions", file], env);
    expect(unfiled.code).toBe(65);
    expect(unfiled.stdout).toContain("22 of the plan's rows name no element of the standard. Choose the element they belong to");
    expect(unfiled.stdout).toContain("--element 1.1.1");
    expect(await stores.actions.list(tenant)).toHaveLength(7);
    const imported = JSON.parse((await cli(["import-actions", file, "--element", "2.1.1", "--json"], env)).stdout);
    expect(imported).toMatchObject({ ok: true, created: Array.from({ length: 22 }, (_, i) => String(8 + i)), rows: 22 });
    expect(imported.message).toContain('Imported 22 improvement actions (Actions 8\u201329) into "CSE annual review 2027"');
    const five = await stores.actions.get(tenant, "12");
    expect(five).toMatchObject({ refs: ["2.1.1"], owner: { userId: "cse-bot-cli" }, status: "open" });
    expect(five!.description).toContain("Owner as written in the plan: Head of Customer Service and Access.");
    expect(five!.description).toContain("Due as written in the plan: by June 2009.");
    const twice = await cli(["import-actions", file, "--element", "2.1.1"], env);
    expect(twice.stdout).toContain("Every row of this plan was already imported");
    expect(await stores.actions.list(tenant)).toHaveLength(29);
  });
});

describe("npx cse-bot import-report --dry-run", () => {
  it("says what an assessor report holds and writes nothing", async () => {
    const { code, stdout } = await cli(["import-report", "test/fixtures/assessor-report-charnwood-2017.txt", "--dry-run"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Charnwood Borough Council · Annual Review Year 2 · assessed 2017-09-21");
    expect(stdout).toContain("57 elements: 11 Compliance Plus, 44 Compliance, 2 Partial Compliance");
    expect(stdout).toContain("[1.1.2, 1.2.2, 3.2.3]");
    expect(stdout).toContain("Dry run: nothing was written.");
    const json = JSON.parse(
      (await cli(["import-report", "test/fixtures/assessor-report-oadby-wigston-2023.txt", "--dry-run", "--json"])).stdout,
    );
    expect(Object.values(json.ratings).filter((r) => r === "partial")).toHaveLength(2);
    expect(json.disagreements).toContain("The summary of strengths cites 2.1.3, but the table rates it Compliance; the table is used.");
    const missing = await cli(["import-report", "no-such-report.docx", "--dry-run"]);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain('I could not read "no-such-report.docx"');
  });
});

describe("npx cse-bot import-actions --dry-run", () => {
  it("says what an improvement plan holds, row by row, and writes nothing", async () => {
    const { code, stdout } = await cli(["import-actions", "test/fixtures/plans/leicester-customer-care-review-2000.txt", "--dry-run"]);
    expect(code).toBe(0);
    expect(stdout).toContain("20 actions read from leicester-customer-care-review-2000.txt:");
    expect(stdout).toContain('owner: Cabinet · due: 2001-02-28 ("February 2001") · elements: none named');
    expect(stdout).toContain("Dry run: nothing was written.");
    const json = JSON.parse(
      (await cli(["import-actions", "test/fixtures/plans/scrutiny-customer-service-2009.txt", "--dry-run", "--json"])).stdout,
    );
    expect(json.actions).toBe(22);
    expect(json.rows[4]).toMatchObject({
      where: "Recommendation 5",
      ownerAsWritten: "Head of Customer Service and Access",
      dueOn: "2009-06-30",
    });
    const none = await cli(["import-actions", "test/fixtures/assessor-report-charnwood-2017.txt", "--dry-run"]);
    expect(none.code).toBe(65);
    expect(none.stdout).toContain("0 actions read");
  });
});
