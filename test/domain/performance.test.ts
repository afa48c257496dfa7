/** A figure against its target, both ways round, for percentages, averages and counts. */
import { describe, expect, it } from "vitest";
import { missedRunning, verdict, type Measure, type Target } from "../../src/domain/performance.js";

const PERCENT: Measure = { kind: "percentage" };
const MINUTES: Measure = { kind: "average", unit: "minutes" };
const LETTERS_90: Target = { value: 90, better: "higher" }; // "respond to letters within ten working days, 90% of the time"
const WAIT_15: Target = { value: 15, better: "lower" }; // "no more than 15 minutes in reception"

describe("verdict", () => {
  it.each([
    [92.5, LETTERS_90, PERCENT, true, "met by 2.5 points"],
    [90, LETTERS_90, PERCENT, true, "met exactly"],
    [89, LETTERS_90, PERCENT, false, "missed by 1 point"],
    [71, LETTERS_90, PERCENT, false, "missed by 19 points"],
    [12, WAIT_15, MINUTES, true, "met by 3 minutes"],
    [16, WAIT_15, MINUTES, false, "missed by 1 minute"],
    [15.04, WAIT_15, MINUTES, false, "missed by a fraction"],
    [3, { value: 5, better: "lower" }, { kind: "count", unit: "complaints upheld" }, true, "met by 2 complaints upheld"],
    [7, { value: 5, better: "higher" }, { kind: "count", unit: "" }, true, "met by 2"],
  ] as const)("%d against %o (%o): met %s, %s", (value, target, measure, met, text) => {
    expect(verdict(value, target, measure)).toMatchObject({ met, text });
  });
});

describe("missedRunning", () => {
  it("counts the latest periods missed in a row; a met period or a missing figure ends the run", () => {
    expect(missedRunning([95, 88, 85, 87], LETTERS_90, PERCENT)).toBe(3);
    expect(missedRunning([85, 88, 91], LETTERS_90, PERCENT)).toBe(0);
    expect(missedRunning([85, undefined, 80], LETTERS_90, PERCENT)).toBe(1);
    expect(missedRunning([18, 17], WAIT_15, MINUTES)).toBe(2);
    expect(missedRunning([], WAIT_15, MINUTES)).toBe(0);
  });
});
