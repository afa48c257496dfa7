/**
 * The text of an uploaded assessor report (.docx, .pdf, .txt, .md), or a refusal in plain words.
 * Hostile files are stopped before they cost anything: a size limit on the upload, the zip's own
 * directory checked for a zip bomb before a docx is opened, a page limit on PDFs.
 */
import mammoth from "mammoth";
import { ok, refuse, type Result } from "../domain/refusal.js";

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** What a docx may unpack to; real reports are a few MB. */
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
export const MAX_PDF_PAGES = 300;

export type ReportFileKind = "docx" | "pdf" | "txt" | "md";

export function fileKind(fileName: string): ReportFileKind | undefined {
  const ext = /\.([a-z]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  return ext === "docx" || ext === "pdf" || ext === "txt" || ext === "md" ? ext : ext === "markdown" ? "md" : undefined;
}

export async function extractText(bytes: Uint8Array, fileName: string): Promise<Result<string>> {
  const kind = fileKind(fileName);
  if (!kind)
    return refuse(
      "invalid-payload",
      `I can read assessor reports as Word (.docx), PDF, text (.txt) or Markdown (.md) files; "${fileName.slice(0, 60)}" is none of those.`,
    );
  if (bytes.byteLength > MAX_UPLOAD_BYTES)
    return refuse(
      "text-too-long",
      `That file is ${(bytes.byteLength / 1024 / 1024).toFixed(0)} MB; assessor reports are much smaller, and the most I take is ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Try saving it as PDF or Word again, without embedded pictures.`,
    );
  try {
    const text = kind === "docx" ? await docxText(bytes) : kind === "pdf" ? await pdfText(bytes) : plainText(bytes);
    if (!text.ok) return text;
    if (text.value.trim().length < 20)
      return refuse(
        "invalid-payload",
        kind === "pdf"
          ? "That PDF has no text I can read: it may be a scan (a picture of the pages). Please send the Word version of the report, or a PDF saved from Word."
          : "That file has no text in it.",
      );
    return text;
  } catch {
    return refuse(
      "invalid-payload",
      `I could not open that ${kind === "docx" ? "Word document" : kind.toUpperCase()} file: it may be damaged or only partly uploaded. Please send it again, or paste the report's text.`,
    );
  }
}

function plainText(bytes: Uint8Array): Result<string> {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  // A text file full of NUL characters is a binary file with the wrong name.
  // eslint-disable-next-line no-control-regex -- counting NUL characters is what this check is for
  if ((text.match(/\u0000/g)?.length ?? 0) > 16)
    return refuse("invalid-payload", "That file is not text, although its name says so. Please send the report as Word, PDF or text.");
  return ok(text);
}

async function docxText(bytes: Uint8Array): Promise<Result<string>> {
  const unpacked = unzippedSize(bytes);
  if (unpacked === undefined)
    return refuse(
      "invalid-payload",
      "I could not open that Word document: it may be damaged or only partly uploaded. Please send it again, or paste the report's text.",
    );
  if (unpacked > MAX_UNZIPPED_BYTES)
    return refuse(
      "invalid-payload",
      "That Word document unpacks to far more than any report could be, so I have not opened it. Please save the report again and send the new file.",
    );
  const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return ok(result.value);
}

async function pdfText(bytes: Uint8Array): Promise<Result<string>> {
  const { getDocument, VerbosityLevel } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  // pdf.js 6 compiles nothing with eval, so there is no isEvalSupported to switch off any more.
  const loading = getDocument({ data: new Uint8Array(bytes), verbosity: VerbosityLevel.ERRORS });
  try {
    const doc = await loading.promise;
    if (doc.numPages > MAX_PDF_PAGES)
      return refuse("invalid-payload", `That PDF has ${doc.numPages} pages; an assessor report has far fewer, so I have not read it.`);
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
    }
    return ok(pages.join("\n"));
  } finally {
    await loading.destroy();
  }
}

/**
 * The total uncompressed size a zip's central directory declares, read without unpacking
 * anything; undefined when it is not a readable zip (truncated, or not a zip at all).
 */
export function unzippedSize(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const EOCD = 0x06054b50;
  let end = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) return undefined;
    total += view.getUint32(at + 24, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}
