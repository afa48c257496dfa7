/**
 * Who owns which elements. A coordinator assigns a whole criterion ("3"), a sub-criterion
 * ("3.2") or one element ("3.2.1"). Once an element has an owner, only they, reviewers and
 * coordinators may change it. Pure.
 */
import { ELEMENTS } from "../standard/index.js";
import type { ElementAssessment } from "./assessment.js";
import { can, type Role } from "./roles.js";

export interface Owner {
  readonly userId: string;
  readonly name: string;
}

/** The elements a reference covers, in the standard's order; empty when it matches nothing. */
export function refsCovered(spec: string): string[] {
  const s = spec.trim();
  if (!/^[1-5](\.[1-4](\.[1-6])?)?$/.test(s)) return [];
  return ELEMENTS.filter((e) => e.ref === s || e.ref.startsWith(`${s}.`)).map((e) => e.ref);
}

export function ownerOf(a: Pick<ElementAssessment, "ownerId" | "ownerName"> | undefined): Owner | undefined {
  return a?.ownerId ? { userId: a.ownerId, name: a.ownerName ?? "" } : undefined;
}

/** Whether `userId` holding `roles` may change the content of an element with this owner. */
export function mayEdit(roles: readonly Role[], userId: string, owner: Owner | undefined): boolean {
  if (!can(roles, "edit-elements")) return false;
  return owner === undefined || owner.userId === userId || can(roles, "review");
}

export function notYoursMessage(owner: Owner): string {
  return `This element is assigned to ${owner.name || "someone else"}, so only they, a reviewer or a CSE coordinator can change it. Nothing was changed.`;
}
