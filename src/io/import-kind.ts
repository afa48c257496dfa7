/**
 * Which import a coordinator's document is for: an assessor's report (it has a compliance table)
 * or an improvement plan (it has a table of actions, or numbered recommendations). A report wins:
 * its own areas for improvement become actions when it is imported. Pure.
 */
import { parseActionPlan } from "./action-plan.js";
import { parseAssessorReport } from "./assessor-report.js";

export function importKind(text: string): "report" | "plan" | undefined {
  if (parseAssessorReport(text).ratings.size > 0) return "report";
  const plan = parseActionPlan(text);
  return plan.rows.length > 0 || plan.unreadable.length > 0 ? "plan" : undefined;
}
