/** The self-assessment itself: `assess`, `history`, `progress`, and the element card's buttons. */
import { elementCard, historyCard, progressCard } from "../../cards/index.js";
import { cardAction, type Feature } from "../feature.js";
import { isRefusal } from "../identity.js";

export const walkthroughFeature: Feature = {
  commands: [
    {
      name: "assess",
      pattern: /^\s*assess\b/i,
      where: "personal",
      help: [
        { usage: "assess", description: "Start or resume your self-assessment where you stopped" },
        { usage: "assess 3.2.1", description: "Go straight to an element" },
      ],
      run: async (deps, { who, args }) => {
        const view = await deps.walkthrough.open(who, args.split(/\s+/)[0] || undefined);
        return isRefusal(view) ? view.message : elementCard(view);
      },
    },
    {
      name: "progress",
      pattern: /^\s*progress\s*$/i,
      where: "personal",
      help: [{ usage: "progress", description: "Your ratings so far and what is left" }],
      run: async (deps, { who }) => progressCard(await deps.walkthrough.progress(who)),
    },
    {
      name: "history",
      pattern: /^\s*history\b/i,
      where: "personal",
      help: [{ usage: "history 3.2.1", description: "Who changed an element, when, and what" }],
      run: async (deps, { who, args }) => {
        const ref = args.split(/\s+/)[0];
        if (!ref) return "Which element? For example: history 3.2.1";
        const view = await deps.walkthrough.history(who, ref);
        return isRefusal(view) ? view.message : historyCard(view);
      },
    },
  ],
  cardActions: [
    cardAction({ kinds: ["progress"], where: "personal", run: async (deps, who) => progressCard(await deps.walkthrough.progress(who)) }),
    cardAction({
      kinds: ["resume"],
      where: "personal",
      run: async (deps, who) => {
        const view = await deps.walkthrough.open(who);
        return isRefusal(view) ? view.message : elementCard(view);
      },
    }),
    cardAction({
      kinds: ["element"],
      where: "personal",
      run: async (deps, who, parsed) => {
        const outcome = await deps.walkthrough.act(who, parsed.action);
        if (outcome.ok) return elementCard(outcome.view);
        return outcome.view ? elementCard(outcome.view) : outcome.refusal.message;
      },
    }),
  ],
};
