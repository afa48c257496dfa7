/**
 * Compliance summaries: `summary` (anywhere; in a team channel leaders see it), `compare`, and in
 * a team channel `digest weekly|monthly|off` (coordinators). The summary's drill-down buttons
 * answer the person who pressed them, wherever the summary was posted.
 */
import { criterionCard, summaryCard } from "../../cards/index.js";
import type { RatingDifference } from "../../domain/comparison.js";
import { ratingLabel } from "../../standard/index.js";
import { cardAction, wordsOf, type Feature } from "../feature.js";
import { isRefusal } from "../identity.js";
import { channelOf } from "../notifier.js";

export const summariesFeature: Feature = {
  commands: [
    {
      name: "summary",
      pattern: /^\s*summary\s*$/i,
      where: "anywhere",
      help: [
        { usage: "summary", description: "The compliance summary: where the council stands against the standard (in a team channel too)" },
      ],
      run: async (deps, { who }) => {
        const view = await deps.summaries.view(who);
        return isRefusal(view) ? view.message : summaryCard(view);
      },
    },
    {
      name: "compare",
      pattern: /^\s*compare\s*$/i,
      where: "anywhere",
      help: [{ usage: "compare", description: "Where your ratings are higher or lower than in the assessor's last report" }],
      run: async (deps, { who }) => {
        const result = await deps.summaries.comparison(who);
        if (isRefusal(result)) return result.message;
        const { higher, lower, same, notCompared } = result.comparison;
        const line = (d: RatingDifference) => `${d.ref}: yours ${ratingLabel(d.self)}, assessor ${ratingLabel(d.assessor)}`;
        return [
          `**"${result.campaign.name}" against the assessor's last report:** ${same} the same, ${higher.length} higher, ${lower.length} lower${notCompared ? `, ${notCompared} not yet rated` : ""}.`,
          higher.length ? `**Rated higher than the assessor did** (have the evidence ready): ${higher.map(line).join("; ")}.` : "",
          lower.length ? `**Rated lower:** ${lower.map(line).join("; ")}.` : "",
        ]
          .filter((l) => l !== "")
          .join("\n\n");
      },
    },
    {
      name: "digest",
      pattern: /^\s*digest\b/i,
      where: "anywhere",
      help: [
        {
          usage: "digest weekly",
          description: "Coordinators, in a team channel: post the summary there every Monday 09:00 (digest monthly, digest off)",
        },
      ],
      run: async (deps, { context, who, args }) => {
        const channel = channelOf(context.activity);
        if (!channel)
          return "Digests are posted to a team channel. Mention me in the channel where leaders should see it: digest weekly, digest monthly or digest off.";
        const outcome = await deps.digests.configure(who, channel, args.split(/\s+/).filter(Boolean));
        return wordsOf(outcome);
      },
    },
  ],
  cardActions: [
    cardAction({
      kinds: ["summaryCriterion"],
      where: "anywhere",
      run: async (deps, who, parsed) => {
        const view = await deps.summaries.criterion(who, parsed.campaignId, parsed.criterion);
        return isRefusal(view) ? view.message : criterionCard(view);
      },
    }),
  ],
};
