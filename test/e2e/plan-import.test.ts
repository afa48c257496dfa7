/**
 * Importing the council's own improvement plan in Teams, over HTTP: a coordinator sends a
 * spreadsheet, a CSV or a Word table (or pastes it), checks the preview card, chooses an element
 * for the rows that name none, and presses Import. One action per row, owners matched to people
 * the bot knows; the same plan twice adds nothing; tampered presses store nothing.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectTeamsReady } from "../support/card-checks.js";
import { teamsWorld } from "../support/e2e.js";
import { FileHost, fileAttachment } from "../support/file-host.js";
import { docx, xlsx } from "../support/files.js";
import { cardText, findActions, findInputs, type InvokeReply } from "../support/teams.js";

const TENANT = "tenant-plan-e2e";
const files = new FileHost();
const world = teamsWorld(TENANT, { env: { FILE_HOSTS: "127.0.0.1" } });
const { user, client, cardFor, textsTo } = world;
const cora = client(user("user-cora", "Cora Coordinator"));
const priya = client(user("user-priya", "Priya Shah"));
const olu = client(user("user-olu", "Olu Adeyemi"));
const stores = () => world.bot().stores;
const send = (who: typeof cora, name: string, url: string) =>
  who.post({ type: "message", text: "", attachments: [fileAttachment(name, url)] });
const lastText = (who: typeof cora) => textsTo(who).at(-1) ?? "";
const card = (reply: InvokeReply) => reply.body.value as Record<string, any>;
const LEICESTER = readFileSync(new URL("../fixtures/plans/leicester-customer-care-review-2000.txt", import.meta.url), "utf8");

const PLAN = [
  ["Action", "Owner", "Due", "Element", "Status"],
  ["Publish our performance against the service standards every quarter", "Priya Shah", "Q4 2026/27", "4.1.2, 5.3.2", "In progress"],
  ["Set first-time resolution targets for the contact centre", "Head of Customer Services", "31/03/2027", "5.1.2", "Not started"],
  ["Customer insight", "", "", "", ""],
  ["Refresh the customer segmentation with the 2021 census", "olu adeyemi", "sometime soon", "", "Open"],
];

const actions = () => stores().actions.list(TENANT);

beforeAll(async () => {
  await files.start();
  await cora.say("setup");
  await cora.say("assess"); // starts the council's first campaign
  await priya.say("assess");
  await olu.say("assess");
});
afterAll(() => files.stop());

describe("a coordinator imports the improvement plan the council keeps in Excel", () => {
  let preview: Record<string, any>;

  it("someone who is not a coordinator is refused before the file is fetched", async () => {
    await send(olu, "plan.xlsx", files.put("plan.xlsx", await xlsx({ Plan: PLAN })));
    expect(cardText(cardFor(olu))).toContain("Add this file as evidence?");
    expect(files.requests).toEqual([]);
  });

  it("shows each row as the action it will become, and stores nothing until Import", async () => {
    await send(cora, "Improvement plan 2026-27.xlsx", files.put("plan-2026.xlsx", await xlsx({ Plan: PLAN })));
    preview = cardFor(cora);
    expectTeamsReady(preview, /^planElement$/, /^cse\.(planConfirm|importCancel)$/);
    const text = cardText(preview);
    expect(text).toContain("Improvement plan: check before importing");
    expect(text).toContain("3 rows will become improvement actions; 2 owners are people I know.");
    expect(text).toContain("Owner: Priya Shah");
    expect(text).toContain('Due 31 Mar 2027 ("Q4 2026/27") · In progress');
    expect(text).toContain("Owner: you, for now (the plan says Head of Customer Services, whom I do not know)");
    expect(text).toContain("Owner: Olu Adeyemi (as written: olu adeyemi)");
    expect(text).toContain('I could not read a date in "sometime soon", so three months from today');
    expect(text).toContain("row 3: it looks like a heading");
    expect(findInputs(preview).map((i) => i.id)).toEqual(["planElement"]);
    expect(await actions()).toEqual([]);
  });

  it("a press with the element left out, an unknown element or a forged fingerprint stores nothing and says why", async () => {
    const fingerprint = findActions(preview)[0]!.data.fingerprint as string;
    const none = await cora.invoke("cse.planConfirm", { fingerprint });
    expect(JSON.stringify(none.body)).toContain("1 of the plan's rows name no element of the standard. Choose the element they belong to");
    const unknown = await cora.invoke("cse.planConfirm", { fingerprint, planElement: "9.9.9" });
    expect(JSON.stringify(unknown.body)).toContain('\\"9.9.9\\" is not an element of the CSE standard');
    const forged = await cora.invoke("cse.planConfirm", { fingerprint: "b".repeat(64), planElement: "1.1.1" });
    expect(JSON.stringify(forged.body)).toContain("That preview is no longer waiting");
    const malformed = await cora.invoke("cse.planConfirm", { fingerprint: "../../etc", planElement: "1.1.1" });
    expect(JSON.stringify(malformed.body)).toContain("That card's data was not valid");
    const notMine = await olu.invoke("cse.planConfirm", { fingerprint, planElement: "1.1.1" });
    expect(JSON.stringify(notMine.body)).toContain("Only a CSE coordinator can import an improvement plan.");
    expect(await actions()).toEqual([]);
  });

  it("Import makes one action per row, with owners, dates, elements and an audit entry; the card says what happened", async () => {
    const done = await cora.press(preview, "Import", { planElement: "1.1.1" });
    expect(cardText(card(done))).toContain('Imported 3 improvement actions (Actions 1\u20133) into "');
    expect(findActions(card(done))).toEqual([]);
    const [published, targets, segmentation] = await actions();
    expect(published).toMatchObject({
      title: "Publish our performance against the service standards every quarter",
      owner: { userId: "user-priya", name: "Priya Shah" },
      dueOn: "2027-03-31",
      refs: ["4.1.2", "5.3.2"],
      status: "in-progress",
      createdBy: { userId: "user-cora" },
    });
    expect(targets).toMatchObject({ owner: { userId: "user-cora" }, refs: ["5.1.2"], dueOn: "2027-03-31" });
    expect(targets!.description).toContain("Owner as written in the plan: Head of Customer Services.");
    expect(segmentation).toMatchObject({ owner: { userId: "user-olu" }, refs: ["1.1.1"] });
    expect(segmentation!.description).toContain("Due as written in the plan: sometime soon.");
    expect(await stores().actions.history(TENANT, "1")).toEqual([
      expect.objectContaining({ field: "created", by: expect.objectContaining({ userId: "user-cora" }) }),
    ]);
    // Priya sees hers where she looks for her work.
    await priya.say("actions");
    expect(cardText(cardFor(priya))).toContain("Publish our performance against the service");
  });

  it("the same plan sent again, as CSV this time, adds nothing; a plan with one new row adds that row", async () => {
    const csv = PLAN.map((r) => r.map((c) => `"${c}"`).join(",")).join("\n");
    await send(cora, "plan.csv", files.put("plan.csv", csv));
    expect(cardText(cardFor(cora))).toContain("Every row of this plan was imported before: importing again changes nothing.");
    const again = await cora.press(cardFor(cora), "Import", { planElement: "1.1.1" });
    expect(cardText(card(again))).toContain("Every row of this plan was already imported");
    expect(await actions()).toHaveLength(3);

    const more = `${csv}\n"Add a plain-English check to every new letter template","Priya Shah","June 2027","5.2.3","Open"`;
    await send(cora, "plan.csv", files.put("plan-v2.csv", more));
    expect(cardText(cardFor(cora))).toContain("4 rows will become improvement actions; 3 of them were imported before");
    const added = await cora.press(cardFor(cora), "Import", { planElement: "1.1.1" });
    expect(cardText(card(added))).toContain("Imported 1 improvement action (Action 4)");
    expect(await actions()).toHaveLength(4);
  });
});

describe("plans in other shapes", () => {
  it("a Word plan with Task | Responsibility | Timescale tables (the Leicester plan): past dates move three months on, repeated rows are listed", async () => {
    const blocks = LEICESTER.split("\n")
      .slice(248, 560)
      .map((line) => (line.includes("\t") ? { table: [line.split("\t").map((c) => c.replace(/<\/?b>/g, ""))] } : line));
    await send(cora, "Customer care action plan.docx", files.put("leicester.docx", await docx(blocks)));
    const text = cardText(cardFor(cora));
    expect(text).toContain("The actions (19)");
    expect(text).toContain("it repeats row 16");
    expect(text).toContain('the plan\'s date ("February 2001") has passed, so three months from today');
    const cancelled = await cora.press(cardFor(cora), "Cancel");
    expect(JSON.stringify(cancelled.body)).toContain("Import cancelled. Nothing was imported.");
    expect(await actions()).toHaveLength(4);
  });

  it("a plan pasted after 'import plan' gets the same preview; text that is neither a plan nor a report is refused in words", async () => {
    await cora.say("import plan\n| Task | Owner | Due |\n|---|---|---|\n| Review the complaints leaflet (3.4.1) | Priya Shah | May 2027 |");
    expect(cardText(cardFor(cora))).toContain("1 row will become improvement actions; 1 owner is people I know.");
    // A client that drops the line breaks (the Agents Playground does) sends the rows run together.
    await cora.say(
      "import plan| Task | Owner | Due || Review the complaints leaflet (3.4.1) | Priya Shah | May 2027 || Test the new phone menu with customers (5.2.2) | Sam | June 2027 |",
    );
    expect(cardText(cardFor(cora))).toContain("2 rows will become improvement actions; 1 owner is people I know.");
    await cora.say(`import\n${"Minutes of the customer panel. ".repeat(30)}`);
    expect(lastText(cora)).toContain("I could not find the compliance table of an assessor's report");
    expect(await actions()).toHaveLength(4);
  });
});
