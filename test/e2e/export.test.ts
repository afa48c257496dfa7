/**
 * `export` in Teams, over HTTP: a coordinator gets signed links, and opening them returns the
 * evidence matrix (read back: 57 rows, the same ratings and links) and the HTML report. A
 * contributor is refused; a changed or expired link returns nothing.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createLogger } from "../../src/logger.js";
import { ExportLinkService } from "../../src/services/export-links.js";
import { RolesService } from "../../src/services/roles.js";
import type { Actor } from "../../src/services/views.js";
import { teamsWorld } from "../support/e2e.js";
import { nodes } from "../support/card-checks.js";
import { cardText } from "../support/teams.js";

const TENANT = "tenant-export-e2e";
const world = teamsWorld(TENANT);
const { user, client, cardFor, textsTo } = world;
const CORA = user("user-cora", "Cora Coordinator");
const OLU = user("user-olu", "Olu Officer");
const cora = client(CORA);
const olu = client(OLU);
const LINK = { linkTitle: "Customer insight strategy 2026", linkUrl: "https://council.sharepoint.com/sites/cse/Insight%20strategy.docx" };

const linksOf = (card: Record<string, any>) =>
  Object.fromEntries(nodes(card, (o) => o.type === "Action.OpenUrl").map((a) => [a.title as string, a.url as string]));

beforeAll(async () => {
  await cora.say("setup");
  await cora.say("assess 1.1.1");
  await cora.press(cardFor(cora), "Save", { rating: "compliance-plus", narrative: "Census and CRM profiling, refreshed yearly." });
  await cora.say("assess 1.1.1");
  await cora.press(cardFor(cora), "Add link", LINK);
  await cora.say("assess 4.1.2");
  await cora.press(cardFor(cora), "Save", { rating: "partial" });
});

describe("export from chat", () => {
  it("gives a coordinator links; the spreadsheet read back has 57 rows with the ratings and the clickable link", async () => {
    await cora.say("export");
    const card = cardFor(cora);
    expect(cardText(card)).toContain("CSE self-assessment");
    const links = linksOf(card);
    expect(Object.keys(links)).toEqual(["Download .xlsx", "Download .csv", "Open the report", "Open the page"]);

    const xlsx = await fetch(links["Download .xlsx"]!);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx.headers.get("content-disposition")).toMatch(
      /^attachment; filename="cse-self-assessment-\d{4}-[\w-]+-evidence-matrix\.xlsx"$/,
    );
    expect(xlsx.headers.get("cache-control")).toBe("no-store");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    expect(rows).toHaveLength(57);
    const row = (ref: string) => rows.find((r) => r.getCell(col("Element")).value === ref)!;
    expect(row("1.1.1").getCell(col("Self rating")).value).toBe("Compliance Plus");
    expect(row("4.1.2").getCell(col("Self rating")).value).toBe("Partial Compliance");
    expect(row("1.1.2").getCell(col("Self rating")).value).toBe("Not yet rated");
    const evidence = row("1.1.1").getCell(col("Evidence 1")).value as { text: string; hyperlink: string };
    expect(evidence).toEqual({ text: LINK.linkTitle, hyperlink: LINK.linkUrl });

    const html = await fetch(links["Open the report"]!);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");
    const page = await html.text();
    expect(page).toContain("<h2>1. Customer Insight</h2>");
    expect(page).toContain("<h2>Strengths (Compliance Plus)</h2>");
    expect(page).toContain("Census and CRM profiling, refreshed yearly.");

    const published = await fetch(links["Open the page"]!);
    expect(published.status).toBe(200);
    expect(published.headers.get("content-security-policy")).toContain("default-src 'none'");
    const publicPage = await published.text();
    expect(publicPage).toContain("<h1>How we are doing: Our council</h1>");
    expect(publicPage).toContain("We have not published any service standards yet.");

    const csv = await (await fetch(links["Download .csv"]!)).text();
    expect(csv.split("\r\n").filter((l) => /^Whole council,\d\.\d\.\d,/.test(l))).toHaveLength(57);
  });

  it("refuses a contributor, and in a channel says to ask one-to-one", async () => {
    await world.mention(client(CORA, "channel"), world.member(OLU), "role add contributor");
    await olu.say("export");
    expect(textsTo(olu).at(-1)).toContain(
      "Exports hold everyone's narratives and evidence, so they are for CSE coordinators, reviewers and leaders.",
    );
    await client(CORA, "channel").say("export");
    expect(textsTo(client(CORA, "channel")).at(-1)).toContain("Open a chat with me");
  });

  it("a changed link, a made-up one and an expired one return nothing of the council's", async () => {
    await cora.say("export");
    const url = linksOf(cardFor(cora))["Download .xlsx"]!;
    const [base, token] = url.split("/exports/");
    const [body, signature] = token!.split("~");
    // The same signature on other claims: another format or campaign.
    const forgedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, "base64url").toString()), f: "html" })).toString(
      "base64url",
    );
    for (const bad of [`${forgedBody}~${signature}`, `${body}~${signature!.slice(0, -2)}AA`, "nothing-here", `${body}`]) {
      const res = await fetch(`${base}/exports/${bad}`);
      expect(res.status, bad).toBe(404);
      expect(await res.text()).toContain("This download link is not valid.");
    }

    // The same link opened 16 minutes later, by any instance on the same storage.
    const stores = world.bot().stores;
    const log = createLogger("silent");
    const roles = new RolesService(stores, fixedClock(new Date(Date.now() + 16 * 60_000).toISOString()), log, []);
    const later = new ExportLinkService(
      { stores, clock: fixedClock(new Date(Date.now() + 16 * 60_000).toISOString()), log, rolesOf: (a: Actor) => roles.rolesOf(a) },
      () => base!,
    );
    expect(await later.open(token!)).toMatchObject({ code: "stale", message: expect.stringContaining("This download link has expired") });
    const now = new ExportLinkService(
      { stores, clock: fixedClock(new Date().toISOString()), log, rolesOf: (a: Actor) => roles.rolesOf(a) },
      () => base!,
    );
    expect(await now.open(token!)).toMatchObject({ fileName: expect.stringMatching(/evidence-matrix\.xlsx$/) });
  });
});
