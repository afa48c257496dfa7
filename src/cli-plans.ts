/**
 * `cse-bot import-actions FILE`: an improvement plan (.xlsx, .csv, .docx, .pdf, .txt, .md) read
 * as the bot reads it in Teams, then stored as improvement actions in a campaign; --dry-run says
 * what was read and writes nothing. Wiring only: the work is in io/action-plan.ts and
 * services/plan-import.ts.
 */
import { basename } from "node:path";
import { systemClock } from "./clock.js";
import type { Config } from "./config.js";
import { parseActionPlan } from "./io/action-plan.js";
import { planText } from "./io/plan-file.js";
import { createLogger } from "./logger.js";
import { PlanImportService } from "./services/plan-import.js";
import { openStores } from "./store/index.js";
import { connectStorage } from "./store/local-storage.js";
import { fileText, findCampaign } from "./cli-files.js";

export async function previewPlan(file: string, json: boolean): Promise<number> {
  const text = await fileText(file, planText);
  if (typeof text === "number") return text;
  const plan = parseActionPlan(text);
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...plan, actions: plan.rows.length }, null, 2)}\n`);
    return plan.rows.length ? 0 : 65;
  }
  const lines = [
    `${plan.rows.length} action${plan.rows.length === 1 ? "" : "s"} read from ${basename(file)}:`,
    ...plan.rows.map(
      (r) =>
        `  ${r.where}: ${r.task.slice(0, 90)}${r.task.length > 90 ? "..." : ""}\n      owner: ${r.ownerAsWritten ?? "none named"} · due: ${r.dueOn ?? "no date read"}${r.dueAsWritten ? ` ("${r.dueAsWritten.slice(0, 50)}")` : ""} · elements: ${r.refs.join(", ") || "none named"}${r.status ? ` · ${r.status}` : ""}`,
    ),
    ...(plan.unreadable.length ? ["Rows not read:", ...plan.unreadable.map((u) => `  ${u.where}: ${u.why}`)] : ["Every row was read."]),
    "Dry run: nothing was written.",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  return plan.rows.length ? 0 : 65;
}

export async function importPlan(
  cfg: Config,
  file: string,
  options: { tenant?: string; campaign?: string; element?: string; json: boolean },
): Promise<number> {
  const text = await fileText(file, planText);
  if (typeof text === "number") return text;
  const storage = await connectStorage(cfg);
  try {
    const stores = await openStores(storage.connectionString, cfg.TABLE_PREFIX);
    const campaign = await findCampaign(stores, options.tenant, options.campaign);
    if (!campaign) return 64;
    // The administrator running this acts as a coordinator, recorded by name in the actions' audit.
    const admin = { tenantId: campaign.tenantId, userId: "cse-bot-cli", displayName: "CSE coordinator (command line)" };
    const plans = new PlanImportService({
      stores,
      clock: systemClock,
      log: createLogger("silent"),
      rolesOf: () => Promise.resolve(["coordinator"] as const),
    });
    const outcome = await plans.apply(admin, campaign.id, text, basename(file), options.element);
    const message = outcome.ok
      ? (outcome.message ?? "")
      : `${outcome.refusal.message}${outcome.refusal.code === "unknown-element" ? " Say which with --element, for example --element 1.1.1." : ""}`;
    if (options.json) {
      const result = outcome.ok
        ? { created: outcome.created ?? [], rows: outcome.preview.actions.length, unreadable: outcome.preview.unreadable }
        : { code: outcome.refusal.code };
      process.stdout.write(`${JSON.stringify({ ok: outcome.ok, message, ...result })}\n`);
    } else process.stdout.write(`${message}\n`);
    return outcome.ok ? 0 : 65;
  } finally {
    await storage.release();
  }
}
