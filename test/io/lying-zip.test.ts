/**
 * A .docx whose zip lies about its sizes (1 MB that inflates to 1 GB while saying it holds 1 KB)
 * is refused after counting at most the cap, with memory measured in a process of its own.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_UNZIPPED_BYTES, MAX_UPLOAD_BYTES } from "../../src/io/extract-text.js";
import { unpackedSize } from "../../src/io/zip-size.js";
import { docx, lyingZip } from "../support/files.js";

const GIB = 1024 * 1024 * 1024;
/** The most a refused upload may add to the process's peak memory. */
const MEMORY_BOUND_MB = 48;

let bomb: Uint8Array;
const dir = mkdtempSync(join(tmpdir(), "cse-zip-"));

beforeAll(async () => {
  bomb = await lyingZip(GIB);
  writeFileSync(join(dir, "bomb.docx"), bomb);
  writeFileSync(
    join(dir, "honest.docx"),
    await docx(["7. COMPLIANCE AGAINST THE CUSTOMER SERVICE EXCELLENCE STANDARD", "1.1.1 Compliance"]),
  );
}, 60_000);

/** Reads `file` as an uploaded report in a fresh process; what it answered and its peak memory (MB). */
async function readInOwnProcess(file: string): Promise<{ ok: boolean; message?: string; peakMb: number }> {
  const script = `
    import { readFileSync } from "node:fs";
    import { extractText } from "./src/io/extract-text.ts";
    const result = await extractText(new Uint8Array(readFileSync(${JSON.stringify(file)})), "report.docx");
    console.log(JSON.stringify({ ok: result.ok, message: result.ok ? undefined : result.refusal.message, peakMb: process.resourceUsage().maxRSS / 1024 }));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as { ok: boolean; message?: string; peakMb: number };
}

describe("a zip that lies about its sizes", () => {
  it("is small enough to upload, and says it unpacks to 1 KB", () => {
    expect(bomb.byteLength).toBeLessThan(MAX_UPLOAD_BYTES);
    expect(Buffer.from(bomb).readUInt32LE(bomb.byteLength - 22 - 46 - 17 + 24)).toBe(1000);
  });

  it("is counted only up to the cap, never unpacked whole", async () => {
    expect(await unpackedSize(bomb, MAX_UNZIPPED_BYTES)).toEqual({ ok: false, reason: "too-big" });
  });

  it(`is refused in words, adding less than ${MEMORY_BOUND_MB} MB to the reader's peak memory`, { timeout: 120_000 }, async () => {
    const honest = await readInOwnProcess(join(dir, "honest.docx"));
    const lying = await readInOwnProcess(join(dir, "bomb.docx"));
    console.log(`peak memory: ${honest.peakMb.toFixed(0)} MB reading a real .docx, ${lying.peakMb.toFixed(0)} MB refusing a 1 GB bomb`);
    expect(honest.ok).toBe(true);
    expect(lying).toMatchObject({ ok: false, message: expect.stringContaining("unpacks to far more than any report could be") });
    expect(lying.peakMb - honest.peakMb).toBeLessThan(MEMORY_BOUND_MB);
  });
});

describe("unpackedSize", () => {
  it("counts a real .docx, and calls a cut-off or foreign file what it is", async () => {
    const real = await docx(["1.1.1 Compliance"]);
    const counted = await unpackedSize(real, MAX_UNZIPPED_BYTES);
    expect(counted.ok && counted.bytes).toBeGreaterThan(500);
    expect(await unpackedSize(real.subarray(0, real.byteLength - 30), MAX_UNZIPPED_BYTES)).toEqual({ ok: false, reason: "not-a-zip" });
    expect(await unpackedSize(new TextEncoder().encode("not a zip at all"), MAX_UNZIPPED_BYTES)).toEqual({
      ok: false,
      reason: "not-a-zip",
    });
    const corrupt = new Uint8Array(real);
    corrupt.fill(0x55, 60, 200); // inside the first entry's deflated data
    expect((await unpackedSize(corrupt, MAX_UNZIPPED_BYTES)).ok).toBe(false);
  });
});
