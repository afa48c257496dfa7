/** Display helpers shared by card builders: dates in UK style, London time, rating colours. */
import { truncateTo } from "../domain/limits.js";
import { withoutControlCharacters } from "../domain/typed-text.js";
import { ratingLabel, type RatingOrUnrated } from "../standard/index.js";

const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/London" });
const TIME = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });

export function formatDay(iso: string): string {
  return DAY.format(new Date(iso));
}

export function formatDayTime(iso: string): string {
  const d = new Date(iso);
  return `${DAY.format(d)} at ${TIME.format(d)}`;
}

const RATING_COLOURS: Record<RatingOrUnrated, string> = {
  "compliance-plus": "Accent", // as on the summary's squares: strengths stand out from Compliance
  compliance: "Good",
  partial: "Warning",
  "non-compliance": "Attention",
  "not-applicable": "Default",
  unrated: "Default",
};

export function ratingColour(rating: RatingOrUnrated): string {
  return RATING_COLOURS[rating];
}

export function ratingText(rating: RatingOrUnrated): string {
  return ratingLabel(rating);
}

/** Weights for a two-column progress bar; a zero side is left out by the template. */
export function bar(done: number, total: number): { done: number; left: number } {
  return { done, left: Math.max(0, total - done) };
}

/** Cuts display text to `max` characters, marking the cut. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}\u2026`;
}

/**
 * Text typed by someone, echoed back into an input: well formed, no control characters (each
 * would cost six bytes of JSON) and no longer than the input allows.
 */
export function echoInput(text: string | undefined, maxChars: number, maxBytes = maxChars): string {
  return truncateTo(withoutControlCharacters(text ?? ""), maxChars, maxBytes);
}
