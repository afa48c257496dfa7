/**
 * The public "How we are doing" page: valid HTML (html-validate, recommended rules), then read in
 * real headless Chromium as a resident's browser would: headings, tables and charts that a screen
 * reader can name, met and missed in words, hostile text shown as text, nothing fetched from
 * anywhere, and no axe-core accessibility violations. Needs Debian's chromium (or CHROMIUM_PATH).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { HtmlValidate } from "html-validate";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standardsPage } from "../../src/io/standards-page.js";
import { EMAILS, HOSTILE, HOSTILE_PROMISE, INTERNAL, LETTERS, PHONE_WAIT, TODAY, fixtureRows } from "../support/service-standards.js";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const COUNCIL = `Oadby & Wigston <Borough> Council`;
const rows = fixtureRows();
const html = standardsPage({ council: COUNCIL, rows, today: TODAY });
const published = [LETTERS, PHONE_WAIT, HOSTILE, EMAILS];

/** What the browser shows, read in the page (as a string: the page's globals are not this file's). */
interface PageFacts {
  headings: { level: number; text: string }[];
  tables: { caption: string; columns: { text: string; scope: string | null }[] }[];
  charts: { role: string | null; name: string; paths: string[]; labels: string[]; dashed: number; points: number }[];
  scripts: number;
  images: number;
  links: number;
  text: string;
}
const READ_FACTS = `(() => {
  const text = (el) => (el ? el.textContent.trim() : "");
  return {
    headings: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => ({ level: Number(h.tagName[1]), text: text(h) })),
    tables: [...document.querySelectorAll("table")].map((t) => ({
      caption: text(t.querySelector("caption")),
      columns: [...t.querySelectorAll("thead th")].map((th) => ({ text: text(th), scope: th.getAttribute("scope") })),
    })),
    charts: [...document.querySelectorAll("svg")].map((svg) => ({
      role: svg.getAttribute("role"),
      name: (svg.getAttribute("aria-labelledby") ?? "").split(/\\s+/).map((id) => text(document.getElementById(id))).join(" ").trim(),
      paths: [...svg.querySelectorAll("path")].map((p) => p.getAttribute("d")),
      labels: [...svg.querySelectorAll("text")].map((t) => [...t.childNodes].map((n) => n.textContent.trim()).join(" ")),
      dashed: svg.querySelectorAll("line[stroke-dasharray]").length,
      points: svg.querySelectorAll(":scope > circle, :scope > rect").length,
    })),
    scripts: document.querySelectorAll("script").length,
    images: document.querySelectorAll("img").length,
    links: document.querySelectorAll("a").length,
    text: document.body.innerText,
  };
})()`;

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let browser: Browser | undefined;
/** Why Chromium did not start: every check in the browser fails with it (none is skipped). */
let launchError: Error | undefined;
/** Every request a page tried to make; each is refused. */
const requests: string[] = [];
/** The page as the browser shows it, read once: the checks below only look. */
let facts: PageFacts | undefined;

async function open(content: string): Promise<Page> {
  if (!browser) throw launchError ?? new Error("Chromium is not running");
  const page = await browser.newPage();
  await page.route("**", async (route) => {
    requests.push(route.request().url());
    await route.abort();
  });
  await page.setContent(content, { waitUntil: "load" });
  return page;
}

function shown(): PageFacts {
  if (!facts) throw launchError ?? new Error("The page was not read");
  return facts;
}

beforeAll(async () => {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (error) {
    launchError = new Error(
      `Could not launch Chromium at ${executablePath}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.\n${String(error)}`,
    );
    return;
  }
  const page = await open(html);
  facts = await page.evaluate<PageFacts>(READ_FACTS);
  await page.close();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("standards page", () => {
  it("is valid HTML by html-validate's recommended rules, with published standards or none", async () => {
    const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });
    for (const page of [html, standardsPage({ council: COUNCIL, rows: [], today: TODAY })]) {
      const report = await validator.validateString(page);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} (line ${m.line}): ${m.message}`))).toEqual([]);
    }
  });

  it("has one h1 and an h2 for each published standard in order, never the unpublished one", () => {
    expect(shown().headings).toEqual([
      { level: 1, text: `How we are doing: ${COUNCIL}` },
      ...published.map((s) => ({ level: 2, text: s.promise })),
    ]);
    expect(shown().text).not.toContain(INTERNAL.promise);
    expect(shown().text).toContain("Last updated 30 Nov 2026.");
  });

  it("names every table by its caption and every column by a scoped header; comparator and note columns only when used", () => {
    const { tables } = shown();
    // No table for the standard with no results: there is nothing to tabulate.
    expect(tables).toHaveLength(3);
    for (const table of tables) {
      expect(table.caption).toMatch(/^Results by (quarter|month), .+ to .+, latest first$/);
      for (const column of table.columns) expect(column).toEqual({ text: expect.stringMatching(/\S/), scope: "col" });
    }
    expect(tables.map((t) => t.columns.map((c) => c.text))).toEqual([
      ["Period", "Result", "Target", "Met?"],
      ["Period", "Result", "Target", "Met?", "Comparator", "Note"],
      ["Period", "Result", "Target", "Met?", "Note"],
    ]);
  });

  it("gives every chart the image role and a name that says the trend in words", () => {
    const { charts } = shown();
    expect(charts).toHaveLength(3);
    for (const chart of charts) expect(chart.role).toBe("img");
    expect(charts[0]!.name).toBe(
      "Line chart of results for the last 12 quarters, Q3 2023/24 to Q2 2026/27, against the target of at least 90%. " +
        "The target was met in 9 of the 12 quarters reported. Latest: 88% in Q2 2026/27, down from 91% in Q3 2023/24.",
    );
    expect(charts[1]!.name).toContain("met in 9 of the 11 months reported; 1 month not reported.");
  });

  it("draws each chart's results as a line broken where a period is missing, the target dashed and labelled, periods on the axis", () => {
    const [letters, phone] = shown().charts;
    // One stretch of line over 12 quarters; two over the months, either side of August.
    expect(letters!.paths.map((d) => d.match(/M/g)?.length)).toEqual([1]);
    expect(phone!.paths.map((d) => d.match(/M/g)?.length)).toEqual([2]);
    expect([letters!.points, phone!.points]).toEqual([12, 11]);
    // The legend's sample and the target itself.
    expect([letters!.dashed, phone!.dashed]).toEqual([2, 2]);
    expect(letters!.labels).toContain("Target: at least 90%");
    expect(phone!.labels).toContain("Target: no more than 3 minutes");
    expect(letters!.labels).toEqual(expect.arrayContaining(["Q3 2023/24", "Q2 2026/27", "90%"]));
    expect(phone!.labels).toEqual(expect.arrayContaining(["Nov 2025", "Aug 2026", "Oct 2026", "minutes", "Met", "Missed"]));
  });

  it("says met or missed in words, with the run of misses, and the missing figures", () => {
    const { text } = shown();
    expect(text).toContain("Missed: 88% in Q2 2026/27, missed by 2 points.");
    expect(text).toContain("We have missed this target 2 quarters running.");
    expect(text).toContain("Met: 2.3 minutes in October 2026, met by 0.7 minutes.");
    expect(text).toContain("Not reported");
    expect(text).toContain("Our target: at least 90%.");
    expect(text).toContain("Our target: no more than 3 minutes.");
    expect(text).toMatch(
      /We will reply to your email within five working days\s+Our target: at least 85%\. Reported every quarter\.\s+No results published yet\./,
    );
  });

  it("shows hostile text as text: no script, no image, no link, no control characters", () => {
    expect(shown().scripts).toBe(0);
    expect(shown().images).toBe(0);
    expect(shown().links).toBe(0);
    expect(shown().headings.map((h) => h.text)).toContain(HOSTILE_PROMISE);
    expect(shown().text).toContain("**Bold** [click](javascript:alert(1)) <img src=x onerror=alert(1)>[31m red");
    expect(shown().text).toContain("Service: <i>Planning</i> & Building");
    expect(shown().text).toContain("Our target: at least 100 visits <b>.");
    // eslint-disable-next-line no-control-regex -- the check is that none reach the page
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it("fetches nothing: no request leaves the page", async () => {
    shown();
    expect(requests).toEqual([]);
    // The trap works: a page that does fetch something is caught.
    const control = await open('<!DOCTYPE html><html lang="en"><title>Control</title><img src="https://example.org/logo.png" alt="">');
    await control.close();
    expect(requests).toEqual(["https://example.org/logo.png"]);
    requests.length = 0;
    // No element with a source or a link (typed text such as "<img src=x>" is escaped, so it is no element).
    expect(html).not.toMatch(/<[^>]*\s(src|href)=/i);
  });

  it("says so when no standard is published", async () => {
    const page = await open(standardsPage({ council: COUNCIL, rows: rows.filter((r) => !r.standard.published), today: TODAY }));
    const empty = await page.evaluate<PageFacts>(READ_FACTS);
    expect(empty.headings).toEqual([{ level: 1, text: `How we are doing: ${COUNCIL}` }]);
    expect(empty.text).toContain("We have not published any service standards yet.");
    await page.close();
  });

  it("has no accessibility violations by axe-core", async () => {
    const page = await open(html);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }>(
      "axe.run(document, { resultTypes: ['violations'] })",
    );
    expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")})`)).toEqual([]);
    await page.close();
  });
});
