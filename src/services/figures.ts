/**
 * Recording a service standard's figure for a period, and correcting it: the standard's owner or a
 * coordinator, for a period that has finished. A correction keeps the old value in the audit;
 * a figure someone else recorded since the card was shown is never overwritten unseen.
 */
import { checkFigure, type FigureDraft } from "../domain/figures.js";
import { verdict } from "../domain/performance.js";
import { periodById, periodsEndingWith, type Period } from "../domain/periods.js";
import type { Refusal } from "../domain/refusal.js";
import { can } from "../domain/roles.js";
import { formatValue, lastFinishedPeriod, targetText, TREND_PERIODS } from "../domain/standards-report.js";
import type { ServiceStandard } from "../domain/standards.js";
import { ConcurrencyError } from "../store/index.js";
import type { StoredFigure } from "../store/standards.js";
import { Service, type ServiceContext } from "./context.js";
import { refused } from "./refused.js";
import type { StandardsService } from "./standards.js";
import type { Actor, Notice } from "./views.js";

export interface FigureFormView {
  readonly standard: ServiceStandard;
  /** The periods a figure can be recorded for, latest first, each with the figure it has. */
  readonly periods: readonly { readonly period: Period; readonly figure?: StoredFigure }[];
  /** The period the form opens on: the one asked for, else the latest without a figure. */
  readonly periodId: string;
  readonly draft?: FigureDraft;
  readonly notice?: Notice;
}

export interface FigureInput extends FigureDraft {
  readonly standardId: string;
  readonly periodId: string;
  /**
   * What the card showed: "<period>=<value>" ("=none" when it had no figure). A figure recorded
   * since, or one for another period than the card showed, is never overwritten unseen.
   */
  readonly base?: string;
}

export type FigureOutcome =
  | { readonly ok: true; readonly standard: ServiceStandard; readonly message: string }
  | { readonly ok: false; readonly refusal: Refusal; readonly form?: FigureFormView };

const NOT_OWNER = (s: ServiceStandard): Refusal => ({
  code: "not-allowed",
  message: `Only ${s.owner.name} (who owns this standard) or a CSE coordinator can record its figures.`,
});

/** The card's `base` for a period and its figure. */
export const figureBase = (periodId: string, f: StoredFigure | undefined) => `${periodId}=${f ? String(f.value) : "none"}`;

/** Whether the figure now stored is the one the card showed (for another period: that there is none). */
function sawIt(base: string, periodId: string, now: StoredFigure | undefined): boolean {
  const shownPeriod = base.slice(0, base.lastIndexOf("="));
  return base === figureBase(periodId, now) || (shownPeriod !== periodId && now === undefined);
}

export class FigureService extends Service {
  constructor(
    context: ServiceContext,
    private readonly standards: StandardsService,
  ) {
    super(context);
  }

  async form(
    actor: Actor,
    standardId: string,
    periodId?: string,
    extra: Pick<FigureFormView, "draft" | "notice"> = {},
  ): Promise<FigureFormView | Refusal> {
    const standard = await this.standards.standardOf(actor, standardId, "figure-form");
    if ("ok" in standard) return standard.refusal;
    if (!(await this.mayRecord(actor, standard))) return refused(this.log, actor, "figure-form", NOT_OWNER(standard)).refusal;
    const figures = await this.stores.standards.figures(actor.tenantId, standard.id);
    const periods = periodsEndingWith(lastFinishedPeriod(standard, this.clock.now()), TREND_PERIODS)
      .reverse()
      .map((period) => ({ period, figure: figures.find((f) => f.periodId === period.id) }));
    const open = periods.find((p) => p.period.id === periodId) ?? periods.find((p) => !p.figure) ?? periods[0]!;
    return { standard, periods, periodId: open.period.id, ...extra };
  }

  async record(actor: Actor, input: FigureInput): Promise<FigureOutcome> {
    const standard = await this.standards.standardOf(actor, input.standardId, "record-figure");
    if ("ok" in standard) return standard;
    if (!(await this.mayRecord(actor, standard))) return refused(this.log, actor, "record-figure", NOT_OWNER(standard));
    const period = periodById(input.periodId);
    const again = async (refusal: Refusal): Promise<FigureOutcome> => {
      const form = await this.form(actor, standard.id, period?.id, { draft: input, notice: { tone: "attention", text: refusal.message } });
      return { ...refused(this.log, actor, "record-figure", refusal), ...("standard" in form && { form }) };
    };
    if (!period) return again({ code: "invalid-payload", message: "Please choose the month or quarter the figure is for." });
    const checked = checkFigure(standard, period, input, this.clock.now());
    if (!checked.ok) return again(checked.refusal);
    const before = await this.stores.standards.figure(actor.tenantId, standard.id, period.id);
    if (input.base !== undefined && !sawIt(input.base, period.id, before))
      return again({
        code: "conflict",
        message: `${period.label} already has ${before ? `${formatValue(before.value, standard.measure)}, recorded by ${before.by.name}` : "no figure"}, which this card did not show, so nothing was saved. It is shown below: save again to correct it.`,
      });
    try {
      await this.stores.standards.putFigure(
        actor.tenantId,
        checked.value,
        before,
        { userId: actor.userId, name: actor.displayName },
        this.clock.now().toISOString(),
      );
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      return again({
        code: "conflict",
        message: `Someone else recorded ${period.label} at the same moment, so nothing was saved. Check it below and save again.`,
      });
    }
    this.log.info({ tenant: actor.tenantId, standard: standard.id, period: period.id, corrected: !!before }, "figure recorded");
    const shown = formatValue(checked.value.value, standard.measure);
    const v = verdict(checked.value.value, standard.target, standard.measure);
    const what = before
      ? `Corrected ${period.label} from ${formatValue(before.value, standard.measure)} to ${shown}`
      : `Recorded ${shown} for ${period.label}`;
    return { ok: true, standard, message: `${what}: ${v.text} (target ${targetText(standard)}).` };
  }

  private async mayRecord(actor: Actor, standard: ServiceStandard): Promise<boolean> {
    return standard.owner.userId === actor.userId || can(await this.rolesOf(actor), "manage-campaigns");
  }
}
