/**
 * Compliance summaries in Teams: in a team channel, `summary` posts one now and
 * `digest weekly|monthly|off` (coordinators) sets the channel's schedule; anywhere, the
 * summary's drill-down buttons answer the person who pressed them only.
 */
import type { TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { summaryCard, type AdaptiveCard } from "../cards/index.js";
import type { Logger } from "../logger.js";
import type { DigestService } from "../services/digests.js";
import type { SummaryService } from "../services/summary.js";
import type { Actor } from "../services/views.js";
import { isRefusal } from "./identity.js";
import { channelOf } from "./notifier.js";
import { ratingLabel } from "../standard/index.js";
import type { RatingDifference } from "../domain/comparison.js";

export interface DigestDeps {
  readonly summaries: SummaryService;
  readonly digests: DigestService;
  readonly log: Logger;
  readonly actor: (context: TurnContext) => Actor | undefined;
  readonly sendCard: (context: TurnContext, card: AdaptiveCard) => Promise<unknown>;
}

export function registerDigestCommands(app: Application<TurnState>, deps: DigestDeps): void {
  app.message(/^\s*summary\s*$/i, async (context) => {
    const who = deps.actor(context);
    if (!who) return;
    const view = await deps.summaries.view(who);
    if (isRefusal(view)) return void (await context.sendActivity(view.message));
    await deps.sendCard(context, summaryCard(view));
  });

  app.message(/^\s*compare\s*$/i, async (context) => {
    const who = deps.actor(context);
    if (!who) return;
    const result = await deps.summaries.comparison(who);
    if (isRefusal(result)) return void (await context.sendActivity(result.message));
    const { higher, lower, same, notCompared } = result.comparison;
    const line = (d: RatingDifference) => `${d.ref}: yours ${ratingLabel(d.self)}, assessor ${ratingLabel(d.assessor)}`;
    await context.sendActivity(
      [
        `**"${result.campaign.name}" against the assessor's last report:** ${same} the same, ${higher.length} higher, ${lower.length} lower${notCompared ? `, ${notCompared} not yet rated` : ""}.`,
        higher.length ? `**Rated higher than the assessor did** (have the evidence ready): ${higher.map(line).join("; ")}.` : "",
        lower.length ? `**Rated lower:** ${lower.map(line).join("; ")}.` : "",
      ]
        .filter((l) => l !== "")
        .join("\n\n"),
    );
  });

  app.message(/^\s*digest\b/i, async (context) => {
    const who = deps.actor(context);
    if (!who) return;
    const channel = channelOf(context.activity);
    if (!channel)
      return void (await context.sendActivity(
        "Digests are posted to a team channel. Mention me in the channel where leaders should see it: digest weekly, digest monthly or digest off.",
      ));
    const words = (context.activity.text ?? "").trim().split(/\s+/).slice(1);
    const outcome = await deps.digests.configure(who, channel, words);
    await context.sendActivity(outcome.ok ? outcome.message : outcome.refusal.message);
  });
}
