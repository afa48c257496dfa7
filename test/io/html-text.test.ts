/** Word documents (as mammoth renders them) and pasted HTML read as lines, tables kept as tables. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlToLines } from "../../src/io/html-text.js";

describe("htmlToLines", () => {
  it("keeps a table's rows and cells, a cell's paragraphs on one line, and a spanning heading row", () => {
    const html =
      '<table><tr><th>Element</th><th>Assessment</th></tr><tr><td colspan="2"><p>1.1 Customer Identification</p></td></tr>' +
      "<tr><td><p>1.1.1</p></td><td><p>Compliant</p><p>Plus</p></td></tr><tr><td>1.1.2</td><td>A | B</td></tr></table>";
    expect(htmlToLines(html).filter(Boolean)).toEqual([
      "| Element | Assessment |",
      "| 1.1 Customer Identification |",
      "| 1.1.1 | Compliant Plus |",
      "| 1.1.2 | A / B |",
    ]);
  });

  it("writes headings, numbered and bulleted lists the way the report reader expects, and decodes entities", () => {
    const html =
      "<h2>Areas for improvement</h2><ol><li>Targets &amp; standards (Element 4.1.2)</li><li><p>Benchmarking</p></li></ol>" +
      "<ul><li>Annual Review &#8211; 2026</li></ul><p>Fish&nbsp;&lt;chips&gt; &bogus;</p>";
    expect(htmlToLines(html).filter(Boolean)).toEqual([
      "## Areas for improvement",
      "1. Targets & standards (Element 4.1.2)",
      "2. Benchmarking",
      "- Annual Review – 2026",
      "Fish <chips> &bogus;",
    ]);
  });

  it("keeps the tabs that lay a Word line out in columns, and squeezes the spaces around them", () => {
    expect(htmlToLines("<p>1.1\t1.1.1 \t  ● Compliance</p><p>\t1.1.2\tCompliance</p><p> \t </p>").filter(Boolean)).toEqual([
      "1.1\t1.1.1\t● Compliance",
      "\t1.1.2\tCompliance",
    ]);
  });

  it("never leaves a tag behind and never throws, whatever the markup", () => {
    const piece = fc.oneof(
      fc.constantFrom(
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<p>",
        "</p>",
        "<ol>",
        "</ol>",
        "<li>",
        "</li>",
        "<br/>",
        "<h1>",
        "</h1>",
      ),
      fc.string({ maxLength: 8 }).map((s) => s.replace(/[<>]/g, "")),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        for (const line of htmlToLines(pieces.join(""))) expect(line).not.toMatch(/<\/?(?:table|tr|td|p|ol|li|br|h1)\b/);
      }),
    );
  });
});
