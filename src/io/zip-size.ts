/**
 * How much a zip (a .docx) really unpacks to, found by inflating each entry and counting the
 * bytes as they come, never keeping them: the sizes a zip declares can lie, and a 1 MB upload can
 * inflate to gigabytes. Counting stops at the cap, so memory stays at zlib's working buffers
 * (tens of kilobytes) whatever the file holds.
 */
import { createInflateRaw } from "node:zlib";

const CENTRAL_DIRECTORY = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export type UnpackedSize =
  { readonly ok: true; readonly bytes: number } | { readonly ok: false; readonly reason: "not-a-zip" | "damaged" | "too-big" };

/** The real unpacked size of every entry together, or why it could not be (or should not be) counted. */
export async function unpackedSize(zip: Uint8Array, cap: number): Promise<UnpackedSize> {
  const entries = centralDirectory(zip);
  if (!entries) return { ok: false, reason: "not-a-zip" };
  let total = 0;
  for (const entry of entries) {
    const data = entryData(zip, entry);
    if (!data) return { ok: false, reason: "damaged" };
    const remaining = cap - total;
    const size = entry.method === STORED ? data.byteLength : await inflatedSize(data, remaining);
    if (size === "damaged") return { ok: false, reason: "damaged" };
    if (size === "too-big" || size > remaining) return { ok: false, reason: "too-big" };
    total += size;
  }
  return { ok: true, bytes: total };
}

interface Entry {
  readonly method: number;
  readonly compressedSize: number;
  readonly localHeader: number;
}

function centralDirectory(zip: Uint8Array): Entry[] | undefined {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = -1;
  for (let i = zip.byteLength - 22; i >= Math.max(0, zip.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.byteLength || view.getUint32(at, true) !== CENTRAL_DIRECTORY) return undefined;
    const method = view.getUint16(at + 10, true);
    // Encrypted entries, other methods and ZIP64 (sizes of 0xFFFFFFFF) are never in a report.
    if ((method !== STORED && method !== DEFLATED) || (view.getUint16(at + 8, true) & 1) !== 0) return undefined;
    entries.push({ method, compressedSize: view.getUint32(at + 20, true), localHeader: view.getUint32(at + 42, true) });
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

function entryData(zip: Uint8Array, entry: Entry): Uint8Array | undefined {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const at = entry.localHeader;
  if (at + 30 > zip.byteLength || view.getUint32(at, true) !== LOCAL_HEADER) return undefined;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  return end <= zip.byteLength ? zip.subarray(start, end) : undefined;
}

/** Inflates `data`, counting and dropping the output, and stops as soon as it passes `cap`. */
function inflatedSize(data: Uint8Array, cap: number): Promise<number | "too-big" | "damaged"> {
  return new Promise((resolve) => {
    const inflater = createInflateRaw();
    let size = 0;
    let settled = false;
    const settle = (result: number | "too-big" | "damaged") => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      resolve(result);
    };
    inflater.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > cap) settle("too-big");
    });
    inflater.on("error", () => settle("damaged"));
    inflater.on("end", () => settle(size));
    inflater.end(data);
  });
}
