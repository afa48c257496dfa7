/**
 * What an assessor report holds, shown to the coordinator before anything is imported; after
 * Confirm the same card, without its buttons, says what was imported.
 */
import { formatLondonDay } from "../domain/calendar.js";
import { describeCounts, ratingCounts, totalsAgree } from "../io/assessor-report.js";
import type { ImportPreview } from "../services/report-import.js";
import { ratingColour, ratingText } from "./format.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";

/** Findings listed on the card; the rest are counted, so the card stays within Teams' size limit. */
const MAX_CHECKS = 10;

export interface ImportCardState {
  /** After Confirm: what happened. The buttons go. */
  readonly done?: string;
}

export function importPreviewCard(preview: ImportPreview, state: ImportCardState = {}): AdaptiveCard {
  const { report, calendar } = preview;
  const agree = totalsAgree(report);
  const checks = [...report.disagreements, ...report.problems, ...(calendar?.differences ?? []), ...leftOutAreas(preview)];
  const visits = calendar?.visits.filter((v) => !report.assessmentDate || v.date > report.assessmentDate) ?? [];
  return renderCard("import-preview", {
    heading: state.done ? "Assessor's report imported" : "Assessor's report: check before importing",
    organisation: plainText(report.organisation ?? "Organisation not named in the report", 120),
    subtitle: [
      report.reportType ? plainText(report.reportType, 60) : "Report type not found",
      report.assessmentDate ? `assessed ${formatLondonDay(report.assessmentDate)}` : "assessment date not found",
      ...(preview.fileName ? [`from ${plainText(preview.fileName, 60)}`] : []),
    ].join(" · "),
    notice: plainText(state.done ?? "", 600),
    noticeStyle: "good",
    noticeColor: "Good",
    counts: ratingCounts(report).map((c) => ({ count: String(c.count), label: ratingText(c.rating), colour: ratingColour(c.rating) })),
    countsText: describeCounts(report),
    totalsText:
      agree === undefined
        ? "The report states no totals to check against."
        : agree
          ? "\u2714 Matches the report's own totals."
          : "\u26A0 Does not match the report's own totals: see below.",
    totalsColour: agree === false ? "Warning" : "Default",
    areasHeading: `Areas for improvement (${report.areas.length})`,
    areasHelp: preview.draftAreas.length
      ? `Each becomes a draft improvement action for you, due in three months, to give an owner and a date.`
      : "None of them names an element, so no improvement actions will be drafted.",
    areas: preview.draftAreas.map((a, i) => ({
      number: String(i + 1),
      text: plainText(a.text, 220),
      refsText: `Elements ${a.refs.join(", ")}`,
    })),
    datesText: datesText(preview),
    visits: visits.map((v) => ({ label: v.label, value: `${formatLondonDay(v.date)} (evidence due ${formatLondonDay(v.evidenceDue)})` })),
    checks: checks.slice(0, MAX_CHECKS).map((text) => ({ text: plainText(text, 300) })),
    checksHeading: `Worth checking (${checks.length})${checks.length > MAX_CHECKS ? `: the first ${MAX_CHECKS}` : ""}. Where the narrative and the table differ, the table is used.`,
    confirmText: state.done
      ? ""
      : `Nothing is stored until you press Import. The assessor's ratings go beside your own in "${plainText(preview.campaign.name, 80)}"; your own ratings are not changed.`,
    canConfirm: !state.done,
    confirmTitle: "Import",
    fingerprint: preview.fingerprint,
  });
}

function datesText(preview: ImportPreview): string {
  const c = preview.calendar;
  if (!c)
    return "The report does not say when it was assessed or where it falls in the three-year cycle, so no dates are proposed. Set them with dates.";
  const from = `Certified ${formatLondonDay(c.certifiedOn)}: ${c.basis}.`;
  if (c.current === undefined) return `${from} These dates will be set for the whole council; you can change them later with dates.`;
  if (c.current === c.certifiedOn) return `${from} Your certification calendar follows this report.`;
  return `${from} Your calendar says certified ${formatLondonDay(c.current)} and will be left as it is; type dates to change it.`;
}

/** Areas that will not become actions, said plainly. */
function leftOutAreas(preview: ImportPreview): string[] {
  const unnamed = preview.report.areas.filter((a) => a.refs.length === 0).length;
  const named = preview.report.areas.length - unnamed;
  return [
    ...(unnamed
      ? [
          `${unnamed} area${unnamed === 1 ? "" : "s"} for improvement name${unnamed === 1 ? "s" : ""} no element, so no action is drafted for ${unnamed === 1 ? "it" : "them"}.`,
        ]
      : []),
    ...(named > preview.draftAreas.length
      ? [
          `Only the first ${preview.draftAreas.length} areas for improvement become draft actions; add the other ${named - preview.draftAreas.length} with action new.`,
        ]
      : []),
  ];
}
