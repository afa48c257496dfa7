/** Dates as councils use them: calendar days in Europe/London. Pure (Intl only). */
const LONDON_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar date in London at `at`, as YYYY-MM-DD. */
export function londonDate(at: Date): string {
  return LONDON_DAY.format(at);
}
