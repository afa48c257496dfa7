/**
 * Importing the improvement plan a council already keeps (a spreadsheet, a CSV, a Word table,
 * numbered recommendations) as improvement actions: one per row, with the elements it names, its
 * owner matched to someone the bot knows, and its due date read from how the plan writes it.
 * Preview first, then Import; importing the same rows again adds nothing (each row's fingerprint
 * is stored with its action). Coordinators only. No Teams SDK.
 */
import { ACTION_LIMITS, isClosed, titleFromText, type ActionStatus, type ImprovementAction, type Person } from "../domain/actions.js";
import { addMonths, londonDay, workingDayOnOrAfter, type IsoDate } from "../domain/calendar.js";
import { closedMessage, isFinished } from "../domain/campaign.js";
import type { Refusal } from "../domain/refusal.js";
import { nextActionReminder } from "../domain/reminders.js";
import { can } from "../domain/roles.js";
import { parseActionPlan, type PlanRow, type UnreadableRow } from "../io/action-plan.js";
import { findElement } from "../standard/index.js";
import { fingerprintOf, keepPreview, waitingImport } from "./import-common.js";
import { matchPerson } from "../domain/people-match.js";
import { refused } from "./refused.js";
import type { Actor } from "./views.js";
import { Service, type ServiceContext } from "./context.js";

/** Elements one imported action covers at most (the rest stay in its description). */
const MAX_REFS = 4;

/** Why a row's due date is not the plan's own. */
export type DueNote = "none" | "unreadable" | "past";

/** One row of the plan as the action it will become. */
export interface PlannedAction {
  readonly where: string;
  readonly title: string;
  readonly description: string;
  readonly refs: readonly string[];
  /** Matched to someone the bot knows; otherwise the coordinator holds it until they choose. */
  readonly owner?: Person;
  readonly ownerAsWritten?: string;
  readonly dueOn: IsoDate;
  readonly dueAsWritten?: string;
  /** Set when `dueOn` is the default (three months on) rather than the plan's date. */
  readonly dueNote?: DueNote;
  readonly status: ActionStatus;
  /** The row's fingerprint: the same row imported twice is one action. */
  readonly marker: string;
}

export interface PlanPreview {
  readonly campaign: { readonly id: string; readonly name: string };
  readonly fingerprint: string;
  readonly fileName: string;
  readonly actions: readonly PlannedAction[];
  readonly unreadable: readonly UnreadableRow[];
  /** How many of `actions` were imported before (they will not be imported again). */
  readonly already: number;
}

export type PlanOutcome =
  | { readonly ok: true; readonly preview: PlanPreview; readonly message?: string; readonly created?: readonly string[] }
  | { readonly ok: false; readonly refusal: Refusal };

export class PlanImportService extends Service {
  constructor(context: ServiceContext) {
    super(context);
  }

  async mayImport(actor: Actor): Promise<boolean> {
    return can(await this.rolesOf(actor), "manage-campaigns");
  }

  /** Reads a plan and keeps its text until the coordinator presses Import; writes nothing else. */
  async preview(actor: Actor, text: string, fileName: string, campaignId?: string): Promise<PlanOutcome> {
    const read = await this.read(actor, campaignId ?? (await this.stores.campaigns.activeCampaignId(actor.tenantId)), text, fileName);
    if (!read.ok) return read;
    const tooLarge = await keepPreview(this.stores, actor, {
      kind: "plan",
      campaignId: read.preview.campaign.id,
      fingerprint: read.preview.fingerprint,
      fileName,
      storedAt: this.clock.now().toISOString(),
      text,
    });
    if (tooLarge) return refused(this.log, actor, "import-plan", tooLarge);
    const { actions, unreadable } = read.preview;
    this.log.info({ tenant: actor.tenantId, rows: actions.length, unreadable: unreadable.length }, "improvement plan previewed");
    return read;
  }

  /** Imports the plan `actor` previewed; `elementForOthers` files the rows that name no element. */
  async confirm(actor: Actor, fingerprint: string, elementForOthers?: string): Promise<PlanOutcome> {
    if (!(await this.mayImport(actor))) return refused(this.log, actor, "import-plan", ONLY_COORDINATORS);
    const pending = await waitingImport(this.stores, this.clock, actor, "plan", fingerprint);
    if (!("text" in pending)) return refused(this.log, actor, "import-plan", pending);
    const outcome = await this.apply(actor, pending.campaignId, pending.text, pending.fileName, elementForOthers);
    if (outcome.ok) await this.stores.files.forgetImport(actor.tenantId, actor.userId);
    return outcome;
  }

  /** Writes the plan's rows as actions in `campaignId`, each once. */
  async apply(
    actor: Actor,
    campaignId: string | undefined,
    text: string,
    fileName: string,
    elementForOthers?: string,
  ): Promise<PlanOutcome> {
    const read = await this.read(actor, campaignId, text, fileName);
    if (!read.ok) return read;
    const { preview } = read;
    const fallback = elementForOthers?.trim() ?? "";
    const needsElement = preview.actions.filter((a) => a.refs.length === 0).length;
    if (needsElement > 0 && !findElement(fallback))
      return refused(this.log, actor, "import-plan", {
        code: "unknown-element",
        message: fallback
          ? `"${fallback.slice(0, 20)}" is not an element of the CSE standard, so nothing was imported. Choose the element for the ${needsElement} rows that name none, for example 1.1.1.`
          : `${needsElement} of the plan's rows name no element of the standard. Choose the element they belong to, then import again; nothing was imported.`,
      });
    const at = this.clock.now().toISOString();
    const today = londonDay(this.clock.now());
    const me: Person = { userId: actor.userId, name: actor.displayName };
    const rows = preview.actions.map((planned) => ({
      marker: planned.marker,
      build: (id: string): ImprovementAction => ({
        tenantId: actor.tenantId,
        id,
        campaignId: preview.campaign.id,
        title: planned.title,
        description: planned.description,
        refs: planned.refs.length ? planned.refs : [fallback],
        owner: planned.owner ?? me,
        dueOn: planned.dueOn,
        priority: "medium",
        status: planned.status,
        createdBy: me,
        createdAt: at,
        updatedAt: at,
      }),
    }));
    const { created, already } = await this.stores.actionImports.createFromPlan(
      actor.tenantId,
      preview.campaign.id,
      rows,
      (a) => nextActionReminder(a, today)?.on,
      { by: me, at },
    );
    // New actions have reminders: the daily run must know this council.
    if (created.length) await this.stores.tenants.register(actor.tenantId);
    this.log.info({ tenant: actor.tenantId, created: created.length, already }, "improvement plan imported");
    const ids = created.map((a) => a.id);
    const message = created.length
      ? `Imported ${created.length} improvement action${created.length === 1 ? "" : "s"} (${rangeText(ids)}) into "${preview.campaign.name}"${already ? `; ${already} row${already === 1 ? " was" : "s were"} already imported and ${already === 1 ? "was" : "were"} left as ${already === 1 ? "it was" : "they were"}` : ""}. Their owners will be reminded before each due date.`
      : `Every row of this plan was already imported into "${preview.campaign.name}"; nothing has changed.`;
    return { ok: true, preview, message, created: ids };
  }

  /** A coordinator, a campaign still open, and a plan with at least one readable row. */
  private async read(actor: Actor, campaignId: string | undefined, text: string, fileName: string): Promise<PlanOutcome> {
    if (!(await this.mayImport(actor))) return refused(this.log, actor, "import-plan", ONLY_COORDINATORS);
    const campaign = campaignId ? await this.stores.campaigns.get(actor.tenantId, campaignId) : undefined;
    if (!campaign)
      return refused(this.log, actor, "import-plan", {
        code: "unknown-campaign",
        message: campaignId
          ? "That campaign is not in your organisation, so nothing was imported."
          : "There is no campaign to import the plan into yet. Start one with campaign new, then send the plan again.",
      });
    if (isFinished(campaign)) return refused(this.log, actor, "import-plan", { code: "campaign-closed", message: closedMessage(campaign) });
    const plan = parseActionPlan(text);
    if (plan.rows.length === 0)
      return refused(this.log, actor, "import-plan", {
        code: "invalid-payload",
        message:
          plan.unreadable.length > 0
            ? `I found the plan's table but could not read any of its ${plan.unreadable.length} rows as an action (${plan.unreadable[0]!.where}: ${plan.unreadable[0]!.why}). Nothing was imported.`
            : 'I could not find an action plan in that file: a table with a header row naming the task (Task, Action, Recommendation) and its owner or date (Responsibility, Owner, Timescale, Due), or numbered "Recommendation 1" paragraphs. Nothing was imported.',
      });
    const people = (await this.stores.participants.list(actor.tenantId)).map((p) => ({ userId: p.userId, name: p.displayName }));
    const today = londonDay(this.clock.now());
    // The same row twice in one plan (copied between sections) is one action.
    const firstSeen = new Map<string, string>();
    const actions: PlannedAction[] = [];
    const repeats: UnreadableRow[] = [];
    for (const action of plan.rows.map((row) => planned(row, people, today, fileName))) {
      const first = firstSeen.get(action.marker);
      if (first) repeats.push({ where: action.where, text: action.title, why: `it repeats ${first}` });
      else firstSeen.set(action.marker, action.where);
      if (!first) actions.push(action);
    }
    const imported = await this.stores.actionImports.planMarkers(actor.tenantId, campaign.id);
    return {
      ok: true,
      preview: {
        campaign: { id: campaign.id, name: campaign.name },
        fingerprint: fingerprintOf(text),
        fileName,
        actions,
        unreadable: [...plan.unreadable, ...repeats],
        already: actions.filter((a) => imported.has(a.marker)).length,
      },
    };
  }
}

const ONLY_COORDINATORS: Refusal = { code: "not-allowed", message: "Only a CSE coordinator can import an improvement plan." };

/** A row as the action it becomes: what the plan says, and where the bot had to choose. */
function planned(row: PlanRow, people: readonly Person[], today: IsoDate, fileName: string): PlannedAction {
  const owner = row.ownerAsWritten ? matchPerson(row.ownerAsWritten, people) : undefined;
  const closed = row.status !== undefined && isClosed({ status: row.status });
  const dueNote: DueNote | undefined = !row.dueAsWritten
    ? "none"
    : !row.dueOn
      ? "unreadable"
      : row.dueOn < today && !closed
        ? "past"
        : undefined;
  const dueOn = dueNote ? workingDayOnOrAfter(addMonths(today, 3)) : row.dueOn!;
  const notes = [
    row.ownerAsWritten && !owner ? `Owner as written in the plan: ${row.ownerAsWritten}.` : "",
    dueNote && row.dueAsWritten ? `Due as written in the plan: ${row.dueAsWritten}.` : "",
    row.refs.length > MAX_REFS ? `The plan also names elements ${row.refs.slice(MAX_REFS).join(", ")}.` : "",
    `From ${fileName ? `${fileName}, ` : "the plan, "}${row.where}.`,
  ].filter(Boolean);
  const room = ACTION_LIMITS.descriptionChars - notes.join(" ").length - 2;
  const task = row.task.length > room ? `${row.task.slice(0, room - 1).trimEnd()}\u2026` : row.task;
  return {
    where: row.where,
    title: titleFromText(row.task),
    description: `${task}\n\n${notes.join(" ")}`,
    refs: row.refs.slice(0, MAX_REFS),
    ...(owner ? { owner } : {}),
    ...(row.ownerAsWritten ? { ownerAsWritten: row.ownerAsWritten } : {}),
    dueOn,
    ...(row.dueAsWritten ? { dueAsWritten: row.dueAsWritten } : {}),
    ...(dueNote ? { dueNote } : {}),
    status: row.status ?? "open",
    marker: markerOf(row),
  };
}

/** A row's fingerprint, the same however a copy punctuated or capitalised it ("by 1 April 2001." and "By 1 April 2001"). */
function markerOf(row: PlanRow): string {
  const words = (text = "") =>
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  return fingerprintOf([row.task, row.ownerAsWritten, row.dueAsWritten, row.refs.join(" ")].map(words).join("|"));
}

/** "12", "12-14" or "12, 15, 16-18": action numbers as people read them. */
function rangeText(ids: readonly string[]): string {
  const numbers = ids.map(Number);
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(j > i ? `${numbers[i]}\u2013${numbers[j]}` : String(numbers[i]));
    i = j;
  }
  return `Action${ids.length === 1 ? "" : "s"} ${parts.join(", ")}`;
}
