/**
 * The Teams AI Application: routes typed commands, card actions and install events to the
 * walk-through service and answers with cards. The only module (with adapter.ts) that knows Teams.
 */
import { ActivityTypes, CardFactory, MessageFactory, type TurnContext } from "botbuilder";
import { Application, TurnState, type TeamsAdapter } from "@microsoft/teams-ai";
import { criterionCard, elementCard, helpCard, historyCard, progressCard, welcomeCard, type AdaptiveCard } from "../cards/index.js";
import type { Logger } from "../logger.js";
import type { Clock } from "../clock.js";
import type { ActionService } from "../services/actions.js";
import type { AssignmentService } from "../services/assignments.js";
import type { CampaignService } from "../services/campaigns.js";
import type { CertificationService } from "../services/certification.js";
import type { OverviewService } from "../services/overview.js";
import type { RolesService } from "../services/roles.js";
import type { Actor, WalkthroughService } from "../services/walkthrough.js";
import { actorFrom, isPersonalChat, isRefusal } from "./identity.js";
import { conversationOf } from "./notifier.js";
import { parseCardAction } from "./payload.js";
import { answered, answerWithWords, isCardPress } from "./invoke-answers.js";
import { registerRoleCommands } from "./role-commands.js";
import { registerAssignmentCommands } from "./assignment-commands.js";
import { registerCampaignCommands, runCampaignAction } from "./campaign-commands.js";
import { registerDatesCommands, runDatesAction } from "./dates-commands.js";
import { isActionCardAction, registerActionCommands, runActionCardAction } from "./action-commands.js";
import { isReminderCardAction, openChatsWithTeamMembers, registerReminderCommands, runReminderCardAction } from "./reminder-commands.js";
import type { ReminderService } from "../services/reminders.js";
import type { SummaryService } from "../services/summary.js";
import type { DigestService } from "../services/digests.js";
import { registerDigestCommands } from "./digest-commands.js";
import type { Delivery } from "../jobs/delivery.js";
import type { DownloadLimits } from "../io/download.js";
import type { ReportImportService } from "../services/report-import.js";
import type { ExportLinkService } from "../services/export-links.js";
import { isFileCardAction, registerFileCommands, runFileCardAction } from "./file-commands.js";

export interface BotDeps {
  readonly adapter: TeamsAdapter;
  readonly botAppId: string;
  readonly localMode: boolean;
  readonly walkthrough: WalkthroughService;
  readonly roles: RolesService;
  readonly campaigns: CampaignService;
  readonly assignments: AssignmentService;
  readonly overview: OverviewService;
  readonly certification: CertificationService;
  readonly actions: ActionService;
  readonly reminders: ReminderService;
  readonly summaries: SummaryService;
  readonly digests: DigestService;
  readonly imports: ReportImportService;
  readonly exportLinks: ExportLinkService;
  /** Where files sent in chat may be fetched from, and how much. */
  readonly download: DownloadLimits;
  /** Opens one-to-one chats (for people who never wrote to the bot). */
  readonly delivery: Delivery;
  readonly clock: Clock;
  /** COORDINATORS names people by UPN, so senders' UPNs must be looked up for role commands. */
  readonly coordinatorsByUpn: boolean;
  readonly log: Logger;
}

const ONLY_IN_PERSONAL =
  "Self-assessment happens in a one-to-one chat with me, so your draft stays yours until you save it. Open a chat with me and type assess.";
const NO_IDENTITY = "I could not tell which organisation or person this came from, so nothing was changed.";
const PRESS_FAILED =
  "Sorry, something went wrong on my side and I could not finish that. The card is as you left it: please press the button again in a minute.";
const TAMPERED =
  "That card's data was not valid, so nothing was changed. Please use the buttons on a card I sent you, or type assess to get a fresh one.";

export function createBotApp(deps: BotDeps): Application<TurnState> {
  const { walkthrough, log } = deps;
  const app = new Application<TurnState>({
    adapter: deps.adapter,
    botAppId: deps.botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
  });

  const actor = (context: TurnContext): Actor | undefined => {
    const who = actorFrom(context.activity, deps.localMode);
    if (isRefusal(who)) {
      log.warn({ code: who.code, channel: context.activity.channelId }, "activity without a usable identity");
      return undefined;
    }
    return { ...who, conversation: conversationOf(context.activity) };
  };
  /** The person, for commands that only make sense in a one-to-one chat; otherwise says why not. */
  const personalActor = async (context: TurnContext): Promise<Actor | undefined> => {
    if (!isPersonalChat(context.activity)) return void (await context.sendActivity(ONLY_IN_PERSONAL));
    const who = actor(context);
    if (!who) await context.sendActivity(NO_IDENTITY);
    return who;
  };
  const sendCard = (context: TurnContext, card: AdaptiveCard) =>
    context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));

  app.conversationUpdate("membersAdded", async (context) => {
    const added = context.activity.membersAdded ?? [];
    const botAdded = added.some((m) => m.id === context.activity.recipient.id);
    if (!isPersonalChat(context.activity)) {
      if (!botAdded) return;
      await context.sendActivity(
        "Hello! I help your council run its Customer Service Excellence self-assessment. Chat with me one-to-one and type assess to start rating elements.",
      );
      const who = actor(context);
      if (who)
        await openChatsWithTeamMembers(context, who.tenantId, deps.reminders, deps.delivery, log).catch((error: unknown) =>
          log.warn({ err: error, tenant: who.tenantId }, "could not list the team's members"),
        );
      return;
    }
    const who = actor(context);
    if (!who || (!botAdded && added.every((m) => m.id === context.activity.recipient.id))) return;
    await walkthrough.greet(who);
    const { campaign, currentRef } = await walkthrough.peek(who);
    await sendCard(
      context,
      welcomeCard({ name: firstName(who.displayName), campaignName: campaign?.name, started: currentRef !== undefined }),
    );
  });

  // First: a message carrying a file is about the file, whatever its text says.
  const fileDeps = {
    imports: deps.imports,
    exportLinks: deps.exportLinks,
    walkthrough,
    download: deps.download,
    log,
    personalActor,
    sendCard,
  };
  registerFileCommands(app, fileDeps);
  registerRoleCommands(app, { roles: deps.roles, log, actor, needsUpn: deps.coordinatorsByUpn });
  const campaignDeps = {
    log,
    actor,
    campaigns: deps.campaigns,
    overview: deps.overview,
    walkthrough,
    rolesOf: (a: Actor) => deps.roles.rolesOf(a),
    clock: deps.clock,
  };
  registerCampaignCommands(app, campaignDeps, personalActor, sendCard);
  registerAssignmentCommands(app, { assignments: deps.assignments, walkthrough, log, actor, personalActor, sendCard });
  const datesDeps = { certification: deps.certification, actor, sendCard };
  registerDatesCommands(app, datesDeps);
  const actionDeps = {
    actions: deps.actions,
    walkthrough,
    rolesOf: campaignDeps.rolesOf,
    clock: deps.clock,
    log,
    actor,
    personalActor,
    sendCard,
  };
  registerActionCommands(app, actionDeps);
  const reminderDeps = { ...actionDeps, reminders: deps.reminders };
  registerReminderCommands(app, reminderDeps);
  registerDigestCommands(app, { summaries: deps.summaries, digests: deps.digests, log, actor, sendCard });

  app.message(/^\s*help\s*$/i, async (context) => {
    await sendCard(context, helpCard());
  });

  app.message(/^\s*assess\b/i, async (context) => {
    const who = await personalActor(context);
    if (!who) return;
    const result = await walkthrough.open(who, argument(context));
    if (isRefusal(result)) return void (await context.sendActivity(result.message));
    await sendCard(context, elementCard(result));
  });

  app.message(/^\s*history\b/i, async (context) => {
    const who = await personalActor(context);
    if (!who) return;
    const ref = argument(context);
    if (!ref) return void (await context.sendActivity("Which element? For example: history 3.2.1"));
    const view = await walkthrough.history(who, ref);
    if (isRefusal(view)) return void (await context.sendActivity(view.message));
    await sendCard(context, historyCard(view));
  });

  app.message(/^\s*progress\s*$/i, async (context) => {
    const who = await personalActor(context);
    if (!who) return;
    await sendCard(context, progressCard(await walkthrough.progress(who)));
  });

  /** Runs a card action (Action.Execute or its Action.Submit fallback) and returns what to show. */
  const runAction = async (context: TurnContext, data: unknown): Promise<AdaptiveCard | string> => {
    const who = actor(context);
    if (!who) return NO_IDENTITY;
    const parsed = parseCardAction(data);
    if (!parsed) {
      log.warn({ tenant: who.tenantId, user: who.userId }, "card action with invalid payload refused");
      return TAMPERED;
    }
    // A summary's drill-down buttons work where the summary was posted; the answer is the presser's alone.
    const readOnlyAnywhere =
      parsed.kind === "help" || parsed.kind === "summaryCriterion" || (parsed.kind === "actions" && parsed.filter === "overdue");
    if (!readOnlyAnywhere && !isPersonalChat(context.activity)) return ONLY_IN_PERSONAL;
    switch (parsed.kind) {
      case "help":
        return helpCard();
      case "progress":
        return progressCard(await walkthrough.progress(who));
      case "resume": {
        const view = await walkthrough.open(who);
        return isRefusal(view) ? view.message : elementCard(view);
      }
      case "element": {
        const outcome = await walkthrough.act(who, parsed.action);
        if (outcome.ok) return elementCard(outcome.view);
        return outcome.view ? elementCard(outcome.view) : outcome.refusal.message;
      }
      default:
        if (parsed.kind === "dates" || parsed.kind === "datesSave") return runDatesAction(datesDeps, who, parsed);
        if (parsed.kind === "summaryCriterion") {
          const view = await deps.summaries.criterion(who, parsed.campaignId, parsed.criterion);
          return isRefusal(view) ? view.message : criterionCard(view);
        }
        if (isFileCardAction(parsed)) return runFileCardAction(fileDeps, who, parsed);
        if (isActionCardAction(parsed))
          return isReminderCardAction(parsed)
            ? runReminderCardAction(reminderDeps, who, parsed)
            : runActionCardAction(actionDeps, who, parsed);
        return runCampaignAction(campaignDeps, who, parsed);
    }
  };

  app.adaptiveCards.actionExecute(/^cse\./, async (context, _state, data) => runAction(context, data));

  app.adaptiveCards.actionSubmit(/^cse\./, async (context, _state, data) => {
    const result = await runAction(context, data);
    const reply = typeof result === "string" ? MessageFactory.text(result) : MessageFactory.attachment(CardFactory.adaptiveCard(result));
    // In a channel the card everyone sees stays as it is: the presser's answer comes as a new message.
    if (typeof result !== "string" && context.activity.replyToId && isPersonalChat(context.activity)) {
      await context.updateActivity({ ...reply, id: context.activity.replyToId });
    } else await context.sendActivity(reply);
  });

  app.activity(ActivityTypes.Message, async (context) => {
    const text = (context.activity.text ?? "").trim().slice(0, 40);
    await context.sendActivity(text ? `Sorry, I don't know "${text}". Type help to see what I can do.` : "Type help to see what I can do.");
  });

  // Last among the invoke routes: a press whose verb matched nothing above still gets words back, not a 501.
  app.addRoute(
    (context) => Promise.resolve(isCardPress(context.activity)),
    async (context) => {
      log.warn({ tenant: context.activity.conversation?.tenantId }, "card action with an unknown or malformed verb refused");
      await answerWithWords(context, TAMPERED);
    },
    true,
  );

  app.error(async (context, error) => {
    log.error({ err: error, type: context.activity.type, tenant: context.activity.conversation?.tenantId }, "turn failed");
    if (isCardPress(context.activity)) {
      if (!answered(context)) await answerWithWords(context, PRESS_FAILED);
    } else if (context.activity.type !== "invoke") {
      await context.sendActivity(
        "Sorry, something went wrong on my side. Your last change may not have been saved: please try again in a moment.",
      );
    }
  });

  return app;
}

/** The word after the command, as in "assess 3.2.1". */
function argument(context: TurnContext): string | undefined {
  return (context.activity.text ?? "").trim().split(/\s+/)[1];
}

function firstName(displayName: string): string | undefined {
  return displayName.split(/\s+/)[0] || undefined;
}
