/**
 * Importing many service-standard figures in Teams, over HTTP: a coordinator sends an Excel
 * workbook or a CSV of figures, checks the preview card (new, corrections, rows not read and why),
 * and presses Import. The same file again adds nothing; a correction keeps the old value in the
 * history; a figure someone changes after the preview is not overwritten; two coordinators
 * importing the same file at once make one set of figures. Someone who is not a coordinator, a
 * damaged workbook, formulas and repeated rows are refused or listed in words.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { periodById, periodsEndingWith } from "../../src/domain/periods.js";
import { expectTeamsReady } from "../support/card-checks.js";
import { teamsWorld } from "../support/e2e.js";
import { FileHost, fileAttachment } from "../support/file-host.js";
import { IMPORTED_CALLS as CALLS, IMPORTED_LETTERS as LETTERS } from "../support/service-standards.js";
import { cardText, findActions, type InvokeReply } from "../support/teams.js";

const TENANT = "tenant-figure-import-e2e";
// October 2026 and Q2 2026/27 (July to September) are the last finished periods.
const clock = fixedClock("2026-11-30T10:00:00Z");
const files = new FileHost();
// Coordinators through the bot's settings, which name them by their Entra object ids.
const CORA_ID = "11111111-1111-4111-8111-111111111111";
const DEE_ID = "22222222-2222-4222-8222-222222222222";
const world = teamsWorld(TENANT, { clock, env: { FILE_HOSTS: "127.0.0.1", COORDINATORS: `${CORA_ID},${DEE_ID}` } });
const { user, client, cardFor, textsTo } = world;
const cora = client(user(CORA_ID, "Cora Coordinator"));
const dee = client(user(DEE_ID, "Dee Deputy"));
const olu = client(user("user-olu", "Olu Officer"));
const store = () => world.bot().stores.standards;
const card = (reply: InvokeReply) => reply.body.value as Record<string, any>;
const words = (reply: InvokeReply) => (typeof reply.body.value === "string" ? reply.body.value : cardText(reply.body.value));
const lastText = (who: typeof cora) => textsTo(who).at(-1) ?? "";
const send = (who: typeof cora, name: string, bytes: Uint8Array | string) =>
  who.post({ type: "message", text: "", attachments: [fileAttachment(name, files.put(`${who.user.aadObjectId}-${name}`, bytes))] });
const values = async () => Object.fromEntries((await store().allFigures(TENANT)).map((f) => [`${f.standardId} ${f.periodId}`, f.value]));
const figureEntries = async (standardId: string) => (await store().history(TENANT, standardId)).filter((h) => h.field.startsWith("figure"));

/** A workbook as a council keeps one: notes first, then this year's figures under a title, then last year's. */
async function workbook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet("Read me").addRow(["Send to the corporate team by the 10th"]);
  const sheet = book.addWorksheet("Figures 2026-27");
  sheet.addRow(["Customer service standards 2026/27"]);
  sheet.addRow(["Period", "Standard", "Value", "Count", "Note"]);
  sheet.addRow(["Q1 2026/27", "letters", 0.91, 400]).getCell(3).numFmt = "0%";
  // A formula's last result is the figure; the formula itself is never worked out.
  sheet.addRow(["Q2 2026/27", LETTERS.promise, { formula: "D4/500", result: 0.88 }, 440, "Two vacancies"]).getCell(3).numFmt = "0%";
  sheet.addRow(["August 2026", "calls", 2.4]);
  sheet.addRow(["September 2026", "calls", 2.9]);
  sheet.addRow(["October 2026", "calls", 3.2]);
  sheet.addRow(["November 2026", "calls", 2.5]);
  sheet.addRow(["October 2026", "Bins collected on time", 99]);
  sheet.addRow(["July 2026", "calls", "=SUM(C5:C7)"]);
  const old = book.addWorksheet("Figures 2025-26");
  old.addRow(["Period", "Standard", "Value"]);
  old.addRow(["March 2026", "calls", 2.2]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

beforeAll(async () => {
  await files.start();
  const change = { by: { userId: CORA_ID, name: "Cora Coordinator" }, at: "2026-11-01T09:00:00Z" };
  await store().create(TENANT, LETTERS, change);
  await store().create(TENANT, CALLS, change);
  await olu.say("standards");
});
afterAll(() => files.stop());

describe("a coordinator imports a year of figures from Excel", () => {
  let preview: Record<string, any>;

  it("someone who is not a coordinator is told so: their file is never fetched nor kept", async () => {
    const before = files.requests.length;
    await send(olu, "figures.csv", "Period,Standard,Value\nOctober 2026,calls,2.5\n");
    expect(lastText(olu)).toContain(
      "Only a CSE coordinator can import the assessor's report, an improvement plan or service-standard figures",
    );
    expect(files.requests.length).toBe(before);
    await olu.say("import figures");
    expect(lastText(olu)).toContain("Only a CSE coordinator can import many figures at once.");
    const forged = await olu.invoke("cse.figureImportConfirm", { fingerprint: "a".repeat(64) });
    expect(words(forged)).toBe(
      "Only a CSE coordinator can import service-standard figures. Owners record their own standards' figures from standards.",
    );
    expect(await world.bot().stores.files.pendingImport(TENANT, "user-olu")).toBeUndefined();
    expect(await values()).toEqual({});
  });

  it("'import figures' says what to send: the columns, how to write periods, and the council's own standards", async () => {
    await cora.say("import figures");
    const text = lastText(cora);
    expect(text).toContain("send me an Excel (.xlsx) or CSV file here, one figure to a row");
    expect(text).toContain("Q1 2026/27, which is April to June 2026");
    expect(text).toContain("Period,Standard,Value,Count,Note  \nOctober 2026,calls,2.5,,  \nQ2 2026/27,letters,92%,,");
    expect(text).toContain("letters: We will answer your letter within ten working days (quarterly)");
  });

  it("shows what the file holds, row by row, and stores nothing until Import", async () => {
    await send(cora, "Standards figures 2026-27.xlsx", await workbook());
    preview = cardFor(cora);
    expectTeamsReady(preview, /^$/, /^cse\.(figureImportConfirm|importCancel)$/);
    const text = cardText(preview);
    expect(text).toContain("Service standard figures: check before importing");
    expect(text).toContain('From the sheet "Figures 2026-27"');
    expect(text).toContain("5 new figures will be recorded.");
    expect(text).toContain("Row 4 · We will answer your letter within ten working days · Q2 2026/27: 88%");
    expect(text).toContain("Row 7 · We will answer your call in an average of no more than 3 mi… · October 2026: 3.2 minutes");
    expect(text).toContain("Rows not read (3)");
    expect(text).toContain("Row 8: November 2026 is not finished yet");
    expect(text).toContain('Row 9: no standard called "Bins collected on time"');
    expect(text).toContain("Row 10: the value looks like a spreadsheet formula, not a number");
    expect(text).toContain('the sheet "Figures 2025-26" also has figures');
    expect(findActions(preview).map((a) => a.title)).toEqual(["Import", "Cancel"]);
    expect(await values()).toEqual({});
  });

  it("Import records each figure with its count and note, audited; the card says what happened", async () => {
    const done = await cora.press(preview, "Import");
    expect(cardText(card(done))).toContain("Recorded 5 new figures.");
    expect(findActions(card(done))).toEqual([]);
    expect(await values()).toEqual({
      "calls 2026-08": 2.4,
      "calls 2026-09": 2.9,
      "calls 2026-10": 3.2,
      "letters 2026/27-Q1": 91,
      "letters 2026/27-Q2": 88,
    });
    expect(await store().figure(TENANT, "letters", "2026/27-Q2")).toMatchObject({
      count: 440,
      note: "Two vacancies",
      by: { userId: CORA_ID },
    });
    expect((await figureEntries("calls")).map((h) => [h.field, h.from, h.to])).toEqual(
      expect.arrayContaining([
        ["figure 2026-08", "", "2.4"],
        ["figure 2026-09", "", "2.9"],
        ["figure 2026-10", "", "3.2"],
      ]),
    );
    const again = await cora.press(preview, "Import");
    expect(words(again)).toContain("That preview is no longer waiting");
  });

  it("the same figures again, as a CSV without counts or notes, change nothing", async () => {
    const csv =
      "Period,Standard,Value\nQ1 2026/27,letters,91%\nQ2 2026/27,letters,88%\nAug-26,calls,2.4\n09/2026,calls,2.9\nOctober 2026,calls,3.2\n";
    await send(cora, "figures.csv", csv);
    expect(cardText(cardFor(cora))).toContain("Every figure in this file is already recorded: importing it again changes nothing.");
    const again = await cora.press(cardFor(cora), "Import");
    expect(cardText(card(again))).toContain("Every figure in this file is already recorded; nothing has changed.");
    expect(await figureEntries("calls")).toHaveLength(3);
    expect(await figureEntries("letters")).toHaveLength(2);
    expect(await store().figure(TENANT, "letters", "2026/27-Q2")).toMatchObject({ value: 88, count: 440, note: "Two vacancies" });
  });

  it("a corrected value replaces the one recorded, with the old and new value in the history", async () => {
    clock.set("2026-11-30T10:05:00Z");
    await send(cora, "figures corrected.csv", "Period,Standard,Value\nQ2 2026/27,letters,91%\nOctober 2026,calls,3.2\n");
    const shown = cardFor(cora);
    expect(cardText(shown)).toContain(
      "1 figure will be corrected, keeping the old value in the standard's history; 1 figure is already recorded and will be left as it is.",
    );
    expect(cardText(shown)).toContain("Row 2 · We will answer your letter within ten working days · Q2 2026/27: 88% → 91%");
    const done = await cora.press(shown, "Import");
    expect(cardText(card(done))).toContain(
      "Corrected 1 figure (the old values are kept in each standard's history); 1 figure was already recorded and left as it was.",
    );
    expect((await figureEntries("letters"))[0]).toMatchObject({
      field: "figure 2026/27-Q2",
      from: "88",
      to: "91",
      by: { userId: CORA_ID },
      at: "2026-11-30T10:05:00.000Z",
    });
    expect(await store().figure(TENANT, "letters", "2026/27-Q2")).toMatchObject({ value: 91, count: 440, note: "Two vacancies" });
  });

  it("a figure its owner corrects after the preview is not overwritten, and the coordinator is told", async () => {
    await send(cora, "figures.csv", "Period,Standard,Value\nAugust 2026,calls,2.4\nSeptember 2026,calls,2.7\n");
    const shown = cardFor(cora);
    expect(cardText(shown)).toContain("September 2026: 2.9 minutes → 2.7 minutes");
    const owners = await olu.invoke("cse.figureSave", { standardId: "calls", period: "2026-09", value: "2.8", base: "2026-09=2.9" });
    expect(cardText(card(owners))).toContain("Corrected September 2026 from 2.9 minutes to 2.8 minutes");
    const done = card(await cora.press(shown, "Import"));
    expect(cardText(done)).toContain(
      '1 figure was already recorded and left as it was. 1 figure was changed since the preview, so it was not imported: September 2026 of "We will answer your call in an average of no more than 3…" (now 2.8 minutes, recorded by Olu Officer). Send the file again to check it against what is recorded now.',
    );
    expect((await values())["calls 2026-09"]).toBe(2.8);
  });
});

describe("files the import refuses or reads only in part", () => {
  it("a damaged (half-uploaded) workbook is refused in words, and nothing is kept", async () => {
    const book = await workbook();
    const before = await values();
    await send(cora, "figures.xlsx", book.slice(0, book.byteLength / 2));
    expect(lastText(cora)).toContain("I could not open that Excel file: it may be damaged or only partly uploaded.");
    expect(await world.bot().stores.files.pendingImport(TENANT, CORA_ID)).toBeUndefined();
    expect(await values()).toEqual(before);
  });

  it("a CSV with a formula and repeated rows lists them with their row numbers; Cancel stores nothing", async () => {
    const csv = [
      "Period,Standard,Value,Note",
      "July 2026,calls,2.2,",
      "July 2026,calls,2.2,",
      "June 2026,calls,2.1,",
      "June 2026,calls,2.6,",
      "May 2026,calls,@SUM(C2:C3),",
      'April 2026,calls,2.3,"=HYPERLINK(""http://evil.example"",""x"")"',
    ].join("\n");
    await send(cora, "figures.csv", csv);
    const shown = cardFor(cora);
    const text = cardText(shown);
    expect(text).toContain("2 new figures will be recorded.");
    expect(text).toContain("Row 3: repeats row 2");
    expect(text).toContain("Row 4: row 5 gives a different value for the same period; fix the file and import again");
    expect(text).toContain("Row 5: row 4 gives a different value for the same period");
    expect(text).toContain("Row 6: the value looks like a spreadsheet formula, not a number");
    const cancelled = await cora.press(shown, "Cancel");
    expect(words(cancelled)).toBe("Import cancelled. Nothing was imported.");
    expect((await values())["calls 2026-07"]).toBeUndefined();
    expect(await world.bot().stores.files.pendingImport(TENANT, CORA_ID)).toBeUndefined();
  });

  it("a note that looks like a formula is kept as the words it is, never evaluated", async () => {
    await send(cora, "note.csv", 'Period,Standard,Value,Note\nApril 2026,calls,2.3,"=HYPERLINK(""http://evil.example"",""x"")"\n');
    await cora.press(cardFor(cora), "Import");
    expect(await store().figure(TENANT, "calls", "2026-04")).toMatchObject({ value: 2.3, note: '=HYPERLINK("http://evil.example","x")' });
  });
});

describe("two coordinators import the same file at the same moment", () => {
  it("makes one set of figures, each recorded and audited once", async () => {
    // Two years of monthly figures, April 2024 to March 2026: enough writes for the two imports to overlap.
    const months = periodsEndingWith(periodById("2026-03")!, 24);
    const csv = ["Period,Standard,Value", ...months.map((m, i) => `${m.label},calls,${(2 + i / 100).toFixed(2)}`)].join("\n");
    await send(cora, "figures.csv", csv);
    await send(dee, "figures.csv", csv);
    expect(cardText(cardFor(dee))).toContain("24 new figures will be recorded.");
    const [first, second] = await Promise.all([cora.press(cardFor(cora), "Import"), dee.press(cardFor(dee), "Import")]);
    const said = [cardText(card(first)), cardText(card(second))];
    const recorded = said.map((t) => Number(/Recorded (\d+) new figure/.exec(t)?.[1] ?? 0));
    expect(recorded[0]! + recorded[1]!).toBe(24);
    expect(said.join("\n")).not.toContain("not imported");
    const audited = await store().history(TENANT, "calls", 500);
    for (const { id } of months)
      expect(
        audited.filter((h) => h.field === `figure ${id}`),
        id,
      ).toHaveLength(1);
    const stored = await values();
    months.forEach(({ id }, i) => expect(stored[`calls ${id}`], id).toBe(Number((2 + i / 100).toFixed(2))));
  });
});
