/**
 * Limits on what people type. They keep every card under Teams' 28 KB limit with the longest
 * allowed content, even written entirely in 3-byte characters (the card tests check that), with
 * room left for the workflow fields to come. A narrative summarises; detail goes in the evidence.
 */
export const LIMITS = {
  narrativeChars: 2000,
  linkTitleChars: 100,
  linkUrlChars: 500,
  linksPerElement: 8,
  /** Longer campaign names are shortened on cards. */
  campaignNameChars: 80,
} as const;
