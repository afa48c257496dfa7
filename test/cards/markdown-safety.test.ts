/**
 * Property-based card tests (fast-check): worst-case text in every typed field of each card, first
 * every field filled with one costly character at once, then random hostile text. Whatever was
 * typed, the card stays within 28 KB, parses as Adaptive Card 1.5, and shows no link that is not
 * in its data.
 */
import { lastCycleElement } from "../../src/domain/last-cycle.js";
import { readFileSync } from "node:fs";
import { describe, it } from "vitest";
import {
  actionCard,
  actionFormCard,
  actionsCard,
  assignFormCard,
  campaignFormCard,
  campaignsCard,
  criterionCard,
  datesCard,
  elementCard,
  evidenceDialogCard,
  exportCard,
  fileEvidenceCard,
  historyCard,
  importPreviewCard,
  myWorkCard,
  planPreviewCard,
  overviewCard,
  progressCard,
  reminderCard,
  summaryCard,
  welcomeCard,
} from "../../src/cards/index.js";
import type { AuditEntry } from "../../src/domain/audit.js";
import { ACTION_LIMITS } from "../../src/domain/actions.js";
import { emptyAssessment } from "../../src/domain/assessment.js";
import { CAMPAIGN_LIMITS, defaultCampaign } from "../../src/domain/campaign.js";
import { proposeCalendar } from "../../src/domain/certification.js";
import { LIMITS } from "../../src/domain/limits.js";
import { summarise } from "../../src/domain/summary.js";
import { parseAssessorReport } from "../../src/io/assessor-report.js";
import { CRITERIA, ELEMENTS } from "../../src/standard/index.js";
import { oadbyRatings } from "../support/seed-data.js";
import * as Actions from "./fixtures-actions.js";
import * as Dates from "./fixtures-dates.js";
import * as F from "./fixtures.js";
import * as Reminders from "./fixtures-reminders.js";
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
/** What people type into improvement actions and their notes. */
const ACTION_TEXT: TypedFields = {
  ...NAMES,
  title: [ACTION_LIMITS.titleChars, ACTION_LIMITS.titleBytes],
  description: [ACTION_LIMITS.descriptionChars, ACTION_LIMITS.descriptionBytes],
  text: [ACTION_LIMITS.noteChars, ACTION_LIMITS.noteBytes],
};

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
        previous: { campaignName: t(CAMPAIGN_LIMITS.nameChars), element: lastCycleElement(assessment) },
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

  it("the dates and reminder cards", () => {
    const calendars = Array.from({ length: 30 }, (_, i) => Dates.settings(`unit-${i}`, `Unit ${i}`));
    expectSafeWhateverTyped((t) => ({
      card: datesCard(withTyped(Dates.view(calendars, { notice: { tone: "attention", text: "" } }), { ...NAMES, ...NOTICE }, t)),
      urls: [],
    }));
    const items = Array.from({ length: 25 }, (_, i) =>
      Reminders.action(String(99_999_975 + i), "t", ["1.1.1"], "2027-01-02", i % 2 ? "Lead" : undefined),
    );
    expectSafeWhateverTyped((t) => ({
      card: reminderCard(
        withTyped(
          Reminders.view([...items, ...Reminders.MIX.slice(7)], { name: "n", notice: { tone: "attention", text: "" } }),
          { ...ACTION_TEXT, ...NOTICE, campaignName: [CAMPAIGN_LIMITS.nameChars] },
          t,
        ),
      ).card,
      urls: [],
    }));
  });

  it("the improvement action cards: the form, one action with its notes, and a list", () => {
    const stored = Actions.action("99999999", {
      refs: ELEMENTS.slice(0, ACTION_LIMITS.refs)
        .map((e) => e.ref)
        .join(" "),
    });
    const notes = Array.from({ length: 10 }, (_, i) => Actions.note("A note", i));
    expectSafeWhateverTyped((t) => ({ card: actionFormCard({ today: Actions.TODAY, notice: t(600) }), urls: [] }));
    expectSafeWhateverTyped((t) => ({
      card: actionCard(withTyped(Actions.view(stored, { notes }), ACTION_TEXT, t), { notice: { tone: "attention", text: t(600) } }),
      urls: [],
    }));
    const many = Array.from({ length: 25 }, (_, i) => Actions.action(String(99_999_975 + i), { owner: `Owner ${i}`, ownerId: `u${i}` }));
    expectSafeWhateverTyped((t) => ({
      card: actionsCard(withTyped(Actions.list(many, { everyone: true }), ACTION_TEXT, t), {
        canSeeAll: true,
        notice: { tone: "attention", text: t(600) },
      }),
      urls: [],
    }));
  });

  it("the compliance summary and criterion cards", () => {
    const at = "2026-11-23T09:00:00Z";
    const units = Array.from({ length: CAMPAIGN_LIMITS.units }, (_, i) => ({ id: `unit-${i}`, name: `Unit ${i}` }));
    const assessments = Object.entries(oadbyRatings()).map(([ref, rating]) => ({ ...emptyAssessment("cse-2026", "unit-0", ref), rating }));
    const overdue = Array.from({ length: 8 }, (_, i) => ({
      ...Actions.action(String(i + 1), { dueOn: "2026-12-01" }),
      dueOn: "2026-01-01",
    }));
    expectSafeWhateverTyped((t) => {
      const typed = withTyped({ units, overdue }, ACTION_TEXT, t);
      const summary = summarise({ assessments, units: typed.units, actions: typed.overdue, today: "2026-11-23", at });
      const campaign = { ...defaultCampaign("t", "cse-2026", "u", new Date(at)), name: t(CAMPAIGN_LIMITS.nameChars), units: typed.units };
      const nextVisit = {
        scopeName: t(CAMPAIGN_LIMITS.unitNameChars),
        label: "Annual review, year 1",
        date: "2027-03-16",
        daysToGo: 113,
        evidenceDue: "2027-03-02",
        evidenceDaysToGo: 99,
      };
      return {
        card: summaryCard(
          { campaign, summary, today: "2026-11-23", showOwners: true, nextVisit },
          { notice: { tone: "attention", text: t(600) } },
        ),
        urls: [],
      };
    });
    const delivery = CRITERIA[3]!;
    expectSafeWhateverTyped((t) => {
      const rows = delivery.subCriteria
        .flatMap((sub) => sub.elements)
        .map((e) => ({
          ref: e.ref,
          statement: e.statement,
          rating: "partial" as const,
          status: "Submitted for review",
          owners: [t(NAME), t(NAME), t(NAME), t(NAME)],
          evidence: 8,
        }));
      const campaign = { ...defaultCampaign("t", "cse-2026", "u", new Date()), name: t(CAMPAIGN_LIMITS.nameChars) };
      return { card: criterionCard({ campaign, number: 4, title: delivery.title, rows }), urls: [] };
    });
  });

  it("the import preview and export cards", () => {
    const report = parseAssessorReport(
      readFileSync(new URL("../fixtures/assessor-report-oadby-wigston-2023.txt", import.meta.url), "utf8"),
    );
    expectSafeWhateverTyped((t) => {
      const typed = {
        ...report,
        organisation: t(200),
        reportType: t(150),
        areas: report.areas.map((a) => ({ ...a, text: t(2000, 6000, "text") })),
        problems: [t(400)],
        disagreements: [t(400)],
      };
      const calendar = proposeCalendar(report);
      return {
        card: importPreviewCard(
          {
            campaign: { id: "cse-2026", name: t(CAMPAIGN_LIMITS.nameChars) },
            fingerprint: "ab".repeat(32),
            fileName: t(255),
            report: typed,
            draftAreas: typed.areas.slice(0, 12),
            calendar,
          },
          { done: t(600) },
        ),
        urls: [],
      };
    });
    const links = (["xlsx", "csv", "html", "public"] as const).map((format) => ({
      format,
      url: `https://cse-bot.example.gov.uk/exports/${"x".repeat(400)}.${format}`,
    }));
    expectSafeWhateverTyped((t) => ({
      card: exportCard({ campaignName: t(CAMPAIGN_LIMITS.nameChars), links, expiresAt: "2026-11-30T10:15:00Z" }),
      urls: links.map((l) => l.url),
    }));
  });

  it("the assign card, whatever the campaign, the unit and the people are called", () => {
    expectSafeWhateverTyped((t) => ({
      card: assignFormCard({
        campaignName: t(CAMPAIGN_LIMITS.nameChars),
        unitName: t(80),
        selected: "3.2",
        people: Array.from({ length: 15 }, (_, i) => ({ userId: `user-${i}`, name: t(NAME) })),
      }),
      urls: [],
    }));
  });

  it("the offer of a file as evidence, whatever the file is called", () => {
    expectSafeWhateverTyped((t) => ({
      card: fileEvidenceCard({ ref: "3.4.1", fileName: t(300), fileUrl: "https://council.sharepoint.com/sites/CX/a.pdf" }),
      urls: [],
    }));
  });

  it("the message-evidence dialog, whatever the message, its files and the refusal say", () => {
    expectSafeWhateverTyped((t) => ({
      card: evidenceDialogCard({
        campaignName: t(CAMPAIGN_LIMITS.nameChars),
        assigned: ["5.2.1", "4.3.4"],
        units: [
          { id: "u1", name: t(80) },
          { id: "u2", name: t(80) },
        ],
        links: Array.from({ length: 20 }, (_, i) => ({
          title: t(100),
          url: `https://council.sharepoint.com/${"x".repeat(300)}/${i}.docx`,
          kind: (["message", "file", "link"] as const)[i % 3]!,
        })),
        suggestedTitle: t(100),
        selected: { ref: "5.2.1", unitId: "u2", title: t(2000) },
        notice: t(400),
      }),
      urls: [],
    }));
  });

  it("the improvement-plan preview, whatever the plan's cells say", () => {
    expectSafeWhateverTyped((t) => ({
      card: planPreviewCard(
        {
          campaign: { id: "cse-2026", name: t(CAMPAIGN_LIMITS.nameChars) },
          fingerprint: "cd".repeat(32),
          fileName: t(255),
          actions: Array.from({ length: 30 }, (_, i) => ({
            where: i % 2 ? `row ${i}` : `Recommendation ${i}`,
            title: t(ACTION_LIMITS.titleChars),
            description: t(1000),
            refs: i % 3 ? ["1.1.1"] : [],
            ...(i % 4 ? { owner: { userId: "u", name: t(NAME) } } : {}),
            ownerAsWritten: t(120),
            dueOn: "2027-03-31",
            dueAsWritten: t(120),
            ...(i % 5 ? {} : { dueNote: "unreadable" as const }),
            status: "open" as const,
            marker: `m${i}`,
          })),
          unreadable: [{ where: "row 9", text: t(200), why: t(100) }],
          already: 0,
        },
        { done: t(600) },
      ),
      urls: [],
    }));
  });
});
