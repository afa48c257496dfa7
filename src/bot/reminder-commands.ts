/**
 * Reminders in Teams: the buttons on a reminder card (the action changes, and the same reminder
 * card comes back with that item marked, so the rest stay in reach), `reminders` for
 * coordinators, and opening one-to-one chats with people who have work when the app is added
 * to a team.
 */
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { reminderCard, welcomeCard, type AdaptiveCard } from "../cards/index.js";
import type { Delivery } from "../jobs/delivery.js";
import type { Logger } from "../logger.js";
import type { ActionOutcome } from "../services/actions.js";
import type { ReminderService } from "../services/reminders.js";
import type { Actor } from "../services/views.js";
import { runActionCardAction, type ActionCardAction, type ActionCardDeps } from "./action-commands.js";
import { isRefusal } from "./identity.js";

export interface ReminderDeps extends ActionCardDeps {
  readonly reminders: ReminderService;
  readonly log: Logger;
}

type FromReminder = Extract<ActionCardAction, { kind: "actionStatus" | "actionNote" | "actionSnooze" }> & { readonly day: string };

export function isReminderCardAction(parsed: ActionCardAction): parsed is FromReminder {
  return (
    (parsed.kind === "actionStatus" || parsed.kind === "actionNote" || parsed.kind === "actionSnooze") &&
    typeof parsed.day === "string" &&
    parsed.day !== ""
  );
}

/** A button pressed on a reminder card: do it, then show the reminder again with the outcome. */
export async function runReminderCardAction(deps: ReminderDeps, who: Actor, parsed: FromReminder): Promise<AdaptiveCard | string> {
  // Not this person's reminder (or a forged day): handled as on the action's own card.
  if (!(await deps.reminders.view(who, parsed.day))) return runActionCardAction(deps, who, parsed);
  let outcome: ActionOutcome;
  if (parsed.kind === "actionStatus") outcome = await deps.actions.setStatus(who, parsed.id, parsed.to);
  else if (parsed.kind === "actionNote") outcome = await deps.actions.addNote(who, parsed.id, parsed.note);
  else outcome = await deps.actions.snooze(who, parsed.id, parsed.length);
  const view = await deps.reminders.view(who, parsed.day);
  if (!view) return runActionCardAction(deps, who, { kind: "action", id: parsed.id });
  const notice = outcome.ok
    ? { tone: "good" as const, text: outcome.message }
    : { tone: "attention" as const, text: outcome.refusal.message };
  return reminderCard({ ...view, name: who.displayName, notice }).card;
}

export function registerReminderCommands(
  app: Application<TurnState>,
  deps: ReminderDeps & { personalActor: (context: TurnContext) => Promise<Actor | undefined> },
): void {
  app.message(/^\s*reminders\s*$/i, async (context) => {
    const who = await deps.personalActor(context);
    if (!who) return;
    const status = await deps.reminders.status(who);
    if (isRefusal(status)) return void (await context.sendActivity(status.message));
    const { counts } = status;
    const lines = [
      `**Reminders today:** ${counts.sent} sent, ${counts.pending} waiting to be sent or retried, ${counts.unreachable} could not be delivered.`,
      status.unreachable.length === 0
        ? "Everyone with reminders can be reached."
        : `**Cannot be reached (${status.unreachable.length}):** ${status.unreachable
            .slice(0, 20)
            .map((u) => `${u.name} (${u.why})`)
            .join("; ")}. Ask them to open the CSE app in Teams (or reinstall it), then they will get reminders again.`,
      status.neverChatted > 0
        ? `${status.neverChatted} people with open actions have never chatted with me; I open a chat with them when the app is added to a team they are in.`
        : "",
    ];
    await context.sendActivity(lines.filter((l) => l !== "").join("\n\n"));
  });
}

/**
 * When the app is added to a team: a one-to-one chat (with a welcome) for each member who has
 * work in the CSE assessment but never wrote to the bot, so reminders can reach them.
 */
export async function openChatsWithTeamMembers(
  context: TurnContext,
  tenantId: string,
  reminders: ReminderService,
  delivery: Delivery,
  log: Logger,
): Promise<number> {
  const members: TeamsChannelAccount[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, 500, continuationToken);
    members.push(...page.members);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  const byId = new Map(members.filter((m) => m.aadObjectId).map((m) => [m.aadObjectId!, m]));
  const needing = await reminders.needingChat(tenantId, [...byId.keys()]);
  let opened = 0;
  for (const userId of needing) {
    const name = byId.get(userId)?.name ?? "";
    const result = await delivery.send(
      { tenantId, userId, displayName: name },
      welcomeCard({ name: name.split(/\s+/)[0] || undefined, started: false }),
      "Welcome to your CSE self-assessment",
    );
    if (result.ok && result.newConversation) {
      await reminders.rememberChat(tenantId, userId, name, result.newConversation);
      opened++;
    } else if (!result.ok)
      log.warn({ tenant: tenantId, user: userId, status: result.status }, "could not open a one-to-one chat on install");
  }
  log.info({ tenant: tenantId, members: members.length, opened }, "app added to a team");
  return opened;
}
