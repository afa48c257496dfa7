/** Service standards and their figures against a real Azurite: audited, conditional on what was read, per organisation. */
import { describe, expect, it } from "vitest";
import { periodById, periodsEndingWith } from "../../src/domain/periods.js";
import { standardRows } from "../../src/domain/standards-report.js";
import type { Figure, ServiceStandard } from "../../src/domain/standards.js";
import { AlreadyExistsError, ConcurrencyError, openStores } from "../../src/store/index.js";
import { encodeKeyPart } from "../../src/store/keys.js";
import { connectionString, freshStores, uniquePrefix } from "../support/storage.js";

const TENANT = "tenant-standards";
const cora = { userId: "u-cora", name: "Cora Coordinator" };
const priya = { userId: "u-priya", name: "Priya Shah" };
const LETTERS: ServiceStandard = {
  id: "letters",
  promise: "We will respond to letters and e-mails within ten working days",
  measure: { kind: "percentage" },
  target: { value: 90, better: "higher" },
  frequency: "quarterly",
  owner: priya,
  published: true,
  refs: ["4.1.2", "5.1.1"],
};

describe("StandardStore", () => {
  it("keeps a standard as created, audited, for its organisation only; an edit on a stale copy is refused", async () => {
    const { standards } = await freshStores();
    const created = await standards.create(TENANT, LETTERS, { by: cora, at: "2026-11-30T10:00:00.000Z" });
    expect(await standards.list(TENANT)).toEqual([{ ...LETTERS, etag: created.etag }]);
    expect(await standards.list("tenant-elsewhere")).toEqual([]);
    await expect(standards.create(TENANT, LETTERS, { by: cora, at: "2026-11-30T10:01:00.000Z" })).rejects.toBeInstanceOf(
      AlreadyExistsError,
    );
    const edited = await standards.update(TENANT, created, { ...LETTERS, target: { value: 95, better: "higher" } }, [
      { field: "target", from: "90", to: "95", by: cora, at: "2026-11-30T10:02:00.000Z" },
    ]);
    await expect(standards.update(TENANT, created, { ...LETTERS, published: false }, [])).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await standards.get(TENANT, "letters"))?.target.value).toBe(95);
    expect(edited.etag).not.toBe(created.etag);
    expect((await standards.history(TENANT, "letters")).map((h) => [h.field, h.from, h.to])).toEqual([
      ["target", "90", "95"],
      ["created", "", LETTERS.promise],
    ]);
  });

  it("records a figure, and a correction after it with the old and new value; a correction on a stale copy is refused", async () => {
    const { standards } = await freshStores();
    await standards.create(TENANT, LETTERS, { by: cora, at: "2026-11-30T10:00:00.000Z" });
    const first = await standards.putFigure(
      TENANT,
      { standardId: "letters", periodId: "2026/27-Q2", value: 87 },
      undefined,
      priya,
      "2026-12-14T09:00:00.000Z",
    );
    await expect(
      standards.putFigure(
        TENANT,
        { standardId: "letters", periodId: "2026/27-Q2", value: 88 },
        undefined,
        cora,
        "2026-12-14T09:01:00.000Z",
      ),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    await standards.putFigure(
      TENANT,
      { standardId: "letters", periodId: "2026/27-Q2", value: 91 },
      first,
      priya,
      "2026-12-20T09:00:00.000Z",
    );
    await expect(
      standards.putFigure(TENANT, { standardId: "letters", periodId: "2026/27-Q2", value: 80 }, first, cora, "2026-12-21T09:00:00.000Z"),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    await standards.putFigure(
      TENANT,
      { standardId: "letters", periodId: "2026/27-Q1", value: 85 },
      undefined,
      priya,
      "2026-12-20T09:05:00.000Z",
    );
    expect((await standards.figures(TENANT, "letters")).map((f) => [f.periodId, f.value, f.by.name])).toEqual([
      ["2026/27-Q1", 85, "Priya Shah"],
      ["2026/27-Q2", 91, "Priya Shah"],
    ]);
    expect((await standards.history(TENANT, "letters")).slice(0, 3).map((h) => [h.field, h.from, h.to])).toEqual([
      ["figure 2026/27-Q1", "", "85"],
      ["figure 2026/27-Q2", "87", "91"],
      ["figure 2026/27-Q2", "", "87"],
    ]);
  });
});

describe("a standard's newest figures, kept in its row", () => {
  const at = "2026-11-30T10:00:00.000Z";
  const quarters = periodsEndingWith(periodById("2026/27-Q2")!, 15);
  const plain = (figures: readonly Figure[]) =>
    figures.map(({ standardId, periodId, value, count, note, comparator }) => ({ standardId, periodId, value, count, note, comparator }));

  it("holds the newest 12 in period order, corrections included, and reads as every figure does for the cards", async () => {
    const { standards, tables } = await freshStores();
    const created = await standards.create(TENANT, LETTERS, { by: cora, at });
    for (const [i, q] of quarters.entries())
      await standards.putFigure(
        TENANT,
        { standardId: "letters", periodId: q.id, value: 80 + i, ...(i === 14 && { note: "Two vacancies" }) },
        undefined,
        priya,
        at,
      );
    const last = await standards.figure(TENANT, "letters", quarters[13]!.id);
    await standards.putFigure(TENANT, { standardId: "letters", periodId: quarters[13]!.id, value: 99, count: 412 }, last, cora, at);
    // An edit of the standard itself keeps them.
    await standards.update(
      TENANT,
      { ...LETTERS, etag: (await standards.get(TENANT, "letters"))!.etag },
      { ...LETTERS, published: false },
      [],
    );
    expect(created.etag).toBeTruthy();

    const before = tables.requestCount;
    const recent = await standards.withRecentFigures(TENANT);
    expect(tables.requestCount - before).toBe(1);
    const every = await standards.everything(TENANT);
    expect(recent.figures.map((f) => f.periodId)).toEqual(quarters.slice(-12).map((q) => q.id));
    expect(plain(recent.figures)).toEqual(plain(every.figures.slice(-12)));
    expect(recent.figures.find((f) => f.periodId === quarters[13]!.id)).toMatchObject({ value: 99, count: 412 });
    expect(recent.standards).toEqual(every.standards);
    expect(recent.standards[0]?.published).toBe(false);
    const now = new Date("2026-12-01T09:00:00Z");
    expect(standardRows(recent.standards, plain(recent.figures), now)).toEqual(standardRows(every.standards, plain(every.figures), now));
  });

  it("keeps every figure of one standard recorded from several places at once", async () => {
    const { standards } = await freshStores();
    await standards.create(TENANT, LETTERS, { by: cora, at });
    const six = quarters.slice(-6);
    await Promise.all(
      six.map((q, i) => standards.putFigure(TENANT, { standardId: "letters", periodId: q.id, value: 90 + i }, undefined, priya, at)),
    );
    expect((await standards.withRecentFigures(TENANT)).figures.map((f) => [f.periodId, f.value])).toEqual(
      six.map((q, i) => [q.id, 90 + i]),
    );
    expect((await standards.everything(TENANT)).figures).toHaveLength(6);
  });

  it("is filled at start-up for standards recorded by an earlier version, and read from every figure until then", async () => {
    const prefix = uniquePrefix();
    const first = await openStores(connectionString(), prefix);
    await first.standards.create(TENANT, LETTERS, { by: cora, at });
    for (const [i, q] of quarters.entries())
      await first.standards.putFigure(TENANT, { standardId: "letters", periodId: q.id, value: 80 + i }, undefined, priya, at);
    // As an earlier version left it: the row without the column, and the step not yet run.
    const row = (await first.tables.get("Standards", encodeKeyPart(TENANT), "s|letters"))!;
    const { etag: _etag, timestamp: _timestamp, recent: _recent, ...columns } = row;
    await first.tables.upsert("Standards", { ...columns, partitionKey: row.partitionKey!, rowKey: row.rowKey! }, "Replace");
    await first.tables.delete("Tenants", "!migrations", "recent-figures-into-standards");
    const fallback = await first.standards.withRecentFigures(TENANT);
    expect(fallback.figures).toHaveLength(15);

    const restarted = await openStores(connectionString(), prefix);
    expect(typeof (await restarted.tables.get("Standards", encodeKeyPart(TENANT), "s|letters"))?.recent).toBe("string");
    const recent = await restarted.standards.withRecentFigures(TENANT);
    expect(recent.figures.map((f) => f.periodId)).toEqual(quarters.slice(-12).map((q) => q.id));
  });
});
