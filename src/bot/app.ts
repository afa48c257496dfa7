/**
 * The Teams AI Application: one place that runs every command and card action in the registry
 * the same way (finds the person, checks the chat, parses, runs, answers with a card or words),
 * plus the install greeting. With adapter.ts, the only module that knows Teams.
 */
import { CardFactory, MessageFactory, type TurnContext } from "botbuilder";
import { Application, TurnState } from "@microsoft/teams-ai";
import { welcomeCard } from "../cards/index.js";
import type { Actor } from "../services/views.js";
import type { BotDeps, ChatScope, Command, Dialog, MessageAction, Reply } from "./feature.js";
import { actorFrom, isPersonalChat, isRefusal } from "./identity.js";
import { openChatsWithTeamMembers } from "./install.js";
import { answered, answerWithWords, isCardPress } from "./invoke-answers.js";
import { conversationOf } from "./notifier.js";
import { parseCardAction } from "./payload.js";
import { cardActionFor, COMMANDS, MESSAGE_ACTIONS, SEARCHES } from "./registry.js";

export type { BotDeps } from "./feature.js";

const ONLY_IN_PERSONAL =
  "Self-assessment happens in a one-to-one chat with me, so your draft stays yours until you save it. Open a chat with me and type assess.";
const NO_IDENTITY = "I could not tell which organisation or person this came from, so nothing was changed.";
const TAMPERED =
  "That card's data was not valid, so nothing was changed. Please use the buttons on a card I sent you, or type assess to get a fresh one.";
const PRESS_FAILED =
  "Sorry, something went wrong on my side and I could not finish that. The card is as you left it: please press the button again in a minute.";
const MESSAGE_FAILED = "Sorry, something went wrong on my side. Your last change may not have been saved: please try again in a moment.";

export function createBotApp(deps: BotDeps): Application<TurnState> {
  const { log } = deps;
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
  const allowedHere = (where: ChatScope, context: TurnContext) => where === "anywhere" || isPersonalChat(context.activity);

  /** A typed command: who, where, then the command; whatever fails, the person is answered in words. */
  const runCommand = async (context: TurnContext, command: Command, match: RegExpExecArray | undefined): Promise<Reply> => {
    if (!allowedHere(command.where, context)) return ONLY_IN_PERSONAL;
    const who = actor(context);
    if (!who) return NO_IDENTITY;
    const text = context.activity.text ?? "";
    const args = match ? text.trim().slice(match[0].trim().length).trim() : "";
    try {
      return await command.run(deps, { context, who, text, args });
    } catch (error) {
      log.error({ err: error, route: `message:${command.name}`, tenant: who.tenantId }, "command failed");
      return MESSAGE_FAILED;
    }
  };

  /** A card action (Action.Execute, or its Action.Submit fallback): what to show the person who pressed. */
  const runCardAction = async (context: TurnContext, data: unknown): Promise<Reply> => {
    const who = actor(context);
    if (!who) return NO_IDENTITY;
    const parsed = parseCardAction(data);
    const handler = parsed && cardActionFor(parsed.kind);
    if (!parsed || !handler) {
      log.warn({ tenant: who.tenantId, user: who.userId }, "card action with invalid payload refused");
      return TAMPERED;
    }
    const where = typeof handler.where === "function" ? handler.where(parsed) : handler.where;
    if (!allowedHere(where, context)) return ONLY_IN_PERSONAL;
    try {
      return await handler.run(deps, who, parsed);
    } catch (error) {
      log.error({ err: error, route: `card:${parsed.kind}`, tenant: who.tenantId }, "card action failed");
      return PRESS_FAILED;
    }
  };

  /** A message action's step: who, then the step; whatever fails, the dialog gets words (Teams waits 5 s for an answer). */
  const runMessageAction = async (
    context: TurnContext,
    action: MessageAction,
    step: "open" | "submit",
  ): Promise<{ title: string; card: ReturnType<typeof CardFactory.adaptiveCard> } | string> => {
    const who = actor(context);
    if (!who) return NO_IDENTITY;
    const value = (context.activity.value ?? {}) as { messagePayload?: unknown; data?: unknown };
    try {
      const result: Dialog | string =
        step === "open"
          ? await action.open(deps, who, value.messagePayload)
          : await action.submit(deps, who, value.messagePayload, value.data);
      return typeof result === "string" ? result : { title: result.title, card: CardFactory.adaptiveCard(result.card) };
    } catch (error) {
      log.error({ err: error, route: `message-action:${action.commandId}:${step}`, tenant: who.tenantId }, "message action failed");
      return PRESS_FAILED;
    }
  };
  for (const action of MESSAGE_ACTIONS) {
    app.messageExtensions.fetchTask(action.commandId, (context) => runMessageAction(context, action, "open"));
    app.messageExtensions.submitAction(action.commandId, (context) => runMessageAction(context, action, "submit"));
  }

  // Typeaheads: only the asker's organisation is searched; a failure answers with no matches.
  for (const search of SEARCHES)
    app.adaptiveCards.search(search.dataset, async (context, _state, query) => {
      const who = actor(context);
      if (!who) return [];
      try {
        return await search.run(deps, who, query.parameters.queryText, Math.min(query.count, 25));
      } catch (error) {
        log.error({ err: error, route: `search:${search.dataset}`, tenant: who.tenantId }, "search failed");
        return [];
      }
    });

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
    await deps.walkthrough.greet(who);
    const { campaign, currentRef } = await deps.walkthrough.peek(who);
    await reply(
      context,
      welcomeCard({ name: firstName(who.displayName), campaignName: campaign?.name, started: currentRef !== undefined }),
    );
  });

  app.message(
    () => Promise.resolve(true),
    async (context) => {
      // An Action.Submit fallback from a client without Universal Actions: the value is the card's data.
      const value: unknown = context.activity.value;
      if (value && typeof value === "object" && !Array.isArray(value)) return answerSubmit(context, await runCardAction(context, value));
      const text = context.activity.text ?? "";
      for (const command of COMMANDS) {
        const match = typeof command.pattern === "function" ? undefined : (command.pattern.exec(text) ?? undefined);
        if (typeof command.pattern === "function" ? command.pattern(context.activity) : match)
          return reply(context, await runCommand(context, command, match));
      }
      const shown = text.trim().slice(0, 40);
      await context.sendActivity(
        shown ? `Sorry, I don't know "${shown}". Type help to see what I can do.` : "Type help to see what I can do.",
      );
    },
  );

  // Every card press: a new card for the presser, or words; never a 501, whatever the data says.
  app.addRoute(
    (context) => Promise.resolve(isCardPress(context.activity)),
    async (context) => {
      const action = (context.activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
      const data = action?.data && typeof action.data === "object" ? action.data : {};
      // The verb Teams routed on is the one that counts, whatever the data repeats.
      const result = await runCardAction(context, { ...data, verb: action?.verb });
      if (typeof result === "string") await answerWithWords(context, result);
      else
        await context.sendActivity({
          type: "invokeResponse",
          value: { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: result } },
        });
    },
    true,
  );

  app.error(async (context, error) => {
    log.error({ err: error, type: context.activity.type, tenant: context.activity.conversation?.tenantId }, "turn failed");
    if (isCardPress(context.activity)) {
      if (!answered(context)) await answerWithWords(context, PRESS_FAILED);
    } else if (context.activity.type !== "invoke") {
      await context.sendActivity(MESSAGE_FAILED);
    }
  });

  return app;
}

async function reply(context: TurnContext, answer: Reply): Promise<void> {
  await context.sendActivity(typeof answer === "string" ? answer : MessageFactory.attachment(CardFactory.adaptiveCard(answer)));
}

/** The fallback's answer: in a one-to-one chat the pressed card is replaced; elsewhere the presser's answer comes as a new message. */
async function answerSubmit(context: TurnContext, result: Reply): Promise<void> {
  const message = typeof result === "string" ? MessageFactory.text(result) : MessageFactory.attachment(CardFactory.adaptiveCard(result));
  if (typeof result !== "string" && context.activity.replyToId && isPersonalChat(context.activity))
    await context.updateActivity({ ...message, id: context.activity.replyToId });
  else await context.sendActivity(message);
}

function firstName(displayName: string): string | undefined {
  return displayName.split(/\s+/)[0] || undefined;
}
