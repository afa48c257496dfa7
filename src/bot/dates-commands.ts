/**
 * The certification calendar: `dates`, and the buttons on its card. Everyone can look;
 * CertificationService checks again that only coordinators change anything.
 */
import type { TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { datesCard, type AdaptiveCard } from "../cards/index.js";
import type { CertificationService } from "../services/certification.js";
import type { Actor } from "../services/walkthrough.js";
import { isPersonalChat } from "./identity.js";
import type { ParsedAction } from "./payload.js";

export interface DatesDeps {
  readonly certification: CertificationService;
  readonly actor: (context: TurnContext) => Actor | undefined;
  readonly sendCard: (context: TurnContext, card: AdaptiveCard) => Promise<unknown>;
}

type DatesAction = Extract<ParsedAction, { kind: "dates" | "datesSave" }>;

// Card actions only run in a one-to-one chat, so the form and buttons are only offered there.
const CHANNEL_NOTE = {
  coordinator: "To change the dates, chat with me one-to-one and type dates.",
  other: "Type dates for the latest dates.",
};

/** Runs a button pressed on the dates card. */
export async function runDatesAction(deps: DatesDeps, who: Actor, parsed: DatesAction): Promise<AdaptiveCard> {
  if (parsed.kind === "dates") return datesCard(await deps.certification.view(who), { formScope: parsed.scopeId });
  const outcome = await deps.certification.save(who, parsed.draft);
  if (!outcome.ok)
    return datesCard(
      await deps.certification.view(who, { notice: { tone: "attention", text: outcome.refusal.message }, draft: parsed.draft }),
    );
  return datesCard(await deps.certification.view(who, { notice: { tone: "good", text: outcome.message } }), {
    formScope: outcome.settings.scopeId,
  });
}

export function registerDatesCommands(app: Application<TurnState>, deps: DatesDeps): void {
  app.message(/^\s*dates\s*$/i, async (context) => {
    const who = deps.actor(context);
    if (!who)
      return void (await context.sendActivity(
        "I could not tell which organisation or person this came from, so I cannot show your dates.",
      ));
    const view = await deps.certification.view(who);
    const personal = isPersonalChat(context.activity);
    await deps.sendCard(
      context,
      datesCard(view, personal ? {} : { readOnlyNote: view.canEdit ? CHANNEL_NOTE.coordinator : CHANNEL_NOTE.other }),
    );
  });
}
