/**
 * Property-based card tests (fast-check): worst-case text in every typed field of each card, first
 * every field filled with one costly character at once, then random hostile text. Whatever was
 * typed, the card stays within 28 KB, parses as Adaptive Card 1.5, and shows no link that is not
 * in its data.
 */
import { describe, it } from "vitest";
import { elementCard } from "../../src/cards/index.js";
import { ACTION_LIMITS } from "../../src/domain/actions.js";
import { CAMPAIGN_LIMITS } from "../../src/domain/campaign.js";
import { LIMITS } from "../../src/domain/limits.js";
import * as F from "./fixtures.js";
import { expectSafeWhateverTyped } from "../support/hostile.js";

/** Names come from Teams, cut to 100 characters. */
const NAME = 100;

describe("whatever was typed, each card stays within 28 KB, valid, and links only to its own data", () => {
  it("the element card", () => {
    const base = F.longestView();
    expectSafeWhateverTyped((t, url) => {
      const evidence = base.assessment.evidence.map((l) => ({ ...l, title: t(LIMITS.linkTitleChars, LIMITS.linkTitleBytes), url: url() }));
      const assessment = {
        ...base.assessment,
        evidence,
        reviewComment: t(LIMITS.commentChars, LIMITS.commentBytes),
        submittedByName: t(NAME),
        narrative: t(LIMITS.narrativeChars, LIMITS.narrativeBytes, "text"),
      };
      const units = [{ ...base.campaign.units[0]!, name: t(CAMPAIGN_LIMITS.unitNameChars) }, ...base.campaign.units.slice(1)];
      const campaign = { ...base.campaign, name: t(CAMPAIGN_LIMITS.nameChars), units };
      const view = {
        ...base,
        campaign,
        unit: units[0]!,
        assessment,
        notice: { tone: "attention" as const, text: t(600) },
        previous: { campaignName: t(CAMPAIGN_LIMITS.nameChars), assessment },
        assessor: { rating: "partial" as const, reportType: t(150) },
        actions: base.actions!.map((a) => ({ ...a, title: t(ACTION_LIMITS.titleChars, ACTION_LIMITS.titleBytes) })),
      };
      return { card: elementCard(view), urls: evidence.map((l) => l.url) };
    });
  });
});
