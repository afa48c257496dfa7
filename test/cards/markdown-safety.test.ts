/**
 * Property-based card tests (fast-check): worst-case text in every typed field of each card, first
 * every field filled with one costly character at once, then random hostile text. Whatever was
 * typed, the card stays within 28 KB, parses as Adaptive Card 1.5, and shows no link that is not
 * in its data.
 */
import { describe, it } from "vitest";
import {
  campaignFormCard,
  campaignsCard,
  elementCard,
  historyCard,
  myWorkCard,
  overviewCard,
  progressCard,
  welcomeCard,
} from "../../src/cards/index.js";
import type { AuditEntry } from "../../src/domain/audit.js";
import { ACTION_LIMITS } from "../../src/domain/actions.js";
import { CAMPAIGN_LIMITS } from "../../src/domain/campaign.js";
import { LIMITS } from "../../src/domain/limits.js";
import * as F from "./fixtures.js";
import { expectSafeWhateverTyped, withTyped, type TypedFields } from "../support/hostile.js";

/** Names come from Teams, cut to 100 characters. */
const NAME = 100;
/** What people name campaigns and units, and what Teams calls people. */
const NAMES: TypedFields = {
  name: [NAME],
  displayName: [NAME],
  ownerName: [NAME],
  updatedByName: [NAME],
  scopeName: [CAMPAIGN_LIMITS.unitNameChars],
};
const NOTICE: TypedFields = { text: [600] };

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

  it("the history card", () => {
    const base = F.historyView("longest");
    expectSafeWhateverTyped((t, url) => {
      const kinds: [AuditEntry["field"], () => string, () => string][] = [
        [
          "narrative",
          () => t(LIMITS.narrativeChars, LIMITS.narrativeBytes, "text"),
          () => t(LIMITS.narrativeChars, LIMITS.narrativeBytes, "text"),
        ],
        ["owner", () => t(NAME), () => t(NAME)],
        ["status", () => "submitted", () => `returned: ${t(LIMITS.commentChars, LIMITS.commentBytes)}`],
        ["evidence", () => "", () => `${t(LIMITS.linkTitleChars, LIMITS.linkTitleBytes)} <${url()}>`],
        ["evidence", () => `${t(LIMITS.linkTitleChars, LIMITS.linkTitleBytes)} <${url()}>`, () => ""],
      ];
      const entries = base.entries.map((e, i) => {
        const [field, from, to] = kinds[i % kinds.length]!;
        return { ...e, field, from: from(), to: to(), byName: t(NAME) };
      });
      return { card: historyCard({ ...base, campaign: { ...base.campaign, name: t(CAMPAIGN_LIMITS.nameChars) }, entries }), urls: [] };
    });
  });

  it("the progress, campaigns, campaign form, my-work, overview and welcome cards", () => {
    expectSafeWhateverTyped((t) => {
      const progress = F.progressView(30);
      const campaign = withTyped(progress.campaign, NAMES, t);
      return { card: progressCard({ ...progress, campaign }), urls: [] };
    });
    expectSafeWhateverTyped((t) => {
      const base = F.campaignsView("longest");
      const campaigns = withTyped(base.campaigns, NAMES, t);
      return { card: campaignsCard({ ...base, campaigns, notice: { tone: "attention", text: t(600) } }), urls: [] };
    });
    expectSafeWhateverTyped((t) => ({ card: campaignFormCard({ today: "2026-11-30", notice: t(600) }), urls: [] }));
    expectSafeWhateverTyped((t) => ({ card: myWorkCard(withTyped(F.myWorkView("longest"), NAMES, t)), urls: [] }));
    expectSafeWhateverTyped((t) => ({
      card: overviewCard(withTyped(F.overviewView("longest"), NAMES, t), withTyped({ tone: "attention" as const, text: "" }, NOTICE, t)),
      urls: [],
    }));
    expectSafeWhateverTyped((t) => ({
      card: welcomeCard({ name: t(NAME), campaignName: t(CAMPAIGN_LIMITS.nameChars), started: true }),
      urls: [],
    }));
  });
});
