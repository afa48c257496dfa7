/**
 * `cse-bot standards import FILE`: a file of service-standard figures (.xlsx, .csv) read and
 * checked as the bot does in Teams, then recorded (--dry-run says what would be and writes
 * nothing); `cse-bot standards export --format csv|html`: the standards' results as CSV, or as
 * the public "How we are doing" page. Wiring only: the work is in services/ and io/.
 */
import { writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { systemClock } from "./clock.js";
import type { Config } from "./config.js";
import { londonDay } from "./domain/calendar.js";
import { periodName } from "./domain/periods.js";
import { formatValue } from "./domain/standards-report.js";
import { standardsCsv } from "./io/standards-csv.js";
import { standardsPage } from "./io/standards-page.js";
import { createLogger } from "./logger.js";
import type { ServiceContext } from "./services/context.js";
import { FigureImportService, type FigurePreview } from "./services/figure-import.js";
import { StandardsService } from "./services/standards.js";
import { fileBytes, findTenant } from "./cli-files.js";
import { openStores } from "./store/index.js";
import { connectStorage } from "./store/local-storage.js";

export const STANDARDS_EXPORT_FORMATS = ["csv", "html"] as const;
export type StandardsExportFormat = (typeof STANDARDS_EXPORT_FORMATS)[number];

/** What the public page is headed with when no council name is given. */
const NO_COUNCIL_NAME = "Our council";

/** Opens storage for one council and runs `work` as its coordinator; releases storage whatever happens. */
async function asCoordinator(
  cfg: Config,
  tenant: string | undefined,
  work: (context: ServiceContext, tenantId: string) => Promise<number>,
): Promise<number> {
  const storage = await connectStorage(cfg);
  try {
    const stores = await openStores(storage.connectionString, cfg.TABLE_PREFIX);
    const tenantId = await findTenant(stores, tenant, "it has no service standards");
    if (!tenantId) return 64;
    // The administrator running this acts as a coordinator, recorded by name in the figures' history.
    const rolesOf = () => Promise.resolve(["coordinator"] as const);
    return await work({ stores, clock: systemClock, log: createLogger("silent"), rolesOf }, tenantId);
  } finally {
    await storage.release();
  }
}

/** What a file's figures come to, as lines for people. */
function previewLines(preview: FigurePreview): string[] {
  const byRow = [...preview.figures].sort((a, b) => a.row - b.row);
  const of = (change: string) => byRow.filter((f) => f.change === change);
  const shown = (value: number, f: FigurePreview["figures"][number]) => formatValue(value, f.standard.measure);
  const line = (f: FigurePreview["figures"][number]) =>
    `  row ${f.row}: ${f.standard.id} · ${periodName(f.period)}: ${f.before ? `${shown(f.before.value, f)} → ` : ""}${shown(f.figure.value, f)}${f.before?.value === f.figure.value ? " (its count, comparator or note changes)" : ""}`;
  const [fresh, corrections, unchanged] = [of("new"), of("correction"), of("unchanged")];
  return [
    `${preview.figures.length} figure${preview.figures.length === 1 ? "" : "s"} read from ${preview.fileName}${preview.sheet !== undefined ? ` (sheet "${preview.sheet}")` : ""}: ${fresh.length} new, ${corrections.length} corrections, ${unchanged.length} already recorded.`,
    ...(fresh.length ? ["New:", ...fresh.map(line)] : []),
    ...(corrections.length ? ["Corrections (recorded → the file's):", ...corrections.map(line)] : []),
    ...(preview.skipped.length
      ? ["Rows not read:", ...preview.skipped.map((s) => `  row ${s.row}: ${s.reason}`)]
      : ["Every row was read."]),
    ...(preview.otherSheets.length ? [`Other sheets with figures, not read: ${preview.otherSheets.join(", ")}`] : []),
  ];
}

export async function importFigures(
  cfg: Config,
  file: string,
  options: { tenant?: string; dryRun: boolean; json: boolean },
): Promise<number> {
  const bytes = await fileBytes(file);
  if (typeof bytes === "number") return bytes;
  return asCoordinator(cfg, options.tenant, async (context, tenantId) => {
    const admin = { tenantId, userId: "cse-bot-cli", displayName: "CSE coordinator (command line)" };
    const figures = new FigureImportService(context);
    const outcome = options.dryRun ? await figures.read(admin, bytes, basename(file)) : await figures.apply(admin, bytes, basename(file));
    if (!outcome.ok) {
      if (options.json)
        process.stdout.write(`${JSON.stringify({ ok: false, code: outcome.refusal.code, message: outcome.refusal.message })}\n`);
      else process.stderr.write(`${outcome.refusal.message}\n`);
      return 65; // EX_DATAERR
    }
    const { preview, result } = outcome;
    const count = (change: string) => preview.figures.filter((f) => f.change === change).length;
    if (options.json) {
      const json = {
        ok: true,
        dryRun: options.dryRun,
        ...(outcome.message !== undefined && { message: outcome.message }),
        new: count("new"),
        corrections: count("correction"),
        unchanged: count("unchanged"),
        ...(result && { added: result.added, corrected: result.corrected, notImported: result.notImported.length }),
        figures: [...preview.figures]
          .sort((a, b) => a.row - b.row)
          .map((f) => ({ row: f.row, change: f.change, ...f.figure, ...(f.before && { before: f.before.value }) })),
        skipped: preview.skipped,
        otherSheets: preview.otherSheets,
      };
      process.stdout.write(`${JSON.stringify(json)}\n`);
    } else {
      const lines = options.dryRun ? [...previewLines(preview), "Dry run: nothing was written."] : [outcome.message ?? ""];
      if (!options.dryRun && preview.skipped.length)
        lines.push(`Rows not read (${preview.skipped.length}):`, ...preview.skipped.map((s) => `  row ${s.row}: ${s.reason}`));
      process.stdout.write(`${lines.join("\n")}\n`);
    }
    return preview.figures.length ? 0 : 65;
  });
}

export async function exportStandards(
  cfg: Config,
  format: StandardsExportFormat,
  options: { tenant?: string; out?: string; council?: string; json: boolean },
): Promise<number> {
  return asCoordinator(cfg, options.tenant, async (context, tenantId) => {
    const { rows } = await new StandardsService(context).report(tenantId);
    const today = londonDay(systemClock.now());
    // A byte-order mark, so that Excel opens the CSV as UTF-8.
    const bytes =
      format === "csv"
        ? Buffer.from(`\uFEFF${standardsCsv(rows)}`, "utf8")
        : Buffer.from(standardsPage({ council: options.council?.trim() || NO_COUNCIL_NAME, rows, today }), "utf8");
    const path = options.out ?? (format === "csv" ? `service-standards-${today}.csv` : `how-we-are-doing-${today}.html`);
    await writeFile(path, bytes);
    const shown = format === "csv" ? rows.length : rows.filter((r) => r.standard.published).length;
    if (options.json) process.stdout.write(`${JSON.stringify({ ok: true, path, bytes: bytes.byteLength, standards: shown })}\n`);
    else
      process.stdout.write(
        `Wrote ${path} (${bytes.byteLength.toLocaleString("en-GB")} bytes): ${shown} ${format === "csv" ? "" : "published "}standard${shown === 1 ? "" : "s"}.\n`,
      );
    return 0;
  });
}

/** `cse-bot standards import|export ...`; `config` says what is wrong with the settings, if anything. */
export async function standardsCommand(args: string[], config: () => Config | undefined): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      tenant: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      council: { type: "string" },
    },
  });
  const [action, file] = positionals;
  const json = values.json ?? false;
  if (action === "import") {
    if (!file) {
      process.stderr.write("Which file? For example: cse-bot standards import figures-2026-27.xlsx --dry-run\n");
      return 64;
    }
    const cfg = config();
    return cfg ? importFigures(cfg, file, { tenant: values.tenant, dryRun: values["dry-run"] ?? false, json }) : 78;
  }
  if (action === "export") {
    if (!STANDARDS_EXPORT_FORMATS.includes(values.format as StandardsExportFormat)) {
      process.stderr.write("Say which format: --format csv (each standard's results) or html (the public page).\n");
      return 64;
    }
    const cfg = config();
    const options = { tenant: values.tenant, out: values.out, council: values.council, json };
    return cfg ? exportStandards(cfg, values.format as StandardsExportFormat, options) : 78;
  }
  process.stderr.write(
    `Unknown standards command "${action ?? ""}". Did you mean: cse-bot standards import FILE, or cse-bot standards export --format csv\n`,
  );
  return 64;
}
