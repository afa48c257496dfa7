/**
 * HTML (a Word document as mammoth renders it, or text pasted into Teams) as the lines the report
 * readers understand: each table row one line of "| cell | cell |" (so tables stay tables), headings
 * as "# Heading", numbered list items as "1. item", bullets as "- item", paragraphs and line breaks
 * as lines. Pure; one linear pass over the tags.
 */

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function htmlToLines(html: string): string[] {
  const lines: string[] = [];
  let line = "";
  let cell: string[] | undefined; // the cell being read, as its paragraphs
  let row: string[] | undefined; // the row being read, as its cells
  const lists: { ordered: boolean; n: number }[] = [];
  // Paragraphs are kept apart by a blank line, as readers of plain text expect; table rows are not.
  const flush = () => {
    // Tabs are kept: a Word line like "1.1<tab>1.1.1<tab>Compliance" is laid out in columns.
    const t = line
      .replace(/[^\S\t]+/g, " ")
      .replace(/ *\t */g, "\t")
      .replace(/^ +| +$/g, "");
    if (t.trim()) lines.push(t, "");
    line = "";
  };
  const text = (t: string) => {
    if (cell) cell[cell.length - 1] += t;
    else line += t;
  };
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>|([^<]+)/gi)) {
    if (m[3] !== undefined) {
      text(decode(m[3]));
      continue;
    }
    const closing = m[1] === "/";
    const tag = m[2]!.toLowerCase();
    if (tag === "tr") {
      if (!closing) row = [];
      else if (row) {
        flush();
        if (row.some((c) => c !== "")) lines.push(`| ${row.join(" | ")} |`);
        row = undefined;
      }
    } else if (tag === "td" || tag === "th") {
      if (!closing) cell = [""];
      else if (cell && row) {
        row.push(
          cell
            .map((p) => p.replace(/\s+/g, " ").trim())
            .filter(Boolean)
            .join(" ")
            .replace(/\|/g, "/"),
        );
        cell = undefined;
      }
    } else if (cell && (tag === "p" || tag === "br" || tag === "li")) {
      if (!closing || tag === "br") cell.push("");
    } else if (tag === "ol" || tag === "ul") {
      flush();
      if (!closing) lists.push({ ordered: tag === "ol", n: 0 });
      else lists.pop();
    } else if (tag === "li") {
      flush();
      if (!closing) {
        const list = lists.at(-1);
        line = list?.ordered ? `${++list.n}. ` : "- ";
      }
    } else if (/^h[1-6]$/.test(tag)) {
      flush();
      if (!closing) line = `${"#".repeat(Number(tag[1]))} `;
    } else if (tag === "p" || tag === "div") {
      // A list item's own paragraph continues the item.
      if (!/^(?:\d+\.|-) $/.test(line)) flush();
    } else if (tag === "br") {
      const t = line.trim();
      if (t) lines.push(t);
      line = "";
    } else if (tag === "table") {
      flush();
      if (closing) lines.push("");
    }
  }
  flush();
  return lines;
}
