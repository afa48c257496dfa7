/**
 * A file sent to the bot in the one-to-one chat, as evidence: offered for the element the person
 * is on (or the one named with "evidence 3.2.1"), stored as its SharePoint link (the file is never
 * fetched), audited as from a file sent to the bot. Tampered presses store nothing and say why.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyAssessment } from "../../src/domain/assessment.js";
import { expectTeamsReady } from "../support/card-checks.js";
import { teamsWorld } from "../support/e2e.js";
import { FileHost } from "../support/file-host.js";
import { cardText, findActions } from "../support/teams.js";

const TENANT = "tenant-file-evidence-e2e";
const files = new FileHost();
const world = teamsWorld(TENANT, { env: { FILE_HOSTS: "127.0.0.1" } });
const { user, client, cardFor, textsTo } = world;
const sam = client(user("user-sam", "Sam Officer"));
const stores = () => world.bot().stores;
const SHAREPOINT = "https://council.sharepoint.com/sites/CX/Shared%20Documents/Complaints%20leaflet.pdf";
const lastText = () => textsTo(sam).at(-1) ?? "";

/** A file as Teams hands it to a bot in a one-to-one chat: its SharePoint address and a short-lived download link. */
const send = (text: string, name = "Complaints leaflet.pdf") =>
  sam.post({
    type: "message",
    text,
    attachments: [
      {
        contentType: "application/vnd.microsoft.teams.file.download.info",
        name,
        contentUrl: SHAREPOINT,
        content: { downloadUrl: files.put(name, "%PDF-1.4 not read"), uniqueId: "8A6B", fileType: "pdf" },
      },
    ],
  });
const evidenceOn = async (ref: string) => {
  const campaignId = (await stores().campaigns.activeCampaignId(TENANT))!;
  return (await stores().assessments.get(TENANT, campaignId, "council", ref))?.evidence ?? [];
};

beforeAll(async () => {
  await files.start();
  await sam.say("assess 3.4.1");
});
afterAll(() => files.stop());

describe("a file sent in the one-to-one chat", () => {
  it("is offered as evidence for the element Sam is on, and stored as its link when Sam says so; the file is never fetched", async () => {
    await send("");
    const offer = cardFor(sam);
    expectTeamsReady(offer, /^$/, /^cse\.fileEvidence$/);
    expect(cardText(offer)).toContain("Complaints leaflet.pdf");
    expect(findActions(offer).map((a) => a.title)).toEqual(["Add as evidence to 3.4.1"]);
    expect(await evidenceOn("3.4.1")).toEqual([]);
    const done = await sam.press(offer, "Add as evidence to 3.4.1");
    expect(done.body.value).toBe('Added 1 link to 3.4.1 in "CSE self-assessment 2026". It now has 1 of 8 evidence links.');
    expect((await evidenceOn("3.4.1")).map((l) => [l.title, l.url])).toEqual([["Complaints leaflet.pdf", SHAREPOINT]]);
    await sam.say("history 3.4.1");
    expect(cardText(cardFor(sam))).toContain("**Evidence link added**, from a file sent to the bot");
    expect(files.requests).toEqual([]);
  });

  it("'evidence 4.2.1' with the file offers it for 4.2.1; an element that does not exist gets words", async () => {
    await send("evidence 4.2.1");
    expect(findActions(cardFor(sam)).map((a) => a.title)).toEqual(["Add as evidence to 4.2.1"]);
    await send("evidence 9.9.9");
    expect(lastText()).toContain('There is no element "9.9.9" in the CSE standard');
  });

  it("a tampered press (an unsafe address, an unknown element, a locked element) stores nothing and says why", async () => {
    const campaignId = (await stores().campaigns.activeCampaignId(TENANT))!;
    await stores().assessments.save(TENANT, { ...emptyAssessment(campaignId, "council", "2.2.1"), status: "approved" });
    const cases: [Record<string, unknown>, string][] = [
      [{ ref: "4.2.1", fileName: "x", fileUrl: "javascript:alert(1)" }, 'A "javascript:" link cannot be opened safely'],
      [{ ref: "7.7.7", fileName: "x", fileUrl: SHAREPOINT }, 'There is no element "7.7.7"'],
      [{ ref: "2.2.1", fileName: "x", fileUrl: SHAREPOINT }, "approved"],
      [{ ref: "4.2.1", fileName: "x" }, "That card's data was not valid"],
    ];
    for (const [data, why] of cases) expect(String((await sam.invoke("cse.fileEvidence", data)).body.value)).toContain(why);
    expect(await evidenceOn("4.2.1")).toEqual([]);
    expect(await evidenceOn("2.2.1")).toEqual([]);
  });
});
