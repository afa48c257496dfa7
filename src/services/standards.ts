/**
 * The council's service standards as people use them: everyone sees them with their latest
 * figures; coordinators create and change them; each standard's owner (or a coordinator) records
 * a period's figure, and corrects it. Every change is checked here, on the server, and audited.
 * No Teams SDK.
 */
import { randomUUID } from "node:crypto";
import { slug } from "../domain/campaign.js";
import { londonDay, type IsoDate } from "../domain/calendar.js";
import { COUNCIL_SCOPE } from "../domain/certification.js";
import type { Refusal } from "../domain/refusal.js";
import { can } from "../domain/roles.js";
import { standardRows, summariseAt, targetText, type StandardRow } from "../domain/standards-report.js";
import {
  validateStandardDraft,
  type ServiceStandard,
  type StandardDraft,
  type StandardFields,
  type StandardsSummary,
} from "../domain/standards.js";
import { ConcurrencyError } from "../store/index.js";
import type { StandardChange, StoredStandard } from "../store/standards.js";
import { Service } from "./context.js";
import { refused } from "./refused.js";
import { councilAndUnits, type NamedScope } from "./scopes.js";
import type { Actor, Notice } from "./views.js";

export interface StandardsView {
  readonly today: IsoDate;
  readonly rows: readonly StandardRow[];
  readonly summary: StandardsSummary;
  /** Coordinators create and change standards (checked again on save). */
  readonly canManage: boolean;
  /** Who is looking: owners record their own standards' figures. */
  readonly viewerId: string;
  readonly notice?: Notice;
}

export interface StandardFormView {
  /** The standard being changed; none for a new one. */
  readonly standard?: ServiceStandard;
  readonly draft?: StandardDraft & { readonly ownerId?: string; readonly unitId?: string };
  /** The owner offered first: the standard's, or the coordinator's own. */
  readonly owner: { readonly userId: string; readonly name: string };
  /** Whole council and the current campaign's units. */
  readonly units: readonly { readonly id: string; readonly name: string }[];
  readonly notice?: Notice;
}

export interface StandardSave {
  readonly id?: string;
  readonly draft: StandardDraft;
  readonly ownerId: string;
  readonly unitId: string;
}

export type StandardOutcome =
  { readonly ok: true; readonly standard: ServiceStandard; readonly message: string } | { readonly ok: false; readonly refusal: Refusal };

const ONLY_COORDINATORS: Refusal = {
  code: "not-allowed",
  message: "Only a CSE coordinator can create or change service standards. Type roles to see who the coordinators are.",
};
const UNKNOWN_STANDARD: Refusal = {
  code: "invalid-payload",
  message: "That service standard does not exist (it may have come from another council's card). Type standards to see yours.",
};

export class StandardsService extends Service {
  /** Every standard with its last 12 periods, and the summary leaders read. */
  async view(actor: Actor, notice?: Notice): Promise<StandardsView> {
    const [{ rows, summary }, roles] = await Promise.all([this.report(actor.tenantId), this.rolesOf(actor)]);
    return {
      today: londonDay(this.clock.now()),
      rows,
      summary,
      canManage: can(roles, "manage-campaigns"),
      viewerId: actor.userId,
      ...(notice && { notice }),
    };
  }

  /** The performance report of a tenant (no roles: the digest, the summary and exports read it). */
  async report(tenantId: string): Promise<{ rows: StandardRow[]; summary: StandardsSummary }> {
    const { standards, figures } = await this.stores.standards.withRecentFigures(tenantId);
    const now = this.clock.now();
    return { rows: standardRows(standards, figures, now), summary: summariseAt(standards, figures, now) };
  }

  /** The standards that evidence element `ref`, with their latest figures (the element card's context). */
  async forElement(tenantId: string, ref: string): Promise<StandardRow[]> {
    const { rows } = await this.report(tenantId);
    return rows.filter((r) => r.standard.refs.includes(ref));
  }

  async form(actor: Actor, id?: string, extra: Pick<StandardFormView, "draft" | "notice"> = {}): Promise<StandardFormView | Refusal> {
    if (!can(await this.rolesOf(actor), "manage-campaigns")) return refused(this.log, actor, "standard-form", ONLY_COORDINATORS).refusal;
    const standard = id ? await this.stores.standards.get(actor.tenantId, id) : undefined;
    if (id && !standard) return refused(this.log, actor, "standard-form", UNKNOWN_STANDARD).refusal;
    return {
      ...(standard && { standard }),
      owner: standard?.owner ?? { userId: actor.userId, name: actor.displayName },
      units: await this.units(actor.tenantId, standard),
      ...extra,
    };
  }

  /** Creates a standard (no id) or changes one, as a coordinator typed it. */
  async save(actor: Actor, input: StandardSave): Promise<StandardOutcome> {
    if (!can(await this.rolesOf(actor), "manage-campaigns")) return refused(this.log, actor, "save-standard", ONLY_COORDINATORS);
    const checked = validateStandardDraft(input.draft);
    if (!checked.ok) return refused(this.log, actor, "save-standard", checked.refusal);
    const before = input.id ? await this.stores.standards.get(actor.tenantId, input.id) : undefined;
    if (input.id && !before) return refused(this.log, actor, "save-standard", UNKNOWN_STANDARD);
    const owner = await this.owner(actor, input.ownerId, before);
    if (!owner)
      return refused(this.log, actor, "save-standard", {
        code: "invalid-payload",
        message: "I do not know the owner you chose, so nothing was saved. Pick someone from the list: people who have used me.",
      });
    const unit = (await this.units(actor.tenantId, before)).find((u) => u.id === (input.unitId || COUNCIL_SCOPE.id));
    if (!unit)
      return refused(this.log, actor, "save-standard", {
        code: "invalid-payload",
        message: "That unit is not in your council's current campaign, so nothing was saved. Choose the whole council or one of its units.",
      });
    const fields: StandardFields = checked.value;
    const after: ServiceStandard = {
      id: before?.id ?? this.newId(fields.promise),
      ...fields,
      owner,
      ...(unit.id !== COUNCIL_SCOPE.id && { unit }),
    };
    const at = this.clock.now().toISOString();
    const by = { userId: actor.userId, name: actor.displayName };
    try {
      if (!before) {
        const saved = await this.stores.standards.create(actor.tenantId, after, { by, at });
        this.log.info({ tenant: actor.tenantId, standard: saved.id }, "service standard created");
        return { ok: true, standard: saved, message: `Added the standard "${saved.promise}", owned by ${owner.name}.` };
      }
      const changes = describeChanges(before, after).map((c): StandardChange => ({ ...c, by, at }));
      if (changes.length === 0) return { ok: true, standard: before, message: "Nothing changed: the standard already says that." };
      const saved = await this.stores.standards.update(actor.tenantId, before, after, changes);
      this.log.info({ tenant: actor.tenantId, standard: saved.id, changed: changes.map((c) => c.field) }, "service standard changed");
      return { ok: true, standard: saved, message: `Saved the standard "${saved.promise}" (${changes.map((c) => c.field).join(", ")}).` };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      return refused(this.log, actor, "save-standard", {
        code: "conflict",
        message: "Someone else changed this standard at the same moment, so nothing was saved. Please look again and retry.",
      });
    }
  }

  /** A standard of the actor's council, or the refusal to give. */
  async standardOf(actor: Actor, id: string, action: string): Promise<StoredStandard | { ok: false; refusal: Refusal }> {
    const standard = await this.stores.standards.get(actor.tenantId, id);
    return standard ?? refused(this.log, actor, action, UNKNOWN_STANDARD);
  }

  private async owner(actor: Actor, ownerId: string, before: ServiceStandard | undefined) {
    if (!ownerId || ownerId === before?.owner.userId) return before?.owner ?? { userId: actor.userId, name: actor.displayName };
    if (ownerId === actor.userId) return { userId: actor.userId, name: actor.displayName };
    const person = await this.stores.participants.get(actor.tenantId, ownerId);
    return person?.displayName ? { userId: person.userId, name: person.displayName } : undefined;
  }

  /** The whole council, the active campaign's units, and the standard's own unit (kept when the campaign moves on). */
  private units(tenantId: string, standard?: ServiceStandard): Promise<NamedScope[]> {
    return councilAndUnits(this.stores, tenantId, standard?.unit ? [standard.unit] : []);
  }

  private newId(promise: string): string {
    return `${slug(promise).slice(0, 30).replace(/-+$/, "") || "standard"}-${randomUUID().slice(0, 6)}`;
  }
}

/** What a change did, field by field, in words the history shows. */
function describeChanges(before: ServiceStandard, after: ServiceStandard): { field: string; from: string; to: string }[] {
  const fields: [string, (s: ServiceStandard) => string][] = [
    ["promise", (s) => s.promise],
    ["target", (s) => targetText(s)],
    ["frequency", (s) => s.frequency],
    ["owner", (s) => s.owner.name],
    ["published", (s) => (s.published ? "published" : "not published")],
    ["elements", (s) => s.refs.join(" ")],
    ["unit", (s) => s.unit?.name ?? COUNCIL_SCOPE.name],
  ];
  return fields.map(([field, read]) => ({ field, from: read(before), to: read(after) })).filter((c) => c.from !== c.to);
}
