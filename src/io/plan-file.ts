/**
 * The cells of a spreadsheet (.xlsx, every sheet) or a .csv a coordinator sends, and the text of
 * an improvement plan: a spreadsheet, a CSV, a Word document (its tables kept as tables), PDF,
 * text or Markdown. Spreadsheet and CSV rows become "| cell | cell |" lines, the same lines a Word
 * table gives, so one reader (action-plan.ts) understands them all. The upload limits of reports
 * apply: size, the real unpacked size of a spreadsheet, and a cap on the rows and columns read.
 * Cells read as Excel shows them: a formula's last result, dates as 2027-03-31, percentages as 92%.
 */
import { parse } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import { ok, refuse, type Result } from "../domain/refusal.js";
import { extractText, fileKind, MAX_UNZIPPED_BYTES, MAX_UPLOAD_BYTES } from "./extract-text.js";
import { unpackedSize } from "./zip-size.js";

export type PlanFileKind = "xlsx" | "csv" | NonNullable<ReturnType<typeof fileKind>>;

const MAX_ROWS = 1000;
const MAX_COLUMNS = 30;

/** One sheet (a CSV is one, without a name): its rows with something in them, each with its number as the spreadsheet shows it. */
export interface SheetTable {
  readonly name?: string;
  readonly rows: readonly SheetRow[];
  /** When the sheet goes on past the rows read: the first row not read. */
  readonly unreadFrom?: number;
}

export interface SheetRow {
  /** 1-based, counting blank rows (and a CSV's blank lines) as Excel does. */
  readonly number: number;
  readonly cells: readonly string[];
}

/** How refusals name what the file should hold. */
export interface SheetWords {
  /** "an improvement plan" */
  readonly one: string;
  /** "any improvement plan" */
  readonly any: string;
  /** What to do about a damaged file. */
  readonly resend: string;
}

export interface SheetOptions {
  readonly words?: SheetWords;
  /** Rows read from each sheet: rows with something in them, or a CSV's lines. */
  readonly maxRows?: number;
}

const PLAN_WORDS: SheetWords = {
  one: "an improvement plan",
  any: "any improvement plan",
  resend: "Please send it again, or paste the plan's table.",
};

export function planFileKind(fileName: string): PlanFileKind | undefined {
  const ext = /\.([a-z]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  return ext === "xlsx" || ext === "csv" ? ext : fileKind(fileName);
}

const row = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, "/").replace(/\s+/g, " ").trim()).join(" | ")} |`;

export async function planText(bytes: Uint8Array, fileName: string): Promise<Result<string>> {
  const kind = planFileKind(fileName);
  if (!kind)
    return refuse(
      "invalid-payload",
      `I can read improvement plans as Excel (.xlsx), CSV, Word (.docx), PDF or text files; "${fileName.slice(0, 60)}" is none of those.`,
    );
  if (kind !== "xlsx" && kind !== "csv") return extractText(bytes, fileName);
  const rows = await sheetRows(bytes, fileName);
  if (!rows.ok) return rows;
  // An empty row is where one sheet ends and the next begins.
  return ok(rows.value.map((r) => (r.length ? row(r) : "")).join("\n"));
}

/**
 * The rows of an .xlsx (every sheet, in order, each followed by an empty row) or a .csv, as an
 * improvement plan reads them: only rows with something in them, at most 1,000 of each sheet.
 */
export async function sheetRows(bytes: Uint8Array, fileName: string): Promise<Result<string[][]>> {
  const sheets = await readSheets(bytes, fileName);
  if (!sheets.ok) return sheets;
  const spreadsheet = planFileKind(fileName) === "xlsx";
  return ok(sheets.value.flatMap((sheet) => [...sheet.rows.map((r) => [...r.cells]), ...(spreadsheet ? [[]] : [])]));
}

/** Every sheet of an .xlsx, or a .csv as one sheet, with each row where the spreadsheet shows it. */
export async function readSheets(bytes: Uint8Array, fileName: string, options: SheetOptions = {}): Promise<Result<SheetTable[]>> {
  const { words = PLAN_WORDS, maxRows = MAX_ROWS } = options;
  const kind = planFileKind(fileName);
  if (kind !== "xlsx" && kind !== "csv")
    return refuse("invalid-payload", `I can read tables from Excel (.xlsx) or CSV files; "${fileName.slice(0, 60)}" is neither.`);
  if (bytes.byteLength > MAX_UPLOAD_BYTES)
    return refuse(
      "text-too-long",
      `That file is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB I take; ${words.one} is far smaller.`,
    );
  try {
    return kind === "csv" ? ok([csvSheet(bytes, maxRows)]) : await workbookSheets(bytes, words, maxRows);
  } catch {
    return refuse(
      "invalid-payload",
      `I could not open that ${kind === "csv" ? "CSV" : "Excel"} file: it may be damaged or only partly uploaded. ${words.resend}`,
    );
  }
}

function csvSheet(bytes: Uint8Array, maxRows: number): SheetTable {
  const text = new TextDecoder("utf-8").decode(bytes);
  // Excel writes CSVs with semicolons in some locales; whichever separator the header uses wins.
  const header = text.slice(0, text.indexOf("\n") >>> 0);
  const delimiter = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ";" : ",";
  // Blank lines are parsed, then left out, so that each row keeps the number Excel shows; `raw`
  // (each record's source text) tells a blank line from one empty quoted cell. csv-parse's types
  // do not describe what `raw` returns.
  const records = parse(text, {
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    raw: true,
    to_line: maxRows,
  }) as unknown as { record: string[]; raw: string }[];
  const rows: SheetRow[] = [];
  records.forEach(({ record, raw }, i) => {
    if (record.length > 1 || record[0] !== "" || raw.includes('"')) rows.push({ number: i + 1, cells: record.slice(0, MAX_COLUMNS) });
  });
  let lineEnd = -1;
  for (let line = 0; line < maxRows && lineEnd < text.length; line++) lineEnd = text.indexOf("\n", lineEnd + 1) >>> 0;
  return { rows, ...(text.slice(lineEnd + 1).trim() ? { unreadFrom: records.length + 1 } : {}) };
}

async function workbookSheets(bytes: Uint8Array, words: SheetWords, maxRows: number): Promise<Result<SheetTable[]>> {
  const unpacked = await unpackedSize(bytes, MAX_UNZIPPED_BYTES);
  if (!unpacked.ok)
    return refuse(
      "invalid-payload",
      unpacked.reason === "too-big"
        ? `That spreadsheet unpacks to far more than ${words.any} could be, so I have not opened it.`
        : "I could not open that Excel file: it may be damaged or only partly uploaded. Please send it again.",
    );
  // Loaded when a spreadsheet arrives: start-up does not wait for it.
  const { default: Excel } = await import("exceljs");
  const book = new Excel.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheets: SheetTable[] = [];
  book.eachSheet((sheet) => {
    const rows: SheetRow[] = [];
    let read = 0;
    let unreadFrom: number | undefined;
    sheet.eachRow((r) => {
      if (read++ >= maxRows) return void (unreadFrom ??= r.number);
      const cells: string[] = [];
      for (let c = 1; c <= Math.min(r.cellCount, MAX_COLUMNS); c++) {
        const cell = r.getCell(c);
        // A merged range shows its value once, as Excel does.
        cells.push(cell.isMerged && cell.master.address !== cell.address ? "" : cellText(cell.value, cell.numFmt));
      }
      rows.push({ number: r.number, cells });
    });
    sheets.push({ name: sheet.name, rows, ...(unreadFrom !== undefined ? { unreadFrom } : {}) });
  });
  return ok(sheets);
}

/**
 * A cell as Excel shows it: a formula's last result (an error result shows nothing), a date as
 * 2027-03-31, a number formatted as a percentage as 92%, rich text and links as their text.
 */
function cellText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number") return numberText(value, numFmt);
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((t) => t.text).join("");
  if ("text" in value) return typeof value.text === "string" ? value.text : cellText(value.text, undefined);
  if ("result" in value) return cellText(value.result, numFmt);
  return "";
}

function numberText(value: number, numFmt: string | undefined): string {
  // Quoted text and escaped characters in a format are shown as written: 0"%" shows 92 as 92%.
  const format = numFmt ?? "";
  const live = format.replace(/"[^"]*"|\\./g, "");
  // toPrecision drops the float noise of scaling (0.07 * 100 is 7.000000000000001).
  if (live.includes("%")) return `${Number((value * 100).toPrecision(15))}%`;
  return format.includes("%") ? `${value}%` : String(value);
}
