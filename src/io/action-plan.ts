/**
 * An improvement plan a council already keeps, read from its text (plan-file.ts turns a
 * spreadsheet, CSV or Word table into "| cell | cell |" lines): a table found by its header row
 * (a task column, and an owner or a date column: "Task | Responsibility | Timescale", "Action |
 * Owner | Due | Element | Status"), or numbered recommendations ("Recommendation 4", then what
 * is to be done, "Responsibility for this will rest with ...", "by June 2009"). One row, one
 * action. Rows that cannot be read are listed with the reason, never dropped. Pure: no I/O.
 */
import type { ActionStatus } from "../domain/actions.js";
import type { IsoDate } from "../domain/calendar.js";
import { withoutControlCharacters } from "../domain/typed-text.js";
import { findElement } from "../standard/index.js";
import { deadlineIn, dueDateIn } from "./due-date.js";
import { cellsOf } from "./report-tables.js";
import { refsIn } from "./report-text.js";

export interface PlanRow {
  /** Where it is in the plan, as the coordinator would find it: "row 4", "Recommendation 12". */
  readonly where: string;
  readonly task: string;
  readonly ownerAsWritten?: string;
  readonly dueAsWritten?: string;
  readonly dueOn?: IsoDate;
  /** Elements of the standard the row names, in order. */
  readonly refs: readonly string[];
  readonly status?: ActionStatus;
}

export interface UnreadableRow {
  readonly where: string;
  readonly text: string;
  readonly why: string;
}

export interface ReadPlan {
  readonly rows: readonly PlanRow[];
  readonly unreadable: readonly UnreadableRow[];
}

/** Beyond this many rows a plan is not a plan; the rest are listed as not read. */
export const MAX_PLAN_ROWS = 200;
const MAX_CELL_CHARS = 2000;

const TASK =
  /^(?:tasks?|actions?(?:\s+(?:required|to\s+be\s+taken|planned))?|improvement(?:\s+actions?)?|recommendations?|what(?:\s+we\s+will\s+do)?|description|activity|area\s+for\s+improvement|issue)$/i;
const OWNER = /^(?:responsib(?:ility|le)(?:\s+officer)?|owners?|action\s+owner|lead(?:\s+officer)?|who|assigned\s+to|by\s+whom)$/i;
const DUE = /^(?:timescales?|due(?:\s+date)?|deadline|by\s+when|target(?:\s+date)?|completion(?:\s+date)?|when|date)$/i;
/** Most specific first: a "Ref" column beside an "Element" column numbers the rows. */
const ELEMENT = [/^(?:cse\s+)?elements?(?:\s+refs?)?$/i, /^(?:cse\s+)?(?:criteria|criterion|cse\s+refs?)$/i, /^(?:refs?|references?)$/i];
const STATUS = /^(?:status|progress|rag(?:\s+status)?)$/i;

interface Columns {
  readonly task: number;
  readonly owner?: number;
  readonly due?: number;
  readonly element?: number;
  readonly status?: number;
}

/** Markup and spacing a pasted or converted cell may carry ("<b>Task</b>", "**Owner**"). */
function clean(cell: string): string {
  return cell
    .slice(0, MAX_CELL_CHARS)
    .replace(/<[^>]{0,200}>/g, "")
    .replace(/\*\*/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function headerOf(cells: readonly string[]): Columns | undefined {
  const names = cells.map((c) => clean(c).replace(/[:.]+$/, ""));
  const find = (re: RegExp) => {
    const i = names.findIndex((n) => re.test(n));
    return i >= 0 ? i : undefined;
  };
  const task = find(TASK);
  const owner = find(OWNER);
  const due = find(DUE);
  if (task === undefined || (owner === undefined && due === undefined)) return undefined;
  const element = ELEMENT.map(find).find((i) => i !== undefined);
  return { task, owner, due, element, status: find(STATUS) };
}

function statusOf(text: string): ActionStatus | undefined {
  const t = text.toLowerCase();
  if (/\b(?:complete[d]?|done|achieved|closed|finished)\b/.test(t)) return "done";
  if (/\b(?:cancel+ed|withdrawn|no\s+longer\s+required)\b/.test(t)) return "cancelled";
  if (/\b(?:on\s+hold|paused|deferred)\b/.test(t)) return "on-hold";
  if (/\b(?:not\s+(?:yet\s+)?started|open|to\s+do|red)\b/.test(t)) return "open";
  if (/\b(?:in\s+progress|started|ongoing|on\s+track|underway|amber|green)\b/.test(t)) return "in-progress";
  return undefined;
}

/** "(a) Corporate lead officer (defining process)" reads "Corporate lead officer (defining process)". */
const withoutNumbering = (text: string) => text.replace(/^\s*(?:\(?[a-z0-9]{1,3}[).]\s+|[-•*]\s+)/i, "").trim();

function knownRefs(text: string): string[] {
  return refsIn(text).filter((ref) => findElement(ref));
}

function rowOf(where: string, task: string, owner: string, due: string, refsText: string, status: string): PlanRow {
  const dueAsWritten = due ? due.slice(0, 120) : undefined;
  const dueOn = due ? dueDateIn(due) : undefined;
  return {
    where,
    task: withoutNumbering(task),
    ...(owner ? { ownerAsWritten: withoutNumbering(owner).slice(0, 120) } : {}),
    ...(dueAsWritten ? { dueAsWritten } : {}),
    ...(dueOn ? { dueOn } : {}),
    refs: knownRefs(refsText),
    ...(status && statusOf(status) ? { status: statusOf(status) } : {}),
  };
}

/**
 * The plan's tables: each starts at a header row and ends at the first paragraph of ordinary text.
 * A row with an empty task cell continues the row above ("(b) Each Director ..." under "(a) ...").
 */
function readTables(lines: readonly string[]): ReadPlan | undefined {
  const rows: PlanRow[] = [];
  const unreadable: UnreadableRow[] = [];
  let columns: Columns | undefined;
  let found = false;
  let number = 0;
  let pending: { where: string; cells: string[] } | undefined;
  const finish = () => {
    if (!pending || !columns) return;
    const { where, cells } = pending;
    pending = undefined;
    const at = (i: number | undefined) => (i === undefined ? "" : (cells[i] ?? ""));
    const task = at(columns.task);
    const whole = cells.filter(Boolean).join(" · ");
    if (rows.length >= MAX_PLAN_ROWS)
      return void unreadable.push({ where, text: whole.slice(0, 200), why: `a plan holds at most ${MAX_PLAN_ROWS} actions` });
    if (task.length < 3) return void unreadable.push({ where, text: whole.slice(0, 200), why: "it has no task in the task column" });
    const owner = at(columns.owner);
    const due = at(columns.due);
    // A row with only a few words and nothing else is a heading inside the table ("Culture").
    if (!owner && !due && task.split(" ").length <= 6 && !knownRefs(whole).length)
      return void unreadable.push({ where, text: whole.slice(0, 200), why: "it looks like a heading: no owner, date or element" });
    rows.push(rowOf(where, task, owner, due, `${at(columns.element)} ${task}`, at(columns.status)));
  };
  for (const line of lines) {
    const cells = cellsOf(line)?.map(clean);
    if (!cells) {
      // Ordinary text ends a table; blank lines do not (PDF and pasted tables have them).
      if (line.trim() !== "" && !/^[-|:\s]+$/.test(line)) {
        finish();
        columns = undefined;
      }
      continue;
    }
    const header = headerOf(cells);
    if (header) {
      finish();
      columns = header;
      found = true;
      continue;
    }
    // Empty rows, and a markdown table's "|---|---|" line under its header.
    if (!columns || cells.every((c) => /^:?-*:?$/.test(c))) continue;
    // Only the owner and date cells filled: the row above runs on (a cell Word or a PDF split).
    const { owner, due } = columns;
    if (pending && cells.every((c, i) => c === "" || i === owner || i === due)) {
      pending.cells = pending.cells.map((c, i) => [c, cells[i] ?? ""].filter(Boolean).join(" "));
      continue;
    }
    finish();
    pending = { where: `row ${++number}`, cells };
  }
  finish();
  return found ? { rows, unreadable } : undefined;
}

const RECOMMENDATION = /^\W{0,4}recommendation\s+(\d{1,3})\b[\s.:)-]*$/i;
const RESPONSIBILITY =
  /responsibility\s+for\s+[^.]{0,120}?\s+(?:will|shall|should)\s+(?:rest|lie|sit)\s+with\s+(?:the\s+)?([^.,;]{3,120})/i;

/** "Recommendation 4" and the paragraphs after it, up to the next recommendation or heading. */
function readRecommendations(lines: readonly string[]): ReadPlan | undefined {
  const rows: PlanRow[] = [];
  const unreadable: UnreadableRow[] = [];
  let current: { number: string; text: string[] } | undefined;
  const seen = new Set<string>();
  const finish = () => {
    if (!current) return;
    const where = `Recommendation ${current.number}`;
    const text = clean(current.text.join(" "));
    current = undefined;
    if (text.length < 10) return void unreadable.push({ where, text, why: "it has no text" });
    if (rows.length >= MAX_PLAN_ROWS)
      return void unreadable.push({ where, text: text.slice(0, 200), why: `a plan holds at most ${MAX_PLAN_ROWS} actions` });
    const owner = RESPONSIBILITY.exec(text)?.[1]?.replace(/\s+(?:although|but|and\s+all|with\s+support)\b.*$/i, "") ?? "";
    rows.push(rowOf(where, text, owner.trim(), deadlineIn(text)?.written ?? "", text, ""));
  };
  for (const raw of lines) {
    const line = raw.length > 5000 ? raw.slice(0, 5000) : raw;
    const heading = RECOMMENDATION.exec(line.trim());
    if (heading) {
      finish();
      // Reports often list their recommendations twice (a summary, then in full): the first list is used.
      if (seen.has(heading[1]!)) {
        unreadable.push({
          where: `Recommendation ${heading[1]!}`,
          text: "",
          why: "the recommendations are listed again from here; the first list is used",
        });
        break;
      }
      seen.add(heading[1]!);
      current = { number: heading[1]!, text: [] };
    } else if (current && /^#{1,6}\s|^\d{1,2}\.\s+[A-Z][^.]{0,60}$/.test(line.trim()) && current.text.length) finish();
    else if (current) current.text.push(line);
  }
  finish();
  return rows.length || unreadable.length ? { rows, unreadable } : undefined;
}

export function parseActionPlan(text: string): ReadPlan {
  const lines = withoutControlCharacters(typeof text === "string" ? text : "")
    .slice(0, 2_000_000)
    .split(/\r\n|\r|\n/);
  return readTables(lines) ?? readRecommendations(lines) ?? { rows: [], unreadable: [] };
}
