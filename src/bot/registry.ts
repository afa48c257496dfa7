/**
 * The one list of what the bot does: every feature's commands (in the order they are tried: the
 * first that matches a message answers it) and card actions (one handler for each kind the
 * payload parser knows). The help card, the turn log's command words and the app's routing all
 * come from here.
 */
import { helpCard } from "../cards/index.js";
import { ELEMENT_VERBS, VERBS, type ElementVerb, type Verb } from "../cards/verbs.js";
import { cardAction, type CardAction, type CardKind, type Command, type Feature, type MessageAction, type Search } from "./feature.js";
import { actionsFeature } from "./features/actions.js";
import { campaignsFeature } from "./features/campaigns.js";
import { datesFeature } from "./features/dates.js";
import { evidenceFeature } from "./features/evidence.js";
import { fileUploadFeature, reportsFeature } from "./features/files.js";
import { assignmentsFeature, rolesFeature } from "./features/people.js";
import { remindersFeature } from "./features/reminders.js";
import { standardsFeature } from "./features/standards.js";
import { summariesFeature } from "./features/summaries.js";
import { walkthroughFeature } from "./features/walkthrough.js";

const helpFeature: Feature = {
  commands: [
    {
      name: "help",
      pattern: /^\s*help\s*$/i,
      where: "anywhere",
      help: [{ usage: "help", description: "This list" }],
      run: () => Promise.resolve(helpCard(helpEntries())),
    },
  ],
  cardActions: [cardAction({ kinds: ["help"], where: "anywhere", run: () => Promise.resolve(helpCard(helpEntries())) })],
};

/** In the order commands are tried (and the help card lists them); a file comes first. */
export const FEATURES: readonly Feature[] = [
  fileUploadFeature,
  walkthroughFeature,
  assignmentsFeature,
  actionsFeature,
  campaignsFeature,
  summariesFeature,
  reportsFeature,
  remindersFeature,
  datesFeature,
  standardsFeature,
  rolesFeature,
  evidenceFeature,
  helpFeature,
];

export const COMMANDS: readonly Command[] = FEATURES.flatMap((f) => f.commands);

/** Actions on messages, by the command id the manifest gives them. */
export const MESSAGE_ACTIONS: readonly MessageAction[] = FEATURES.flatMap((f) => f.messageActions ?? []);

/** Typeahead answers, by the dataset the cards name. */
export const SEARCHES: readonly Search[] = FEATURES.flatMap((f) => f.searches ?? []);

const handlers = new Map<CardKind, CardAction>();
for (const action of FEATURES.flatMap((f) => f.cardActions))
  for (const kind of action.kinds) {
    if (handlers.has(kind)) throw new Error(`two handlers for the card action "${kind}"`);
    handlers.set(kind, action);
  }

/** The handler for a card action of this kind (every kind the payload parser knows has one; a test checks). */
export function cardActionFor(kind: CardKind): CardAction | undefined {
  return handlers.get(kind);
}

/** What the help card lists: every command that says what it does. */
export function helpEntries(): { command: string; description: string }[] {
  return COMMANDS.flatMap((c) => c.help ?? []).map((h) => ({ command: h.usage, description: h.description }));
}

/** The words commands start with, for the turn log. */
export const COMMAND_WORDS: ReadonlySet<string> = new Set(COMMANDS.map((c) => c.name));

/**
 * Every kind of card action the payload parser can produce: one for each verb, but that all the
 * element card's buttons are "element", and "open" without an element is "resume". The compiler
 * checks that this is exactly the parser's list.
 */
export const CARD_KINDS = [
  ...VERBS.filter((v): v is Exclude<Verb, ElementVerb> => !(ELEMENT_VERBS as readonly string[]).includes(v)),
  "element",
  "resume",
] as const;
type Listed = (typeof CARD_KINDS)[number];
const sameKinds: [CardKind] extends [Listed] ? ([Listed] extends [CardKind] ? true : never) : never = true;
void sameKinds;
