/** Service standards as a coordinator types them, and what leaders read of their figures. */
import { describe, expect, it } from "vitest";
import { financialQuarter, periodsEndingWith, periodContaining } from "../../src/domain/periods.js";
import { summariseStandards, validateStandardDraft, type ServiceStandard, type StandardDraft } from "../../src/domain/standards.js";

const LETTERS: StandardDraft = {
  promise: "We will respond to letters and e-mails within ten working days",
  measure: "percentage",
  target: "90%",
  better: "higher",
  frequency: "quarterly",
  refs: "4.1.2, 5.1.1 5.3.2",
};

describe("validateStandardDraft", () => {
  it("reads a standard as typed: the promise, the measure, the target and its direction, the elements", () => {
    expect(validateStandardDraft(LETTERS)).toEqual({
      ok: true,
      value: {
        promise: "We will respond to letters and e-mails within ten working days",
        measure: { kind: "percentage" },
        target: { value: 90, better: "higher" },
        frequency: "quarterly",
        published: true,
        refs: ["4.1.2", "5.1.1", "5.3.2"],
      },
    });
    const reception = validateStandardDraft({
      ...LETTERS,
      promise: "No more than 15 minutes in reception",
      measure: "average",
      unit: "minutes",
      target: "15",
      better: "lower",
      frequency: "monthly",
      refs: "5.1.1",
    });
    expect(reception).toMatchObject({
      ok: true,
      value: { measure: { kind: "average", unit: "minutes" }, target: { value: 15, better: "lower" } },
    });
  });

  it.each([
    [{ promise: "We" }, "Please write the promise as you publish it"],
    [{ promise: "x".repeat(201) }, "The promise is too long"],
    [{ measure: "median" }, "Please choose what is measured"],
    [{ target: "ninety" }, "The target is not a number"],
    [{ target: "" }, "The target is not a number"],
    [{ target: "120" }, "A percentage target is between 0 and 100"],
    [{ measure: "count", target: "-3" }, "A target cannot be below zero"],
    [{ better: "up" }, "Please say which way is better"],
    [{ frequency: "weekly" }, "Please choose how often it is reported"],
    [{ refs: "9.9.9" }, "is not an element of the CSE standard"],
    [{ refs: "" }, "Please say which element"],
  ] as [Partial<StandardDraft>, string][])("refuses %o in words", (change, why) => {
    const result = validateStandardDraft({ ...LETTERS, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.refusal.message).toContain(why);
  });
});

describe("summariseStandards", () => {
  const owner = { userId: "u-priya", name: "Priya Shah" };
  const letters: ServiceStandard = {
    id: "s1",
    promise: "Letters in ten working days",
    measure: { kind: "percentage" },
    target: { value: 90, better: "higher" },
    frequency: "quarterly",
    owner,
    published: true,
    refs: ["4.1.2"],
  };
  const phones: ServiceStandard = { ...letters, id: "s2", promise: "Phones answered within six rings" };
  const wait: ServiceStandard = {
    ...letters,
    id: "s3",
    promise: "No more than 15 minutes in reception",
    measure: { kind: "average", unit: "minutes" },
    target: { value: 15, better: "lower" },
    frequency: "monthly",
  };
  const lastQuarters = periodsEndingWith(financialQuarter(2026, 2), 12);
  const lastMonths = periodsEndingWith(periodContaining("2026-10-01", "monthly"), 12);
  const finished = (s: ServiceStandard) => (s.frequency === "quarterly" ? lastQuarters : lastMonths);
  const fig = (standardId: string, periodId: string, value: number) => ({ standardId, periodId, value });

  it("counts last period's met standards, names those missed two periods running, and those not reported", () => {
    const summary = summariseStandards(
      [letters, phones, wait],
      [
        fig("s1", "2026/27-Q1", 85),
        fig("s1", "2026/27-Q2", 87), // missed twice running
        fig("s2", "2026/27-Q2", 93),
        fig("s3", "2026-09", 18), // wait: no figure for October yet
      ],
      finished,
    );
    expect(summary).toEqual({ reported: 2, met: 1, missedRunning: [{ standard: letters, periods: 2 }], notReported: [wait] });
  });

  it("a figure corrected after the digest went out changes the next summary, not the one before", () => {
    const before = summariseStandards([letters], [fig("s1", "2026/27-Q1", 85), fig("s1", "2026/27-Q2", 87)], finished);
    const corrected = summariseStandards([letters], [fig("s1", "2026/27-Q1", 85), fig("s1", "2026/27-Q2", 91)], finished);
    expect([before.met, before.missedRunning.length]).toEqual([0, 1]);
    expect([corrected.met, corrected.missedRunning.length]).toEqual([1, 0]);
  });
});
