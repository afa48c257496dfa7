/** Improvement plans as councils keep them: tables with their own column names, and numbered recommendations. */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_PLAN_ROWS, parseActionPlan } from "../../src/io/action-plan.js";

const plan = (name: string) => readFileSync(new URL(`../fixtures/plans/${name}`, import.meta.url), "utf8");

describe("a plan's table, found by its header row", () => {
  it("reads the Leicester plan's Task | Responsibility | Timescale tables (seed 003) and ignores its other tables", () => {
    const read = parseActionPlan(plan("leicester-customer-care-review-2000.txt"));
    expect(read.rows).toHaveLength(20);
    expect(read.rows[0]).toMatchObject({ task: "Adopt standards and targets", ownerAsWritten: "Cabinet", dueOn: "2001-02-28" });
    expect(read.rows[2]).toMatchObject({ dueAsWritten: "By July 2001", dueOn: "2001-07-31" });
    // "(b) Each Director ..." on the next line continues row 4; it is not a row of its own.
    expect(read.rows[3]!.ownerAsWritten).toContain("(b) Each Director");
    expect(read.rows[11]).toMatchObject({
      task: "Assess public satisfaction through residents' surveys.",
      dueAsWritten: "As part of periodic surveys.",
    });
    expect(read.rows[11]!.dueOn).toBeUndefined();
    // The inspectorate's question-and-answer table and the league table are not actions.
    expect(read.rows.some((r) => /Inspectorate|Gateshead/.test(r.task))).toBe(false);
    expect(read.unreadable).toEqual([]);
  });

  it("reads Action | Owner | Due | Element | Status, wherever the columns stand, with refs and status", () => {
    const read = parseActionPlan(
      [
        "| Ref | Status | Element | Action | Due | Owner |",
        "|---|---|---|---|---|---|",
        "| 1 | In progress | 4.1.2, 5.3.2 | Publish performance against our service standards each quarter | Q3 2026/27 | Priya Shah |",
        "| 2 | Not started | 1.3.4 | Set satisfaction targets for each service area | 31/03/2027 | Head of Customer Services |",
        "| 3 | Complete | 2.1.6 | Agree the Continuous Improvement Strategy | March 2026 | Olu Adeyemi |",
        "| | | | Customer insight | | |",
        "| 4 | Open | | | May 2027 | Priya Shah |",
      ].join("\n"),
    );
    expect(read.rows.map((r) => [r.refs, r.dueOn, r.status, r.ownerAsWritten])).toEqual([
      [["4.1.2", "5.3.2"], "2026-12-31", "in-progress", "Priya Shah"],
      [["1.3.4"], "2027-03-31", "open", "Head of Customer Services"],
      [["2.1.6"], "2026-03-31", "done", "Olu Adeyemi"],
    ]);
    expect(read.unreadable.map((u) => [u.where, u.why])).toEqual([
      ["row 4", "it looks like a heading: no owner, date or element"],
      ["row 5", "it has no task in the task column"],
    ]);
  });

  it("finds element refs written inside the task when there is no element column, and only real elements", () => {
    const read = parseActionPlan("Action\tOwner\tDue\nReview complaint handling (element 3.4.1, also 9.9.9)\tSam\tJune 2027\n");
    expect(read.rows[0]).toMatchObject({ refs: ["3.4.1"], ownerAsWritten: "Sam", dueOn: "2027-06-30" });
  });

  it("a header needs a task column and an owner or a date: a compliance table is not a plan", () => {
    expect(parseActionPlan("| Element | Rating | Comment |\n| 1.1.1 | Compliance | Good |").rows).toEqual([]);
    expect(parseActionPlan("| Task | Notes |\n| Do it | soon |").rows).toEqual([]);
  });

  it(`lists the rows past ${MAX_PLAN_ROWS} as not read, not dropped`, () => {
    const rows = Array.from({ length: MAX_PLAN_ROWS + 3 }, (_, i) => `| Task number ${i + 1} | Sam | March 2027 |`);
    const read = parseActionPlan(["| Task | Owner | Due |", ...rows].join("\n"));
    expect(read.rows).toHaveLength(MAX_PLAN_ROWS);
    expect(read.unreadable).toHaveLength(3);
    expect(read.unreadable[0]!.why).toContain(`at most ${MAX_PLAN_ROWS}`);
  });
});

describe("numbered recommendations", () => {
  it("reads the scrutiny report's recommendations (seed 004): owner from 'Responsibility ... will rest with', date from 'by June 2009'", () => {
    const read = parseActionPlan(plan("scrutiny-customer-service-2009.txt"));
    expect(read.rows).toHaveLength(22);
    expect(read.rows[3]).toMatchObject({
      where: "Recommendation 4",
      ownerAsWritten: "Strategic Director of Performance and Development",
    });
    expect(read.rows[4]).toMatchObject({
      where: "Recommendation 5",
      ownerAsWritten: "Head of Customer Service and Access",
      dueAsWritten: "by June 2009",
      dueOn: "2009-06-30",
    });
    expect(read.rows[10]!.dueOn).toBeUndefined();
    // The appendix lists them all again: said once, not imported twice.
    expect(read.unreadable).toEqual([expect.objectContaining({ where: "Recommendation 1", why: expect.stringContaining("listed again") })]);
  });
});

describe("whatever it is sent", () => {
  it("never throws, and every action it reads has a task and real elements only", () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom("Task", "Owner", "Due", "Element", "Status", "3.2.1", "9.9.9", "Q3 2026/27", "Complete", "|", "\t", "**", "<b>"),
    );
    const line = fc.array(cell, { maxLength: 6 }).map((cells) => (cells.length ? `| ${cells.join(" | ")} |` : ""));
    fc.assert(
      fc.property(fc.array(fc.oneof(line, fc.string({ maxLength: 80 })), { maxLength: 30 }), (lines) => {
        const read = parseActionPlan(lines.join("\n"));
        for (const row of read.rows) {
          expect(row.task.length).toBeGreaterThanOrEqual(3);
          expect(row.refs.every((r) => /^[1-5]\.\d\.\d$/.test(r))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reads a row of 2,000 quotes and control characters as text, never as markup", () => {
    const read = parseActionPlan(`| Task | Owner |\n| ${'"'.repeat(2000)}\u0007\u001b[31m | Sam |`);
    expect(read.rows).toHaveLength(1);
    expect([...read.rows[0]!.task].some((c) => c.charCodeAt(0) < 32)).toBe(false);
  });
});
