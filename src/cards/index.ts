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
export { exportCard } from "./export.js";
export { renderCard, cardBytes, type AdaptiveCard } from "./render.js";

export const COMMANDS = [
  { command: "assess", description: "Start or resume your self-assessment where you stopped" },
  { command: "assess 3.2.1", description: "Go straight to an element" },
  { command: "progress", description: "Your ratings so far and what is left" },
  { command: "my work", description: "The elements assigned to you, with their status" },
  { command: "history 3.2.1", description: "Who changed an element, when, and what" },
  { command: "actions", description: "Your improvement actions (actions overdue, actions 3.2.1; coordinators: actions all)" },
  { command: "action new", description: "Plan an improvement action (action new 3.2.1 for an element); action 12 opens one" },
  { command: "overview", description: "Coordinators and leaders: progress, evidence, owners and who is late in your campaign" },
  { command: "campaigns", description: "Choose the campaign you work in; coordinators set up, open, review and sign off campaigns" },
  { command: "unit Housing", description: "Switch to another unit of your campaign" },
  { command: "summary", description: "The compliance summary: where the council stands against the standard (in a team channel too)" },
  { command: "compare", description: "Where your ratings are higher or lower than in the assessor's last report" },
  {
    command: "import",
    description:
      "Coordinators: send last year's assessor report (.docx, .pdf, .txt, .md) or paste it after import; check the preview, then Import",
  },
  {
    command: "export",
    description: "Coordinators, reviewers and leaders: the evidence matrix (Excel, CSV) and a printable self-assessment report",
  },
  {
    command: "digest weekly",
    description: "Coordinators, in a team channel: post the summary there every Monday 09:00 (digest monthly, digest off)",
  },
  { command: "reminders", description: "Coordinators: today's reminders (sent at 09:00 on working days) and anyone they cannot reach" },
  {
    command: "dates",
    description: "Certification calendar: annual reviews, reassessment and evidence deadlines (coordinators change them)",
  },
  { command: "roles", description: "Who the coordinators, reviewers, contributors and leaders are" },
  { command: "setup", description: "Become your council's first CSE coordinator (only when there is none)" },
  { command: "role add reviewer @name", description: "Coordinators, in a team channel: give or remove a role (role remove ...)" },
  { command: "lead add @name", description: "Coordinators, in a team channel: add a lead coordinator to your current campaign" },
  { command: "assign 3.2 @name", description: "Coordinators, in a team channel: give a criterion, sub-criterion or element to an owner" },
  {
    command: "action 12 owner @name",
    description: "In a team channel: give an improvement action to someone else (its owner or a coordinator)",
  },
  { command: "help", description: "This list" },
] as const;

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

export function helpCard(): AdaptiveCard {
  return renderCard("help", { commands: COMMANDS });
}
