/** What a Teams message offers as evidence, whatever Teams (or someone pretending to be Teams) sends. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { messageEvidence } from "../../src/bot/message-evidence.js";

describe("messageEvidence", () => {
  it("takes the message's link, its shared files (references only) and the links in its text, each once", () => {
    const evidence = messageEvidence({
      linkToMessage: "https://teams.microsoft.com/l/message/19:a@thread.tacv2/1?tenantId=t-1&createdTime=1",
      from: { user: { displayName: "Megan Bowen" } },
      body: {
        content:
          "<div><p>Panel minutes &amp; actions</p><p><a href=\"https://www.council.gov.uk/panel\">Panel page</a> and again <a href='https://www.council.gov.uk/panel'>here</a></p></div>",
      },
      attachments: [
        { contentType: "reference", contentUrl: "https://council.sharepoint.com/Minutes.docx", name: "Minutes.docx" },
        { contentType: "application/vnd.microsoft.card.adaptive", content: {} },
        { contentType: "reference", name: "no address" },
      ],
    });
    expect(evidence).toEqual({
      suggestedTitle: "Panel minutes & actions",
      author: "Megan Bowen",
      tenantId: "t-1",
      links: [
        {
          kind: "message",
          title: "Teams message: Panel minutes & actions",
          url: "https://teams.microsoft.com/l/message/19:a@thread.tacv2/1?tenantId=t-1&createdTime=1",
        },
        { kind: "file", title: "Minutes.docx", url: "https://council.sharepoint.com/Minutes.docx" },
        { kind: "link", title: "Panel page", url: "https://www.council.gov.uk/panel" },
      ],
    });
  });

  it("takes addresses typed as plain text too, without the full stop after them", () => {
    expect(messageEvidence({ body: { content: "<p>Live now: https://www.council.gov.uk/charter. Tell customers!</p>" } }).links).toEqual([
      { kind: "link", title: "www.council.gov.uk", url: "https://www.council.gov.uk/charter" },
    ]);
  });

  it("suggests the first file's name when the message has no text, and the author when it has neither", () => {
    expect(
      messageEvidence({ attachments: [{ contentType: "reference", contentUrl: "https://x.sharepoint.com/a.pdf", name: "Charter.pdf" }] })
        .suggestedTitle,
    ).toBe("Charter.pdf");
    expect(
      messageEvidence({ linkToMessage: "https://teams.microsoft.com/l/message/1", from: { user: { displayName: "Sam" } } }).suggestedTitle,
    ).toBe("Teams message from Sam");
  });

  it("never throws, and gives only strings, at most 20 links, titles of at most 100 characters, whatever the payload", () => {
    const anything = fc.anything({ maxDepth: 4 });
    const payload = fc.record(
      {
        linkToMessage: fc.oneof(fc.string(), fc.webUrl(), anything),
        from: fc.oneof(anything, fc.record({ user: fc.record({ displayName: fc.oneof(fc.string(), anything) }) })),
        body: fc.oneof(
          anything,
          fc.record({
            content: fc.oneof(
              fc.string(),
              fc.webUrl().map((u) => `<a href="${u}">${u}</a>`),
              anything,
            ),
          }),
        ),
        attachments: fc.oneof(
          anything,
          fc.array(
            fc.record({
              contentType: fc.constantFrom("reference", "x", 3),
              contentUrl: fc.oneof(fc.webUrl(), anything),
              name: fc.oneof(fc.string(), anything),
            }),
            {
              maxLength: 30,
            },
          ),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(payload, anything), (p) => {
        const e = messageEvidence(p);
        expect(e.links.length).toBeLessThanOrEqual(20);
        expect(typeof e.suggestedTitle).toBe("string");
        for (const l of e.links) {
          expect(typeof l.url).toBe("string");
          expect(l.title.length).toBeLessThanOrEqual(100);
        }
        expect(new Set(e.links.map((l) => l.url)).size).toBe(e.links.length);
      }),
      { numRuns: 300 },
    );
  });
});
