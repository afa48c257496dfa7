/** Self ratings against the assessor's: higher, lower, the same, and what cannot be compared. */
import { describe, expect, it } from "vitest";
import { compareWithAssessor } from "../../src/domain/comparison.js";

describe("compareWithAssessor", () => {
  it("sorts each element the assessor rated into higher, lower or the same", () => {
    const result = compareWithAssessor(
      { "1.1.1": "compliance-plus", "1.1.2": "partial", "1.1.3": "compliance", "1.2.1": "unrated", "1.2.2": "not-applicable" },
      {
        "1.1.1": "compliance",
        "1.1.2": "compliance",
        "1.1.3": "compliance",
        "1.2.1": "compliance",
        "1.2.2": "compliance",
        "1.2.3": "partial",
      },
    );
    expect(result.higher).toEqual([{ ref: "1.1.1", self: "compliance-plus", assessor: "compliance" }]);
    expect(result.lower).toEqual([{ ref: "1.1.2", self: "partial", assessor: "compliance" }]);
    expect(result.same).toBe(1);
    expect(result.notCompared).toBe(3); // 1.2.1 unrated, 1.2.2 not applicable, 1.2.3 not rated by the council at all
  });
});
