/**
 * "Add as CSE evidence" on any Teams message (chat, channel or meeting chat): a dialog to choose
 * the element, then the message's link and the links of its files and web links are stored on
 * that element of the person's campaign, with the audit saying they came from a Teams message.
 * Files are never downloaded: Teams gives their SharePoint or OneDrive links.
 */
import { evidenceDialogCard, evidenceRefusalCard } from "../../cards/index.js";
import type { Actor } from "../../services/views.js";
import type { BotDeps, Dialog, Feature } from "../feature.js";
import { messageEvidence, type MessageEvidence } from "../message-evidence.js";
import { parseEvidenceChoice } from "../payload.js";

/** The command id in manifest/manifest.json. */
export const ADD_EVIDENCE_COMMAND = "addEvidence";
const DIALOG_TITLE = "Add as CSE evidence";
const VIA = "from a Teams message";

async function dialog(
  deps: BotDeps,
  who: Actor,
  evidence: MessageEvidence,
  selected?: { ref?: string; unitId?: string; title?: string },
  notice?: string,
): Promise<Dialog> {
  const { campaign } = await deps.walkthrough.scope(who);
  const mine = await deps.assignments.myWork(who, campaign);
  return {
    title: DIALOG_TITLE,
    card: evidenceDialogCard({
      campaignName: campaign.name,
      assigned: [...new Set(mine.items.map((i) => i.element.ref))],
      units: campaign.units,
      links: evidence.links,
      suggestedTitle: evidence.suggestedTitle,
      ...(selected ? { selected } : {}),
      ...(notice ? { notice } : {}),
    }),
  };
}

const FOREIGN = "This message belongs to another organisation's Teams, so it cannot be evidence in yours. Nothing was stored.";
const NO_LINKS =
  "This message has no link Teams could give me (it may be too old, or in a chat I cannot see), so there is nothing to store. Open it and copy its link instead.";

/** Why this message cannot be evidence for `who`, or undefined. */
function unusable(who: Actor, evidence: MessageEvidence, deps: BotDeps): string | undefined {
  if (evidence.tenantId && evidence.tenantId !== who.tenantId) {
    deps.log.warn({ tenant: who.tenantId, user: who.userId }, "evidence from another organisation's message refused");
    return FOREIGN;
  }
  return evidence.links.length === 0 ? NO_LINKS : undefined;
}

export const evidenceFeature: Feature = {
  commands: [],
  cardActions: [],
  messageActions: [
    {
      commandId: ADD_EVIDENCE_COMMAND,
      // Words come back inside a dialog: some clients (the Agents Playground) accept nothing else here.
      open: async (deps, who, message) => {
        const evidence = messageEvidence(message);
        const refusal = unusable(who, evidence, deps);
        return refusal ? { title: DIALOG_TITLE, card: evidenceRefusalCard(refusal) } : dialog(deps, who, evidence);
      },
      submit: async (deps, who, message, data) => {
        // What is stored comes from the message Teams sent with this submit, never from the dialog's data.
        const evidence = messageEvidence(message);
        const choice = parseEvidenceChoice(data);
        if (!choice) {
          deps.log.warn({ tenant: who.tenantId, user: who.userId }, "evidence dialog with invalid data refused");
          return dialog(
            deps,
            who,
            evidence,
            undefined,
            "That dialog's data was not valid, so nothing was stored. Please choose the element again.",
          );
        }
        const refusal = unusable(who, evidence, deps);
        if (refusal) return refusal;
        const title = choice.title.trim() || evidence.suggestedTitle;
        const outcome = await deps.walkthrough.addEvidence(who, {
          ref: choice.ref,
          ...(choice.unitId ? { unitId: choice.unitId } : {}),
          // The title typed in the dialog names the first link: the message's own, when Teams gives it.
          links: evidence.links.map((l, i) => ({ title: i === 0 ? title : l.title, url: l.url })),
          via: VIA,
        });
        if (!outcome.ok)
          return dialog(deps, who, evidence, { ref: choice.ref, unitId: choice.unitId, title: choice.title }, outcome.refusal.message);
        return outcome.message;
      },
    },
  ],
};
