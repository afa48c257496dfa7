/**
 * Worst-case text for property-based card tests: what a careless or hostile person could type,
 * at the limits the domain allows, and the checks every card must pass with it: within Teams'
 * 28 KB, valid Adaptive Card 1.5, and showing no link that is not in the data.
 */
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { expect } from "vitest";
import { cardBytes } from "../../src/cards/index.js";
import { linkDestination } from "../../src/cards/markdown.js";
import { validateLink } from "../../src/domain/evidence.js";
import { truncateTo } from "../../src/domain/limits.js";
import { cleanLine, cleanText } from "../../src/domain/typed-text.js";
import { cardProblems, nodes } from "./card-checks.js";
import { findActions, inputValues } from "./teams.js";
import { parseCardAction } from "../../src/bot/payload.js";
import { cardActionFor } from "../../src/bot/registry.js";

export const MAX_CARD_BYTES = 28_672;

/** Pieces that cost the most JSON, mean something in Markdown, or try to make a link. */
const PIECES = [
  "\\",
  '"',
  "*",
  "_",
  "[",
  "]",
  "(",
  ")",
  "<",
  ">",
  "&",
  "#",
  "`",
  "~",
  "|",
  "€",
  "😀",
  "\n",
  "\u0000",
  "\u202e",
  " ",
  "a",
  "[Pay here](https://evil.example/pay)",
  "<https://evil.example>",
  "**bold**",
  "&#91;x&#93;(https://evil.example)",
  "![img](https://evil.example/i.png)",
  '"'.repeat(50),
];

/** Text as stored after the cleaner: one line (names, titles, comments) or paragraphs, within both limits. */
export function hostileText(maxChars: number, maxBytes = 3 * maxChars, kind: "line" | "text" = "line"): fc.Arbitrary<string> {
  const clean = kind === "line" ? cleanLine : cleanText;
  return fc
    .oneof(
      fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: maxChars }).map((p) => p.join("")),
      fc.constantFrom(...PIECES.filter((p) => p.length === 1)).map((c) => c.repeat(maxChars)),
      fc.string({ unit: "binary", maxLength: maxChars }),
    )
    .map((raw) => truncateTo(clean(raw), maxChars, maxBytes))
    .filter((t) => t.length > 0);
}

/** Addresses validateLink accepts that try to end a Markdown link early or smuggle another in. */
export function hostileUrl(maxChars: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom("https://docs.example.gov.uk/", "https://oadby.sharepoint.com/sites/cse/", "http://intranet.council.gov.uk/"),
      fc.array(fc.constantFrom(...PIECES.filter((p) => !/\s/.test(p))), { maxLength: 40 }),
    )
    .map(([head, parts]) => validateLink("t", truncateTo(head + parts.join(""), maxChars, maxChars)))
    .filter((r) => r.ok)
    .map((r) => (r.ok ? r.value.url : ""));
}

const markdown = new MarkdownIt();

/** Every address a person could follow on the card: Markdown links in text and facts, and Action.OpenUrl. */
export function linksShown(card: unknown): string[] {
  const texts = [
    ...nodes(card, (n) => n.type === "TextBlock" && typeof n.text === "string").map((n) => n.text as string),
    ...nodes(card, (n) => n.type === "FactSet").flatMap((set) =>
      (set.facts as { title: string; value: string }[]).flatMap((f) => [f.title, f.value]),
    ),
  ];
  const hrefs = texts.flatMap((t) => [...markdown.render(t).matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&")));
  const opens = nodes(card, (n) => n.type === "Action.OpenUrl").map((n) => n.url as string);
  return [...hrefs, ...opens];
}

/**
 * Presses every button on the card as a client would (its data and every input as shown) through
 * the real payload parser: each must parse, and the bot must have a handler for it.
 */
export function expectEveryButtonWorks(card: unknown): void {
  const inputs = inputValues(card);
  for (const action of findActions(card)) {
    const parsed = parseCardAction({ ...action.data, ...inputs, verb: action.verb });
    expect(parsed, `${action.title} (${action.verb})`).toBeDefined();
    expect(cardActionFor(parsed!.kind), `${action.title} (${action.verb})`).toBeDefined();
  }
}

/** What every card must be, whatever was typed into it. */
export function expectSafeCard(card: unknown, allowedUrls: readonly string[]): void {
  expectEveryButtonWorks(card);
  expect(cardBytes(card as never)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  expect(cardProblems(card)).toEqual([]);
  const allowed = new Set(allowedUrls.flatMap((u) => [u, linkDestination(u), markdown.normalizeLink(linkDestination(u))]));
  for (const href of linksShown(card)) expect(allowed, `a link nobody added: ${href}`).toContain(href);
}

/** Makes the typed text for one field: at most `maxChars` characters and `maxBytes` UTF-8 bytes. */
export type TextMaker = (maxChars: number, maxBytes?: number, kind?: "line" | "text") => string;
/** What a card test builds from typed text: the card, and the addresses its data holds. */
export type CardFromText = (text: TextMaker, url: () => string) => { readonly card: unknown; readonly urls: readonly string[] };

/** Single characters that cost the most JSON once escaped, each filling every field to its limits. */
const SWEEP = ["\\", "*", "€", '"', "_", "[", "😀"];
const SWEEP_URL = "https://docs.example.gov.uk/a)[Pay%20here](https://evil.example/pay&#91;x&#93;(https://evil.example)";

/**
 * The card stays safe whatever is typed: every field filled with one costly character at once
 * (the worst case for size), then random hostile text in every field (fast-check).
 */
export function expectSafeWhateverTyped(make: CardFromText, numRuns = 40): void {
  for (const c of SWEEP) {
    const { card, urls } = make(
      (n, b = 3 * n) => truncateTo(c.repeat(n), n, b),
      () => SWEEP_URL,
    );
    expectSafeCard(card, urls);
  }
  fc.assert(
    fc.property(fc.gen(), (g) => {
      const { card, urls } = make(
        (n, b, kind) => g(hostileText, n, b, kind),
        () => g(hostileUrl, 500),
      );
      expectSafeCard(card, urls);
    }),
    { numRuns },
  );
}

/** Field names that hold typed or imported text, with the limits the domain keeps them within. */
export type TypedFields = Readonly<Record<string, readonly [maxChars: number, maxBytes?: number]>>;

/** A copy of `value` with every string under one of `fields` replaced by typed text of that field's limits. */
export function withTyped<T>(value: T, fields: TypedFields, text: TextMaker): T {
  const copy = (v: unknown, key?: string): unknown => {
    if (typeof v === "string" && key !== undefined && key in fields) {
      const [chars, bytes] = fields[key]!;
      return text(chars, bytes);
    }
    if (Array.isArray(v)) return v.map((item) => copy(item));
    if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype)
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, copy(item, k)]));
    return v;
  };
  return copy(value) as T;
}
