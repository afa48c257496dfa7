/** Dates as councils use them: calendar days in Europe/London. Pure (Intl only). */
const LONDON_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar date in London at `at`, as YYYY-MM-DD. */
export function londonDate(at: Date): string {
  return LONDON_DAY.format(at);
}

const DAY_NAME = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });

/** A YYYY-MM-DD calendar date as people read it: "31 Mar 2027". */
export function formatLondonDay(isoDate: string): string {
  return DAY_NAME.format(new Date(`${isoDate}T12:00:00Z`));
}
