/**
 * Files in and out of chat. In: a coordinator sends the assessor's report as a file (or types
 * import and pastes its text) and gets a preview card to confirm. Out: `export` answers with
 * signed download links to the evidence matrix and the report. One-to-one chats only.
 */
import type { Activity, Attachment, TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { exportCard, importPreviewCard, type AdaptiveCard } from "../cards/index.js";
import { download, type DownloadLimits } from "../io/download.js";
import { extractText, fileKind } from "../io/extract-text.js";
import type { Logger } from "../logger.js";
import type { ExportLinkService } from "../services/export-links.js";
import type { PreviewOutcome, ReportImportService } from "../services/report-import.js";
import type { Actor } from "../services/views.js";
import type { WalkthroughService } from "../services/walkthrough.js";
import { isRefusal } from "./identity.js";
import type { ParsedAction } from "./payload.js";
import type { Refusal } from "../domain/refusal.js";

/** How Teams hands over a file someone sent in a one-to-one chat with a bot. */
const FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info";
/** Shorter than any assessor report: "import" with a line or two is a question, not a report. */
const MIN_PASTED_CHARS = 500;
const HOW_TO_IMPORT =
  "To import last year's assessor report, send it to me here as a file (Word .docx, PDF, .txt or .md), or type import and paste the report's text in the same message. I will show you what I found before anything is stored.";

export interface FileDeps {
  readonly imports: ReportImportService;
  readonly exportLinks: ExportLinkService;
  readonly walkthrough: WalkthroughService;
  readonly download: DownloadLimits;
  readonly log: Logger;
  readonly personalActor: (context: TurnContext) => Promise<Actor | undefined>;
  readonly sendCard: (context: TurnContext, card: AdaptiveCard) => Promise<unknown>;
}

type FileAction = Extract<ParsedAction, { kind: "importConfirm" | "importCancel" | "exportLinks" }>;

export function isFileCardAction(parsed: ParsedAction): parsed is FileAction {
  return parsed.kind === "importConfirm" || parsed.kind === "importCancel" || parsed.kind === "exportLinks";
}

export async function runFileCardAction(deps: FileDeps, who: Actor, parsed: FileAction): Promise<AdaptiveCard | string> {
  if (parsed.kind === "exportLinks") return exportLinksFor(deps, who);
  if (parsed.kind === "importCancel") {
    const cancelled = await deps.imports.cancel(who);
    return cancelled.ok ? cancelled.message : cancelled.refusal.message;
  }
  const outcome = await deps.imports.confirm(who, parsed.fingerprint);
  if (!outcome.ok) return outcome.refusal.message;
  return outcome.preview ? importPreviewCard(outcome.preview, { done: outcome.message }) : outcome.message;
}

export function registerFileCommands(app: Application<TurnState>, deps: FileDeps): void {
  app.message(
    (context) => Promise.resolve(fileAttachments(context.activity).length > 0),
    async (context) => {
      const who = await deps.personalActor(context);
      if (!who) return;
      const files = fileAttachments(context.activity);
      if (files.length > 1) return void (await context.sendActivity("Please send one report at a time."));
      const file = files[0]!;
      const name = file.name ?? "";
      if (!fileKind(name))
        return void (await context.sendActivity(
          `I can only read assessor reports as Word (.docx), PDF, .txt or .md files; "${name.slice(0, 60)}" is none of those. ${HOW_TO_IMPORT}`,
        ));
      if (!(await deps.imports.mayImport(who)))
        return void (await context.sendActivity(
          "Only a CSE coordinator can import the assessor's report. Type roles to see who the coordinators are.",
        ));
      const url = (file.content as { downloadUrl?: unknown } | undefined)?.downloadUrl;
      if (typeof url !== "string")
        return void (await refuseFile(deps, context, who, {
          code: "invalid-payload",
          message: "That file arrived without a link to fetch it, so nothing was imported. Please send it again.",
        }));
      const bytes = await download(url, deps.download);
      if (!bytes.ok) return void (await refuseFile(deps, context, who, bytes.refusal));
      const text = await extractText(bytes.value, name);
      if (!text.ok) return void (await refuseFile(deps, context, who, text.refusal));
      await answerPreview(deps, context, await deps.imports.preview(who, text.value, name, await campaignOf(deps, who)));
    },
  );

  app.message(/^\s*import\b/i, async (context) => {
    const who = await deps.personalActor(context);
    if (!who) return;
    const pasted = plainText(context.activity.text ?? "")
      .replace(/^\s*import\b\s*(report\b)?/i, "")
      .trim();
    if (pasted.length < MIN_PASTED_CHARS) return void (await context.sendActivity(HOW_TO_IMPORT));
    await answerPreview(deps, context, await deps.imports.preview(who, pasted, "", await campaignOf(deps, who)));
  });

  app.message(/^\s*export\b/i, async (context) => {
    const who = await deps.personalActor(context);
    if (!who) return;
    const answer = await exportLinksFor(deps, who);
    if (typeof answer === "string") await context.sendActivity(answer);
    else await deps.sendCard(context, answer);
  });
}

async function exportLinksFor(deps: FileDeps, who: Actor): Promise<AdaptiveCard | string> {
  const links = await deps.exportLinks.create(who, await campaignOf(deps, who));
  return isRefusal(links) ? links.message : exportCard(links);
}

async function answerPreview(deps: FileDeps, context: TurnContext, outcome: PreviewOutcome): Promise<void> {
  if (!outcome.ok) await context.sendActivity(outcome.refusal.message);
  else if (outcome.preview) await deps.sendCard(context, importPreviewCard(outcome.preview));
  else await context.sendActivity(outcome.message);
}

/** Says why, and logs only the kind of refusal: messages can name the person's file. */
async function refuseFile(deps: FileDeps, context: TurnContext, who: Actor, refusal: Refusal): Promise<void> {
  deps.log.warn({ tenant: who.tenantId, user: who.userId, code: refusal.code }, "report file refused");
  await context.sendActivity(refusal.message);
}

/** The campaign the person works in, as the walk-through sees it. */
async function campaignOf(deps: FileDeps, who: Actor): Promise<string | undefined> {
  return (await deps.walkthrough.peek(who)).campaign?.id;
}

function fileAttachments(activity: Partial<Activity>): Attachment[] {
  return (activity.attachments ?? []).filter((a) => a.contentType === FILE_DOWNLOAD_INFO);
}

/** Teams may send pasted text as HTML: keep the words and the line breaks. */
function plainText(text: string): string {
  if (!/<\/?(p|div|br|table|tr|td)\b/i.test(text)) return text;
  return text
    .replace(/<(br|\/p|\/div|\/tr|\/h\d)\s*\/?>/gi, "\n")
    .replace(/<\/t[dh]>/gi, " | ")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
