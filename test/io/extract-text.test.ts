/** Reading uploaded reports: Word, PDF, text and Markdown; damaged and hostile files refused in words. */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { extractText, fileKind, MAX_UNZIPPED_BYTES, MAX_UPLOAD_BYTES } from "../../src/io/extract-text.js";
import { unpackedSize } from "../../src/io/zip-size.js";
import { docx, pdf } from "../support/files.js";

const LINES = ["7. COMPLIANCE AGAINST THE CUSTOMER SERVICE EXCELLENCE STANDARD", "1.1.1 Compliance", "4.1.2 Partial Compliance"];

const text = (s: string) => new TextEncoder().encode(s);

describe("extractText", () => {
  it("reads Word, PDF, text and Markdown", async () => {
    for (const [bytes, name] of [
      [await docx(LINES), "Assessor report 2023.docx"],
      [pdf(LINES), "report.PDF"],
      [text(LINES.join("\n")), "report.txt"],
      [
        text(
          `| Element | Rating |\n|---|---|\n${LINES.slice(1)
            .map((l) => `| ${l.replace(" ", " | ")} |`)
            .join("\n")}`,
        ),
        "report.md",
      ],
    ] as const) {
      const result = await extractText(bytes, name);
      expect(result.ok, name).toBe(true);
      if (result.ok) {
        expect(result.value, name).toContain("1.1.1");
        expect(result.value, name).toContain("Partial Compliance");
      }
    }
  });

  it("refuses files it does not read, and says which it does", async () => {
    expect(fileKind("report.xlsx")).toBeUndefined();
    expect(await extractText(text("x"), "report.xlsx")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("Word (.docx), PDF, text (.txt) or Markdown (.md)") },
    });
  });

  it("refuses a 50 MB file before reading it", async () => {
    const big = new Uint8Array(50 * 1024 * 1024);
    expect(big.byteLength).toBeGreaterThan(MAX_UPLOAD_BYTES);
    expect(await extractText(big, "report.pdf")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("That file is 50 MB") },
    });
  });

  it("refuses a truncated Word document and a PDF with no text, saying why", async () => {
    const whole = await docx(LINES);
    expect(await extractText(whole.slice(0, Math.floor(whole.byteLength / 2)), "report.docx")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("may be damaged or only partly uploaded") },
    });
    expect(await extractText(pdf([]), "scan.pdf")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("it may be a scan") },
    });
    expect(await extractText(text("%PDF-1.4 not really"), "broken.pdf")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("could not open that PDF") },
    });
  });

  it("does not unpack a zip bomb dressed as a Word document", async () => {
    const zip = new JSZip();
    zip.file("word/document.xml", new Uint8Array(150 * 1024 * 1024)); // 150 MB of zeros, a few hundred KB packed
    const bomb = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    expect(bomb.byteLength).toBeLessThan(MAX_UPLOAD_BYTES);
    expect(await unpackedSize(bomb, MAX_UNZIPPED_BYTES)).toEqual({ ok: false, reason: "too-big" });
    expect(await extractText(bomb, "report.docx")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("unpacks to far more than any report could be") },
    });
  });

  it("refuses a binary file named .txt", async () => {
    expect(await extractText(new Uint8Array(1000), "report.txt")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("is not text") },
    });
  });
});
