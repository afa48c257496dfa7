/**
 * The text of an uploaded assessor report (.docx, .pdf, .txt, .md), or a refusal in plain words.
 * Hostile files are stopped before they cost anything: a size limit on the upload, a docx's real
 * unpacked size counted (not the sizes it declares) before it is opened, a page limit on PDFs.
 */
import mammoth from "mammoth";
import { ok, refuse, type Result } from "../domain/refusal.js";
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
