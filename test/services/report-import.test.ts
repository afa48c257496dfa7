/** Importing an assessor report into a campaign, on Azurite: all or nothing, once, coordinators only. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { exportCampaign } from "../../src/services/export.js";
import { ReportImportService } from "../../src/services/report-import.js";
import { serviceWorld } from "../support/services.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const OADBY = fixture("assessor-report-oadby-wigston-2023.txt");
const CHARNWOOD = fixture("assessor-report-charnwood-2017.txt");
const TENANT = "tenant-import";
const cora = { tenantId: TENANT, userId: "cora", displayName: "Cora Coordinator" };
const olu = { tenantId: TENANT, userId: "olu", displayName: "Olu Officer" };

async function world() {
  const w = await serviceWorld({ coordinators: ["cora"] });
  const created = await w.campaigns.create(cora, { name: "CSE annual review 2027", type: "annual-review-1", units: "" });
  if (!created.ok) throw new Error(created.refusal.message);
  await w.stores.campaigns.setActiveIfNone(TENANT, created.campaign.id);
  return {
    ...w,
    campaignId: created.campaign.id,
    imports: new ReportImportService({ stores: w.stores, clock: w.clock, log: w.log, rolesOf: w.rolesOf }, w.certification),
  };
}

describe("importing the assessor's report", () => {
  it("stores the assessor's 57 ratings and a draft action for each area for improvement, in one go", async () => {
    const w = await world();
    const outcome = await w.imports.apply(cora, w.campaignId, OADBY);
    expect(outcome).toMatchObject({
      ok: true,
      message: expect.stringContaining(
        'Imported the assessor\'s 57 ratings into "CSE annual review 2027" and 9 draft improvement actions (1, 2, 3, 4, 5, 6, 7, 8, 9)',
      ),
    });
    const stored = await w.imports.stored(TENANT, w.campaignId);
    const counts = Object.values(stored!.ratings).reduce<Record<string, number>>((c, r) => ({ ...c, [r]: (c[r] ?? 0) + 1 }), {});
    expect(counts).toEqual({ "compliance-plus": 8, compliance: 47, partial: 2 });
    const actions = await w.stores.actions.list(TENANT);
    expect(actions.map((a) => a.refs)).toEqual([
      ["4.1.2", "5.3.2"],
      ["1.3.4"],
      ["2.1.6"],
      ["5.1.2"],
      ["5.2.5"],
      ["4.3.4"],
      ["5.2.1"],
      ["1.3.1"],
      ["5.1.1", "5.1.2"],
    ]);
    // Titled by the area's first sentence, cut to the 120 characters a title may have.
    expect(actions[0]).toMatchObject({
      campaignId: w.campaignId,
      owner: { userId: "cora" },
      status: "open",
      title:
        "Targets for the timeliness of service are not currently being achieved, and consideration may be given as to how this c\u2026",
    });
    expect(actions[0]!.title).toHaveLength(120);
    expect(actions[0]!.description).toContain("(Reference Partial Compliances for Elements 4.1.2 & 5.3.2)");
    expect((await w.stores.actions.forElement(TENANT, "4.1.2")).map((l) => l.id)).toEqual(["1"]);

    // The exported matrix shows the assessor's rating beside the council's own.
    const campaign = (await w.stores.campaigns.get(TENANT, w.campaignId))!;
    const csv = (await exportCampaign(w.stores, w.clock, campaign, "csv")).bytes.toString("utf8");
    const row = csv.split("\r\n").find((line) => line.startsWith("Whole council,4.1.2,"))!;
    expect(row).toContain(",Not yet rated,Partial Compliance,To do,");
  });

  it("changes nothing the second time, and refuses a different report for the same campaign", async () => {
    const w = await world();
    await w.imports.apply(cora, w.campaignId, OADBY);
    const again = await w.imports.apply(cora, w.campaignId, `${OADBY}\n\n`);
    expect(again).toMatchObject({
      ok: true,
      message: expect.stringContaining("This report was already imported on 20 Nov 2026 by Cora Coordinator; nothing has changed."),
    });
    const other = await w.imports.apply(cora, w.campaignId, CHARNWOOD);
    expect(other).toMatchObject({ ok: false, refusal: { code: "conflict" } });
    expect(await w.stores.actions.list(TENANT)).toHaveLength(9);
  });

  it("is for coordinators, and refuses a report without a compliance table; nothing is stored", async () => {
    const w = await world();
    expect(await w.imports.apply(olu, w.campaignId, OADBY)).toMatchObject({ ok: false, refusal: { code: "not-allowed" } });
    expect(await w.imports.apply(cora, w.campaignId, "Minutes of the customer services committee, 3 March.")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("could not find the compliance table") },
    });
    expect(await w.imports.apply(cora, "another-councils-campaign", OADBY)).toMatchObject({
      ok: false,
      refusal: { code: "unknown-campaign" },
    });
    expect(await w.imports.stored(TENANT, w.campaignId)).toBeUndefined();
    expect(await w.stores.actions.list(TENANT)).toEqual([]);
  });

  it("two coordinators importing at the same moment import it once", async () => {
    const w = await world();
    const [a, b] = await Promise.all([w.imports.apply(cora, w.campaignId, CHARNWOOD), w.imports.apply(cora, w.campaignId, CHARNWOOD)]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(await w.stores.actions.list(TENANT)).toHaveLength(7);
  });
});

describe("previewing before importing", () => {
  it("a preview shows what was found and writes nothing; Confirm imports it and sets the certification dates", async () => {
    const w = await world();
    const previewed = await w.imports.preview(cora, OADBY, "OWBC CSE report 2023.docx");
    if (!previewed.ok || !previewed.preview) throw new Error("expected a preview");
    const { preview } = previewed;
    expect(preview.campaign).toEqual({ id: w.campaignId, name: "CSE annual review 2027" });
    expect(preview.report.ratings.size).toBe(57);
    expect(preview.draftAreas).toHaveLength(9);
    expect(preview.report.disagreements[0]).toContain("2.1.3");
    expect(preview.calendar).toMatchObject({ certifiedOn: "2023-12-13", differences: [] });
    expect(preview.calendar?.current).toBeUndefined();
    expect(await w.imports.stored(TENANT, w.campaignId)).toBeUndefined();
    expect(await w.stores.actions.list(TENANT)).toEqual([]);
    expect(await w.stores.certification.list(TENANT)).toEqual([]);

    const confirmed = await w.imports.confirm(cora, preview.fingerprint);
    expect(confirmed).toMatchObject({
      ok: true,
      message: expect.stringContaining(
        "Certification dates set from the report: certified 13 Dec 2023. Saved the dates for Whole council. Next: three-year reassessment on 14 Dec 2026",
      ),
    });
    expect(await w.stores.actions.list(TENANT)).toHaveLength(9);
    expect((await w.stores.certification.get(TENANT, "council"))?.certifiedOn).toBe("2023-12-13");
    // The waiting text is gone: pressing Confirm again on the old card imports nothing more.
    expect(await w.imports.confirm(cora, preview.fingerprint)).toMatchObject({ ok: false, refusal: { code: "stale" } });
    // Sending the same report again says so instead of previewing.
    expect(await w.imports.preview(cora, OADBY, "again.txt")).toMatchObject({
      ok: true,
      message: expect.stringContaining("already imported"),
    });
  });

  it("leaves certification dates a coordinator already set, and says the report differs", async () => {
    const w = await world();
    expect((await w.certification.save(cora, { scopeId: "council", certifiedOn: "2024-01-10", leadDays: "", overrides: {} })).ok).toBe(
      true,
    );
    const previewed = await w.imports.preview(cora, OADBY, "r.txt");
    expect(previewed.ok && previewed.preview?.calendar?.current).toBe("2024-01-10");
    const confirmed = await w.imports.confirm(cora, previewed.ok && previewed.preview ? previewed.preview.fingerprint : "");
    expect(confirmed).toMatchObject({
      ok: true,
      message: expect.stringContaining(
        "Your certification dates were left as they are (certified 10 Jan 2024); the report suggests 13 Dec 2023.",
      ),
    });
    expect((await w.stores.certification.get(TENANT, "council"))?.certifiedOn).toBe("2024-01-10");
  });

  it("Confirm needs the report this coordinator previewed, still waiting; Cancel forgets it", async () => {
    const w = await world();
    const first = await w.imports.preview(cora, OADBY, "a.txt");
    const second = await w.imports.preview(cora, CHARNWOOD, "b.txt");
    const fingerprint = (o: typeof first) => (o.ok && o.preview ? o.preview.fingerprint : "");
    // Only the latest preview can be confirmed; a forged fingerprint imports nothing.
    expect(await w.imports.confirm(cora, fingerprint(first))).toMatchObject({ ok: false, refusal: { code: "stale" } });
    expect(await w.imports.confirm(cora, "0".repeat(64))).toMatchObject({ ok: false, refusal: { code: "stale" } });
    // Another coordinator cannot confirm Cora's preview.
    expect((await w.roles.grant(cora, { userId: "priya", displayName: "Priya Shah" }, "coordinator")).ok).toBe(true);
    expect(await w.imports.confirm({ tenantId: TENANT, userId: "priya", displayName: "Priya Shah" }, fingerprint(second))).toMatchObject({
      ok: false,
      refusal: { code: "stale" },
    });
    expect(await w.imports.cancel(cora)).toMatchObject({ ok: true, message: "Import cancelled. Nothing was imported." });
    expect(await w.imports.confirm(cora, fingerprint(second))).toMatchObject({ ok: false, refusal: { code: "stale" } });
    expect(await w.imports.stored(TENANT, w.campaignId)).toBeUndefined();
    expect(await w.stores.actions.list(TENANT)).toEqual([]);
  });

  it("refuses a signed-off or archived campaign, whose record is final", async () => {
    const w = await world();
    for (const to of ["open", "in-review", "signed-off"] as const) expect((await w.campaigns.move(cora, w.campaignId, to)).ok).toBe(true);
    expect(await w.imports.preview(cora, OADBY, "r.txt")).toMatchObject({
      ok: false,
      refusal: {
        code: "campaign-closed",
        message: expect.stringContaining('"CSE annual review 2027" is signed off, so it can no longer be changed.'),
      },
    });
    expect(await w.imports.apply(cora, w.campaignId, OADBY)).toMatchObject({ ok: false, refusal: { code: "campaign-closed" } });
    expect(await w.stores.files.pendingImport(TENANT, "cora")).toBeUndefined();
    expect(await w.imports.stored(TENANT, w.campaignId)).toBeUndefined();
  });

  it("a preview waits a day", async () => {
    const w = await world();
    const previewed = await w.imports.preview(cora, CHARNWOOD, "c.txt");
    const later = new ReportImportService(
      { stores: w.stores, clock: fixedClock("2026-11-21T10:00:01Z"), log: w.log, rolesOf: w.rolesOf },
      w.certification,
    );
    expect(await later.confirm(cora, previewed.ok && previewed.preview ? previewed.preview.fingerprint : "")).toMatchObject({
      ok: false,
      refusal: { code: "stale" },
    });
    expect(await w.stores.files.pendingImport(TENANT, "cora")).toBeUndefined(); // the stale text is gone
    expect(await w.stores.actions.list(TENANT)).toEqual([]);
  });

  it("preview is for coordinators, and refuses reports without a table and campaigns that do not exist", async () => {
    const w = await world();
    expect(await w.imports.preview(olu, OADBY, "r.txt")).toMatchObject({ ok: false, refusal: { code: "not-allowed" } });
    expect(await w.imports.preview(cora, "Agenda item 4: customer feedback.", "r.txt")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("compliance table") },
    });
    expect(await w.imports.preview(cora, OADBY, "r.txt", "someone-elses")).toMatchObject({
      ok: false,
      refusal: { code: "unknown-campaign" },
    });
    expect(await w.stores.files.pendingImport(TENANT, "cora")).toBeUndefined();
    expect(await w.stores.files.pendingImport(TENANT, "olu")).toBeUndefined();
  });
});
