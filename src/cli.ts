#!/usr/bin/env node
/**
 * Admin commands: `npx cse-bot standard [--json]`, `npx cse-bot doctor`,
 * `npx cse-bot seed-demo [--tenant ID] [--user ID]`, `npx cse-bot standards import|export`, and
 * the others USAGE lists.
 */
import { SUPPORTED_NODE, unsupportedNode } from "./runtime.js";
import { parseArgs } from "node:util";
import { systemClock } from "./clock.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createLogger } from "./logger.js";
import { PLAYGROUND_TENANT, PLAYGROUND_USER, seedDemo } from "./services/demo.js";
import { parseCoordinatorList } from "./domain/roles.js";
import { RolesService } from "./services/roles.js";
import { WalkthroughService } from "./services/walkthrough.js";
import { CRITERIA, ELEMENTS, GUIDANCE, RATINGS, STANDARD_VERSION } from "./standard/index.js";
import { openStores } from "./store/index.js";
import { connectStorage, pilotStorageWarning } from "./store/local-storage.js";
import { createAdapter } from "./bot/adapter.js";
import { isIsoDate } from "./domain/calendar.js";
import { sendingDay } from "./domain/reminders.js";
import { ReminderScheduler } from "./jobs/scheduler.js";
import { createReminderJob } from "./reminders.js";
import { EXPORT_FORMATS, type ExportFormat } from "./services/export.js";
import { exportFile, importReport, previewReport, printDigest } from "./cli-files.js";
import { importPlan, previewPlan } from "./cli-plans.js";
import { standardsCommand } from "./cli-standards.js";

const USAGE = `Usage: cse-bot <command> [options]

Commands:
  standard [--json]                 Print the CSE standard: criteria, sub-criteria, elements, ratings
  doctor                            Check configuration and storage, and say what to fix
  seed-demo [--tenant ID] [--user ID]
                                    Fill a demo tenant with a half-finished self-assessment
                                    (defaults: the Agents Playground's tenant and user)
  reminders run [--day YYYY-MM-DD] [--json]
                                    Send today's reminders now (for cron or an Azure Functions
                                    timer; set REMINDERS=off on the bot then). Sends only from
                                    09:00 Europe/London on working days, unless --day is given.
                                    Safe to run anywhere, any number of times: one sender at a
                                    time holds a lease, and nothing is sent twice.
  digest [--tenant ID] [--campaign ID] --print
                                    Print a campaign's compliance summary as text (the
                                    tenant's current campaign unless --campaign is given;
                                    --tenant is needed when the bot serves several councils)
  export --format xlsx|csv|html|public [--tenant ID] [--campaign ID] [--out FILE]
                                    Write the evidence matrix (xlsx, csv) or the
                                    self-assessment report (html) of a campaign to a file
  import-report FILE [--campaign ID] [--tenant ID] [--dry-run] [--json]
                                    Read an assessor report (.docx, .pdf, .txt, .md) and say
                                    what it holds: ratings and totals, dates, areas for
                                    improvement and their elements, disagreements, anything
                                    unreadable. Then store the assessor's ratings in the
                                    campaign (the current one unless --campaign is given) with
                                    a draft improvement action per area; --dry-run writes
                                    nothing. Importing the same report twice changes nothing.
  import-actions FILE [--element REF] [--campaign ID] [--tenant ID] [--dry-run] [--json]
                                    Read an improvement plan (.xlsx, .csv, .docx, .pdf, .txt,
                                    .md: a table with Task/Action and Owner/Responsibility or
                                    Due/Timescale columns, or numbered recommendations) and
                                    store one improvement action per row, with the elements
                                    it names (--element files rows that name none), its owner
                                    and due date. --dry-run writes nothing. Rows already
                                    imported are not imported again.
  standards import FILE [--tenant ID] [--dry-run] [--json]
                                    Record service-standard figures from an .xlsx or .csv
                                    (columns Period, Standard, Value; Count, Comparator, Note
                                    optional): new ones and corrections, each row not read
                                    listed with why. --dry-run writes nothing.
  standards export --format csv|html [--out FILE] [--tenant ID] [--council NAME] [--json]
                                    Write the standards' results as CSV, or the public "How
                                    we are doing" page (html) headed with --council
  help                              This text
`;

async function main(argv: string[]): Promise<number> {
  const oldNode = unsupportedNode();
  if (oldNode) {
    process.stderr.write(`${oldNode}\n`);
    return 1;
  }
  const [command = "help", ...rest] = argv;
  switch (command) {
    case "standard":
      return printStandard(parseArgs({ args: rest, options: { json: { type: "boolean", default: false } } }).values.json ?? false);
    case "doctor":
      return doctor();
    case "seed-demo": {
      const { values } = parseArgs({ args: rest, options: { tenant: { type: "string" }, user: { type: "string" } } });
      return demo(values.tenant ?? PLAYGROUND_TENANT, values.user ?? PLAYGROUND_USER);
    }
    case "reminders": {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { day: { type: "string" }, json: { type: "boolean", default: false } },
      });
      if (positionals[0] !== "run") {
        process.stderr.write(`Unknown reminders command "${positionals[0] ?? ""}". Did you mean: cse-bot reminders run\n`);
        return 64;
      }
      return runReminders(values.day, values.json ?? false);
    }
    case "digest": {
      const { values } = parseArgs({
        args: rest,
        options: { tenant: { type: "string" }, campaign: { type: "string" }, print: { type: "boolean", default: false } },
      });
      if (!values.print) {
        process.stderr.write("Add --print to print the summary here. Channels get theirs from the bot: digest weekly in a team channel.\n");
        return 64;
      }
      const cfg = config();
      return cfg ? printDigest(cfg, values.tenant, values.campaign) : 78;
    }
    case "export": {
      const { values } = parseArgs({
        args: rest,
        options: { format: { type: "string" }, tenant: { type: "string" }, campaign: { type: "string" }, out: { type: "string" } },
      });
      if (!EXPORT_FORMATS.includes(values.format as ExportFormat)) {
        process.stderr.write(
          `Say which format: --format xlsx (the evidence matrix), csv, html (the report), or public (the "How we are doing" page of service standards).\n`,
        );
        return 64;
      }
      const cfg = config();
      return cfg ? exportFile(cfg, values.format as ExportFormat, values.tenant, values.campaign, values.out) : 78;
    }
    case "import-report":
    case "import-actions": {
      const plan = command === "import-actions";
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          "dry-run": { type: "boolean", default: false },
          json: { type: "boolean", default: false },
          campaign: { type: "string" },
          tenant: { type: "string" },
          ...(plan ? { element: { type: "string" } } : {}),
        },
      });
      const file = positionals[0];
      if (!file) {
        process.stderr.write(
          `Which file? For example: cse-bot ${command} ${plan ? "improvement-plan.xlsx" : "assessor-report-2025.docx"} --dry-run\n`,
        );
        return 64;
      }
      const json = values.json ?? false;
      if (values["dry-run"]) return plan ? previewPlan(file, json) : previewReport(file, json);
      const cfg = config();
      if (!cfg) return 78;
      const element = typeof values.element === "string" ? values.element : undefined;
      return plan
        ? importPlan(cfg, file, { tenant: values.tenant, campaign: values.campaign, element, json })
        : importReport(cfg, file, values.tenant, values.campaign, json);
    }
    case "standards":
      return standardsCommand(rest, config);
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
      return 64; // EX_USAGE
  }
}

function printStandard(json: boolean): number {
  if (json) {
    const data = {
      version: STANDARD_VERSION,
      ratings: RATINGS,
      criteria: CRITERIA.map((c) => ({
        ...c,
        subCriteria: c.subCriteria.map((s) => ({ ...s, elements: s.elements.map((e) => ({ ...e, guidance: GUIDANCE[e.ref] })) })),
      })),
    };
    process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `Customer Service Excellence standard (${STANDARD_VERSION}): ${CRITERIA.length} criteria, ${ELEMENTS.length} elements`,
    "",
  ];
  for (const c of CRITERIA) {
    lines.push(`Criterion ${c.number}: ${c.title}`);
    for (const s of c.subCriteria) {
      lines.push(`  ${s.ref} ${s.title}`);
      for (const e of s.elements) lines.push(`    ${e.ref}  ${e.statement}`);
    }
    lines.push("");
  }
  lines.push(`Ratings: ${RATINGS.map((r) => `${r.label} (${r.short})`).join(", ")}; or not yet rated.`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

function config(): Config | undefined {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return undefined;
  }
}

async function doctor(): Promise<number> {
  const say = (ok: boolean, text: string) => process.stdout.write(`${ok ? "ok  " : "FAIL"}  ${text}\n`);
  say(true, `Node.js ${process.versions.node} (supported: ${SUPPORTED_NODE})`);
  const cfg = config();
  if (!cfg) {
    say(false, "configuration: fix the settings listed above");
    return 1;
  }
  say(true, "configuration is valid");
  const pilot = pilotStorageWarning(cfg);
  if (pilot) process.stdout.write(`WARN  ${pilot}\n`);
  say(
    true,
    cfg.localMode
      ? "local mode: no BOT_ID, so unsigned activities are accepted (fine on a laptop, never in production)"
      : `BOT_ID ${cfg.BOT_ID}: activities must carry a valid Bot Framework token`,
  );
  let failed = false;
  const storage = await connectStorage(cfg);
  try {
    const stores = await openStores(storage.connectionString, cfg.TABLE_PREFIX);
    await stores.tables.ping();
    say(true, `storage reachable: ${storage.description}; tables prefixed "${cfg.TABLE_PREFIX}" exist`);
  } catch (error) {
    failed = true;
    say(false, `storage not reachable (${storage.description}): ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  } finally {
    await storage.release();
  }
  return failed ? 1 : 0;
}

async function demo(tenantId: string, userId: string): Promise<number> {
  const cfg = config();
  if (!cfg) return 78;
  const storage = await connectStorage(cfg);
  try {
    const stores = await openStores(storage.connectionString, cfg.TABLE_PREFIX);
    const log = createLogger("warn");
    const roles = new RolesService(stores, systemClock, log, parseCoordinatorList(cfg.COORDINATORS));
    // The CLI has no Teams connection, so it cannot message anyone (and seeding reviews nobody).
    const cannotMessage = { send: () => Promise.resolve({ delivered: false }) };
    const walkthrough = new WalkthroughService(
      { stores, clock: systemClock, log, rolesOf: (actor) => roles.rolesOf(actor) },
      cannotMessage,
    );
    const result = await seedDemo(stores, walkthrough, systemClock, { tenantId, userId, displayName: "Demo coordinator" });
    process.stdout.write(
      `Demo data in tenant ${result.tenantId}, campaign ${result.campaignId}: ${result.rated} elements rated with narratives and evidence` +
        (result.skipped ? `, ${result.skipped} left as they were (already rated)` : "") +
        (result.standards ? `; ${result.standards} service standards with a year's figures` : "") +
        `.\nStorage: ${storage.description}\nIn the Agents Playground, type: progress (or standards)\n`,
    );
    return 0;
  } finally {
    await storage.release();
  }
}

async function runReminders(day: string | undefined, json: boolean): Promise<number> {
  if (day !== undefined && !isIsoDate(day)) {
    process.stderr.write(`--day must be a date written YYYY-MM-DD, not "${day}".\n`);
    return 64;
  }
  const cfg = config();
  if (!cfg) return 78;
  const storage = await connectStorage(cfg);
  const log = createLogger(json ? "silent" : cfg.LOG_LEVEL === "info" ? "warn" : cfg.LOG_LEVEL);
  try {
    const stores = await openStores(storage.connectionString, cfg.TABLE_PREFIX);
    const job = createReminderJob(stores, createAdapter(cfg), cfg.BOT_ID ?? "", systemClock, log);
    const scheduler = new ReminderScheduler(job, stores.outbox, systemClock, log, { instanceId: `cli-${process.pid}` });
    const report = day ? await scheduler.runFor(day) : await scheduler.tick();
    const out = report ?? {
      ran: false,
      why:
        day || sendingDay(systemClock.now())
          ? "another instance holds the reminder lease and is sending"
          : "not sending time: reminders go out from 09:00 Europe/London on working days",
    };
    if (json) process.stdout.write(`${JSON.stringify(out)}\n`);
    else if (!report) process.stdout.write(`Nothing sent: ${"why" in out ? out.why : ""}.\n`);
    else {
      const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
      process.stdout.write(
        `Reminders for ${report.day}: new messages for ${people(report.planned)}; ${report.sent} sent, ${report.permanent} could not be delivered (coordinators see who with "reminders"), ${report.gaveUp} left to retry, ${report.throttled} throttled by Teams.\n`,
      );
    }
    await scheduler.stop();
    return 0;
  } finally {
    await storage.release();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`cse-bot: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
