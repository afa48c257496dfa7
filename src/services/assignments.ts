/**
 * Assignments as a coordinator makes them: hand a criterion, sub-criterion or element of the
 * current campaign and unit to an owner, who is told one-to-one; and, for everyone, `my work`.
 * Checked here on the server. No Teams SDK.
 */
import { emptyAssessment, type ElementAssessment, type FieldChange } from "../domain/assessment.js";
import { refsCovered, type Owner } from "../domain/assignment.js";
import { auditEntries } from "../domain/audit.js";
import { acceptsEdits, closedMessage, isCouncilWide, type Campaign, type Unit } from "../domain/campaign.js";
import { formatLondonDay } from "../domain/calendar.js";
import type { Outcome } from "../domain/refusal.js";
import { can } from "../domain/roles.js";

import { CRITERIA, findElement, type ElementInContext } from "../standard/index.js";
import { ConcurrencyError } from "../store/index.js";
import { tellPerson } from "./messaging.js";
import type { Actor, Notifier, Scope } from "./views.js";
import { refused } from "./refused.js";
import { Service, type ServiceContext } from "./context.js";

/** Done with a message, or refused. */
export type AssignOutcome = Outcome;

export interface WorkItem {
  readonly element: ElementInContext;
  readonly unit: Unit;
  readonly assessment: ElementAssessment;
}

export interface MyWorkView {
  readonly campaign: Campaign;
  /** The person's elements in every unit of the campaign, unit by unit in the standard's order. */
  readonly items: readonly WorkItem[];
}

export class AssignmentService extends Service {
  constructor(
    context: ServiceContext,
    private readonly notifier: Notifier,
  ) {
    super(context);
  }

  /** Gives the elements `spec` covers ("3", "3.2" or "3.2.1") in `scope` to `owner`. */
  async assign(actor: Actor, scope: Scope, spec: string, owner: Owner): Promise<AssignOutcome> {
    const { campaign, unit } = scope;
    if (!can(await this.rolesOf(actor), "manage-campaigns"))
      return refused(this.log, actor, "assign", { code: "not-allowed", message: "Only a CSE coordinator can assign elements." });
    const refs = refsCovered(spec);
    if (refs.length === 0)
      return refused(this.log, actor, "assign", {
        code: "unknown-element",
        message: `"${spec.slice(0, 20)}" is not a criterion, sub-criterion or element of the CSE standard. For example: assign 3.2 @name`,
      });
    if (!acceptsEdits(campaign)) return refused(this.log, actor, "assign", { code: "campaign-closed", message: closedMessage(campaign) });

    const now = this.clock.now();
    const stored = await this.stores.assessments.listForUnit(actor.tenantId, campaign.id, unit.id);
    const items = refs
      .map((ref) => stored.get(ref) ?? emptyAssessment(campaign.id, unit.id, ref))
      .filter((a) => a.ownerId !== owner.userId)
      .map((a) => {
        const change: FieldChange = { field: "owner", from: a.ownerName ?? "", to: owner.name };
        return {
          next: { ...a, ownerId: owner.userId, ownerName: owner.name },
          audit: auditEntries([change], { campaignId: campaign.id, unitId: unit.id, ref: a.ref }, actor, now),
        };
      });
    const what = describeSpec(spec, refs.length);
    const where = isCouncilWide(campaign) ? `"${campaign.name}"` : `"${campaign.name}" (${unit.name})`;
    if (items.length === 0) return { ok: true, message: `${owner.name} already owns ${what} in ${where}.` };
    try {
      await this.stores.assessments.saveAll(actor.tenantId, items);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      return refused(this.log, actor, "assign", {
        code: "conflict",
        message: "Someone changed one of those elements at the same moment, so nothing was assigned. Please try again.",
      });
    }
    this.log.info(
      { tenant: actor.tenantId, campaign: campaign.id, unit: unit.id, spec, owner: owner.userId, elements: items.length },
      "elements assigned",
    );
    const due = campaign.dueDate ? `, due ${formatLondonDay(campaign.dueDate)}` : "";
    const told = await tellPerson(
      this.stores,
      this.notifier,
      actor.tenantId,
      { userId: owner.userId, name: owner.name },
      `${actor.displayName} has asked you to self-assess ${what} in ${where}${due}. Type my work to see your elements.`,
      this.clock.now(),
    );
    return {
      ok: true,
      message: `Assigned ${what} in ${where} to ${owner.name}. ${told ? `${owner.name} has been told.` : `I could not reach ${owner.name} in Teams (the app may not be installed for them), so they have not been told: ask them to open a chat with me and type my work.`}`,
    };
  }

  /**
   * People of the actor's organisation the bot knows (who wrote to it, or are in a team it was
   * added to) whose name contains `query`, for the people picker: at most `limit`, by name.
   */
  async people(actor: Actor, query: string, limit = 15): Promise<Owner[]> {
    const wanted = query.trim().toLowerCase().slice(0, 100);
    const all = await this.stores.participants.list(actor.tenantId);
    return all
      .filter((p) => p.displayName && p.displayName.toLowerCase().includes(wanted))
      .map((p) => ({ userId: p.userId, name: p.displayName }))
      .sort((a, b) => a.name.localeCompare(b.name, "en-GB"))
      .slice(0, limit);
  }

  /** `assign` with the owner picked from a card: someone the bot knows in the actor's organisation, by id. */
  async assignTo(actor: Actor, scope: Scope, spec: string, userId: string): Promise<AssignOutcome> {
    const person = userId ? await this.stores.participants.get(actor.tenantId, userId) : undefined;
    if (!person?.displayName)
      return refused(this.log, actor, "assign", {
        code: "invalid-payload",
        message:
          "I do not know that person, so nothing was assigned. Pick someone from the list: people who have used me, or are in a team where I am installed.",
      });
    return this.assign(actor, scope, spec, { userId: person.userId, name: person.displayName });
  }

  /** The person's elements in every unit of their campaign (one partition query). */
  async myWork(actor: Actor, campaign: Campaign): Promise<MyWorkView> {
    const assessments = await this.stores.assessments.listForCampaign(actor.tenantId, campaign.id);
    const unitOrder = (id: string) => campaign.units.findIndex((u) => u.id === id);
    const items = assessments
      .filter((a) => a.ownerId === actor.userId && unitOrder(a.unitId) >= 0)
      .map((a) => ({ element: findElement(a.ref)!, unit: campaign.units[unitOrder(a.unitId)]!, assessment: a }))
      .sort((a, b) => unitOrder(a.unit.id) - unitOrder(b.unit.id) || a.element.index - b.element.index);
    return { campaign, items };
  }
}

/** "criterion 3 Information and Access (11 elements)", "3.2 Quality of Information (4 elements)", "element 3.2.1". */
function describeSpec(spec: string, count: number): string {
  const s = spec.trim();
  const criterion = CRITERIA.find((c) => String(c.number) === s);
  if (criterion) return `criterion ${s} ${criterion.title} (${count} elements)`;
  const sub = CRITERIA.flatMap((c) => c.subCriteria).find((x) => x.ref === s);
  if (sub) return `${s} ${sub.title} (${count} elements)`;
  return `element ${s}`;
}
