/**
 * Every card the bot sends, rendered from its template with realistic and worst-case data:
 * valid Adaptive Cards 1.5 (checked with the official `adaptivecards` parser), fully bound,
 * under Teams' 28 KB limit, with labelled inputs and Universal Actions that fall back cleanly.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as AC from "adaptivecards";
import { describe, expect, it } from "vitest";
import {
  campaignFormCard,
  campaignsCard,
  cardBytes,
  elementCard,
  helpCard,
  historyCard,
  myWorkCard,
  overviewCard,
  progressCard,
  welcomeCard,
  type AdaptiveCard,
} from "../../src/cards/index.js";
import { renderCard, TEMPLATE_DIR } from "../../src/cards/render.js";
import { narrativeHash } from "../../src/domain/assessment.js";
import { LIMITS } from "../../src/domain/limits.js";
import { ELEMENTS, guidanceFor, ratingLabel } from "../../src/standard/index.js";
import type { ElementView } from "../../src/services/walkthrough.js";
import { cardText, expectInOrder, findActions, findInputs } from "../support/teams.js";
import * as F from "./fixtures.js";
import { expectTeamsReady, nodes, strings } from "../support/card-checks.js";
import { helpEntries } from "../../src/bot/registry.js";

const MAX_BYTES = 28 * 1024;
const TEMPLATES = readdirSync(TEMPLATE_DIR).filter((f) => f.endsWith(".json"));

const ELEMENT_VIEWS: Record<string, ElementView> = {
  unrated: F.unratedView(),
  "rated with links": F.ratedView(),
  "good notice": F.noticeView("good"),
  "attention notice": F.noticeView("attention"),
  "warning notice": F.noticeView("warning"),
  "refused, with drafts": F.draftView(),
  longest: F.longestView(),
  "reviewer, submitted": F.reviewerView(),
};

const CARDS: [string, AdaptiveCard][] = [
  ["welcome, first time", welcomeCard({ name: "Sam", campaignName: F.campaign().name, started: false })],
  ["welcome, no name or campaign", welcomeCard({ started: true })],
  ["help", helpCard(helpEntries())],
  ...Object.entries(ELEMENT_VIEWS).map(([name, view]): [string, AdaptiveCard] => [`element: ${name}`, elementCard(view)]),
  ["progress: none rated", progressCard(F.progressView(0))],
  ["progress: some rated", progressCard(F.progressView(23))],
  ["progress: all rated", progressCard(F.progressView(ELEMENTS.length))],
  ["history: empty", historyCard(F.historyView("empty"))],
  ["history: typical", historyCard(F.historyView("typical"))],
  ["history: longest", historyCard(F.historyView("longest"))],
  ["campaigns: typical, coordinator", campaignsCard(F.campaignsView("typical"))],
  ["campaigns: typical, officer", campaignsCard(F.campaignsView("typical", false))],
  ["campaigns: longest", campaignsCard(F.campaignsView("longest"))],
  ["campaigns: none yet", campaignsCard({ campaigns: [], coordinator: false })],
  ["my work: typical", myWorkCard(F.myWorkView("typical"))],
  ["my work: nothing assigned", myWorkCard(F.myWorkView("empty"))],
  ["my work: every element", myWorkCard(F.myWorkView("longest"))],
  ["overview: typical, coordinator", overviewCard(F.overviewView("typical"))],
  [
    "overview: leader, with a notice",
    overviewCard({ ...F.overviewView("typical"), canChase: false }, { tone: "good", text: "Chased 2 people, one message each." }),
  ],
  ["overview: longest", overviewCard(F.overviewView("longest"))],
  ["campaign form: empty", campaignFormCard({ today: "2026-11-20" })],
  [
    "campaign form: refused, with what was typed",
    campaignFormCard({
      today: "2026-11-20",
      draft: { name: "x".repeat(5000), type: "annual-review-1", units: "€".repeat(20_000), dueDate: "2020-01-01" },
      notice: "The due date is in the past.",
    }),
  ],
];

/** Parses as the Teams client does; returns the parse and validation messages. */
function adaptiveCardProblems(json: unknown): { parseEvents: number; parse: string[]; validation: string[] } {
  const card = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, ctx);
  const parse = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
  return { parseEvents: ctx.eventCount, parse, validation: card.validateProperties().validationEvents.map((e) => e.message) };
}

describe("card templates", () => {
  it.each(TEMPLATES)("%s is valid JSON declaring version 1.5 and the schema", (file) => {
    const json = JSON.parse(readFileSync(`${TEMPLATE_DIR}${file}`, "utf8"));
    expect(json).toMatchObject({ type: "AdaptiveCard", version: "1.5", $schema: "http://adaptivecards.io/schemas/adaptive-card.json" });
  });

  // dates.json is exercised in dates.test.ts, reminder.json in reminder-card.test.ts, action-form, action and actions.json in actions.test.ts, summary.json in summary-card.test.ts, import-preview and export.json in import-export-cards.test.ts, plan-preview.json in plan-preview-card.test.ts, evidence-dialog.json in markdown-safety.test.ts and e2e/message-evidence.test.ts, file-evidence.json in e2e/file-evidence.test.ts, assign-form.json in markdown-safety.test.ts and e2e/assign-picker.test.ts, standards, standard-form and figure-form.json in standards-card.test.ts, figure-import.json in figure-import-card.test.ts.
  it("are all exercised by these tests", () => {
    expect(TEMPLATES.sort()).toEqual([
      "action-form.json",
      "action.json",
      "actions.json",
      "assign-form.json",
      "campaign-form.json",
      "campaigns.json",
      "criterion.json",
      "dates.json",
      "element.json",
      "evidence-dialog.json",
      "export.json",
      "figure-form.json",
      "figure-import.json",
      "file-evidence.json",
      "help.json",
      "history.json",
      "import-preview.json",
      "my-work.json",
      "overview.json",
      "plan-preview.json",
      "progress.json",
      "reminder.json",
      "standard-form.json",
      "standards.json",
      "summary.json",
      "welcome.json",
    ]);
  });
});

describe.each(CARDS)("%s card", (_name, card) => {
  it("parses as Adaptive Card 1.5 with no parse or validation events", () => {
    const problems = adaptiveCardProblems(card);
    expect(problems.parse).toEqual([]);
    expect(problems.parseEvents).toBe(0);
    expect(problems.validation).toEqual([]);
  });

  it("is version 1.5, fully bound and within 28 KB", () => {
    expect(card.version).toBe("1.5");
    expect(strings(card).filter((s) => s.includes("${"))).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_BYTES);
  });

  it("labels every input and gives every Action.Execute a cse verb and an Action.Submit fallback", () => {
    expect(findActions(card).length).toBeGreaterThan(0);
    expectTeamsReady(card, /^\w+$/, /^cse\.[A-Za-z]+$/);
  });
});

describe("the checks themselves", () => {
  it("catch an unknown element type and an input with no id", () => {
    const broken = structuredClone(elementCard(F.ratedView())) as any;
    broken.body.find((b: any) => b.type === "TextBlock").type = "TextBlok";
    delete findInputs(broken).find((i) => i.id === "narrative").id;
    const problems = adaptiveCardProblems(broken);
    expect(problems.parseEvents).toBeGreaterThan(0);
    expect(problems.parse.join(" ")).toContain("TextBlok");
    expect(problems.validation.length).toBeGreaterThan(0);
  });

  it("catch a template field left unbound", () => {
    expect(strings(renderCard("welcome", {})).filter((s) => s.includes("${"))).not.toEqual([]);
  });
});

describe("element card", () => {
  it.each(Object.entries(ELEMENT_VIEWS))("%s: every action carries the campaign, element and what the card showed", (_name, view) => {
    // Improvement action buttons open other cards and carry only their own data (see actions.test.ts).
    for (const action of findActions(elementCard(view)).filter((a) => !a.verb.startsWith("cse.action"))) {
      expect(action.data).toMatchObject({
        campaignId: view.campaign.id,
        ref: view.element.ref,
        baseRating: view.assessment.rating,
        baseNarrative: narrativeHash(view.assessment.narrative),
      });
    }
  });

  it("shows the element, its place, rating, evidence, guidance and a progress bar", () => {
    const view = ELEMENT_VIEWS["rated with links"]!;
    const card = elementCard(view);
    const text = cardText(card);
    const { element, assessment, progress } = view;
    expect(text).toContain(`Element ${element.index + 1} of ${ELEMENTS.length}`);
    expect(nodes(card, (o) => o.type === "TextBlock" && o.text === element.statement)).toHaveLength(1);
    expect(text).toContain(`Criterion ${element.criterion.number}: ${element.criterion.title}`);
    expect(text).toContain(`${element.subCriterion.ref} ${element.subCriterion.title}`);
    expect(text).toContain(`Current rating: **${ratingLabel(assessment.rating)}**`);
    expect(assessment.evidence).toHaveLength(2);
    for (const link of assessment.evidence) expect(text).toContain(`[${link.title}](${link.url})`);
    const guidance = guidanceFor(element.ref);
    for (const item of [...guidance.showMe, ...guidance.tellMe]) expect(text).toContain(`- ${item}`);
    const good = nodes(card, (o) => o.type === "Column" && o.style === "good");
    expect(good).toHaveLength(1);
    expect(good[0]!.width).toBe(progress.rated);
    expect(progress.rated).toBeGreaterThan(0);
    expect(progress.rated).toBeLessThan(progress.total);
  });

  it("leaves out the done part of the bar and any notice when nothing is rated", () => {
    const card = elementCard(ELEMENT_VIEWS.unrated!);
    expect(nodes(card, (o) => o.type === "Column" && o.style === "good")).toEqual([]);
    expect(nodes(card, (o) => o.type === "Container" && ["good", "attention", "warning"].includes(o.style))).toEqual([]);
  });

  it.each(["good", "attention", "warning"] as const)("shows the %s notice in its own style", (tone) => {
    const view = F.noticeView(tone);
    const [box] = nodes(elementCard(view), (o) => o.type === "Container" && o.style === tone);
    expect(box?.items[0].text).toBe(view.notice!.text);
    expect(box?.items[0].color.toLowerCase()).toBe(tone);
  });

  it("keeps what was typed after a refusal", () => {
    const view = ELEMENT_VIEWS["refused, with drafts"]!;
    const values = Object.fromEntries(findInputs(elementCard(view)).map((i) => [i.id, i.value]));
    expect(values).toEqual({
      rating: view.drafts!.rating,
      narrative: view.drafts!.narrative,
      linkTitle: view.drafts!.linkTitle,
      linkUrl: view.drafts!.linkUrl,
    });
  });

  it("carries the longest narrative through unchanged, quotes, backslashes and newlines included", () => {
    const view = F.longestView();
    expect(view.assessment.narrative).toHaveLength(LIMITS.narrativeChars);
    expect(Buffer.byteLength(view.assessment.narrative)).toBe(LIMITS.narrativeBytes);
    expect(view.assessment.narrative).toMatch(/"[\s\S]*\\[\s\S]*\n/);
    expect(findInputs(elementCard(view)).find((i) => i.id === "narrative")?.value).toBe(view.assessment.narrative);
  });

  it("stays within 28 KB when a tampered client echoes oversize drafts full of control characters", () => {
    const view = F.longestView();
    const hostile = {
      ...view,
      drafts: {
        rating: "x".repeat(5000),
        narrative: "\u0001\ud800".repeat(25_000),
        linkTitle: "\u0002".repeat(5000),
        linkUrl: "\u0003".repeat(10_000),
      },
    };
    const bytes = cardBytes(elementCard(hostile));
    console.log(`element card with hostile drafts: ${bytes} bytes of ${MAX_BYTES}`);
    expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
  });

  it("stays within 28 KB with the longest allowed content, for every element", () => {
    const bytes = cardBytes(elementCard(F.longestView()));
    console.log(`longest element card (${F.LONGEST_ELEMENT.ref}): ${bytes} bytes of ${MAX_BYTES}`);
    const worst = ELEMENTS.map((e) => ({ ref: e.ref, bytes: cardBytes(elementCard(F.longestView(e.ref))) })).reduce((a, b) =>
      b.bytes > a.bytes ? b : a,
    );
    console.log(`largest over all ${ELEMENTS.length} elements: ${worst.ref}, ${worst.bytes} bytes`);
    expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
    expect(worst.bytes).toBeLessThanOrEqual(MAX_BYTES);
  });
});

describe("progress card", () => {
  it("counts what is rated and lists what is left", () => {
    const none = F.progressView(0);
    expect(none.progress.remaining).toHaveLength(ELEMENTS.length);
    const text = cardText(progressCard(none));
    expect(text).toContain(`Your progress: 0 of ${ELEMENTS.length} elements rated`);
    expect(text).toContain(`Still to rate: ${ELEMENTS.length}`);
    expect(text).toContain(`${none.progress.remaining.slice(0, 20).join(", ")} and ${ELEMENTS.length - 20} more`);
    const all = cardText(progressCard(F.progressView(ELEMENTS.length)));
    expect(all).toContain(`Your progress: ${ELEMENTS.length} of ${ELEMENTS.length} elements rated`);
    expect(all).toContain("Every element has a rating.");
  });
});

describe("history card", () => {
  it("says each kind of change in plain words, newest first, with who and when", () => {
    const text = cardText(historyCard(F.historyView("typical")));
    const lines = [
      "**Evidence link removed**",
      "Old leaflet",
      "Priya Shah, 20 Nov 2026 at 09:40",
      "**Evidence link added**",
      "Accessible information policy",
      "**Narrative** written",
      'Now: "We publish information in plain English',
      "**Rating** changed from Not yet rated to Compliance",
    ];
    expectInOrder(text, lines);
    expect(text).not.toContain("https://council.gov.uk/leaflet.pdf");
  });

  it("says when nothing has changed yet, and when older changes are not shown", () => {
    expect(cardText(historyCard(F.historyView("empty")))).toContain("No changes recorded yet.");
    expect(cardText(historyCard(F.historyView("longest")))).toContain("Showing the latest 15 changes.");
  });

  it("offers to open the element, with its campaign and reference in the action", () => {
    const [open] = findActions(historyCard(F.historyView("typical")));
    expect(open).toMatchObject({
      title: "Open 3.2.1",
      verb: "cse.open",
      data: { verb: "cse.open", ref: "3.2.1", campaignId: F.campaign().id },
    });
  });
});

describe("campaigns card", () => {
  it("shows each campaign's type, status, scope and due date, and marks the current one", () => {
    const text = cardText(campaignsCard(F.campaignsView("typical")));
    expect(text).toContain("**CSE annual review 2027** (you are working in this one)");
    expect(text).toMatch(
      /Type Annual review, year 2[\s\S]*Status Open[\s\S]*Scope 2 units: Corporate Services, Landlord Services[\s\S]*Due 31 Mar 2027[\s\S]*Led by Not set/,
    );
    expect(text).toContain('"CSE annual review 2027" is now open.');
  });

  it("offers coordinators the lifecycle moves the campaign allows, and officers only a choice of campaign", () => {
    const titles = (coordinator: boolean) =>
      findActions(campaignsCard(F.campaignsView("typical", coordinator))).map(
        (a) => `${a.title}:${a.data.campaignId ?? ""}:${a.data.to ?? ""}`,
      );
    expect(titles(true)).toEqual([
      "Overview:ar-2027:",
      "Move to review:ar-2027:in-review",
      "Start next cycle:ar-2027:",
      "Work in this:ar-2026:",
      "Overview:ar-2026:",
      "Archive:ar-2026:archived",
      "Start next cycle:ar-2026:",
      "Set up a new campaign::",
      "My self-assessment::",
    ]);
    expect(titles(false)).toEqual(["Work in this:ar-2026:", "My self-assessment::"]);
  });

  it("labels every input of the new-campaign form and keeps what was typed after a refusal", () => {
    const form = campaignFormCard({
      today: "2026-11-20",
      draft: { name: "CSE review", type: "health-check", units: "Housing", dueDate: "2020-01-01" },
      notice: "The due date is in the past.",
    });
    expect(Object.fromEntries(findInputs(form).map((i) => [i.id, i.value]))).toEqual({
      name: "CSE review",
      type: "health-check",
      units: "Housing",
      dueDate: "2020-01-01",
    });
    expect(cardText(form)).toContain("The due date is in the past.");
  });
});

describe("element card in the review workflow", () => {
  it("shows a returned element's status and the reviewer's comment, with Submit for review", () => {
    const view = {
      ...F.ratedView(),
      assessment: { ...F.ratedView().assessment, status: "returned" as const, reviewComment: "Please link the 2026 survey" },
    };
    const card = elementCard(view);
    expect(cardText(card)).toContain('Returned for changes: "Please link the 2026 survey"');
    expect(cardText(card)).toContain("Status: **Returned for changes**");
    expect(findActions(card).map((a) => a.title)).toContain("Submit for review");
  });

  it("locks a submitted element for its owner: narrative shown as text, no inputs or edit buttons", () => {
    const view = {
      ...F.ratedView(),
      assessment: { ...F.ratedView().assessment, status: "submitted" as const, submittedByName: "Olu Officer" },
    };
    const card = elementCard(view);
    expect(cardText(card)).toContain("Status: **Submitted for review by Olu Officer**");
    expect(cardText(card)).toContain(view.assessment.narrative);
    expect(findInputs(card)).toEqual([]);
    expect(findActions(card).map((a) => a.title)).toEqual(["Back", "Save and next", "Skip to next unrated", "My progress"]);
  });

  it("gives a reviewer a labelled comment box with Approve and Return for changes", () => {
    const card = elementCard(F.reviewerView("Looks good"));
    expect(findInputs(card).map((i) => [i.id, i.label, i.value])).toEqual([
      ["comment", `Comment for ${"€".repeat(59)}\u2026 (needed to return it)`, "Looks good"],
    ]);
    expect(findActions(card).map((a) => a.title)).toEqual(expect.arrayContaining(["Approve", "Return for changes"]));
  });
});

describe("my work card", () => {
  it("lists each element with its status and rating, the due date, and opens the first unfinished one", () => {
    const card = myWorkCard(F.myWorkView("typical"));
    const text = cardText(card);
    expect(text).toContain("My work: 4 elements");
    expect(text).toContain("Due 31 Mar 2027. 1 of 4 submitted or approved.");
    expect(text).toContain("3.2.2 Returned for changes, Compliance");
    const [open] = findInputs(card);
    expect(open).toMatchObject({ id: "pick", label: "Open one of your elements", value: "council 3.2.2" });
    expect(findActions(card)[0]).toMatchObject({ title: "Open", verb: "cse.open", data: { campaignId: F.campaign().id } });
  });

  it("says plainly when nothing is assigned", () => {
    const card = myWorkCard(F.myWorkView("empty"));
    expect(cardText(card)).toContain("Nothing is assigned to you in this campaign yet.");
    expect(findActions(card).map((a) => a.title)).toEqual(["Start my self-assessment"]);
  });
});

describe("overview card", () => {
  it("shows progress against the total, units, owners with who is late, and offers to chase them", () => {
    const card = overviewCard(F.overviewView("typical"));
    const text = cardText(card);
    expect(text).toContain("Annual review, year 2, open, due 30 Nov 2026 (passed)");
    expect(text).toMatch(/Rated\s+\*\*3\*\* of 114/);
    expect(text).toContain("Corporate Services 3 rated, 2 submitted, 1 approved of 57");
    expect(text).toContain("Owners (2 late)");
    expect(text).toContain("Pat Other 0 of 2 submitted, **2 late**");
    expect(findActions(card).map((a) => a.title)).toEqual(["Chase everyone late (2 people)", "Assign work", "Refresh", "Campaigns"]);
  });

  it("does not offer leaders the chase button", () => {
    expect(findActions(overviewCard({ ...F.overviewView("typical"), canChase: false })).map((a) => a.title)).toEqual([
      "Refresh",
      "Campaigns",
    ]);
  });
});
