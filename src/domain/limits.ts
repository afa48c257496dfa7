/**
 * Limits on what people type. They keep every card under Teams' 28 KB limit with the longest
 * allowed content (the card tests check that), and they are generous for real evidence.
 */
export const LIMITS = {
  narrativeChars: 3000,
  linkTitleChars: 120,
  linkUrlChars: 600,
  linksPerElement: 10,
  commandChars: 200,
} as const;
