/** Service standards and their figures against a real Azurite: audited, conditional on what was read, per organisation. */
import { describe, expect, it } from "vitest";
import type { ServiceStandard } from "../../src/domain/standards.js";
import { AlreadyExistsError, ConcurrencyError } from "../../src/store/index.js";
import { freshStores } from "../support/storage.js";

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
