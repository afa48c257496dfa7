/**
 * Importing many service-standard figures at once from a coordinator's .xlsx or .csv: each figure
 * read, checked as the figure card checks it, and compared with what is recorded (new, a
 * correction, or already recorded). Preview first, then Import; the same file again changes
 * nothing, and a figure someone changed after the preview is never overwritten unseen (every
 * write is conditional on the figure as read). Coordinators only. No Teams SDK.
 */
import { readFigureFile } from "../io/figure-file.js";
import type { SkippedRow } from "../domain/figure-import.js";
import { checkFigure, figureOnly, sameFigure } from "../domain/figures.js";
import { periodById, periodName, type Period } from "../domain/periods.js";
import type { Refusal } from "../domain/refusal.js";
import { can } from "../domain/roles.js";
import { formatValue } from "../domain/standards-report.js";
import type { Figure, ServiceStandard } from "../domain/standards.js";
import { ConcurrencyError } from "../store/index.js";
import type { StoredFigure } from "../store/standards.js";
import { Service } from "./context.js";
import { fingerprintOf, keepPreview, waitingImport } from "./import-common.js";
import { refused } from "./refused.js";
import type { Actor } from "./views.js";
import { plural } from "../domain/plural.js";

export type FigureChange = "new" | "correction" | "unchanged";

/** One figure of the file as it will be recorded. */
export interface PlannedFigure {
  readonly row: number;
  readonly standard: Pick<ServiceStandard, "id" | "promise" | "measure">;
  readonly period: Period;
  /** What will be recorded: the file's figure, keeping the count, comparator and note it leaves empty. */
  readonly figure: Figure;
  /** What was recorded when the file was read. */
  readonly before?: Figure;
  readonly change: FigureChange;
}

export interface FigurePreview {
  readonly fingerprint: string;
  readonly fileName: string;
  /** The workbook's sheet the figures came from; none for a CSV. */
  readonly sheet?: string;
  readonly otherSheets: readonly string[];
  /** In the file's order: by standard, then period. */
  readonly figures: readonly PlannedFigure[];
  /** Rows that are not figures, and why, in row order. */
  readonly skipped: readonly SkippedRow[];
}

/** What Import did with each figure. */
export interface FigureImportResult {
  readonly added: number;
  readonly corrected: number;
  readonly unchanged: number;
  /** Changed by someone else after the preview (or no longer fitting its standard): not imported. */
  readonly notImported: readonly { readonly figure: PlannedFigure; readonly why: string }[];
}

export type FigureImportOutcome =
  | { readonly ok: true; readonly preview: FigurePreview; readonly message?: string; readonly result?: FigureImportResult }
  | { readonly ok: false; readonly refusal: Refusal };

/** What a preview keeps for its Import: enough to show the card again and to write each figure once. */
interface KeptPreview {
  readonly sheet?: string;
  readonly otherSheets: readonly string[];
  readonly figures: readonly { readonly row: number; readonly figure: Figure; readonly before?: Figure }[];
  readonly skipped: readonly SkippedRow[];
}

/** Figures written at once: enough to import a year of figures within a card action's time, few enough not to be throttled. */
const PARALLEL_WRITES = 8;

const ONLY_COORDINATORS: Refusal = {
  code: "not-allowed",
  message: "Only a CSE coordinator can import service-standard figures. Owners record their own standards' figures from standards.",
};

const key = (f: Pick<Figure, "standardId" | "periodId">) => `${f.standardId}|${f.periodId}`;
const shortened = (text: string) => (text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text);

/** A stored number as the figure card would have it typed: plain decimals, and a percentage with its sign (so 0.5% is not taken for 50%). */
function typed(n: number | undefined, percent: boolean): string | undefined {
  if (n === undefined) return undefined;
  const plain = n.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
  return percent ? `${plain}%` : plain;
}

export class FigureImportService extends Service {
  async mayImport(actor: Actor): Promise<boolean> {
    return can(await this.rolesOf(actor), "manage-campaigns");
  }

  /** Reads a file of figures and keeps what it found until the coordinator presses Import; records nothing. */
  async preview(actor: Actor, bytes: Uint8Array, fileName: string): Promise<FigureImportOutcome> {
    const read = await this.read(actor, bytes, fileName);
    if (!read.ok || read.preview.figures.length === 0) return read;
    const { preview } = read;
    const kept: KeptPreview = {
      ...(preview.sheet !== undefined && { sheet: preview.sheet }),
      otherSheets: preview.otherSheets,
      figures: preview.figures.map((f) => ({ row: f.row, figure: f.figure, ...(f.before && { before: f.before }) })),
      skipped: preview.skipped,
    };
    const tooLarge = await keepPreview(this.stores, actor, {
      kind: "figures",
      campaignId: "",
      fingerprint: preview.fingerprint,
      fileName,
      storedAt: this.clock.now().toISOString(),
      text: JSON.stringify(kept),
    });
    if (tooLarge) return refused(this.log, actor, "import-figures", tooLarge);
    this.log.info({ tenant: actor.tenantId, figures: preview.figures.length, skipped: preview.skipped.length }, "figures previewed");
    return read;
  }

  /** Records the figures `actor` previewed, each only if it is still as the preview found it. */
  async confirm(actor: Actor, fingerprint: string): Promise<FigureImportOutcome> {
    if (!(await this.mayImport(actor))) return refused(this.log, actor, "import-figures", ONLY_COORDINATORS);
    const pending = await waitingImport(this.stores, this.clock, actor, "figures", fingerprint);
    if (!("text" in pending)) return refused(this.log, actor, "import-figures", pending);
    const kept = JSON.parse(pending.text) as KeptPreview;
    const preview = await this.plan(actor.tenantId, fingerprint, pending.fileName, kept);
    const outcome = await this.write(actor, preview);
    await this.stores.files.forgetImport(actor.tenantId, actor.userId);
    return outcome;
  }

  /** Reads a file and records its figures at once (the command line, which has no preview to press). */
  async apply(actor: Actor, bytes: Uint8Array, fileName: string): Promise<FigureImportOutcome> {
    const read = await this.read(actor, bytes, fileName);
    return read.ok ? this.write(actor, read.preview) : read;
  }

  /** A coordinator, standards to record against, and the file's figures compared with what is recorded. Writes nothing. */
  async read(actor: Actor, bytes: Uint8Array, fileName: string): Promise<FigureImportOutcome> {
    if (!(await this.mayImport(actor))) return refused(this.log, actor, "import-figures", ONLY_COORDINATORS);
    const { standards, figures: stored } = await this.stores.standards.everything(actor.tenantId);
    if (standards.length === 0)
      return refused(this.log, actor, "import-figures", {
        code: "invalid-payload",
        message:
          "Your council has no service standards yet, so there is nothing to record these figures against. Add them with standard new, then send the file again.",
      });
    const file = await readFigureFile(bytes, fileName, standards, this.clock.now());
    if (!file.ok) return refused(this.log, actor, "import-figures", file.refusal);
    const figures = file.value.figures.map(({ row, figure }) => ({ row, figure }));
    const recorded = new Map(stored.map((f) => [key(f), figureOnly(f)]));
    const kept: KeptPreview = {
      ...(file.value.sheet !== undefined && { sheet: file.value.sheet }),
      otherSheets: file.value.otherSheets,
      figures: figures.map((f) => {
        const before = recorded.get(key(f.figure));
        return { row: f.row, figure: f.figure, ...(before && { before }) };
      }),
      skipped: file.value.skipped,
    };
    return { ok: true, preview: await this.plan(actor.tenantId, fingerprintOf(JSON.stringify(figures)), fileName, kept, standards) };
  }

  /**
   * Each figure checked again as the card checks it (against the standard as it is now), with what
   * the file leaves empty kept from the figure recorded, and whether it is new, a correction or
   * already recorded.
   */
  private async plan(
    tenantId: string,
    fingerprint: string,
    fileName: string,
    kept: KeptPreview,
    known?: readonly ServiceStandard[],
  ): Promise<FigurePreview> {
    const standards = new Map((known ?? (await this.stores.standards.list(tenantId))).map((s) => [s.id, s]));
    const now = this.clock.now();
    const figures: PlannedFigure[] = [];
    const skipped = [...kept.skipped];
    for (const { row, figure, before } of kept.figures) {
      const standard = standards.get(figure.standardId);
      const period = periodById(figure.periodId);
      if (!standard || !period) {
        skipped.push({ row, reason: "its standard no longer exists" });
        continue;
      }
      const percent = standard.measure.kind === "percentage";
      const checked = checkFigure(
        standard,
        period,
        {
          value: typed(figure.value, percent)!,
          count: typed(figure.count ?? before?.count, false),
          comparator: typed(figure.comparator ?? before?.comparator, percent),
          note: figure.note ?? before?.note,
        },
        now,
      );
      if (!checked.ok) {
        skipped.push({ row, reason: checked.refusal.message.replace(/\.$/, "") });
        continue;
      }
      const change: FigureChange = !before ? "new" : sameFigure(checked.value, before) ? "unchanged" : "correction";
      figures.push({ row, standard, period, figure: checked.value, ...(before && { before }), change });
    }
    return {
      fingerprint,
      fileName,
      ...(kept.sheet !== undefined && { sheet: kept.sheet }),
      otherSheets: kept.otherSheets,
      figures,
      skipped: skipped.sort((a, b) => a.row - b.row),
    };
  }

  /** Records each new or corrected figure, conditional on the figure read; says what happened. */
  private async write(actor: Actor, preview: FigurePreview): Promise<FigureImportOutcome> {
    const stored = new Map((await this.stores.standards.allFigures(actor.tenantId)).map((f) => [key(f), f]));
    const by = { userId: actor.userId, name: actor.displayName };
    const at = this.clock.now().toISOString();
    let added = 0;
    let corrected = 0;
    let unchanged = 0;
    const notImported: { figure: PlannedFigure; why: string }[] = [];
    const one = async (planned: PlannedFigure): Promise<void> => {
      const { figure, before } = planned;
      const why = (now: StoredFigure | undefined) =>
        now ? `now ${formatValue(now.value, planned.standard.measure)}, recorded by ${now.by.name}` : "now without a figure";
      let current = stored.get(key(figure));
      for (let attempt = 0; attempt < 2; attempt++) {
        if (current && sameFigure(current, figure)) return void unchanged++;
        // Written only over what the preview showed: anything else someone recorded meanwhile stays.
        const asPreviewed = current ? before !== undefined && sameFigure(current, before) : before === undefined;
        if (!asPreviewed) return void notImported.push({ figure: planned, why: why(current) });
        try {
          await this.stores.standards.putFigure(actor.tenantId, figure, current, by, at, held);
          return void (current ? corrected++ : added++);
        } catch (error) {
          if (!(error instanceof ConcurrencyError)) throw error;
          // Someone wrote it at the same moment (perhaps the same file): look again.
          current = await this.stores.standards.figure(actor.tenantId, figure.standardId, figure.periodId);
        }
      }
      notImported.push({ figure: planned, why: why(current) });
    };
    const queue = [...preview.figures];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await one(next);
    };
    // Campaigns' copies carry the newest figures: marked once, written once every figure is.
    const held = await this.stores.campaigns.holdCopies(actor.tenantId);
    try {
      await Promise.all(Array.from({ length: Math.min(PARALLEL_WRITES, queue.length) }, worker));
    } finally {
      await held.finish();
    }
    const result: FigureImportResult = { added, corrected, unchanged, notImported };
    this.log.info(
      { tenant: actor.tenantId, added, corrected, unchanged, notImported: notImported.length },
      "service-standard figures imported",
    );
    return { ok: true, preview, message: importedMessage(result), result };
  }
}

/** What Import did, in words: what was recorded, what was left, and what was not imported and why. */
export function importedMessage({ added, corrected, unchanged, notImported }: FigureImportResult): string {
  if (added + corrected === 0 && notImported.length === 0) return "Every figure in this file is already recorded; nothing has changed.";
  const done = [
    added > 0 && `recorded ${plural(added, "new figure")}`,
    corrected > 0 && `corrected ${plural(corrected, "figure")} (the old values are kept in each standard's history)`,
    unchanged > 0 &&
      `${plural(unchanged, "figure was", "figures were")} already recorded and left as ${unchanged === 1 ? "it was" : "they were"}`,
  ].filter((part): part is string => typeof part === "string");
  const said = done.length ? `${done.join("; ")}.`.replace(/^./, (c) => c.toUpperCase()) : "Nothing was recorded.";
  if (notImported.length === 0) return said;
  const listed = notImported
    .slice(0, 5)
    .map(({ figure, why }) => `${periodName(figure.period)} of "${shortened(figure.standard.promise)}" (${why})`);
  const more = notImported.length > 5 ? `, and ${notImported.length - 5} more` : "";
  const one = notImported.length === 1;
  return `${said} ${plural(notImported.length, "figure was", "figures were")} changed since the preview, so ${one ? "it was" : "they were"} not imported: ${listed.join("; ")}${more}. Send the file again to check ${one ? "it" : "them"} against what is recorded now.`;
}
