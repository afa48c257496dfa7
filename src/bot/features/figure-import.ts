/**
 * Many service-standard figures at once, part of the standards feature: `import figures` says what
 * file to send (its columns, how to write periods, a CSV example with the council's own
 * standards); a coordinator's .xlsx or .csv with a header of figures (routed here by files.ts)
 * gets a preview card, and its Import button records them. The service checks again who may.
 */
import { figureImportCard } from "../../cards/index.js";
import { plainText } from "../../cards/markdown.js";
import { periodName } from "../../domain/periods.js";
import type { FigureImportOutcome } from "../../services/figure-import.js";
import type { Actor } from "../../services/views.js";
import { cardAction, type BotDeps, type CardAction, type Command, type Reply } from "../feature.js";

/** Standards named in the explanation; a council with more knows where to find the rest. */
const STANDARDS_LISTED = 15;

export function figureImportReply(outcome: FigureImportOutcome): Reply {
  if (!outcome.ok) return outcome.refusal.message;
  return figureImportCard(outcome.preview, outcome.message ? { done: outcome.message, result: outcome.result } : {});
}

/** A coordinator's file of figures, already fetched. */
export async function previewFigures(deps: BotDeps, who: Actor, bytes: Uint8Array, fileName: string): Promise<Reply> {
  return figureImportReply(await deps.figureImports.preview(who, bytes, fileName));
}

/** What to send, with the council's own standards in the example (their ids are what the Standard column may hold). */
async function howToImport(deps: BotDeps, who: Actor): Promise<string> {
  if (!(await deps.figureImports.mayImport(who)))
    return "Only a CSE coordinator can import many figures at once. To record your own standards' figures, type standards and press Record a figure.";
  const { rows } = await deps.standards.view(who);
  const example = rows.slice(0, 2).map((r) => {
    const value = r.standard.measure.kind === "percentage" ? "92%" : r.standard.measure.kind === "average" ? "2.5" : "412";
    return `${periodName(r.lastFinished)},${r.standard.id},${value},,`;
  });
  const lines = [
    "To record many service-standard figures at once, send me an Excel (.xlsx) or CSV file here, one figure to a row, under a header row with these columns:",
    "- **Period**: a month for a monthly standard (April 2026, Apr-26, 04/2026) or a financial quarter for a quarterly one (Q1 2026/27, which is April to June 2026). Only periods that have finished.",
    "- **Standard**: the standard's id from the list below, or its promise as written.",
    "- **Value**: the result: 92% or 92 for a percentage (not 0.92, which could mean 0.92% or 92%); 2.5 for an average; 412 for a count.",
    "- Optional: **Count** (how many cases), **Comparator** (a family-group or national average) and **Note**.",
    "For example, as CSV:",
    ["Period,Standard,Value,Count,Note", ...(example.length ? example : ["Q2 2026/27,letters,92%,412,Two vacancies"])].join("  \n"),
    "In Excel, put the header in one of the first 10 rows of the sheet; only the first sheet with that header is read. A cell with a formula is read as the result Excel shows; text that starts with = is refused, never worked out.",
    rows.length
      ? `Your standards:  \n${rows
          .slice(0, STANDARDS_LISTED)
          .map((r) => `${r.standard.id}: ${plainText(r.standard.promise, 80)} (${r.standard.frequency})`)
          .join(
            "  \n",
          )}${rows.length > STANDARDS_LISTED ? `  \nand ${rows.length - STANDARDS_LISTED} more: type standards to see them.` : ""}`
      : "Your council has no service standards yet: add them first with standard new.",
    "I will show you what I found (new figures, corrections and rows I could not read) before anything is stored.",
  ];
  return lines.join("\n\n");
}

export const figureImportCommand: Command = {
  name: "import",
  pattern: /^\s*import\s+figures\b/i,
  where: "personal",
  help: [
    {
      usage: "import figures",
      description: "Coordinators: how to send many standards' figures at once as Excel (.xlsx) or CSV; check the preview, then Import",
    },
  ],
  run: (deps, { who }) => howToImport(deps, who),
};

export const figureImportConfirmAction: CardAction = cardAction({
  kinds: ["figureImportConfirm"],
  where: "personal",
  run: async (deps, who, parsed) => figureImportReply(await deps.figureImports.confirm(who, parsed.fingerprint)),
});
