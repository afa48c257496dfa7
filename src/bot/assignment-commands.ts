/** Assignment commands: `assign 3.2 @person` (coordinators) and `my work` (everyone). */
import type { TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { myWorkCard, type AdaptiveCard } from "../cards/index.js";
import type { Logger } from "../logger.js";
import type { AssignmentService } from "../services/assignments.js";
import type { Actor, WalkthroughService } from "../services/walkthrough.js";
import { mentionedPerson } from "./people.js";

export interface AssignmentDeps {
  readonly assignments: AssignmentService;
  readonly walkthrough: WalkthroughService;
  readonly log: Logger;
  readonly actor: (context: TurnContext) => Actor | undefined;
  readonly personalActor: (context: TurnContext) => Promise<Actor | undefined>;
  readonly sendCard: (context: TurnContext, card: AdaptiveCard) => Promise<unknown>;
}

const USAGE =
  "Assign by mentioning the owner, in a team channel or group chat where I am: assign 3.2 @name (a criterion such as 3, a sub-criterion such as 3.2, or an element such as 3.2.1). It applies to the campaign and unit you are working in.";

export function registerAssignmentCommands(app: Application<TurnState>, deps: AssignmentDeps): void {
  app.message(/^\s*assign\b/i, async (context) => {
    const who = deps.actor(context);
    if (!who) return;
    const spec = (context.activity.text ?? "").trim().split(/\s+/)[1] ?? "";
    const owner = await mentionedPerson(context, deps.log);
    if (!spec || !owner) return void (await context.sendActivity(USAGE));
    const outcome = await deps.assignments.assign(who, await deps.walkthrough.scope(who), spec, {
      userId: owner.userId,
      name: owner.displayName,
    });
    await context.sendActivity(outcome.ok ? outcome.message : outcome.refusal.message);
  });

  app.message(/^\s*my\s+work\s*$/i, async (context) => {
    const who = await deps.personalActor(context);
    if (!who) return;
    await deps.sendCard(context, myWorkCard(await deps.assignments.myWork(who, await deps.walkthrough.currentCampaign(who))));
  });
}
