/**
 * Files in and out of chat. In: a coordinator sends the assessor's report or the council's
 * improvement plan as a file (or types import and pastes it) and gets a preview card to confirm;
 * which of the two it is, the content says (a spreadsheet of service-standard figures goes to the
 * standards feature's import). Out: `export` answers with signed download links to
 * the evidence matrix and the report. One-to-one chats only.
 */
import type { Activity, Attachment } from "botbuilder";
import { exportCard, fileEvidenceCard, importPreviewCard, planPreviewCard } from "../../cards/index.js";
import type { Refusal } from "../../domain/refusal.js";
import { download } from "../../io/download.js";
import { htmlToLines } from "../../io/html-text.js";
import { findElement } from "../../standard/index.js";
import { importKind, spreadsheetKind } from "../../io/import-kind.js";
import { planFileKind, planText } from "../../io/plan-file.js";
import type { PlanOutcome } from "../../services/plan-import.js";
import type { PreviewOutcome } from "../../services/report-import.js";
import type { Actor } from "../../services/views.js";
import { cardAction, wordsOf, type BotDeps, type Feature, type Reply } from "../feature.js";
import { isRefusal } from "../identity.js";
import { previewFigures } from "./figure-import.js";

/** How Teams hands over a file someone sent in a one-to-one chat with a bot. */
const FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info";
/** Shorter than any assessor report: "import" with a line or two is a question, not a report. */
const MIN_PASTED_CHARS = 500;
const HOW_TO_IMPORT =
  "To import last year's assessor report or your improvement plan, send it to me here as a file (Word .docx, PDF, .txt, .md; a plan may also be Excel .xlsx or .csv), or type import and paste it in the same message. I will show you what I found before anything is stored. (For service-standard figures, type import figures.)";
const NEITHER: Refusal = {
  code: "invalid-payload",
  message:
    "I could not find the compliance table of an assessor's report (a rating for each element), nor the table of an improvement plan (a header row naming the task and its owner or date), so nothing was imported.",
};

/** Tried before every other command: a message carrying a file is about the file, whatever its text says. */
export const fileUploadFeature: Feature = {
  commands: [
    {
      name: "file",
      pattern: (activity) => fileAttachments(activity).length > 0,
      where: "personal",
      run: async (deps, { context, who, text }) => fromFile(deps, who, text, fileAttachments(context.activity)),
    },
  ],
  cardActions: [
    cardAction({
      kinds: ["fileEvidence"],
      where: "personal",
      run: async (deps, who, parsed) =>
        wordsOf(
          await deps.walkthrough.addEvidence(who, {
            ref: parsed.ref,
            links: [{ title: parsed.fileName, url: parsed.fileUrl }],
            via: "from a file sent to the bot",
          }),
        ),
    }),
  ],
};

export const reportsFeature: Feature = {
  commands: [
    {
      name: "import",
      // "import figures" is the standards feature's.
      pattern: /^\s*import\b(?!\s+figures\b)/i,
      where: "personal",
      help: [
        {
          usage: "evidence 3.2.1 (with a file)",
          description:
            "Send a file while on an element, or with evidence and the element: its SharePoint or OneDrive link becomes evidence",
        },
        {
          usage: "import",
          description:
            "Coordinators: send last year's assessor report (.docx, .pdf, .txt, .md) or your improvement plan (.xlsx, .csv, .docx), or paste either after import; check the preview, then Import",
        },
      ],
      run: async (deps, { who, text }) => {
        const words = /^\s*import\b\s*(report|plan|actions|action plan)?\b/i.exec(text)?.[1]?.toLowerCase();
        const pasted = pastedText(text.replace(/^\s*import\b\s*(report|action plan|plan|actions)?\b/i, ""));
        if (pasted.length < (words && words !== "report" ? 40 : MIN_PASTED_CHARS)) return HOW_TO_IMPORT;
        const kind = words === "report" ? "report" : words ? "plan" : importKind(pasted);
        return previewOf(deps, who, kind, pasted, "");
      },
    },
    {
      name: "export",
      pattern: /^\s*export\b/i,
      where: "personal",
      help: [
        {
          usage: "export",
          description: "Coordinators, reviewers and leaders: the evidence matrix (Excel, CSV) and a printable self-assessment report",
        },
      ],
      run: (deps, { who }) => exportLinksFor(deps, who),
    },
  ],
  cardActions: [
    cardAction({ kinds: ["exportLinks"], where: "personal", run: (deps, who) => exportLinksFor(deps, who) }),
    cardAction({
      kinds: ["importCancel"],
      where: "personal",
      run: async (deps, who) => {
        const cancelled = await deps.imports.cancel(who);
        return wordsOf(cancelled);
      },
    }),
    cardAction({
      kinds: ["planConfirm"],
      where: "personal",
      run: async (deps, who, parsed) => {
        const outcome = await deps.plans.confirm(who, parsed.fingerprint, parsed.element);
        if (!outcome.ok) return outcome.refusal.message;
        return planPreviewCard(outcome.preview, { done: outcome.message ?? "Imported." });
      },
    }),
    cardAction({
      kinds: ["importConfirm"],
      where: "personal",
      run: async (deps, who, parsed) => {
        const outcome = await deps.imports.confirm(who, parsed.fingerprint);
        if (!outcome.ok) return outcome.refusal.message;
        return outcome.preview ? importPreviewCard(outcome.preview, { done: outcome.message }) : outcome.message;
      },
    }),
  ],
};

/**
 * A file in the one-to-one chat: evidence for the element named with it ("evidence 3.2.1") or the
 * one the person is on, offered with a button; for a coordinator, an assessor's report or an
 * improvement plan when its content is one (read first), and evidence when it is neither.
 */
async function fromFile(deps: BotDeps, who: Actor, text: string, files: readonly Attachment[]): Promise<Reply> {
  if (files.length > 1) return "Please send one file at a time.";
  const file = files[0]!;
  const named = /^\s*evidence\b\s*(\S{0,20})/i.exec(text);
  if (named) return evidenceOffer(named[1] ?? "", file);
  if (!(await deps.imports.mayImport(who))) {
    const { currentRef } = await deps.walkthrough.peek(who);
    if (currentRef) return evidenceOffer(currentRef, file);
    return "Which element is this file evidence for? Send it again with evidence and the element, for example: evidence 3.2.1. (Only a CSE coordinator can import the assessor's report, an improvement plan or service-standard figures; type roles to see who they are.)";
  }
  return importFromFile(deps, who, file);
}

/** The card offering `file` as evidence for `ref`, or why not. */
function evidenceOffer(ref: string, file: Attachment): Reply {
  if (!findElement(ref))
    return ref
      ? `There is no element "${ref.slice(0, 20)}" in the CSE standard. Send the file again with, for example: evidence 3.2.1`
      : "Which element is this file evidence for? Send it again with, for example: evidence 3.2.1";
  if (typeof file.contentUrl !== "string" || !file.contentUrl)
    return "That file arrived without its link in your organisation's files, so I cannot store it as evidence. Share it from SharePoint or OneDrive and paste the link on the element card instead.";
  return fileEvidenceCard({ ref, fileName: file.name ?? "Shared file", fileUrl: file.contentUrl });
}

async function importFromFile(deps: BotDeps, who: Actor, file: Attachment): Promise<Reply> {
  const name = file.name ?? "";
  const kind = planFileKind(name);
  if (!kind)
    return `I can only read Word (.docx), PDF, text, Excel (.xlsx) or CSV files; "${name.slice(0, 60)}" is none of those. ${HOW_TO_IMPORT}`;
  const url = (file.content as { downloadUrl?: unknown } | undefined)?.downloadUrl;
  if (typeof url !== "string")
    return refuseFile(deps, who, {
      code: "invalid-payload",
      message: "That file arrived without a link to fetch it, so nothing was imported. Please send it again.",
    });
  const bytes = await download(url, deps.download);
  if (!bytes.ok) return refuseFile(deps, who, bytes.refusal);
  // A spreadsheet with a header of figures (period, standard, value) is service-standard figures.
  if ((kind === "xlsx" || kind === "csv") && (await spreadsheetKind(bytes.value, name)) === "figures")
    return previewFigures(deps, who, bytes.value, name);
  const text = await planText(bytes.value, name);
  if (!text.ok) return refuseFile(deps, who, text.refusal);
  // Another spreadsheet is a plan; a document is whichever its content shows; neither, and it is evidence.
  const what = kind === "xlsx" || kind === "csv" ? "plan" : importKind(text.value);
  if (!what) {
    const { currentRef } = await deps.walkthrough.peek(who);
    if (currentRef) return evidenceOffer(currentRef, file);
  }
  return previewOf(deps, who, what, text.value, name);
}

async function previewOf(deps: BotDeps, who: Actor, kind: "report" | "plan" | undefined, text: string, fileName: string): Promise<Reply> {
  if (!kind) return refuseFile(deps, who, NEITHER);
  const campaign = await campaignOf(deps, who);
  if (kind === "plan") return planReply(await deps.plans.preview(who, text, fileName, campaign));
  return previewReply(await deps.imports.preview(who, text, fileName, campaign));
}

async function exportLinksFor(deps: BotDeps, who: Actor): Promise<Reply> {
  const links = await deps.exportLinks.create(who, await campaignOf(deps, who));
  return isRefusal(links) ? links.message : exportCard(links);
}

function planReply(outcome: PlanOutcome): Reply {
  return outcome.ok ? planPreviewCard(outcome.preview) : outcome.refusal.message;
}

function previewReply(outcome: PreviewOutcome): Reply {
  if (!outcome.ok) return outcome.refusal.message;
  return outcome.preview ? importPreviewCard(outcome.preview) : outcome.message;
}

/** Says why, and logs only the kind of refusal: messages can name the person's file. */
function refuseFile(deps: BotDeps, who: Actor, refusal: Refusal): string {
  deps.log.warn({ tenant: who.tenantId, user: who.userId, code: refusal.code }, "report file refused");
  return refusal.message;
}

/** The campaign the person works in, as the walk-through sees it. */
async function campaignOf(deps: BotDeps, who: Actor): Promise<string | undefined> {
  return (await deps.walkthrough.peek(who)).campaign?.id;
}

function fileAttachments(activity: Partial<Activity>): Attachment[] {
  return (activity.attachments ?? []).filter((a) => a.contentType === FILE_DOWNLOAD_INFO);
}

/**
 * Pasted text as the importers read it. Teams may send it as HTML: read as a Word document is,
 * tables as tables. Some clients (the Agents Playground among them) drop the line breaks, so a
 * pasted table arrives as "| a | b || c | d |": each "||" is where a row ended.
 */
function pastedText(text: string): string {
  const plain = /<\/?(p|div|br|table|tr|td|h\d|li)\b/i.test(text) ? htmlToLines(text).join("\n") : text;
  return (/\n/.test(plain.trim()) ? plain : plain.replace(/\|\|/g, "|\n|")).trim();
}
