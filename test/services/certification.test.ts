/**
 * The certification calendar service on real Azurite: only coordinators change dates (refusals
 * are logged and store nothing); units of the active campaign can have their own calendar; days
 * to go count from today in London.
 */
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { CampaignService } from "../../src/services/campaigns.js";
import { CertificationService } from "../../src/services/certification.js";
import { RolesService } from "../../src/services/roles.js";
import type { Actor } from "../../src/services/walkthrough.js";
import { capturingLogger } from "../support/bot.js";
import { freshStores } from "../support/storage.js";

const TENANT = "tenant-certification";
const who = (id: string, name = id): Actor => ({ tenantId: TENANT, userId: id, displayName: name });
const CORA = who("cora", "Cora Coordinator");
const OLU = who("olu", "Olu Officer");
// 23:30 UTC on 21 Jul is already 22 Jul in London.
const clock = fixedClock("2026-07-21T23:30:00Z");
const draft = (fields: Record<string, string> = {}) => ({
  scopeId: "council",
  certifiedOn: "2026-03-14",
  leadDays: "10",
  overrides: {},
  ...fields,
});

async function setUp() {
  const stores = await freshStores();
  const { log, lines } = capturingLogger();
  const roles = new RolesService(stores, clock, log, []);
  await roles.setup(CORA);
  const rolesOf = (a: Actor) => roles.rolesOf(a);
  return {
    stores,
    lines,
    campaigns: new CampaignService({ stores, clock, log, rolesOf }),
    certification: new CertificationService({ stores, clock, log, rolesOf }),
  };
}

describe("certification calendar service", () => {
  it("saves a coordinator's dates with an audit entry, and shows days to go from today in London", async () => {
    const { stores, certification } = await setUp();
    const saved = await certification.save(CORA, draft());
    expect(saved).toMatchObject({
      ok: true,
      message: "Saved the dates for Whole council. Next: annual review, year 1 on 15 Mar 2027, evidence due 1 Mar 2027.",
    });
    const view = await certification.view(CORA);
    expect(view.today).toBe("2026-07-22");
    expect(view.canEdit).toBe(true);
    expect(view.calendars[0]!.visits[0]).toMatchObject({
      date: "2027-03-15",
      daysToGo: 236,
      evidenceDue: "2027-03-01",
      evidenceDaysToGo: 222,
    });
    expect(await stores.certification.history(TENANT, "council")).toMatchObject([
      { from: "", to: "certified 2026-03-14; evidence 10 working days before", byName: "Cora Coordinator" },
    ]);
  });

  it("records nothing when the dates are saved again unchanged", async () => {
    const { stores, certification } = await setUp();
    await certification.save(CORA, draft());
    const again = await certification.save(CORA, draft({ leadDays: "" }));
    expect(again).toMatchObject({ ok: true, message: "Nothing changed: those are already the dates for Whole council." });
    expect(await stores.certification.history(TENANT, "council")).toHaveLength(1);
  });

  it("refuses anyone but a coordinator, logs it and stores nothing", async () => {
    const { stores, certification, lines } = await setUp();
    expect(await certification.save(OLU, draft())).toMatchObject({ ok: false, refusal: { code: "not-allowed" } });
    expect(await stores.certification.list(TENANT)).toEqual([]);
    expect(lines.find((l) => l.msg === "save-dates refused")).toMatchObject({
      level: 40,
      user: "olu",
      action: "save-dates",
      code: "not-allowed",
    });
    const view = await certification.view(OLU);
    expect(view).toMatchObject({ canEdit: false, scopes: [], calendars: [] });
  });

  it("offers the active campaign's units as calendars of their own", async () => {
    const { stores, campaigns, certification } = await setUp();
    const created = await campaigns.create(CORA, {
      name: "CSE annual review 2027",
      type: "annual-review-1",
      units: "Landlord Services\nCorporate Services",
    });
    expect(created.ok).toBe(true);
    if (created.ok) await campaigns.move(CORA, created.campaign.id, "open");
    expect((await certification.view(CORA)).scopes).toEqual([
      { id: "council", name: "Whole council" },
      { id: "landlord-services", name: "Landlord Services" },
      { id: "corporate-services", name: "Corporate Services" },
    ]);
    await certification.save(CORA, draft({ scopeId: "landlord-services", certifiedOn: "2025-11-10" }));
    await certification.save(CORA, draft());
    const view = await certification.view(CORA);
    expect(view.calendars.map((c) => [c.settings.scopeName, c.settings.certifiedOn])).toEqual([
      ["Whole council", "2026-03-14"],
      ["Landlord Services", "2025-11-10"],
    ]);
    expect(await stores.certification.get(TENANT, "corporate-services")).toBeUndefined();
  });

  it("refuses a date the rules do not allow, in plain words", async () => {
    const { stores, certification } = await setUp();
    const refused = await certification.save(CORA, draft({ certifiedOn: "2026-08-01" }));
    expect(refused).toMatchObject({
      ok: false,
      refusal: { message: "The certification date (1 Aug 2026) is in the future. Enter the date you were certified, not a planned one." },
    });
    expect(await stores.certification.list(TENANT)).toEqual([]);
  });
});
