/** Real report files for tests: a minimal .docx and a one-page PDF, built in memory. */
import { createDeflateRaw } from "node:zlib";
import JSZip from "jszip";

/**
 * A paragraph, a heading, an item of a Word numbered list, or a Word table given as its rows of
 * cells (a row of one cell spans the table, as sub-criterion heading rows do).
 */
export type DocxBlock =
  string | { readonly heading: string } | { readonly numbered: string } | { readonly table: readonly (readonly string[])[] };

/** A real .docx: the minimum Word and mammoth need, with real Word tables and headings. */
export async function docx(blocks: readonly DocxBlock[]): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const xml = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const para = (t: string, style = "") =>
    `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}<w:r><w:t xml:space="preserve">${xml(t)}</w:t></w:r></w:p>`;
  const cell = (t: string, span = 1) =>
    `<w:tc>${span > 1 ? `<w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr>` : ""}${t
      .split("\n")
      .map((p) => para(p))
      .join("")}</w:tc>`;
  const table = (rows: readonly (readonly string[])[]) => {
    const width = Math.max(...rows.map((r) => r.length));
    const tr = (row: readonly string[]) => `<w:tr>${row.length === 1 ? cell(row[0]!, width) : row.map((c) => cell(c)).join("")}</w:tr>`;
    return `<w:tbl><w:tblGrid>${"<w:gridCol/>".repeat(width)}</w:tblGrid>${rows.map(tr).join("")}</w:tbl>`;
  };
  const numbered = (t: string) =>
    `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">${xml(t)}</w:t></w:r></w:p>`;
  const block = (b: DocxBlock) =>
    typeof b === "string"
      ? para(b)
      : "heading" in b
        ? para(b.heading, "Heading1")
        : "numbered" in b
          ? numbered(b.numbered)
          : table(b.table);
  const body = blocks.map(block).join("");
  zip.file(
    "word/_rels/document.xml.rels",
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>',
  );
  zip.file(
    "word/styles.xml",
    '<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>',
  );
  zip.file(
    "word/numbering.xml",
    '<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>',
  );
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/**
 * A real PDF with these lines of text (or none), 50 lines to a page. A line given as cells is laid
 * out as a table row: each cell at its column's own position, as Word prints a table to PDF.
 * Helvetica's own encoding, so typographic quotes and dashes become their plain forms.
 */
export function pdf(lines: readonly (string | readonly string[])[]): Uint8Array {
  const plain = (t: string) =>
    t
      .replace(/[‘’]/g, "'")
      .replace(/[“”]/g, '"')
      .replace(/[–—]/g, "-")
      .replace(/[^\x20-\x7e]/g, "?");
  const rows = lines.map((l) => (typeof l === "string" ? [l] : l).map(plain));
  // Each column starts after the longest cell of the one before it (lines of running text are not cells).
  const tableRows = rows.filter((r) => r.length > 1);
  const columns: number[] = [72];
  for (let c = 1; c <= Math.max(0, ...tableRows.map((r) => r.length)); c++)
    columns.push(columns[c - 1]! + 24 + 5 * Math.max(0, ...tableRows.map((r) => r[c - 1]?.length ?? 0)));
  const pageWidth = Math.max(612, columns.at(-1)! + 72, ...rows.map((r) => 144 + 5 * (r[0]?.length ?? 0)));
  const escape = (t: string) => t.replace(/[()\\]/g, "\\$&");
  const pages: string[] = [];
  for (let start = 0; start < Math.max(rows.length, 1); start += 50)
    pages.push(
      rows
        .slice(start, start + 50)
        .flatMap((cells, k) => cells.map((t, c) => `BT /F1 10 Tf ${columns[c]} ${760 - 14 * k} Td (${escape(t)}) Tj ET`))
        .join("\n"),
    );
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pages.map((_, i) => `${4 + 2 * i} 0 R`).join(" ")}] /Count ${pages.length} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ...pages.flatMap((content, i) => [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${Math.ceil(pageWidth)} 792] /Contents ${5 + 2 * i} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`,
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ]),
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/**
 * A .docx-named zip whose one entry inflates to `inflatedBytes` of zeros while its headers say it
 * holds `declaredBytes`: what a hostile upload looks like. Built by streaming, so making a 1 GB
 * bomb does not need 1 GB of memory.
 */
export async function lyingZip(inflatedBytes: number, declaredBytes = 1000): Promise<Uint8Array> {
  const deflater = createDeflateRaw({ level: 1 });
  const parts: Buffer[] = [];
  deflater.on("data", (c: Buffer) => parts.push(c));
  const done = new Promise((resolve) => deflater.on("end", resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let left = inflatedBytes; left > 0; left -= zeros.length) {
    if (!deflater.write(zeros.subarray(0, Math.min(left, zeros.length)))) await new Promise((r) => deflater.once("drain", r));
  }
  deflater.end();
  await done;
  const data = Buffer.concat(parts);
  const name = Buffer.from("word/document.xml");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflated
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declaredBytes, 22); // the lie
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declaredBytes, 24); // the lie again
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryAt = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}

/** An Excel workbook with one sheet per entry of `sheets`, each a list of rows (a Date stays a date cell). */
export async function xlsx(sheets: Readonly<Record<string, readonly (readonly (string | number | Date)[])[]>>): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow([...row]);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
