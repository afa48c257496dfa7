/** Table keys: anything a tenant, campaign, unit or user id holds must become a legal, reversible key. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compositeKey, decodeKeyPart, encodeKeyPart, splitCompositeKey } from "../../src/store/keys.js";

const NASTY = [
  "a/b\\c#d?e|f",
  "Café ☕",
  "tab\there\nnewline\r\nend",
  "~",
  "~41",
  "~~7C",
  "",
  " leading and trailing ",
  "'quoted' and \"double\"",
  "%2F%3F",
  "\u0000\u0001\u001f\u007f\u0085",
  "👩‍💻 team",
  "tenant/with#odd?chars\\",
  "plain-Id_1.2",
];

// Azure Tables forbids / \ # ? and control characters (U+0000-U+001F, U+007F-U+009F) in keys; "|" joins our composite keys.
// eslint-disable-next-line no-control-regex -- control characters are among what keys must not hold
const FORBIDDEN = /[/\\#?|\u0000-\u001f\u007f-\u009f]/;

describe("encoding a key part", () => {
  it.each(NASTY)("never puts a forbidden character in the key for %j", (input) => {
    const encoded = encodeKeyPart(input);
    expect(encoded).not.toMatch(FORBIDDEN);
    expect(encoded).toMatch(/^[A-Za-z0-9_.~-]*$/);
  });

  it.each(NASTY)("decodes back to the original for %j", (input) => {
    expect(decodeKeyPart(encodeKeyPart(input))).toBe(input);
  });

  it("leaves letters, digits, underscore, dot and hyphen as they are", () => {
    expect(encodeKeyPart("plain-Id_1.2")).toBe("plain-Id_1.2");
  });

  it("gives different inputs different keys", () => {
    const encoded = NASTY.map(encodeKeyPart);
    expect(new Set(encoded).size).toBe(NASTY.length);
  });
});

describe("composite keys", () => {
  it("split back into exactly the parts they were made from", () => {
    const cases: string[][] = [["tenant", "campaign"], ["a|b", "c"], ["a", "b|c"], ["", "x", ""], ["Café ☕", "1.1.1"], NASTY];
    for (const parts of cases) {
      const key = compositeKey(...parts);
      // eslint-disable-next-line no-control-regex -- what Azure Tables refuses in a key ("|" is the separator, so allowed here)
      expect(key).not.toMatch(/[/\\#?\u0000-\u001f\u007f-\u009f]/);
      expect(splitCompositeKey(key)).toEqual(parts);
    }
  });

  it("keep parts apart even when a part contains the separator", () => {
    expect(compositeKey("a|b", "c")).not.toBe(compositeKey("a", "b|c"));
    expect(compositeKey("a|b", "c").split("|")).toHaveLength(2);
  });
});

describe("where a campaign's element rows sort", () => {
  it('every unit\'s element key lies in ["-", "~~"), after the audit trail\'s "!" (what listForCampaign reads), for any unit id (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...NASTY)), fc.constantFrom("1.1.1", "5.3.3", "!campaign"), (unit, ref) => {
        const key = `${compositeKey(unit)}|${ref}`;
        expect(key >= "-" && key < "~~").toBe(true);
        expect(`!audit|${key}` < "-").toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
