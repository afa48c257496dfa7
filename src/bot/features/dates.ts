/**
 * The certification calendar: `dates`, and the buttons on its card. Everyone can look;
 * CertificationService checks again that only coordinators change anything.
 */
import { datesCard } from "../../cards/index.js";
import { cardAction, type Feature } from "../feature.js";
import { isPersonalChat } from "../identity.js";

// Card actions only run in a one-to-one chat, so the form and buttons are only offered there.
const CHANNEL_NOTE = {
  coordinator: "To change the dates, chat with me one-to-one and type dates.",
  other: "Type dates for the latest dates.",
};

export const datesFeature: Feature = {
  commands: [
    {
      name: "dates",
      pattern: /^\s*dates\s*$/i,
      where: "anywhere",
      help: [
        {
          usage: "dates",
          description: "Certification calendar: annual reviews, reassessment and evidence deadlines (coordinators change them)",
        },
      ],
      run: async (deps, { context, who }) => {
        const view = await deps.certification.view(who);
        const personal = isPersonalChat(context.activity);
        return datesCard(view, personal ? {} : { readOnlyNote: view.canEdit ? CHANNEL_NOTE.coordinator : CHANNEL_NOTE.other });
      },
    },
  ],
  cardActions: [
    cardAction({
      kinds: ["dates"],
      where: "personal",
      run: async (deps, who, parsed) => datesCard(await deps.certification.view(who), { formScope: parsed.scopeId }),
    }),
    cardAction({
      kinds: ["datesSave"],
      where: "personal",
      run: async (deps, who, parsed) => {
        const outcome = await deps.certification.save(who, parsed.draft);
        if (!outcome.ok)
          return datesCard(
            await deps.certification.view(who, { notice: { tone: "attention", text: outcome.refusal.message }, draft: parsed.draft }),
          );
        return datesCard(await deps.certification.view(who, { notice: { tone: "good", text: outcome.message } }), {
          formScope: outcome.settings.scopeId,
        });
      },
    }),
  ],
};
