import { describe, expect, it } from "vitest";
import { can, GRANTABLE_ROLES, isConfiguredCoordinator, parseCoordinatorList, parseRole, type Permission } from "../../src/domain/roles.js";

describe("role permissions", () => {
  const expected: Record<string, Record<Permission, boolean>> = {
    "no role": { "manage-roles": false, "manage-campaigns": false, review: false, "edit-elements": true, view: true, export: false },
    coordinator: { "manage-roles": true, "manage-campaigns": true, review: true, "edit-elements": true, view: true, export: true },
    reviewer: { "manage-roles": false, "manage-campaigns": false, review: true, "edit-elements": true, view: true, export: true },
    contributor: { "manage-roles": false, "manage-campaigns": false, review: false, "edit-elements": true, view: true, export: false },
    leader: { "manage-roles": false, "manage-campaigns": false, review: false, "edit-elements": false, view: true, export: true },
  };
  for (const [who, permissions] of Object.entries(expected)) {
    it(`gives ${who} exactly what it should`, () => {
      const roles = who === "no role" ? [] : [parseRole(who)!];
      for (const [permission, allowed] of Object.entries(permissions))
        expect(can(roles, permission as Permission), permission).toBe(allowed);
    });
  }

  it("lets a leader who is also a contributor edit", () => {
    expect(can(["leader", "contributor"], "edit-elements")).toBe(true);
  });
});

describe("parsing roles and COORDINATORS", () => {
  it("reads role words in any case, singular or plural, and nothing else", () => {
    expect(GRANTABLE_ROLES.map((r) => parseRole(r.toUpperCase()))).toEqual([...GRANTABLE_ROLES]);
    expect(parseRole("reviewers")).toBe("reviewer");
    expect(parseRole("admin")).toBeUndefined();
    expect(parseRole(undefined)).toBeUndefined();
  });

  it("splits COORDINATORS on commas, semicolons and spaces, lower-cased", () => {
    expect(parseCoordinatorList(" Sam@Council.gov.uk, 0F1E2D3C-0000-1111-2222-333344445555;priya@council.gov.uk ")).toEqual([
      "sam@council.gov.uk",
      "0f1e2d3c-0000-1111-2222-333344445555",
      "priya@council.gov.uk",
    ]);
    expect(parseCoordinatorList(undefined)).toEqual([]);
  });

  it("matches a configured coordinator by object id or by UPN, ignoring case", () => {
    const list = parseCoordinatorList("sam@council.gov.uk,0f1e2d3c-0000-1111-2222-333344445555");
    expect(isConfiguredCoordinator(list, { userId: "0F1E2D3C-0000-1111-2222-333344445555" })).toBe(true);
    expect(isConfiguredCoordinator(list, { userId: "someone-else", upn: "SAM@council.gov.uk" })).toBe(true);
    expect(isConfiguredCoordinator(list, { userId: "someone-else", upn: "priya@council.gov.uk" })).toBe(false);
    expect(isConfiguredCoordinator(list, { userId: "someone-else" })).toBe(false);
  });
});
