/**
 * The CLI's commands about a council's files: the summary as text, exports, and reading an
 * assessor report. Wiring only: the work is in services/ and io/.
 */
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { summaryText } from "./cards/index.js";
import { systemClock } from "./clock.js";
import type { Config } from "./config.js";
import type { Campaign } from "./domain/campaign.js";
import type { Result } from "./domain/refusal.js";
import { describeCounts, parseAssessorReport, ratingCounts, totalsAgree } from "./io/assessor-report.js";
import { RATINGS } from "./standard/index.js";
import { proposeCalendar, type ProposedCalendar } from "./domain/certification.js";
import { extractText } from "./io/extract-text.js";
import { exportCampaign, type ExportFormat } from "./services/export.js";
import { SummaryService } from "./services/summary.js";
import { ReportImportService } from "./services/report-import.js";
import { CertificationService } from "./services/certification.js";
import { createLogger } from "./logger.js";
import { openStores, type Stores } from "./store/index.js";
import { connectStorage } from "./store/local-storage.js";

/** The council a command is about: --tenant, needed when the bot serves several; `none` says why there is nothing without one. */
export async function findTenant(stores: Stores, tenant: string | undefined, none: string): Promise<string | undefined> {
  const tenants = tenant ? [tenant] : await stores.tenants.list();
  if (tenants.length === 1) return tenants[0];
  process.stderr.write(
    tenants.length === 0
      ? `No council has used the bot yet, so ${none}.\n`
      : `The bot serves ${tenants.length} councils; say which with --tenant (one of: ${tenants.join(", ")}).\n`,
  );
  return undefined;
}

/** The campaign a command is about: --tenant (needed when several councils use the bot) and --campaign (default: the current one). */
export async function findCampaign(
  stores: Stores,
  tenant: string | undefined,
  campaignId: string | undefined,
): Promise<Campaign | undefined> {
  const tenantId = await findTenant(stores, tenant, "there is nothing to summarise");
  if (!tenantId) return undefined;
  const id = campaignId ?? (await stores.campaigns.activeCampaignId(tenantId));
  const campaign = id ? await stores.campaigns.get(tenantId, id) : undefined;
  if (!campaign)
    process.stderr.write(
      id
        ? `There is no campaign "${id}" in that council. Its campaigns: ${(await stores.campaigns.list(tenantId)).map((c) => c.id).join(", ") || "none"}.\n`
        : "That council has no campaign yet.\n",
    );
  return campaign;
}

export async function printDigest(cfg: Config, tenant: string | undefined, campaignId: string | undefined): Promise<number> {
  const storage = await connectStorage(cfg);
  try {
    const stores = await openStores(storage.connectionString, cfg.TABLE_PREFIX);
    const campaign = await findCampaign(stores, tenant, campaignId);
    if (!campaign) return 64;
    // The administrator running this can read everything; no role check applies outside Teams.
    const summaries = new SummaryService(stores, systemClock, () => Promise.resolve(["coordinator"]), {
      minCompliant: cfg.OUTLOOK_MIN_COMPLIANT,
      maxNonCompliance: cfg.OUTLOOK_MAX_NON_COMPLIANCE,
    });
    process.stdout.write(`${summaryText(await summaries.build(campaign))}\n`);
    return 0;
  } finally {
    await storage.release();
  }
}

export async function exportFile(
  cfg: Config,
  format: ExportFormat,
  tenant: string | undefined,
  campaignId: string | undefined,
  out: string | undefined,
): Promise<number> {
  const storage = await connectStorage(cfg);
  try {
    const stores = await openStores(storage.connectionString, cfg.TABLE_PREFIX);
    const campaign = await findCampaign(stores, tenant, campaignId);
    if (!campaign) return 64;
    const file = await exportCampaign(stores, systemClock, campaign, format);
    const path = out ?? file.fileName;
    await writeFile(path, file.bytes);
    process.stdout.write(`Wrote ${path} (${file.bytes.byteLength.toLocaleString("en-GB")} bytes): "${campaign.name}".\n`);
    return 0;
  } finally {
    await storage.release();
  }
}

/** A file's bytes, or the exit code after saying why it could not be read. */
export async function fileBytes(file: string): Promise<Uint8Array | number> {
  try {
    return await readFile(file);
  } catch {
    process.stderr.write(`I could not read "${file}". Check the path and that you may read the file.\n`);
    return 66; // EX_NOINPUT
  }
}

/** The text of a file as `read` extracts it, or the exit code after saying why not. */
export async function fileText(
  file: string,
  read: (bytes: Uint8Array, name: string) => Promise<Result<string>> = extractText,
): Promise<string | number> {
  const bytes = await fileBytes(file);
  if (typeof bytes === "number") return bytes;
  const text = await read(bytes, basename(file));
  if (text.ok) return text.value;
  process.stderr.write(`${text.refusal.message}\n`);
  return 65; // EX_DATAERR
}

export async function importReport(
  cfg: Config,
  file: string,
  tenant: string | undefined,
  campaignId: string | undefined,
  json: boolean,
): Promise<number> {
  const text = await fileText(file);
  if (typeof text === "number") return text;
  const storage = await connectStorage(cfg);
  try {
    const stores = await openStores(storage.connectionString, cfg.TABLE_PREFIX);
    const campaign = await findCampaign(stores, tenant, campaignId);
    if (!campaign) return 64;
    // The administrator running this acts as a coordinator, recorded by name in the actions' audit.
    const admin = { tenantId: campaign.tenantId, userId: "cse-bot-cli", displayName: "CSE coordinator (command line)" };
    const log = createLogger("silent");
    const asCoordinator = () => Promise.resolve(["coordinator"] as const);
    const imports = new ReportImportService(
      { stores, clock: systemClock, log, rolesOf: asCoordinator },
      new CertificationService({ stores, clock: systemClock, log, rolesOf: asCoordinator }),
    );
    const outcome = await imports.apply(admin, campaign.id, text);
    if (json)
      process.stdout.write(`${JSON.stringify({ ok: outcome.ok, message: outcome.ok ? outcome.message : outcome.refusal.message })}\n`);
    else process.stdout.write(`${outcome.ok ? outcome.message : outcome.refusal.message}\n`);
    return outcome.ok ? 0 : 65;
  } finally {
    await storage.release();
  }
}

export async function previewReport(file: string, json: boolean): Promise<number> {
  const text = await fileText(file);
  if (typeof text === "number") return text;
  const report = parseAssessorReport(text);
  if (json) {
    const counts = Object.fromEntries(RATINGS.map((r) => [r.id, 0]));
    for (const { rating, count } of ratingCounts(report)) counts[rating] = count;
    const json = { ...report, ratings: Object.fromEntries(report.ratings), counts, totalsAgree: totalsAgree(report) ?? null };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `${report.organisation ?? "Organisation not found"} · ${report.reportType ?? "report type not found"}${report.assessmentDate ? ` · assessed ${report.assessmentDate}` : ""}`,
    describeCounts(report),
    ...(report.nextReviews.length ? [`Next reviews: ${report.nextReviews.map((r) => `${r.label} (${r.month})`).join("; ")}`] : []),
    ...calendarLines(proposeCalendar(report)),
    `Areas for improvement (${report.areas.length}):`,
    ...report.areas.map(
      (a, i) => `  ${i + 1}. [${a.refs.join(", ") || "no element named"}] ${a.text.slice(0, 110)}${a.text.length > 110 ? "..." : ""}`,
    ),
    ...(report.disagreements.length
      ? ["Where the report disagrees with its own table (the table is used):", ...report.disagreements.map((d) => `  - ${d}`)]
      : []),
    ...(report.problems.length ? ["Could not read:", ...report.problems.map((p) => `  - ${p}`)] : ["Nothing unreadable."]),
    "Dry run: nothing was written.",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

/** The certification dates a report implies, as the preview card shows them. */
function calendarLines(proposed: ProposedCalendar | undefined): string[] {
  if (!proposed) return ["Certification dates: the report does not say where it falls in the cycle; set them with dates."];
  return [
    `Certification dates proposed: certified ${proposed.certifiedOn} (${proposed.basis}); ${proposed.visits.map((v) => `${v.label.toLowerCase()} ${v.date}`).join(", ")}`,
    ...proposed.differences.map((d) => `  - ${d}`),
  ];
}
