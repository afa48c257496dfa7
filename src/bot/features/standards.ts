/**
 * Service standards and their figures: `standards` (anywhere; leaders read it in a channel),
 * `standard new` and `figure` in a one-to-one chat, `import figures` and a coordinator's file of
 * figures (features/figure-import.ts), and the buttons of their cards. The services
 * check again who may change what.
 */
import { figureFormCard, standardFormCard, standardsCard } from "../../cards/index.js";
import type { Actor } from "../../services/views.js";
import { cardAction, type BotDeps, type Feature, type Reply } from "../feature.js";
import { figureImportCommand, figureImportConfirmAction } from "./figure-import.js";
import { isPersonalChat, isRefusal } from "../identity.js";

const standardsReply = async (deps: BotDeps, who: Actor, notice?: string): Promise<Reply> =>
  standardsCard(await deps.standards.view(who, notice ? { tone: "good", text: notice } : undefined));

export const standardsFeature: Feature = {
  commands: [
    {
      name: "standards",
      pattern: /^\s*standards\s*$/i,
      where: "anywhere",
      help: [
        {
          usage: "standards",
          description: "Service standards: each promise's latest result against its target and the trend (owners record figures here)",
        },
      ],
      run: async (deps, { context, who }) => {
        const view = await deps.standards.view(who);
        // Card actions only run in a one-to-one chat: a channel's copy is for reading.
        return standardsCard(isPersonalChat(context.activity) ? view : { ...view, canManage: false, viewerId: "" });
      },
    },
    {
      name: "standard",
      pattern: /^\s*standard\s+new\s*$/i,
      where: "personal",
      help: [{ usage: "standard new", description: "Coordinators: add a service standard (the promise, its target, who reports it)" }],
      run: async (deps, { who }) => {
        const form = await deps.standards.form(who);
        return isRefusal(form) ? form.message : standardFormCard(form);
      },
    },
    figureImportCommand,
  ],
  cardActions: [
    figureImportConfirmAction,
    cardAction({ kinds: ["standards"], where: "personal", run: (deps, who) => standardsReply(deps, who) }),
    cardAction({
      kinds: ["standardForm"],
      where: "personal",
      run: async (deps, who, parsed) => {
        const form = await deps.standards.form(who, parsed.id);
        return isRefusal(form) ? form.message : standardFormCard(form);
      },
    }),
    cardAction({
      kinds: ["standardSave"],
      where: "personal",
      run: async (deps, who, parsed) => {
        const outcome = await deps.standards.save(who, parsed.save);
        if (outcome.ok) return standardsReply(deps, who, outcome.message);
        const form = await deps.standards.form(who, parsed.save.id, {
          draft: { ...parsed.save.draft, ownerId: parsed.save.ownerId, unitId: parsed.save.unitId },
          notice: { tone: "attention", text: outcome.refusal.message },
        });
        return isRefusal(form) ? outcome.refusal.message : standardFormCard(form);
      },
    }),
    cardAction({
      kinds: ["figureForm"],
      where: "personal",
      run: async (deps, who, parsed) => {
        const form = await deps.figures.form(who, parsed.id, parsed.periodId);
        return isRefusal(form) ? form.message : figureFormCard(form);
      },
    }),
    cardAction({
      kinds: ["figureSave"],
      where: "personal",
      run: async (deps, who, parsed) => {
        const outcome = await deps.figures.record(who, parsed.input);
        if (outcome.ok) return standardsReply(deps, who, outcome.message);
        return outcome.form ? figureFormCard(outcome.form) : outcome.refusal.message;
      },
    }),
  ],
};
