/**
 * A realistic, half-finished self-assessment for a demo tenant, so a newcomer sees the bot at its
 * best: criteria 1 and 2 mostly done with narratives and evidence, criterion 3 started, 4 and 5
 * still to do. Idempotent: elements that already have a rating are left alone.
 */
import type { Clock } from "../clock.js";
import { applyEdit, COUNCIL_UNIT, emptyAssessment, narrativeHash, type FieldChange } from "../domain/assessment.js";
import { auditEntries } from "../domain/audit.js";
import { seedDemoStandards } from "./demo-standards.js";
import type { Stores } from "../store/index.js";
import type { Actor } from "./views.js";
import type { WalkthroughService } from "./walkthrough.js";

/** The tenant and user the Microsoft 365 Agents Playground sends by default. */
export const PLAYGROUND_TENANT = "00000000-0000-0000-0000-0000000000001";
export const PLAYGROUND_USER = "00000000-0000-0000-0000-0000000000020";

const SP = "https://demo-council.sharepoint.com/sites/CSE/Shared%20Documents";
const WEB = "https://www.demo-council.gov.uk";

interface DemoEntry {
  readonly rating: string;
  readonly narrative: string;
  readonly links?: readonly (readonly [string, string])[];
}

const DEMO: Readonly<Record<string, DemoEntry>> = {
  "1.1.1": {
    rating: "compliance",
    narrative:
      "Our Customer Insight Profile combines census 2021, Mosaic segmentation and CRM contact data by ward. It is refreshed every April and used by every service plan.",
    links: [
      ["Customer Insight Profile 2026", `${SP}/Insight/Customer-Insight-Profile-2026.pdf`],
      ["Ward profiles", `${WEB}/council/data/ward-profiles`],
    ],
  },
  "1.1.2": {
    rating: "compliance",
    narrative:
      "Service areas hold journey maps for their main customer groups. Revenues and Benefits used them to move 40% of change-of-circumstance reports online.",
    links: [["Journey maps: Revenues and Benefits", `${SP}/Insight/Journey-maps-RB.pptx`]],
  },
  "1.1.3": {
    rating: "compliance",
    narrative:
      "We work with the Disability Forum, the Youth Council and the traveller liaison officer. The household support fund outreach reached 312 households not known to us.",
  },
  "1.2.1": {
    rating: "compliance",
    narrative: "The Engagement Strategy 2024-27 sets out methods by customer group, from online panels to drop-in sessions in libraries.",
    links: [["Engagement Strategy 2024-27", `${WEB}/engagement-strategy`]],
  },
  "1.2.2": {
    rating: "compliance",
    narrative:
      "Every consultation ends with a 'You said, we did' report on the website; the waste collection consultation changed the garden waste round.",
    links: [["You said, we did", `${WEB}/you-said-we-did`]],
  },
  "1.2.3": {
    rating: "compliance-plus",
    narrative:
      "An annual review of engagement compares response rates and representativeness by method. Switching to one-question text surveys raised responses from 4% to 21%, and other councils have adopted the approach.",
    links: [["Engagement methods review 2026", `${SP}/Insight/Engagement-methods-review-2026.docx`]],
  },
  "1.3.1": {
    rating: "compliance",
    narrative:
      "Satisfaction is measured after every contact (text survey), quarterly for the contact centre, and through the STAR survey for tenants.",
  },
  "1.3.2": {
    rating: "compliance",
    narrative: "Satisfaction by service is published quarterly on the performance pages and in the residents' magazine.",
    links: [["Quarterly performance report Q2", `${WEB}/performance/q2`]],
  },
  "1.3.3": {
    rating: "compliance",
    narrative:
      "Our core questions cover delivery, timeliness, information, access and staff attitude, and each service adds questions drawn from its own insight.",
  },
  "1.3.4": {
    rating: "partial",
    narrative:
      "Targets are set for the contact centre and housing repairs. Other services have no stretch targets yet and two show a falling trend. Improvement action planned.",
    links: [["Satisfaction targets 2026-27 (draft)", `${SP}/Performance/Satisfaction-targets-draft.xlsx`]],
  },
  "1.3.5": {
    rating: "compliance",
    narrative: "Analysis of complaints and journey mapping led to the new missed bin reporting form, cutting repeat calls by a third.",
  },
  "2.1.1": {
    rating: "compliance-plus",
    narrative:
      "'Putting the customer first' is the first of our values, chosen by staff. The Chief Executive chairs the Customer Experience Board and senior leaders spend a day a quarter on the front line.",
    links: [
      ["Corporate Plan 2024-28", `${WEB}/corporate-plan`],
      ["Customer Experience Board minutes", `${SP}/Governance/CX-Board-minutes.docx`],
    ],
  },
  "2.1.2": { rating: "compliance", narrative: "Customer insight is a required section of every cabinet report and service plan." },
  "2.1.3": {
    rating: "compliance",
    narrative: "The Customer Access Strategy and the Customer Charter set out the service every customer can expect.",
  },
  "2.1.4": {
    rating: "compliance",
    narrative:
      "Equality impact assessments are completed for every policy change and satisfaction is analysed by protected characteristic.",
  },
  "2.1.5": {
    rating: "compliance",
    narrative: "Private interview rooms are available at reception. 98% of staff completed data protection training this year.",
    links: [["Data protection training completion", `${SP}/HR/DP-training-2026.xlsx`]],
  },
  "2.1.6": { rating: "compliance", narrative: "Staff suggestion scheme 'Bright Ideas' received 64 ideas this year; 19 were implemented." },
  "2.2.1": {
    rating: "compliance",
    narrative: "Customer focus is assessed at interview and built into induction and the customer care e-learning module.",
  },
  "2.2.2": { rating: "compliance", narrative: "Mystery shopping scored staff courtesy at 94%. Compliments are shared weekly." },
  "2.2.3": {
    rating: "partial",
    narrative: "Customer focus is in the appraisal template, but completion was 71% last year. HR are chasing the remaining appraisals.",
    links: [],
  },
  "3.1.1": {
    rating: "compliance",
    narrative: "The website lists every service with how and when to contact us; opening hours are on every page.",
    links: [["Contact us", `${WEB}/contact-us`]],
  },
  "3.1.2": {
    rating: "compliance",
    narrative: "Fees and charges are published each April and quoted before any chargeable service is booked.",
    links: [["Fees and charges 2026-27", `${WEB}/fees-and-charges`]],
  },
};

export interface DemoResult {
  readonly tenantId: string;
  readonly campaignId: string;
  readonly rated: number;
  readonly skipped: number;
  /** Service standards added, each with a year's figures. */
  readonly standards: number;
}

export async function seedDemo(stores: Stores, walkthrough: WalkthroughService, clock: Clock, actor: Actor): Promise<DemoResult> {
  const campaign = await walkthrough.currentCampaign(actor);
  // So the scheduled jobs and `cse-bot digest` find this council before anyone has chatted.
  await stores.tenants.register(actor.tenantId);
  let rated = 0;
  let skipped = 0;
  for (const [ref, entry] of Object.entries(DEMO)) {
    let current =
      (await stores.assessments.get(actor.tenantId, campaign.id, COUNCIL_UNIT, ref)) ?? emptyAssessment(campaign.id, COUNCIL_UNIT, ref);
    if (current.rating !== "unrated") {
      skipped++;
      continue;
    }
    const base = { rating: current.rating, narrativeHash: narrativeHash(current.narrative) };
    const edits = [
      { base, draft: { rating: entry.rating, narrative: entry.narrative } },
      ...(entry.links ?? []).map(([title, url]) => ({ base, draft: {}, addLink: { title, url } })),
    ];
    const changes: FieldChange[] = [];
    for (const edit of edits) {
      const outcome = applyEdit(current, edit, actor.userId, clock.now());
      if (!outcome.ok) throw new Error(`Demo data for ${ref} was refused: ${outcome.refusal.message}`);
      current = outcome.value.next;
      changes.push(...outcome.value.changes);
    }
    await stores.assessments.save(
      actor.tenantId,
      current,
      auditEntries(changes, { campaignId: campaign.id, unitId: COUNCIL_UNIT, ref }, actor, clock.now()),
    );
    rated++;
  }
  const standards = await seedDemoStandards(stores, clock, actor);
  return { tenantId: actor.tenantId, campaignId: campaign.id, rated, skipped, standards };
}
