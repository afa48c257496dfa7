/**
 * Roles and what each may do, checked on the server for every action. Element owners come from
 * assignments (per element); the roles here are held across the council's campaigns. Pure.
 */
export const GRANTABLE_ROLES = ["coordinator", "reviewer", "contributor", "leader"] as const;
export type Role = (typeof GRANTABLE_ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  coordinator: "CSE coordinator",
  reviewer: "Reviewer",
  contributor: "Contributor",
  leader: "Leader (read-only)",
};

/** "export": take the whole campaign away as a file (everyone's narratives and links). */
export type Permission = "manage-roles" | "manage-campaigns" | "review" | "edit-elements" | "view" | "export";

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  coordinator: ["manage-roles", "manage-campaigns", "review", "edit-elements", "view", "export"],
  reviewer: ["review", "edit-elements", "view", "export"],
  contributor: ["edit-elements", "view"],
  leader: ["view", "export"],
};

/**
 * Whether someone holding `roles` may do `permission`. Staff with no role at all may edit and
 * view (anyone in the council can contribute to its self-assessment); a leader and nothing else
 * is read-only.
 */
export function can(roles: readonly Role[], permission: Permission): boolean {
  if (roles.length === 0) return permission === "edit-elements" || permission === "view";
  return roles.some((role) => GRANTS[role].includes(permission));
}

export function parseRole(word: string | undefined): Role | undefined {
  const w = (word ?? "").toLowerCase().replace(/s$/, "");
  return (GRANTABLE_ROLES as readonly string[]).includes(w) ? (w as Role) : undefined;
}

/** COORDINATORS: comma- or space-separated Entra object ids or UPNs, compared case-insensitively. */
export function parseCoordinatorList(value: string | undefined): readonly string[] {
  return (value ?? "")
    .split(/[,;\s]+/)
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== "");
}

export function isConfiguredCoordinator(configured: readonly string[], person: { userId: string; upn?: string }): boolean {
  return configured.includes(person.userId.toLowerCase()) || (person.upn !== undefined && configured.includes(person.upn.toLowerCase()));
}
