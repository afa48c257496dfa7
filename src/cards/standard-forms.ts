/**
 * The two forms of service standards: a coordinator's new or changed standard
 * (cards/standard-form.json), and an owner's figure for a period (cards/figure-form.json), which
 * says plainly when it will correct a figure already recorded.
 */
import { COUNCIL_SCOPE } from "../domain/certification.js";
import { formatValue, targetText } from "../domain/standards-report.js";
import { SUGGESTED_REFS } from "../domain/standards.js";
import type { FigureFormView } from "../services/figures.js";
import { figureBase } from "../services/figures.js";
import type { StandardFormView } from "../services/standards.js";
import { ELEMENTS } from "../standard/index.js";
import { formatDay, echoInput, shorten } from "./format.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";

const NAME_CHARS = 60;

export function standardFormCard(view: StandardFormView): AdaptiveCard {
  const s = view.standard;
  const d = view.draft;
  const suggested = new Set<string>(SUGGESTED_REFS);
  // The elements a standard usually evidences come first.
  const elements = [...ELEMENTS.filter((e) => suggested.has(e.ref)), ...ELEMENTS.filter((e) => !suggested.has(e.ref))].map((e) => ({
    value: e.ref,
    title: `${e.ref} ${shorten(e.statement, 55)}`,
  }));
  const owner = d?.ownerId && d.ownerId !== view.owner.userId ? undefined : view.owner;
  return renderCard("standard-form", {
    heading: s ? "Change a service standard" : "New service standard",
    intro:
      "A standard is a promise the council publishes, with a target. Its owner records each month's or quarter's figure, and is reminded when it is due.",
    notice: plainText(view.notice?.text ?? "", 400),
    standardId: s?.id ?? "",
    form: {
      promise: echoInput(d?.promise ?? s?.promise, 200),
      measure: d?.measure ?? s?.measure.kind ?? "percentage",
      unit: echoInput(d?.unit ?? (s && s.measure.kind !== "percentage" ? s.measure.unit : ""), 30),
      scope: d?.unitId ?? s?.unit?.id ?? COUNCIL_SCOPE.id,
      target: echoInput(d?.target ?? (s ? String(s.target.value) : ""), 12),
      better: d?.better ?? s?.target.better ?? "higher",
      frequency: d?.frequency ?? s?.frequency ?? "quarterly",
      refs: d?.refs ?? (s ? s.refs.join(",") : "4.1.2,5.3.2"),
      owner: owner?.userId ?? "",
      published: String(d?.published ?? s?.published ?? true),
    },
    elements,
    people: owner ? [{ userId: owner.userId, name: shorten(owner.name, NAME_CHARS) }] : [],
    units: view.units.map((u) => ({ id: u.id, name: shorten(u.name, NAME_CHARS) })),
  });
}

export function figureFormCard(view: FigureFormView): AdaptiveCard {
  const { standard } = view;
  const chosen = view.periods.find((p) => p.period.id === view.periodId) ?? view.periods[0]!;
  const value = (n: number) => formatValue(n, standard.measure);
  const existing = chosen.figure;
  const percentage = standard.measure.kind === "percentage";
  const tone = view.notice?.tone ?? "attention";
  return renderCard("figure-form", {
    promise: plainText(shorten(standard.promise, 150), 150),
    targetLine: `Target: ${targetText(standard)}, reported ${standard.frequency}. Owner: ${plainText(shorten(standard.owner.name, NAME_CHARS), NAME_CHARS)}.`,
    notice: plainText(view.notice?.text ?? "", 400),
    noticeStyle: tone === "good" ? "good" : tone,
    noticeColor: tone === "good" ? "Good" : tone === "warning" ? "Warning" : "Attention",
    standardId: standard.id,
    periodLabel: standard.frequency === "quarterly" ? "Quarter" : "Month",
    periodId: chosen.period.id,
    periods: view.periods.map((p) => ({
      value: p.period.id,
      title: `${p.period.label}${p.figure ? `: ${value(p.figure.value)}` : ": not reported"}`,
    })),
    existing: existing
      ? plainText(
          `${chosen.period.label} already has ${value(existing.value)}, recorded by ${shorten(existing.by.name, NAME_CHARS)} on ${formatDay(existing.at)}. Saving corrects it; the history keeps both.`,
          400,
        )
      : "",
    valueLabel: percentage ? "Result (%)" : `Result (${standard.measure.unit || "number"})`,
    valuePlaceholder: percentage ? "92" : "12.5",
    form: {
      value: echoInput(String(view.draft?.value ?? existing?.value ?? ""), 20),
      count: echoInput(String(view.draft?.count ?? existing?.count ?? ""), 12),
      comparator: echoInput(String(view.draft?.comparator ?? existing?.comparator ?? ""), 20),
      note: echoInput(view.draft?.note ?? existing?.note ?? "", 300),
    },
    base: figureBase(chosen.period.id, existing),
    saveTitle: existing ? "Correct the figure" : "Save the figure",
  });
}
