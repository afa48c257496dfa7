/**
 * Importing last year's assessor report in Teams, over HTTP: a coordinator sends the report as a
 * file (fetched from a SharePoint stand-in) or pastes it, checks the preview card, and confirms.
 * Nothing is stored before Confirm; damaged, hostile and forged input is refused in words.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectTeamsReady } from "../support/card-checks.js";
import { teamsWorld } from "../support/e2e.js";
import { FileHost, fileAttachment } from "../support/file-host.js";
import { docx, pdf } from "../support/files.js";
import { cardText, findActions, type InvokeReply } from "../support/teams.js";

const TENANT = "tenant-import-e2e";
const files = new FileHost();
const world = teamsWorld(TENANT, { env: { FILE_HOSTS: "127.0.0.1" } });
const { user, client, cardFor, textsTo } = world;
const CORA = user("user-cora", "Cora Coordinator");
const OLU = user("user-olu", "Olu Officer");
const cora = client(CORA);
const olu = client(OLU);
const OADBY = readFileSync(new URL("../fixtures/assessor-report-oadby-wigston-2023.txt", import.meta.url), "utf8");
const CHARNWOOD = readFileSync(new URL("../fixtures/assessor-report-charnwood-2017.txt", import.meta.url), "utf8");
const stores = () => world.bot().stores;
const send = (who: typeof cora, name: string, url: string, text = "") =>
  who.post({ type: "message", text, attachments: [fileAttachment(name, url)] });
const lastText = (who: typeof cora) => textsTo(who).at(-1) ?? "";
const card = (reply: InvokeReply) => reply.body.value as Record<string, any>;

async function nothingImported(): Promise<void> {
  const campaignId = (await stores().campaigns.activeCampaignId(TENANT))!;
  expect(await stores().actionImports.getReport(TENANT, campaignId)).toBeUndefined();
  expect(await stores().actions.list(TENANT)).toEqual([]);
}

beforeAll(async () => {
  await files.start();
  await cora.say("setup");
  await cora.say("assess"); // starts the council's first campaign
  await olu.say("assess");
});
afterAll(() => files.stop());

describe("refused before anything is read or stored", () => {
  it("a file from someone who is not a coordinator is not even fetched", async () => {
    const url = files.put("report.docx", await docx(OADBY.split("\n")));
    await send(olu, "report.docx", url);
    // For anyone but a coordinator a file is evidence for the element they are on, never a report.
    expect(findActions(cardFor(olu)).map((a) => a.title)).toEqual(["Add as evidence to 1.1.1"]);
    expect(files.requests).toEqual([]);
    await nothingImported();
  });

  it("a link that does not point at the council's files is not fetched, even through a redirect", async () => {
    await send(cora, "report.txt", "http://169.254.169.254/metadata/instance");
    expect(lastText(cora)).toBe("That file's link does not point to your organisation's Teams or SharePoint files, so I did not open it.");
    const url = files.put("moved.txt", OADBY);
    files.redirect(url, "http://169.254.169.254/latest/meta-data/");
    await send(cora, "moved.txt", url);
    expect(lastText(cora)).toContain("does not point to your organisation's Teams or SharePoint files");
    expect(files.requests).toEqual([new URL(url).pathname]);
    await nothingImported();
  });

  it("a deleted file, a revoked link and a throttled fetch each get a plain answer", async () => {
    const gone = files.put("gone.txt", OADBY);
    files.fail(gone, { status: 404 });
    await send(cora, "gone.txt", gone);
    expect(lastText(cora)).toContain("I could not fetch that file from Teams: it may have been moved or deleted, or its link has expired.");
    const revoked = files.put("revoked.txt", OADBY);
    files.fail(revoked, { status: 403 });
    await send(cora, "revoked.txt", revoked);
    expect(lastText(cora)).toContain("its link has expired. Please send it again.");
    const busy = files.put("busy.txt", OADBY);
    files.fail(busy, { status: 429, headers: { "Retry-After": "30" } });
    await send(cora, "busy.txt", busy);
    expect(lastText(cora)).toBe("Teams did not hand over that file just now. Please send it again in a minute.");
    await nothingImported();
  });

  it("a 50 MB file, a truncated docx, a scanned PDF and a spreadsheet are refused in words", async () => {
    await send(cora, "huge.txt", files.put("huge.txt", Buffer.alloc(50 * 1024 * 1024, 65)));
    expect(lastText(cora)).toContain("That file is larger than 20 MB");
    const whole = await docx(OADBY.split("\n"));
    await send(cora, "cut.docx", files.put("cut.docx", whole.slice(0, Math.floor(whole.byteLength / 2))));
    expect(lastText(cora)).toContain("may be damaged or only partly uploaded");
    await send(cora, "scan.pdf", files.put("scan.pdf", pdf([])));
    expect(lastText(cora)).toContain("That PDF has no text I can read: it may be a scan");
    await send(cora, "matrix.xlsx", files.put("matrix.xlsx", "PK"));
    expect(lastText(cora)).toContain("I could not open that Excel file");
    await send(cora, "slides.pptx", files.put("slides.pptx", "PK"));
    expect(lastText(cora)).toContain('"slides.pptx" is none of those');
    await nothingImported();
  });

  it("a file with no compliance table is refused; a forged Confirm imports nothing", async () => {
    // Neither a report nor a plan: offered as evidence for the element the coordinator is on.
    await send(cora, "minutes.txt", files.put("minutes.txt", "Minutes of the customer services committee. ".repeat(30)));
    expect(findActions(cardFor(cora)).map((a) => a.title)).toEqual(["Add as evidence to 1.1.1"]);
    const forged = await cora.invoke("cse.importConfirm", { fingerprint: "a".repeat(64) });
    expect(JSON.stringify(forged.body)).toContain("That preview is no longer waiting");
    const malformed = await cora.invoke("cse.importConfirm", { fingerprint: "../../etc" });
    expect(JSON.stringify(malformed.body)).toContain("That card's data was not valid");
    await nothingImported();
  });
});

describe("a coordinator imports the Oadby and Wigston report from a Word file", () => {
  it("shows a preview of what was found, and stores nothing until Import", async () => {
    const name = "OWBC CSE Review 3 report Dec 2023.docx";
    await send(cora, name, files.put(name, await docx(OADBY.split("\n"))));
    const preview = cardFor(cora);
    expectTeamsReady(preview, /^$/, /^cse\.import(Confirm|Cancel)$/);
    const text = cardText(preview);
    expect(text).toContain("Oadby and Wigston Borough Council");
    expect(text).toContain("Review 3 (C 3) · assessed 13 Dec 2023 · from OWBC CSE Review 3 report Dec 2023.docx");
    expect(text).toContain("57 elements: 8 Compliance Plus, 47 Compliance, 2 Partial Compliance");
    expect(text).toContain("Areas for improvement (9)");
    expect(text).toContain("Elements 4.1.2, 5.3.2");
    expect(text).toContain("The summary of strengths cites 2.1.3, but the table rates it Compliance; the table is used.");
    expect(text).toContain(
      "Certified 13 Dec 2023: the report's visit (13 Dec 2023) was a certification. These dates will be set for the whole council",
    );
    expect(text).toContain("14 Dec 2026 (evidence due 30 Nov 2026)");
    expect(findActions(preview).map((a) => a.title)).toEqual(["Import", "Cancel"]);
    await nothingImported();

    const done = await cora.press(preview, "Import");
    const after = cardText(card(done));
    expect(after).toContain("Imported the assessor's 57 ratings into");
    expect(after).toContain("9 draft improvement actions (1, 2, 3, 4, 5, 6, 7, 8, 9)");
    expect(after).toContain("Certification dates set from the report: certified 13 Dec 2023.");
    expect(findActions(card(done)).map((a) => a.title)).toEqual([]);
    expect(await stores().actions.list(TENANT)).toHaveLength(9);
    expect((await stores().certification.get(TENANT, "council"))?.certifiedOn).toBe("2023-12-13");

    // The old card's button, pressed again, changes nothing.
    const again = await cora.press(preview, "Import");
    expect(JSON.stringify(again.body)).toContain("That preview is no longer waiting");
    expect(await stores().actions.list(TENANT)).toHaveLength(9);
  });

  it("the same report sent again, as pasted text, changes nothing; a different one is refused", async () => {
    await cora.say(`import\n${OADBY}`);
    expect(lastText(cora)).toContain("This report was already imported on");
    await cora.say(`import ${CHARNWOOD}`);
    expect(lastText(cora)).toContain("This campaign already has an assessor's report (Review 3 (C 3)");
    await cora.say("import");
    expect(lastText(cora)).toContain(
      "send it to me here as a file (Word .docx, PDF, .txt, .md; a plan may also be Excel .xlsx or .csv), or type import and paste",
    );
    expect(await stores().actions.list(TENANT)).toHaveLength(9);
  });

  it("the element card shows the assessor's rating beside the council's own, after a press too", async () => {
    await cora.say("assess 4.1.2");
    expect(cardText(cardFor(cora))).toContain("Last assessor (Review 3 (C 3)): **Partial Compliance**");
    const saved = await cora.press(cardFor(cora), "Save", { rating: "compliance" });
    expect(cardText(saved.body.value)).toContain("Last assessor (Review 3 (C 3)): **Partial Compliance**");
    expect(cardText(saved.body.value)).toContain("Current rating: **Compliance**");
  });
});
