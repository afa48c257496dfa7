/** The HTML self-assessment report: laid out like an assessor report, self-contained, and safe with hostile text. */
import { describe, expect, it } from "vitest";
import { emptyAssessment, type ElementAssessment } from "../../src/domain/assessment.js";
import { summarise } from "../../src/domain/summary.js";
import { matrixRows } from "../../src/io/evidence-matrix.js";
import { htmlReport } from "../../src/io/html-report.js";
import { annualReviewCampaign, oadbyRatings } from "../support/seed-data.js";

const ratings = oadbyRatings();
const campaign = annualReviewCampaign("CSE <review> & 2027");
const at = "2026-11-01T10:00:00Z";
const assessments: ElementAssessment[] = Object.entries(ratings).map(([ref, rating]) => ({
  ...emptyAssessment("c1", "council", ref),
  rating,
  narrative: ref === "1.3.1" ? `<script>alert("x")</script> Residents co-designed our survey.` : "",
  evidence:
    ref === "4.1.2"
      ? [{ id: "l1", title: "Performance <b>dashboard</b>", url: "https://council.gov.uk/kpi?a=1&b=2", addedBy: "u", addedAt: at }]
      : [],
}));
const person = { userId: "u", name: "Megan Bowen" };

function report() {
  return htmlReport({
    campaign,
    rows: matrixRows(campaign, assessments),
    summary: summarise({ assessments, units: campaign.units, actions: [], today: "2026-11-23", at }),
    actions: [
      {
        tenantId: "t",
        id: "3",
        title: "Meet timeliness targets",
        description: "",
        refs: ["4.1.2"],
        owner: person,
        dueOn: "2027-03-31",
        priority: "high",
        status: "open",
        createdBy: person,
        createdAt: at,
        updatedAt: at,
      },
    ],
    today: "2026-11-23",
  });
}

describe("HTML report", () => {
  it("reads like an assessor report: totals, strengths, partials with their actions, each criterion's table", () => {
    const html = report();
    expect(html).toContain("<td>8</td><td>47</td><td>2</td><td>0</td><td>0</td><td>0</td>");
    expect(html).toContain("55 of 57 elements at Compliance or better; the threshold for certification is 46.");
    expect(html).toContain("<h2>4. Delivery</h2>");
    expect(html).toMatch(
      /<td>4\.1\.2<\/td><td class="r-partial">Partial Compliance<\/td><td>Action 3: Meet timeliness targets \(Megan Bowen, due 31 Mar 2027, open\)<\/td>/,
    );
    expect((html.match(/<tr><td>\d\.\d\.\d<\/td><td>/g) ?? []).length).toBe(57); // every element once in the criterion tables
    expect(html).toContain("@media print");
  });

  it("is self-contained and escapes everything people typed", () => {
    const html = report();
    expect(html).not.toMatch(/<script|<link|src=|@import/i);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Residents co-designed our survey.");
    expect(html).toContain("<title>CSE &lt;review&gt; &amp; 2027: self-assessment report</title>");
    expect(html).toContain('<a href="https://council.gov.uk/kpi?a=1&amp;b=2">Performance &lt;b&gt;dashboard&lt;/b&gt;</a>');
  });
});
