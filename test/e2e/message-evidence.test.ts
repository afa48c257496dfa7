/**
 * "Add as CSE evidence" on a Teams message, over HTTP with the invokes Teams sends: the dialog
 * (composeExtension/fetchTask), then the submit (composeExtension/submitAction) with the message
 * again. The message's link and its files' links are stored on the element with the audit entry;
 * tampered, foreign, locked and unsafe submits store nothing and say why inside the dialog.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyAssessment } from "../../src/domain/assessment.js";
import { cardProblems, expectTeamsReady } from "../support/card-checks.js";
import { teamsWorld } from "../support/e2e.js";
import { cardText, findInputs, TeamsClient, type InvokeReply } from "../support/teams.js";

const TENANT = "tenant-evidence-e2e";
const world = teamsWorld(TENANT);
const { user, client, cardFor } = world;
const OLU = user("user-olu", "Olu Officer");
const olu = client(OLU);
const oluInChannel = client(OLU, "channel");
const stores = () => world.bot().stores;
const CHANNEL_MESSAGE = "https://teams.microsoft.com/l/message/19:cx@thread.tacv2/1764500000000";

/** A channel message as Teams describes it in a message action. */
function message(over: { html?: string; files?: number; id?: string; tenantId?: string } = {}) {
  const id = over.id ?? "1764500000000";
  return {
    id,
    createdDateTime: "2026-11-30T09:00:00.000Z",
    linkToMessage: `${CHANNEL_MESSAGE.replace("1764500000000", id)}?tenantId=${over.tenantId ?? TENANT}&groupId=g-1&parentMessageId=${id}&teamName=Customer%20Experience&channelName=General&createdTime=${id}`,
    messageType: "message",
    from: { user: { id: "user-megan", displayName: "Megan Bowen", userIdentityType: "aadUser" } },
    body: {
      contentType: "html",
      content:
        over.html ??
        '<p>Our new <b>Customer Charter</b> is live from today.</p><p>Read it on the website: <a href="https://www.council.gov.uk/charter?x=1&amp;y=2">Customer Charter</a></p>',
    },
    attachments: Array.from({ length: over.files ?? 1 }, (_, i) => ({
      id: `file-${i}`,
      contentType: "reference",
      contentUrl: `https://council.sharepoint.com/sites/CX/Shared%20Documents/${id}/Charter%20pack%20${i + 1}.docx`,
      name: `Charter pack ${i + 1}.docx`,
    })),
    mentions: [],
    reactions: [],
  };
}

const fetchTask = (who: TeamsClient, payload: unknown) =>
  who.post({
    type: "invoke",
    name: "composeExtension/fetchTask",
    value: { commandId: "addEvidence", commandContext: "message", context: { theme: "default" }, messagePayload: payload },
  });
const submit = (who: TeamsClient, payload: unknown, data: Record<string, unknown>) =>
  who.post({
    type: "invoke",
    name: "composeExtension/submitAction",
    value: { commandId: "addEvidence", commandContext: "message", context: { theme: "default" }, messagePayload: payload, data },
  });
const dialogCard = (reply: InvokeReply) => reply.body?.task?.value?.card?.content as Record<string, any>;
const said = (reply: InvokeReply) => (reply.body?.task?.type === "message" ? String(reply.body.task.value) : cardText(dialogCard(reply)));
const evidenceOn = async (ref: string) => {
  const campaignId = (await stores().campaigns.activeCampaignId(TENANT))!;
  return (await stores().assessments.get(TENANT, campaignId, "council", ref))?.evidence ?? [];
};

beforeAll(async () => {
  await olu.say("assess"); // Olu's campaign, the council's first
  const campaignId = (await stores().campaigns.activeCampaignId(TENANT))!;
  await stores().assessments.save(TENANT, {
    ...emptyAssessment(campaignId, "council", "5.2.1"),
    ownerId: "user-olu",
    ownerName: "Olu Officer",
  });
  await stores().assessments.save(TENANT, { ...emptyAssessment(campaignId, "council", "1.1.1"), status: "submitted" });
});
afterAll(() => undefined);

describe("the dialog (composeExtension/fetchTask)", () => {
  it("asks which element, the person's own first, suggests a title, and shows exactly what will be stored", async () => {
    const reply = await fetchTask(oluInChannel, message());
    expect(reply.status).toBe(200);
    expect(reply.body.task).toMatchObject({ type: "continue", value: { title: "Add as CSE evidence" } });
    const card = dialogCard(reply);
    expect(cardProblems(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(28_672);
    expectTeamsReady(card, /^evidence(Ref|Unit|Title)$/, /^$/);
    const [element, title] = findInputs(card);
    expect(element).toMatchObject({ id: "evidenceRef", style: "filtered", isRequired: true, value: "5.2.1" });
    expect(element.choices[0].title).toMatch(/^Yours: 5\.2\.1 /);
    expect(element.choices).toHaveLength(57);
    expect(title).toMatchObject({ id: "evidenceTitle", value: "Our new Customer Charter is live from today." });
    const text = cardText(card);
    expect(text).toContain("What will be stored (3 links)");
    expect(text).toContain("Charter pack 1.docx");
    expect(text).toContain("council.sharepoint.com");
    expect(text).toContain("www.council.gov.uk");
  });

  it("a message from another organisation, or with no link, gets a dialog that says so, with nothing to fill in", async () => {
    expect(said(await fetchTask(oluInChannel, message({ tenantId: "tenant-elsewhere" })))).toContain("belongs to another organisation");
    expect(said(await fetchTask(oluInChannel, { body: { content: "<p>hi</p>" } }))).toContain("has no link Teams could give me");
    const none = await fetchTask(oluInChannel, "not even an object");
    expect(said(none)).toContain("has no link Teams could give me");
    expect(none.body.task.type).toBe("continue");
    expect(findInputs(dialogCard(none))).toEqual([]);
    expect(dialogCard(none).actions ?? []).toEqual([]);
  });
});

describe("storing it (composeExtension/submitAction)", () => {
  it("stores the message link under the title given, the file and the web link, audited as from a Teams message", async () => {
    const reply = await submit(oluInChannel, message(), { evidenceRef: "5.2.1", evidenceTitle: "Customer Charter launch post" });
    expect(reply.body.task).toEqual({
      type: "message",
      value: 'Added 3 links to 5.2.1 in "CSE self-assessment 2026". It now has 3 of 8 evidence links.',
    });
    expect((await evidenceOn("5.2.1")).map((l) => [l.title, l.url])).toEqual([
      [
        "Customer Charter launch post",
        `${CHANNEL_MESSAGE}?tenantId=${TENANT}&groupId=g-1&parentMessageId=1764500000000&teamName=Customer%20Experience&channelName=General&createdTime=1764500000000`,
      ],
      ["Charter pack 1.docx", "https://council.sharepoint.com/sites/CX/Shared%20Documents/1764500000000/Charter%20pack%201.docx"],
      ["Customer Charter", "https://www.council.gov.uk/charter?x=1&y=2"],
    ]);
    await olu.say("assess 5.2.1");
    expect(cardText(cardFor(olu))).toContain("Evidence links (3 of 8)");
    await olu.say("history 5.2.1");
    expect(cardText(cardFor(olu))).toContain("**Evidence link added**, from a Teams message\nCustomer Charter launch post");
    // The same message again adds nothing, and says so.
    const again = await submit(oluInChannel, message(), { evidenceRef: "5.2.1", evidenceTitle: "Again" });
    expect(said(again)).toContain("Those links are already in this element's evidence.");
    expect(await evidenceOn("5.2.1")).toHaveLength(3);
  });

  it("a message with three files stores four links; then a ninth link is refused in words and nothing is added", async () => {
    const three = await submit(oluInChannel, message({ id: "1764500000100", files: 3, html: "<p>Minutes of the customer panel</p>" }), {
      evidenceRef: "4.3.4",
      evidenceTitle: "Customer panel minutes",
    });
    expect(said(three)).toBe('Added 4 links to 4.3.4 in "CSE self-assessment 2026". It now has 4 of 8 evidence links.');
    const five = await submit(oluInChannel, message({ id: "1764500000200", files: 4, html: "<p>More from the panel</p>" }), {
      evidenceRef: "4.3.4",
      evidenceTitle: "More minutes",
    });
    expect(five.body.task.type).toBe("continue");
    expect(said(five)).toContain(
      "This element has 4 links and these are 5 more: together more than the 8 a card can show, so none was added.",
    );
    expect(await evidenceOn("4.3.4")).toHaveLength(4);
  });

  it("tampered, foreign, locked and unsafe submits store nothing, and the dialog says why", async () => {
    const before = await evidenceOn("3.2.1");
    const cases: [unknown, Record<string, unknown>, string][] = [
      [message(), { evidenceRef: "9.9.9", evidenceTitle: "x" }, 'There is no element "9.9.9" in the CSE standard'],
      [message(), { evidenceRef: "../../3.2.1" }, 'There is no element "../../3.2.1"'],
      [message(), { evidenceRef: 321 }, "That dialog's data was not valid"],
      [message(), { evidenceRef: "3.2.1", evidenceUnit: "someone-elses-unit" }, "That unit is not part of your campaign"],
      [message(), { evidenceRef: "1.1.1" }, "This element is with a reviewer, so it cannot be changed"],
      [message({ tenantId: "tenant-elsewhere" }), { evidenceRef: "3.2.1" }, "belongs to another organisation"],
      [
        message({ html: '<p>Click <a href="javascript:alert(1)">here</a></p>' }),
        { evidenceRef: "3.2.1" },
        'A "javascript:" link cannot be opened safely',
      ],
      [message(), { evidenceRef: "3.2.1", evidenceTitle: '"'.repeat(2000) }, "The link title is too long"],
    ];
    for (const [payload, data, why] of cases) expect(said(await submit(oluInChannel, payload, data))).toContain(why);
    // The dialog lists an unsafe address as what it is, not as a path of its code.
    const unsafe = said(await fetchTask(oluInChannel, message({ html: '<p><a href="javascript:alert(1)">here</a></p>' })));
    expect(unsafe).toContain("not a web address: it will be refused");
    expect(unsafe).not.toContain("alert(1)");
    expect(await evidenceOn("3.2.1")).toEqual(before);
    expect(await evidenceOn("1.1.1")).toEqual([]);
  });

  it("the same submit replayed with another organisation's identity stores nothing in either", async () => {
    const stranger = new TeamsClient(
      () => world.bot().url,
      "http://127.0.0.1:9",
      { tenantId: "tenant-elsewhere", aadObjectId: "user-olu", name: "Olu Officer" },
      "channel",
    );
    const replay = await submit(stranger, message(), { evidenceRef: "3.3.1", evidenceTitle: "Replayed" });
    expect(said(replay)).toContain("belongs to another organisation");
    expect(await evidenceOn("3.3.1")).toEqual([]);
    const mixed = await oluInChannel.post({
      type: "invoke",
      name: "composeExtension/submitAction",
      channelData: { tenant: { id: "tenant-elsewhere" } },
      value: { commandId: "addEvidence", messagePayload: message(), data: { evidenceRef: "3.3.1" } },
    });
    expect(said(mixed)).toContain("I could not tell which organisation or person this came from, so nothing was changed.");
    expect(await evidenceOn("3.3.1")).toEqual([]);
  });
});
