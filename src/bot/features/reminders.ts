/** `reminders`: coordinators see today's reminders and anyone they cannot reach, and why. */
import type { Feature } from "../feature.js";
import { plural } from "../../domain/plural.js";
import { isRefusal } from "../identity.js";

export const remindersFeature: Feature = {
  commands: [
    {
      name: "reminders",
      pattern: /^\s*reminders\s*$/i,
      where: "personal",
      help: [
        { usage: "reminders", description: "Coordinators: today's reminders (sent at 09:00 on working days) and anyone they cannot reach" },
      ],
      run: async (deps, { who }) => {
        const status = await deps.reminders.status(who);
        if (isRefusal(status)) return status.message;
        const { counts } = status;
        return [
          `**Reminders today:** ${counts.sent} sent, ${counts.pending} waiting to be sent or retried, ${counts.unreachable} could not be delivered.`,
          status.unreachable.length === 0
            ? "Everyone with reminders can be reached."
            : `**Cannot be reached (${status.unreachable.length}):** ${status.unreachable
                .slice(0, 20)
                .map((u) => `${u.name} (${u.why})`)
                .join("; ")}. Ask them to open the CSE app in Teams (or reinstall it), then they will get reminders again.`,
          status.neverChatted > 0
            ? `${plural(status.neverChatted, "person has", "people have")} work I remind about (improvement actions, elements, service standards' figures) but never chatted with me; I open a chat with them when the app is added to a team they are in.`
            : "",
        ]
          .filter((l) => l !== "")
          .join("\n\n");
      },
    },
  ],
  cardActions: [],
};
