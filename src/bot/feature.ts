/**
 * The shape of every feature: the commands people type and the card buttons they press, each with
 * where it may run and what it answers. Features are data; src/bot/registry.ts lists them in one
 * place and src/bot/app.ts runs them all the same way: it finds the person, checks the chat,
 * parses the arguments or the card's data, runs, and answers with a card or words, whatever fails.
 */
import type { Activity, TurnContext } from "botbuilder";
import type { TeamsAdapter } from "@microsoft/teams-ai";
import type { AdaptiveCard } from "../cards/index.js";
import type { Clock } from "../clock.js";
import type { DownloadLimits } from "../io/download.js";
import type { Delivery } from "../jobs/delivery.js";
import type { Logger } from "../logger.js";
import type { ActionService } from "../services/actions.js";
import type { AssignmentService } from "../services/assignments.js";
import type { CampaignService } from "../services/campaigns.js";
import type { CertificationService } from "../services/certification.js";
import type { DigestService } from "../services/digests.js";
import type { ExportLinkService } from "../services/export-links.js";
import type { OverviewService } from "../services/overview.js";
import type { PlanImportService } from "../services/plan-import.js";
import type { ReminderService } from "../services/reminders.js";
import type { ReportImportService } from "../services/report-import.js";
import type { RolesService } from "../services/roles.js";
import type { FigureService } from "../services/figures.js";
import type { FigureImportService } from "../services/figure-import.js";
import type { StandardsService } from "../services/standards.js";
import type { SummaryService } from "../services/summary.js";
import type { Actor } from "../services/views.js";
import type { WalkthroughService } from "../services/walkthrough.js";
import type { ParsedAction } from "./payload.js";

/** Everything a feature may use: the services, and a few settings of the bot. */
export interface BotDeps {
  readonly adapter: TeamsAdapter;
  readonly botAppId: string;
  readonly localMode: boolean;
  readonly walkthrough: WalkthroughService;
  readonly roles: RolesService;
  readonly campaigns: CampaignService;
  readonly assignments: AssignmentService;
  readonly overview: OverviewService;
  readonly certification: CertificationService;
  readonly actions: ActionService;
  readonly reminders: ReminderService;
  readonly summaries: SummaryService;
  readonly digests: DigestService;
  readonly imports: ReportImportService;
  readonly plans: PlanImportService;
  readonly standards: StandardsService;
  readonly figures: FigureService;
  readonly figureImports: FigureImportService;
  readonly exportLinks: ExportLinkService;
  /** Where files sent in chat may be fetched from, and how much. */
  readonly download: DownloadLimits;
  /** Opens one-to-one chats (for people who never wrote to the bot). */
  readonly delivery: Delivery;
  readonly clock: Clock;
  /** COORDINATORS names people by UPN, so senders' UPNs must be looked up for role commands. */
  readonly coordinatorsByUpn: boolean;
  readonly log: Logger;
}

/** What a command or a button answers: a card, words, or nothing more to say. */
export type Reply = AdaptiveCard | string;

/** Where something may run: only in a one-to-one chat with the bot, or in any chat it is in. */
export type ChatScope = "personal" | "anywhere";

/** One typed command, with the person already found and the chat already checked. */
export interface Turn {
  readonly context: TurnContext;
  readonly who: Actor;
  /** The whole message as typed (without the mention of the bot). */
  readonly text: string;
  /** What follows the command's own words: "3.2.1" in "assess 3.2.1". */
  readonly args: string;
}

export interface Command {
  /** The command's word, as the turn log names it ("assess", "my"). */
  readonly name: string;
  /** The message it answers: its text (matched from the start) or, for files, the activity itself. */
  readonly pattern: RegExp | ((activity: Partial<Activity>) => boolean);
  readonly where: ChatScope;
  /** What the help card says about it; commands the help card leaves out have none. */
  readonly help?: readonly { readonly usage: string; readonly description: string }[];
  readonly run: (deps: BotDeps, turn: Turn) => Promise<Reply>;
}

export type CardKind = ParsedAction["kind"];
type Parsed<K extends CardKind> = Extract<ParsedAction, { kind: K }>;

export interface CardAction<K extends CardKind = CardKind> {
  /** The card actions it answers, as the payload parser names them. */
  readonly kinds: readonly K[];
  /** Where the button works; a summary's drill-down works where the summary was posted. */
  readonly where: ChatScope | ((parsed: Parsed<K>) => ChatScope);
  readonly run: (deps: BotDeps, who: Actor, parsed: Parsed<K>) => Promise<Reply>;
}

/** A dialog (task module) to show: its title and its card. */
export interface Dialog {
  readonly title: string;
  readonly card: AdaptiveCard;
}

/**
 * An action on a message ("..." > Apps in Teams): opening it shows a dialog, submitting the
 * dialog runs it; either answers with a dialog (again, saying what to fix) or closing words.
 * `message` is Teams' messagePayload, untrusted.
 */
export interface MessageAction {
  /** The command's id in the app manifest's composeExtensions. */
  readonly commandId: string;
  readonly open: (deps: BotDeps, who: Actor, message: unknown) => Promise<Dialog | string>;
  readonly submit: (deps: BotDeps, who: Actor, message: unknown, data: unknown) => Promise<Dialog | string>;
}

/** A typeahead's answers (an Input.ChoiceSet with Data.Query): what matches the typed text. */
export interface Search {
  /** The Data.Query dataset the card names. */
  readonly dataset: string;
  readonly run: (deps: BotDeps, who: Actor, queryText: string, count: number) => Promise<{ title: string; value: string }[]>;
}

export interface Feature {
  readonly commands: readonly Command[];
  readonly cardActions: readonly CardAction[];
  readonly messageActions?: readonly MessageAction[];
  readonly searches?: readonly Search[];
}

/** A card action for some kinds, kept with its own precise types and listed with the others. */
export function cardAction<K extends CardKind>(spec: CardAction<K>): CardAction {
  return spec as unknown as CardAction;
}

/** What a service said about an outcome: its message, or why it refused. */
export function wordsOf(
  outcome: { readonly ok: true; readonly message: string } | { readonly ok: false; readonly refusal: { readonly message: string } },
): string {
  return outcome.ok ? outcome.message : outcome.refusal.message;
}
