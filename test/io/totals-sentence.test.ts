/** Totals a report states in words, cross-checked the way a reader would add them up. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countFromWord, totalsInSentence } from "../../src/io/totals-sentence.js";

describe("totals stated in a sentence", () => {
  it.each([
    ["8 Compliance Plus, 47 Compliance and 2 Partial Compliance", { "compliance-plus": 8, compliance: 47, partial: 2 }],
    [
      "54 elements fully compliant, of which 9 were Compliance Plus, three partially compliant",
      { compliance: 45, "compliance-plus": 9, partial: 3 },
    ],
    [
      "The council was fully compliant in 54 of the 57 elements: 54 elements were rated Compliant, including 6 Compliant Plus, and 3 were Partially Compliant; none not applicable.",
      { compliance: 48, "compliance-plus": 6, partial: 3, "not-applicable": 0 },
    ],
    [
      "There were twenty-one Compliance Plus, thirty-four Compliance, two Partial Compliances and no Non-Compliances.",
      {
        "compliance-plus": 21,
        compliance: 34,
        partial: 2,
        "non-compliance": 0,
      },
    ],
    ["12 elements at Compliance Plus; 45 elements at Full Compliance", { "compliance-plus": 12, compliance: 45 }],
  ])("%s", (line, totals) => {
    expect(totalsInSentence(line)).toEqual(totals);
  });

  it.each([
    "The council holds 57 elements of the standard.",
    "Element 4.2.3 was Partial Compliance in 2022 and is now compliant.",
    "Only 3 Partial Compliance",
    "",
  ])("finds no totals in %j", (line) => {
    expect(totalsInSentence(line)).toBeUndefined();
  });

  it("reads counts written in words", () => {
    expect([countFromWord("none"), countFromWord("three"), countFromWord("Forty-seven"), countFromWord("57")]).toEqual([0, 3, 47, 57]);
    expect(countFromWord("twenty-ten")).toBeUndefined();
    expect(countFromWord("plenty")).toBeUndefined();
  });

  it("never throws and never reports a negative or fractional count, whatever the text", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            "54",
            "of which",
            "9",
            "three",
            "none",
            "Compliance Plus",
            "compliant",
            "partially",
            "were",
            "of the",
            "57",
            "elements",
            ",",
            "x",
          ),
        ),
        (parts) => {
          const totals = totalsInSentence(parts.join(" ")) ?? {};
          for (const n of Object.values(totals)) expect(Number.isInteger(n) && n >= 0).toBe(true);
        },
      ),
    );
  });
});
