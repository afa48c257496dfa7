/** The one cleaner for typed text: what nobody means is gone, what someone meant stays, whatever is typed. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanLine, cleanText } from "../../src/domain/typed-text.js";
import { validateLink } from "../../src/domain/evidence.js";
import { review } from "../../src/domain/review.js";
import { emptyAssessment } from "../../src/domain/assessment.js";
import { validateActionDraft, validateNote } from "../../src/domain/actions.js";
import { validateCampaignDraft } from "../../src/domain/campaign.js";
import { actorFrom, isRefusal } from "../../src/bot/identity.js";

const UNWANTED =
  // eslint-disable-next-line no-control-regex -- what must never survive the cleaner
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Anything at all: any UTF-16 code unit, lone surrogates, control and bidi characters included. */
const anyText = fc.string({ unit: "binary", maxLength: 300 });
const hostile = fc.oneof(
  anyText,
  fc
    .array(
      fc.constantFrom(
        "\u0000",
        "\u0007",
        "\r\n",
        "\r",
        "\t",
        "\u202e",
        "\u2066",
        "\ud800",
        "\udfff",
        "😀",
        "é",
        " ",
        "a",
        "\n",
        '"',
        "[x](https://e.example)",
        "\u0085",
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join("")),
);

describe("cleanLine and cleanText", () => {
  it("leave no control characters, bidi overrides or broken surrogates, and are idempotent", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        for (const clean of [cleanLine, cleanText]) {
          const once = clean(text);
          expect(once).not.toMatch(UNWANTED);
          expect(clean(once)).toBe(once);
          expect(once).toBe(once.trim());
        }
        expect(cleanLine(text)).not.toMatch(/[\n\t]| {2}/);
        expect(cleanText(text)).not.toContain("\r");
      }),
      { numRuns: 500 },
    );
  });

  it("keep what someone meant: letters of any script, emoji, punctuation, paragraphs, and the right-to-left marks", () => {
    expect(cleanText("Customer insight — 2026 😀\r\n\r\n  Second paragraph.\u200f  ")).toBe(
      "Customer insight — 2026 😀\n\n  Second paragraph.\u200f",
    );
    expect(cleanLine("  Revenues\tand\nBenefits\u202e  ")).toBe("Revenues and Benefits");
    expect(cleanLine("خدمة العملاء")).toBe("خدمة العملاء");
  });
});

describe("every typed field goes through it", () => {
  const dirty = "Policy\u0000\u0007 \u202ereport\r\n\u0085(final)";
  it("link titles", () => {
    const link = validateLink(dirty, "https://council.gov.uk/policy");
    expect(link.ok && link.value.title).toBe("Policy report (final)");
  });

  it("review comments, when returning and when approving", () => {
    const submitted = { ...emptyAssessment("c", "council", "1.1.1"), rating: "compliance" as const, status: "submitted" as const };
    for (const step of ["return", "approve"] as const) {
      const outcome = review(submitted, step, { userId: "r", displayName: "Rae" }, new Date("2026-11-30T10:00:00Z"), dirty);
      expect(outcome.ok && outcome.value.next.reviewComment, step).toBe("Policy report (final)");
    }
  });

  it("action titles, descriptions and notes, and campaign and unit names", () => {
    const action = validateActionDraft({ title: dirty, description: `${dirty}\n\nMore`, refs: "1.1.1", dueOn: "2027-01-10" }, "2026-11-30");
    expect(action.ok && [action.value.title, action.value.description]).toEqual([
      "Policy report (final)",
      "Policy report\n(final)\n\nMore",
    ]);
    const note = validateNote(dirty);
    expect(note.ok && note.value).toBe("Policy report\n(final)");
    const campaign = validateCampaignDraft({ name: dirty, type: "full-assessment", units: `${dirty}, Housing` }, "2026-11-30");
    expect(campaign.ok && [campaign.value.name, campaign.value.units.map((u) => u.name)]).toEqual([
      "Policy report (final)",
      ["Policy report", "(final)", "Housing"], // units are listed one a line or separated by commas
    ]);
  });

  it("names as Teams sends them, cut to 100 characters", () => {
    const who = actorFrom(
      {
        from: { id: "29:u", name: `${dirty} ${"x".repeat(500)}` },
        conversation: { id: "c", tenantId: "t", isGroup: false, conversationType: "personal", name: "" },
      },
      false,
    );
    expect(!isRefusal(who) && who.displayName).toBe(`Policy report (final) ${"x".repeat(78)}`);
  });
});
