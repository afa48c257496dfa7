/** Each standard's last 12 periods, the words for values and targets, and when standards put 4.1.2 and 5.3.2 at risk. */
import { describe, expect, it } from "vitest";
import { formatValue, standardRows, summariseAt, targetNumber, targetText } from "../../src/domain/standards-report.js";
import { standardsRisk } from "../../src/domain/standards.js";
import { EMAILS, FIGURES, LETTERS, NOW, PHONE_WAIT, STANDARDS } from "../support/service-standards.js";

describe("standardRows", () => {
  it("lists standards by promise, each with its last 12 finished periods, oldest first", () => {
    const rows = standardRows(STANDARDS, FIGURES, NOW);
    expect(rows.map((r) => r.standard.promise)).toEqual([...STANDARDS.map((s) => s.promise)].sort((a, b) => a.localeCompare(b, "en-GB")));
    const letters = rows.find((r) => r.standard.id === LETTERS.id)!;
    expect(letters.periods.map((p) => p.period.id)).toHaveLength(12);
    expect(letters.periods[0]!.period.id).toBe("2023/24-Q3");
    expect(letters.lastFinished.id).toBe("2026/27-Q2");
    expect(letters.due).toBe("2026-10-14");
    expect(letters.latest).toMatchObject({
      period: { id: "2026/27-Q2" },
      figure: { value: 88 },
      verdict: { met: false, text: "missed by 2 points" },
    });
    expect(letters.missedRunning).toBe(2);
  });

  it("keeps a gap where a month was not reported, and reads the latest from the month before the gap when the last is missing", () => {
    const phone = standardRows([PHONE_WAIT], FIGURES, NOW)[0]!;
    expect(phone.periods.find((p) => p.period.id === "2026-08")).toEqual({ period: expect.objectContaining({ id: "2026-08" }) });
    expect(phone.latest?.period.id).toBe("2026-10");
    const withoutOctober = standardRows(
      [PHONE_WAIT],
      FIGURES.filter((f) => f.periodId !== "2026-10"),
      NOW,
    )[0]!;
    expect(withoutOctober.latest?.period.id).toBe("2026-09");
    expect(withoutOctober.lastFinished.id).toBe("2026-10");
  });

  it("has no latest for a standard without figures", () => {
    expect(standardRows([EMAILS], FIGURES, NOW)[0]!.latest).toBeUndefined();
  });
});

describe("words", () => {
  it.each([
    [92, { kind: "percentage" } as const, "92%"],
    [92.46, { kind: "percentage" } as const, "92.5%"],
    [1, { kind: "average", unit: "minutes" } as const, "1 minute"],
    [12.5, { kind: "average", unit: "minutes" } as const, "12.5 minutes"],
    [340, { kind: "count", unit: "" } as const, "340"],
  ])("formats %d as %o says", (value, measure, text) => {
    expect(formatValue(value, measure)).toBe(text);
  });

  it("says the target and its direction, with or without the unit", () => {
    expect(targetText(LETTERS)).toBe("at least 90%");
    expect(targetText(PHONE_WAIT)).toBe("no more than 3 minutes");
    expect(targetNumber(PHONE_WAIT)).toBe("no more than 3");
    expect(targetNumber(LETTERS)).toBe("at least 90%");
  });
});

describe("standardsRisk", () => {
  const summary = summariseAt(STANDARDS, FIGURES, NOW);

  it("names 4.1.2 and 5.3.2 when a standard missed two periods running", () => {
    expect(summary.missedRunning.map((m) => m.standard.id)).toEqual([LETTERS.id]);
    expect(standardsRisk(summary)).toBe(
      "Service standards put 4.1.2 and 5.3.2 at risk: 1 standard has missed the target two periods running or more; 2 of 4 missed it last period.",
    );
  });

  it("says nothing when standards are met, or only a few missed once", () => {
    expect(standardsRisk({ reported: 4, met: 4, missedRunning: [], notReported: [] })).toBeUndefined();
    expect(standardsRisk({ reported: 4, met: 3, missedRunning: [], notReported: [] })).toBeUndefined();
    expect(standardsRisk({ reported: 0, met: 0, missedRunning: [], notReported: [EMAILS] })).toBeUndefined();
    expect(standardsRisk({ reported: 3, met: 1, missedRunning: [], notReported: [] })).toContain("2 of 3 missed it last period");
  });
});
