/**
 * Totals a report states in a sentence: "8 Compliance Plus, 47 Compliance and 2 Partial
 * Compliance", "54 elements fully compliant, of which 9 were Compliance Plus, three partially
 * compliant and none not applicable". Numbers may be words; "of which" and "including" mark a part
 * of the count before them (the 9 Compliance Plus are among the 54, so Compliance is 45); in
 * "54 of the 57 elements" the 57 is the whole, not a count. Pure; a token scan, no backtracking.
 */
import type { RatingId } from "../standard/index.js";
import { ratingFromLabel } from "./rating-words.js";

export type Totals = Partial<Record<RatingId, number>>;

const UNITS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50 };

/** A count as written: "54", "three", "twenty-one", "none", "no". */
export function countFromWord(word: string): number | undefined {
  const w = word.toLowerCase();
  if (/^\d{1,3}$/.test(w)) return Number(w);
  if (w === "none" || w === "no" || w === "nil") return 0;
  const unit = UNITS.indexOf(w);
  if (unit >= 0) return unit;
  const [tens, ones] = w.split("-");
  if (tens && Object.hasOwn(TENS, tens)) {
    if (ones === undefined) return TENS[tens];
    const o = UNITS.indexOf(ones);
    if (o >= 1 && o <= 9) return TENS[tens]! + o;
  }
  return undefined;
}

/** Words that may stand between a count and its rating: "9 elements were rated Compliance Plus". */
const FILLER = new Set([
  "elements",
  "element",
  "were",
  "was",
  "are",
  "is",
  "rated",
  "assessed",
  "judged",
  "found",
  "as",
  "at",
  "to",
  "be",
  "being",
]);
/** Words that make the next count a part of the previous one. */
const PART_OF = /\b(?:of\s+which|of\s+these|including|includes|included)\b/i;

/** The rating a run of words starting at `i` names (the longest run of up to four words), and how many words it takes. */
function ratingAt(words: readonly string[], i: number): { rating: RatingId; length: number } | undefined {
  for (let n = Math.min(4, words.length - i); n >= 1; n--) {
    const phrase = words.slice(i, i + n).join(" ");
    // Plurals, as summaries write them: "2 Partial Compliances", "no Non-Compliances".
    const rating = ratingFromLabel(phrase) ?? (phrase.endsWith("s") ? ratingFromLabel(phrase.slice(0, -1)) : undefined);
    // A bare "C" or "NA" in a sentence is a letter, not a rating.
    if (rating && (n > 1 || words[i]!.length > 2 || words[i] === "n/a")) return { rating, length: n };
  }
  return undefined;
}

/** The totals one line states in words, or undefined when it names fewer than two ratings with counts. */
export function totalsInSentence(line: string): Totals | undefined {
  if (line.length > 2000) return undefined;
  const tokens = [...line.matchAll(/[a-z0-9/+-]+/gi)];
  const words = tokens.map((t) => t[0].toLowerCase().replace(/^-+|-+$/g, ""));
  const totals: Totals = {};
  let previous: RatingId | undefined;
  let lastEnd = 0;
  for (let i = 0; i < words.length; i++) {
    const count = countFromWord(words[i]!);
    if (count === undefined) continue;
    // "54 of the 57 elements": the 57 is the whole.
    if (i >= 2 && words[i - 1] === "the" && words[i - 2] === "of") continue;
    let j = i + 1;
    while (j < words.length && j <= i + 5) {
      if (FILLER.has(words[j]!)) j++;
      else if (words[j] === "of" && words[j + 1] === "the" && countFromWord(words[j + 2] ?? "") !== undefined) j += 3;
      else break;
    }
    const named = ratingAt(words, j);
    if (!named) continue;
    const between = line.slice(lastEnd, tokens[i]!.index);
    if (previous && previous !== named.rating && PART_OF.test(between) && totals[previous] !== undefined) {
      totals[previous] = Math.max(0, totals[previous]! - count);
    }
    if (totals[named.rating] === undefined) totals[named.rating] = count;
    previous = named.rating;
    i = j + named.length - 1;
    lastEnd = tokens[i]!.index + tokens[i]![0].length;
  }
  return Object.keys(totals).length >= 2 ? totals : undefined;
}
