/**
 * Realistic view models for the card builders, made with the real domain code (edits go through
 * applyEdit, refusals come from the real validators), including the longest content the limits
 * allow, so the card tests check what a council officer could actually produce.
 */
import { lastCycleElement } from "../../src/domain/last-cycle.js";
import { applyEdit, COUNCIL_UNIT, emptyAssessment, narrativeHash, type ElementAssessment } from "../../src/domain/assessment.js";
import { CAMPAIGN_LIMITS, COUNCIL_WIDE, defaultCampaign, UNIT_ID_CHARS, type Campaign } from "../../src/domain/campaign.js";
import { validateLink } from "../../src/domain/evidence.js";
import { LIMITS } from "../../src/domain/limits.js";
import type { AuditEntry } from "../../src/domain/audit.js";
import { summarise, type ProgressSummary } from "../../src/domain/progress.js";
import type { Refusal } from "../../src/domain/refusal.js";
import type { Drafts, ElementView, HistoryView, Notice, ProgressView } from "../../src/services/walkthrough.js";
import type { PreviousCycle } from "../../src/services/views.js";
import type { CampaignsView } from "../../src/cards/campaigns.js";
import type { MyWorkView } from "../../src/services/assignments.js";
import type { OverviewView } from "../../src/services/overview.js";
import { campaignOverview } from "../../src/domain/overview.js";
import { ACTION_LIMITS } from "../../src/domain/actions.js";
import type { ActionLink } from "../../src/store/actions.js";
import { ELEMENTS, RATINGS, findElement, type RatingId } from "../../src/standard/index.js";

export const TENANT = "tenant-oadby-wigston";
export const AT = new Date("2026-03-12T14:30:00Z");
const SAM = "user-sam";
const ALL_REFS = ELEMENTS.map((e) => e.ref);

/** The default campaign a tenant gets ("CSE self-assessment 2026"), optionally renamed. */
export function campaign(name?: string): Campaign {
  const c = defaultCampaign(TENANT, `cse-${AT.getUTCFullYear()}`, SAM, AT);
  return name === undefined ? c : { ...c, name };
}

interface Change {
  readonly rating?: RatingId;
  readonly narrative?: string;
  readonly links?: readonly { title: string; url: string }[];
}

/** An element's assessment after a person's edits, each applied (and checked) by the domain. */
export function assessed(ref: string, change: Change, campaignId = campaign().id): ElementAssessment {
  let current = emptyAssessment(campaignId, COUNCIL_UNIT, ref);
  const steps = [
    { draft: { rating: change.rating, narrative: change.narrative } },
    ...(change.links ?? []).map((addLink) => ({ draft: {}, addLink })),
  ];
  for (const step of steps) {
    const out = applyEdit(current, { base: { rating: current.rating, narrativeHash: narrativeHash(current.narrative) }, ...step }, SAM, AT);
    if (!out.ok) throw new Error(`fixture edit on ${ref} refused: ${out.refusal.message}`);
    current = out.value.next;
  }
  return current;
}

/** Progress with the first `rated` elements rated (ratings in turn), every third one with a link. */
export function progressWith(rated: number, extra: readonly ElementAssessment[] = []): ProgressSummary {
  const sample = ALL_REFS.slice(0, rated).map((ref, i) =>
    assessed(ref, {
      rating: RATINGS[i % RATINGS.length]!.id,
      links:
        i % 3 === 0 ? [{ title: "Customer insight report 2026", url: `https://oadby-wigston.sharepoint.com/sites/cse/${ref}.docx` }] : [],
    }),
  );
  const byRef = new Map([...sample, ...extra].map((a) => [a.ref, a]));
  return summarise(byRef, ALL_REFS);
}

function view(
  ref: string,
  assessment: ElementAssessment,
  rated: number,
  more: { notice?: Notice; drafts?: Drafts; campaign?: Campaign; previous?: PreviousCycle } = {},
): ElementView {
  const element = findElement(ref);
  if (!element) throw new Error(`no element ${ref}`);
  const { campaign: c = campaign(), ...rest } = more;
  return {
    campaign: c,
    unit: c.units[0]!,
    canReview: false,
    canAssign: false,
    element,
    assessment,
    progress: progressWith(rated, assessment.rating === "unrated" ? [] : [assessment]),
    ...rest,
  };
}

/** A first visit: element 1.1.1, nothing rated anywhere yet. */
export function unratedView(): ElementView {
  return view("1.1.1", emptyAssessment(campaign().id, COUNCIL_UNIT, "1.1.1"), 0);
}

/** Element 3.2.1 rated Compliance Plus with a narrative and two evidence links; 11 rated in all. */
export function ratedView(): ElementView {
  const assessment = assessed("3.2.1", {
    rating: "compliance-plus",
    narrative:
      "Our accessible information policy sets plain English, Easy Read and large print standards.\nEvery leaflet is checked by the Readers' Panel before it is published.",
    links: [
      { title: "Accessible information policy", url: "https://oadby-wigston.sharepoint.com/sites/cse/Shared%20Documents/Policy.docx" },
      { title: "Readers' Panel minutes, January 2026", url: "https://www.oadby-wigston.gov.uk/readers-panel?year=2026" },
    ],
  });
  return view("3.2.1", assessment, 10);
}

/** Real refusal messages from the domain, for notices. */
export function refusals(): { unsafeLink: Refusal; conflict: Refusal; longLink: Refusal } {
  const unsafe = validateLink("Click me", "javascript:alert(document.cookie)");
  // The longest scheme a 600-character input box allows: the refusal quotes it back.
  const longLink = validateLink("Evidence", `${"x".repeat(LIMITS.linkUrlChars - 2)}:y`);
  const base = assessed("1.2.1", { rating: "compliance" });
  const conflict = applyEdit(
    base,
    { base: { rating: "unrated", narrativeHash: narrativeHash("") }, draft: { rating: "partial" } },
    "user-priya",
    AT,
  );
  if (unsafe.ok || longLink.ok || conflict.ok) throw new Error("fixture refusals were accepted");
  return { unsafeLink: unsafe.refusal, conflict: conflict.refusal, longLink: longLink.refusal };
}

/** A card shown with a notice of the given tone, as the walk-through builds them. */
export function noticeView(tone: Notice["tone"]): ElementView {
  const r = refusals();
  const text = tone === "good" ? "Link added." : tone === "warning" ? r.conflict.message : r.unsafeLink.message;
  return { ...ratedView(), notice: { tone, text } };
}

/** A refused link: what the person typed stays in the inputs. */
export function draftView(): ElementView {
  const drafts: Drafts = {
    rating: "partial",
    narrative: "We publish our service standards on the website and in every reception.",
    linkTitle: "Click me",
    linkUrl: "javascript:alert(document.cookie)",
  };
  return { ...ratedView(), notice: { tone: "attention", text: refusals().unsafeLink.message }, drafts };
}

/**
 * The text that makes the most JSON within both limits: 3-byte characters ("€") cost 3 bytes
 * either way, while `"`, `\` and newlines cost 1 UTF-8 byte but 2 bytes of JSON. The best mix
 * fills both the character and the byte limit. Escapes are spread through, never at either end.
 */
export function heavyText(maxChars: number, maxBytes: number = 3 * maxChars): string {
  const heavy = Math.max(2, Math.min(maxChars, Math.floor((maxBytes - maxChars) / 2)));
  const escaped = Math.min(maxChars - heavy, maxBytes - 3 * heavy);
  const escapes = ['"', "\\", "\n"];
  const gaps = heavy - 1;
  const parts: string[] = [];
  for (let i = 0, e = 0; i < heavy; i++) {
    parts.push("€");
    // Spread the escapes evenly over the gaps between heavy characters.
    const share = i < gaps ? Math.floor(((i + 1) * escaped) / gaps) - Math.floor((i * escaped) / gaps) : 0;
    for (let k = 0; k < share; k++) parts.push(escapes[e++ % escapes.length]!);
  }
  return parts.join("");
}

/** An https URL of exactly `length` ASCII characters, padded in its path. */
export function longUrl(length: number, n: number): string {
  const head = `https://oadby-wigston.sharepoint.com/sites/cse/Shared%20Documents/evidence-${n}/`;
  return head + "d".repeat(length - head.length);
}

export const LONGEST_ELEMENT = ELEMENTS.reduce((a, b) => (b.statement.length > a.statement.length ? b : a));
export const LONG_CAMPAIGN_NAME = "Oadby and Wigston Borough Council – CSE self-assessment 2026 – ".padEnd(200, "€");

/** The longest content the limits allow on an element card (by default the longest statement). */
export function longestView(ref = LONGEST_ELEMENT.ref): ElementView {
  // Several units, the one shown with the longest allowed name, and a previous cycle to show.
  // Ids at their longest too: they travel in every action's data (twice, with the fallback).
  const c: Campaign = {
    ...campaign(LONG_CAMPAIGN_NAME),
    id: `${"c".repeat(24)}-abcdef`,
    units: [
      { id: "u".repeat(UNIT_ID_CHARS), name: "€".repeat(CAMPAIGN_LIMITS.unitNameChars) },
      { id: "other", name: "Housing" },
    ],
    previousCampaignId: "cse-2025",
  };
  const title = (i: number) => `${i}${heavyText(LIMITS.linkTitleChars - 1, LIMITS.linkTitleBytes - 1).replace(/\s/g, "x")}`;
  const links = Array.from({ length: LIMITS.linksPerElement }, (_, i) => ({ title: title(i), url: longUrl(LIMITS.linkUrlChars, i + 1) }));
  const edited = assessed(
    ref,
    { rating: "non-compliance", narrative: heavyText(LIMITS.narrativeChars, LIMITS.narrativeBytes), links },
    c.id,
  );
  // Returned with the longest comment: the editable state with the most to show.
  const assessment: ElementAssessment = {
    ...edited,
    status: "returned",
    submittedBy: "user-olu",
    submittedByName: "€".repeat(200),
    reviewComment: heavyText(LIMITS.commentChars, LIMITS.commentBytes),
  };
  const notices = Object.values(refusals()).map((r) => r.message);
  const notice = { tone: "attention" as const, text: notices.reduce((a, b) => (Buffer.byteLength(b) > Buffer.byteLength(a) ? b : a)) };
  const drafts: Drafts = {
    rating: "compliance-plus",
    linkTitle: heavyText(LIMITS.linkTitleChars, LIMITS.linkTitleBytes),
    linkUrl: heavyText(LIMITS.linkUrlChars, LIMITS.linkUrlChars),
  };
  const previous: PreviousCycle = { campaignName: LONG_CAMPAIGN_NAME, element: lastCycleElement(assessment) };
  // An imported assessor's report with the longest report type the importer keeps.
  const assessor = { rating: "compliance-plus" as const, reportType: "€".repeat(150) };
  return { ...view(ref, assessment, ALL_REFS.length - 1, { campaign: c, notice, drafts, previous }), assessor, actions: elementActions() };
}

/** The most JSON an action title can make: 3-byte characters up to the byte limit. */
export const LONGEST_ACTION_TITLE = "€".repeat(Math.min(ACTION_LIMITS.titleChars, ACTION_LIMITS.titleBytes / 3));

/** More actions on an element than its card lists: longest titles, 8-digit numbers, the widest date ("30 Sept 2027"). */
export function elementActions(count = 5): ActionLink[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(99_999_990 + i),
    title: LONGEST_ACTION_TITLE,
    status: "in-progress",
    dueOn: "2027-09-30",
    owner: { userId: `o${i}`, name: "€".repeat(200) },
  }));
}

/** Progress views: none rated (57 to go), some rated, or every element rated. */
export function progressView(rated: number): ProgressView {
  return {
    campaign: campaign(),
    unit: COUNCIL_WIDE,
    progress: progressWith(rated),
    currentRef: ALL_REFS[Math.min(rated, ALL_REFS.length - 1)],
  };
}

/** History views: empty, typical (every kind of change), and the longest (15 long narrative changes, "more" shown). */
export function historyView(kind: "empty" | "typical" | "longest"): HistoryView {
  const element = ELEMENTS.find((e) => e.ref === "3.2.1")!;
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 9, minutes)).toISOString();
  const entry = (field: AuditEntry["field"], from: string, to: string, minutes: number, byName = "Sam Patel"): AuditEntry => ({
    campaignId: campaign().id,
    unitId: "council",
    ref: element.ref,
    field,
    from,
    to,
    byId: "user-sam",
    byName,
    at: at(minutes),
  });
  if (kind === "empty") return { campaign: campaign(), unit: COUNCIL_WIDE, element, entries: [], more: false };
  if (kind === "typical") {
    return {
      campaign: campaign(),
      unit: COUNCIL_WIDE,
      element,
      more: false,
      entries: [
        entry("evidence", "Old leaflet <https://council.gov.uk/leaflet.pdf>", "", 40, "Priya Shah"),
        entry("evidence", "", "Accessible information policy <https://council.sharepoint.com/policy.docx>", 30),
        entry("narrative", "", "We publish information in plain English, easy read and on request in large print.", 20),
        entry("rating", "unrated", "compliance", 10),
      ],
    };
  }
  const entries = Array.from({ length: 15 }, (_, i) =>
    entry(
      "narrative",
      heavyText(LIMITS.narrativeChars, LIMITS.narrativeBytes),
      heavyText(LIMITS.narrativeChars, LIMITS.narrativeBytes),
      59 - i,
      "€".repeat(200),
    ),
  );
  return { campaign: campaign(LONG_CAMPAIGN_NAME), unit: COUNCIL_WIDE, element: LONGEST_ELEMENT, entries, more: true };
}

/** Campaign lists: a typical council's, and the longest (six campaigns, longest names, 30 long units each). */
export function campaignsView(kind: "typical" | "longest", coordinator = true): CampaignsView {
  if (kind === "typical") {
    const last: Campaign = {
      ...campaign("CSE annual review 2026"),
      id: "ar-2026",
      type: "annual-review-1",
      status: "signed-off",
      dueDate: "2026-03-31",
    };
    const now: Campaign = {
      ...campaign("CSE annual review 2027"),
      id: "ar-2027",
      type: "annual-review-2",
      status: "open",
      dueDate: "2027-03-31",
      previousCampaignId: "ar-2026",
      units: [
        { id: "corporate", name: "Corporate Services" },
        { id: "landlord", name: "Landlord Services" },
      ],
    };
    return {
      campaigns: [now, last],
      currentId: "ar-2027",
      coordinator,
      notice: { tone: "good", text: '"CSE annual review 2027" is now open.' },
    };
  }
  const units = Array.from({ length: CAMPAIGN_LIMITS.units }, (_, i) => ({
    id: `u${i}`,
    name: `${i}${"€".repeat(CAMPAIGN_LIMITS.unitNameChars - 2)}`,
  }));
  const campaigns = (["draft", "open", "in-review", "signed-off", "open", "in-review"] as const).map((status, i): Campaign => ({
    ...campaign("€".repeat(CAMPAIGN_LIMITS.nameChars)),
    id: `campaign-${"x".repeat(40)}-${i}`,
    status,
    units,
    dueDate: "2027-03-31",
  }));
  return { campaigns, currentId: "none", coordinator, notice: { tone: "attention", text: refusals().unsafeLink.message } };
}

/** A reviewer looking at a submitted element, with a long comment typed (the locked state). */
export function reviewerView(commentDraft = heavyText(LIMITS.commentChars, LIMITS.commentBytes)): ElementView {
  const longest = longestView();
  const assessment: ElementAssessment = { ...longest.assessment, status: "submitted", reviewComment: "" };
  return { ...longest, assessment, canReview: true, drafts: { comment: commentDraft } };
}

/** My work: an owner's elements in various states, and the longest (every element, long names). */
export function myWorkView(kind: "typical" | "empty" | "longest"): MyWorkView {
  const c: Campaign =
    kind === "longest"
      ? { ...campaign(LONG_CAMPAIGN_NAME), dueDate: "2027-03-31", units: [{ id: "u", name: "€".repeat(CAMPAIGN_LIMITS.unitNameChars) }] }
      : { ...campaign(), dueDate: "2027-03-31" };
  const refs = kind === "longest" ? ALL_REFS : kind === "typical" ? ["3.2.1", "3.2.2", "3.2.3", "3.2.4"] : [];
  const statuses = ["submitted", "returned", "in-progress", "to-do"] as const;
  const items = refs.map((ref, i) => ({
    element: findElement(ref)!,
    unit: c.units[0]!,
    assessment: {
      ...emptyAssessment(c.id, c.units[0]!.id, ref),
      rating: i % 2 ? ("compliance" as const) : ("partial" as const),
      status: statuses[i % 4],
      ownerId: SAM,
      ownerName: "Sam Patel",
    },
  }));
  return { campaign: c, items };
}

/** Overviews: a two-unit campaign past its due date, and the longest (30 units, 60 owners). */
export function overviewView(kind: "typical" | "longest"): OverviewView {
  const units =
    kind === "longest"
      ? Array.from({ length: CAMPAIGN_LIMITS.units }, (_, i) => ({
          id: `u${i}`,
          name: `${i}${"€".repeat(CAMPAIGN_LIMITS.unitNameChars - 2)}`,
        }))
      : [
          { id: "corp", name: "Corporate Services" },
          { id: "land", name: "Landlord Services" },
        ];
  const c: Campaign = {
    ...campaign(kind === "longest" ? LONG_CAMPAIGN_NAME : "CSE annual review 2027"),
    type: "annual-review-2",
    dueDate: "2026-11-30",
    units,
  };
  const a = (unitId: string, ref: string, more: Partial<ElementAssessment>): ElementAssessment => ({
    ...emptyAssessment(c.id, unitId, ref),
    ...more,
  });
  const stored =
    kind === "typical"
      ? [
          a("corp", "1.1.1", { rating: "compliance", status: "approved", ownerId: "olu", ownerName: "Olu Officer" }),
          a("corp", "1.1.2", { rating: "partial", status: "submitted", ownerId: "olu", ownerName: "Olu Officer" }),
          a("corp", "1.1.3", { rating: "compliance", status: "in-progress", ownerId: "olu", ownerName: "Olu Officer" }),
          a("land", "1.1.1", { ownerId: "pat", ownerName: "Pat Other" }),
          a("land", "1.1.2", { status: "returned", ownerId: "pat", ownerName: "Pat Other" }),
        ]
      : units.flatMap((u, i) => ALL_REFS.slice(0, 2).map((ref, j) => a(u.id, ref, { ownerId: `o${i}-${j}`, ownerName: "€".repeat(200) })));
  return { campaign: c, overview: campaignOverview(c, stored, "2026-12-01"), today: "2026-12-01", canChase: true };
}
