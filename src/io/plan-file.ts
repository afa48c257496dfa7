/**
 * The text of an improvement plan as a coordinator sends it: a spreadsheet (.xlsx, every sheet),
 * a .csv, a Word document (its tables kept as tables), PDF, text or Markdown. Spreadsheet and CSV
 * rows become "| cell | cell |" lines, the same lines a Word table gives, so one reader
 * (action-plan.ts) understands them all. The upload limits of reports apply: size, the real
 * unpacked size of a spreadsheet, and a cap on the rows and columns read.
 */
import { parse } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import { ok, refuse, type Result } from "../domain/refusal.js";
import { extractText, fileKind, MAX_UNZIPPED_BYTES, MAX_UPLOAD_BYTES } from "./extract-text.js";
import { unpackedSize } from "./zip-size.js";

export type PlanFileKind = "xlsx" | "csv" | NonNullable<ReturnType<typeof fileKind>>;

const MAX_ROWS = 1000;
const MAX_COLUMNS = 30;

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
  if (bytes.byteLength > MAX_UPLOAD_BYTES)
    return refuse(
      "text-too-long",
      `That file is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB I take; an improvement plan is far smaller.`,
    );
  try {
    return kind === "csv" ? csvText(bytes) : await workbookText(bytes);
  } catch {
    return refuse(
      "invalid-payload",
      `I could not open that ${kind === "csv" ? "CSV" : "Excel"} file: it may be damaged or only partly uploaded. Please send it again, or paste the plan's table.`,
    );
  }
}

function csvText(bytes: Uint8Array): Result<string> {
  const text = new TextDecoder("utf-8").decode(bytes);
  // Excel writes CSVs with semicolons in some locales; whichever separator the header uses wins.
  const header = text.slice(0, text.indexOf("\n") >>> 0);
  const delimiter = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ";" : ",";
  const records: string[][] = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, to_line: MAX_ROWS });
  return ok(records.map((r) => row(r.slice(0, MAX_COLUMNS))).join("\n"));
}

async function workbookText(bytes: Uint8Array): Promise<Result<string>> {
  const unpacked = await unpackedSize(bytes, MAX_UNZIPPED_BYTES);
  if (!unpacked.ok)
    return refuse(
      "invalid-payload",
      unpacked.reason === "too-big"
        ? "That spreadsheet unpacks to far more than any improvement plan could be, so I have not opened it."
        : "I could not open that Excel file: it may be damaged or only partly uploaded. Please send it again.",
    );
  // Loaded when a plan arrives: start-up does not wait for it.
  const { default: Excel } = await import("exceljs");
  const book = new Excel.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const lines: string[] = [];
  book.eachSheet((sheet) => {
    let read = 0;
    sheet.eachRow((r) => {
      if (read++ >= MAX_ROWS) return;
      const cells: string[] = [];
      for (let c = 1; c <= Math.min(r.cellCount, MAX_COLUMNS); c++) {
        const cell = r.getCell(c);
        // A merged range shows its value once, as Excel does.
        cells.push(cell.isMerged && cell.master.address !== cell.address ? "" : cellText(cell.value));
      }
      lines.push(row(cells));
    });
    lines.push("");
  });
  return ok(lines.join("\n"));
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((t) => t.text).join("");
  if ("text" in value) return String(value.text);
  if ("result" in value) return cellText(value.result);
  return "";
}
