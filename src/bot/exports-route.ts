/**
 * GET /exports/:token: the file behind a signed export link. The HTML report is shown in the
 * browser (to print to PDF) under a policy that runs no script; spreadsheets download.
 */
import type { ServerResponse } from "node:http";
import type { Logger } from "../logger.js";
import type { Refusal } from "../domain/refusal.js";
import type { ExportLinkService } from "../services/export-links.js";

const STATUS: Partial<Record<Refusal["code"], number>> = { stale: 410, "not-allowed": 403 };

export async function serveExport(links: ExportLinkService, token: string, res: ServerResponse, log: Logger): Promise<void> {
  const common = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" };
  try {
    const file = await links.open(token);
    if ("code" in file) {
      res.writeHead(STATUS[file.code] ?? 404, { ...common, "Content-Type": "text/plain; charset=utf-8" });
      res.end(file.message);
      return;
    }
    const inline = file.contentType.startsWith("text/html");
    res.writeHead(200, {
      ...common,
      "Content-Type": file.contentType,
      "Content-Length": file.bytes.length,
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${file.fileName.replace(/[^\w.-]/g, "_")}"`,
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox allow-modals",
    });
    res.end(file.bytes);
  } catch (error) {
    log.error({ err: error, route: "exports" }, "export failed");
    res.writeHead(500, { ...common, "Content-Type": "text/plain; charset=utf-8" });
    res.end("The export could not be made just now. Please try again in a minute.");
  }
}
