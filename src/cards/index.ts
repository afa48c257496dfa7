/** Card builders: typed view models in, Adaptive Cards (schema 1.5) out. Pure. */
import { renderCard, type AdaptiveCard } from "./render.js";
import { plainText } from "./markdown.js";
import { LIMITS } from "../domain/limits.js";

export { elementCard } from "./element.js";
export { progressCard } from "./progress.js";
export { historyCard } from "./history.js";
export { campaignFormCard, campaignsCard, type CampaignsView } from "./campaigns.js";
export { myWorkCard } from "./my-work.js";
export { overviewCard } from "./overview.js";
export { datesCard, type DatesCardOptions } from "./dates.js";
export { reminderCard, type ReminderView } from "./reminder.js";
export {
  actionCard,
  actionFormCard,
  actionsCard,
  type ActionCardOptions,
  type ActionFormOptions,
  type ActionsCardOptions,
} from "./actions.js";
export { summaryCard, summaryText } from "./summary.js";
export { criterionCard } from "./criterion.js";
export { importPreviewCard } from "./import-preview.js";
export { planPreviewCard } from "./plan-preview.js";
export { fileEvidenceCard } from "./file-evidence.js";
export { assignFormCard, PEOPLE_DATASET } from "./assign-form.js";
export { evidenceDialogCard, evidenceRefusalCard, type EvidenceDialogView } from "./evidence-dialog.js";
export { exportCard } from "./export.js";
export { standardsCard } from "./standards.js";
export { standardFormCard, figureFormCard } from "./standard-forms.js";
export { figureImportCard } from "./figure-import.js";
export { renderCard, cardBytes, TEAMS_CARD_BYTES, type AdaptiveCard } from "./render.js";

export function welcomeCard(opts: { name?: string; campaignName?: string; started: boolean }): AdaptiveCard {
  return renderCard("welcome", {
    greeting: opts.name ? `Hello ${plainText(opts.name, 60)}, welcome to your CSE self-assessment` : "Welcome to your CSE self-assessment",
    steps: [
      { title: "1. Read", value: "the element and the guidance on what assessors look for" },
      { title: "2. Rate", value: "Compliance Plus, Compliance, Partial, Non-Compliance or N/A" },
      { title: "3. Explain", value: "write a short narrative of how you meet it" },
      { title: "4. Evidence", value: "link the documents that show it" },
    ],
    campaignLine: opts.campaignName ? `Current self-assessment: ${plainText(opts.campaignName, LIMITS.campaignNameChars)}` : "",
    startTitle: opts.started ? "Resume my self-assessment" : "Start my self-assessment",
  });
}

/** The help card: the commands as the bot's registry of features describes them. */
export function helpCard(commands: readonly { readonly command: string; readonly description: string }[]): AdaptiveCard {
  return renderCard("help", { commands });
}
