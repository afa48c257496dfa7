import { describe, expect, it } from "vitest";
import { applyEdit, emptyAssessment, narrativeHash } from "../../src/domain/assessment.js";
import { validateLink } from "../../src/domain/evidence.js";
import { LIMITS, tooLong, truncateTo, utf8Bytes } from "../../src/domain/limits.js";

const edit = (narrative: string) =>
  applyEdit(
    emptyAssessment("c", "council", "1.1.1"),
    { base: { rating: "unrated", narrativeHash: narrativeHash("") }, draft: { narrative } },
    "u",
    new Date("2026-11-20T10:00:00Z"),
  );

describe("byte limits, for text full of special characters", () => {
  it("accepts a narrative of exactly the byte limit and refuses one byte more, in plain words", () => {
    // 1,500 characters: well under the character limit, exactly at the byte limit.
    const heavy = (LIMITS.narrativeBytes - 1500) / 2;
    const atLimit = "€".repeat(heavy) + "a".repeat(1500 - heavy);
    expect(utf8Bytes(atLimit)).toBe(LIMITS.narrativeBytes);
    expect(atLimit.length).toBeLessThanOrEqual(LIMITS.narrativeChars);
    expect(edit(atLimit).ok).toBe(true);
    const over = edit(`${atLimit}b`);
    expect(over).toMatchObject({
      ok: false,
      refusal: { code: "text-too-long", message: expect.stringContaining("uses many accented or special characters") },
    });
  });

  it("still reports the character limit first for ordinary text", () => {
    expect(tooLong("The narrative", "x".repeat(LIMITS.narrativeChars + 1), LIMITS.narrativeChars, LIMITS.narrativeBytes)).toBe(
      `The narrative is too long (${LIMITS.narrativeChars + 1} characters; the most is ${LIMITS.narrativeChars}).`,
    );
    expect(tooLong("The narrative", "x".repeat(LIMITS.narrativeChars), LIMITS.narrativeChars, LIMITS.narrativeBytes)).toBeUndefined();
  });

  it("refuses a link title over its byte limit", () => {
    const title = "é".repeat(LIMITS.linkTitleBytes / 2);
    expect(validateLink(title, "https://council.gov.uk/a").ok).toBe(true);
    expect(validateLink(`${title}é`, "https://council.gov.uk/a")).toMatchObject({ ok: false, refusal: { code: "text-too-long" } });
  });
});

describe("truncateTo", () => {
  it("cuts to the character limit and then the byte limit, never inside a character", () => {
    expect(truncateTo("abcdef", 4, 100)).toBe("abcd");
    const cut = truncateTo("€".repeat(100), 100, 10);
    expect(cut).toBe("€€€");
    expect(truncateTo("a\u{1F600}b", 10, 4)).toBe("a");
    expect(truncateTo("", 5, 5)).toBe("");
  });
});
