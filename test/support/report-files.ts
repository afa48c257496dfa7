/**
 * A report of the corpus as a council would send it in another format: a Word document with real
 * Word tables (markdown tables become w:tbl, "#" lines headings, "1." lines a Word numbered list)
 * or a PDF whose table rows are laid out in columns. The layouts the importer then reads are Word's
 * and PDF's, not markdown's.
 */
import { docx, pdf, type DocxBlock } from "./files.js";

const isTableRow = (line: string) => /^\s*\|.*\|\s*$/.test(line);
const isRuleRow = (line: string) => /^\s*\|[\s:|-]+\|\s*$/.test(line);
const cells = (line: string) =>
  line
    .trim()
    .slice(1, -1)
    .split("|")
    .map((c) => c.trim());
/** A markdown table row whose cells after the first are empty: a heading row spanning the table. */
const spanning = (row: string[]) => (row.slice(1).every((c) => c === "") ? [row[0]!] : row);

export function wordFromMarkdown(markdown: string): Promise<Uint8Array> {
  const blocks: DocxBlock[] = [];
  let rows: string[][] | undefined;
  for (const raw of markdown.split("\n")) {
    if (isTableRow(raw)) {
      if (!isRuleRow(raw)) (rows ??= []).push(spanning(cells(raw)));
      continue;
    }
    if (rows) blocks.push({ table: rows });
    rows = undefined;
    const line = raw.trim();
    if (!line) continue;
    // An indented line continues the list item above it.
    const last = blocks.at(-1);
    if (/^\s/.test(raw) && last && typeof last === "object" && "numbered" in last) {
      blocks[blocks.length - 1] = { numbered: `${last.numbered} ${line}` };
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    const item = /^\d{1,2}[.)]\s+(.*)$/.exec(line);
    blocks.push(heading ? { heading: heading[1]! } : item ? { numbered: item[1]! } : line.replace(/\*\*/g, ""));
  }
  if (rows) blocks.push({ table: rows });
  return docx(blocks);
}

/** Tab-separated or markdown table rows as PDF columns; other lines as they are. */
export function pdfFromText(text: string): Uint8Array {
  return pdf(
    text
      .split("\n")
      .filter((l) => !isRuleRow(l))
      .map((l) => (isTableRow(l) ? cells(l) : l.includes("\t") ? l.split("\t") : l.replace(/\*\*/g, ""))),
  );
}
