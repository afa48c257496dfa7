/**
 * The text of an uploaded assessor report (.docx, .pdf, .txt, .md), or a refusal in plain words.
 * Hostile files are stopped before they cost anything: a size limit on the upload, a docx's real
 * unpacked size counted (not the sizes it declares) before it is opened, a page limit on PDFs.
 */
import { ok, refuse, type Result } from "../domain/refusal.js";
import { htmlToLines } from "./html-text.js";
import { unpackedSize } from "./zip-size.js";

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** What a docx may unpack to; real reports are a few MB. */
export const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;
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
  const unpacked = await unpackedSize(bytes, MAX_UNZIPPED_BYTES);
  if (!unpacked.ok && unpacked.reason === "too-big")
    return refuse(
      "invalid-payload",
      "That Word document unpacks to far more than any report could be, so I have not opened it. Please save the report again and send the new file.",
    );
  if (!unpacked.ok)
    return refuse(
      "invalid-payload",
      "I could not open that Word document: it may be damaged or only partly uploaded. Please send it again, or paste the report's text.",
    );
  // As HTML, so that Word tables stay tables (a raw-text extraction flattens their cells).
  // Loaded when a Word file arrives: start-up does not wait for it.
  const { default: mammoth } = await import("mammoth");
  const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return ok(htmlToLines(result.value).join("\n"));
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
      pages.push(pageText(content.items.filter((item) => "str" in item)));
    }
    return ok(pages.reduce((text, page) => text + pageBreak(text, page) + page, ""));
  } finally {
    await loading.destroy();
  }
}

/**
 * Between pages: a sentence that ends at the foot of a page and a capital at the top of the next
 * are most likely two paragraphs (the page swallowed the space between them); otherwise the
 * paragraph runs on.
 */
function pageBreak(before: string, page: string): string {
  if (!before) return "";
  return /[.!?:)]\s*$/.test(before) && /^\s*[A-Z#(•●-]/.test(page) ? "\n\n" : "\n";
}

interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
  width: number;
  height: number;
}

/**
 * One page's text with its table columns kept apart: where pieces of text on one line are separated
 * by a wide gap (more than a font size: two character widths), they are joined with a tab, so
 * "1.1.1 ... <gap> Compliant" reads as two cells, not one run of words. pdf.js reports such a gap
 * either as a space item as wide as the gap or as nothing at all; both count. A line starting well
 * below the one before (more than 1.7 font sizes) starts a new paragraph, as a blank line would.
 */
function pageText(items: readonly PdfTextItem[]): string {
  let text = "";
  let previous: PdfTextItem | undefined;
  const fontSize = (item: PdfTextItem) => Math.max(Math.abs(item.transform[0] ?? 0), item.height, 1);
  for (const item of items) {
    const blank = item.str.trim() === "";
    if (blank && !item.hasEOL) {
      if (item.width > fontSize(item)) text = text.replace(/[ \t]*$/, "\t");
      else if (item.str) text += " ";
      continue;
    }
    if (previous) {
      const drop = (previous.transform[5] ?? 0) - (item.transform[5] ?? 0);
      const sameLine = Math.abs(drop) < 1;
      const gap = (item.transform[4] ?? 0) - ((previous.transform[4] ?? 0) + previous.width);
      if (!sameLine && !previous.hasEOL) text += "\n";
      // PDFs have no blank lines: a paragraph ends where the next line starts well below.
      if (!sameLine && drop > 1.7 * fontSize(item)) text += "\n";
      else if (sameLine && !previous.hasEOL && !text.endsWith("\t") && gap > fontSize(item)) text = text.replace(/[ \t]*$/, "\t");
    }
    text += item.str + (item.hasEOL ? "\n" : "");
    previous = item;
  }
  return text;
}
