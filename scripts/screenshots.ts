/**
 * `npm run screenshots`: a picture of every card the bot sends, with realistic data, in
 * docs/cards/. The real bot runs against an in-memory Azurite with the demo campaign and last
 * year's assessor report imported; a person talks to it over HTTP as Teams would, and each card
 * it answers with is drawn by the Adaptive Cards renderer in headless Chromium.
 * Needs Debian's chromium (or CHROMIUM_PATH).
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { createAdapter } from "../src/bot/adapter.js";
import { systemClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { addWorkingDays, londonDay } from "../src/domain/calendar.js";
import { createLogger } from "../src/logger.js";
import { createReminderJob } from "../src/reminders.js";
import { startServer } from "../src/server.js";
import { PLAYGROUND_TENANT, PLAYGROUND_USER, seedDemo } from "../src/services/demo.js";
import { RolesService } from "../src/services/roles.js";
import { WalkthroughService } from "../src/services/walkthrough.js";
import { startAzurite } from "../src/store/azurite.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "docs", "cards");
const ALEX = { id: PLAYGROUND_USER, name: "Alex Wilber" };
const CONVERSATION = `a:${ALEX.id}`;
type Card = Record<string, any>;

/** An improvement plan as a council keeps it in Word or Excel, pasted after "import plan". */
const DEMO_PLAN = [
  "| Action | Owner | Due | Element | Status |",
  "|---|---|---|---|---|",
  "| Publish our performance against the service standards every quarter | Alex Wilber | Q4 2026/27 | 4.1.2, 5.3.2 | In progress |",
  "| Set first-time resolution targets for the contact centre | Head of Customer Services | 31/03/2027 | 5.1.2 | Not started |",
  "| Move the Customer Charter poster to where customers wait | Facilities Manager | By January 2027 | 5.2.1 | Open |",
  "| Customer insight | | | | |",
  "| Ask Planning customers about their concerns | Alex Wilber | as soon as possible | | Open |",
].join("\n");

/** Stands in for the Bot Connector: keeps every card the bot sends. */
async function captureConnector() {
  const cards: Card[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const activity = body ? JSON.parse(body) : {};
      for (const a of activity.attachments ?? []) if (a.contentType === "application/vnd.microsoft.card.adaptive") cards.push(a.content);
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify(req.url === "/v3/conversations" ? { id: CONVERSATION } : { id: randomUUID() }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, cards, close: () => server.close() };
}

async function main(): Promise<void> {
  const azurite = await startAzurite();
  const connector = await captureConnector();
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", REMINDERS: "off", LOG_LEVEL: "silent" });
  const bot = await startServer(config, azurite.connectionString, { log: createLogger("silent") });
  const shots: [string, Card][] = [];
  try {
    const post = async (partial: Record<string, unknown>): Promise<Card | undefined> => {
      const before = connector.cards.length;
      const activity = {
        id: randomUUID(),
        timestamp: new Date().toISOString(),
        channelId: "msteams",
        serviceUrl: connector.url,
        locale: "en-GB",
        from: { id: `29:${ALEX.id}`, name: ALEX.name, aadObjectId: ALEX.id },
        recipient: { id: "28:cse-bot", name: "CSE Assessment" },
        conversation: { id: CONVERSATION, conversationType: "personal", tenantId: PLAYGROUND_TENANT },
        channelData: { tenant: { id: PLAYGROUND_TENANT } },
        ...partial,
      };
      const res = await fetch(`${bot.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      const invoked = text ? (JSON.parse(text) as { value?: Card }).value : undefined;
      return invoked?.type === "AdaptiveCard" ? invoked : connector.cards.slice(before).at(-1);
    };
    const say = (text: string) => post({ type: "message", text, textFormat: "plain" });
    const invoke = (verb: string, data: Record<string, unknown>) =>
      post({
        type: "invoke",
        name: "adaptiveCard/action",
        value: { action: { type: "Action.Execute", verb, data: { ...data, verb } }, trigger: "manual" },
      });
    const press = (card: Card, title: string, inputs: Record<string, string> = {}) => {
      const action = findAction(card, title);
      return invoke(action.verb, { ...action.data, ...inputs });
    };
    const shot = (name: string, card: Card | undefined) => {
      if (!card) throw new Error(`No card for ${name}`);
      shots.push([name, card]);
      return card;
    };

    shot("welcome", await post({ type: "conversationUpdate", membersAdded: [{ id: "28:cse-bot" }] }));
    await say("setup"); // Alex becomes the first CSE coordinator
    await seed(bot.stores);
    shot("help", await say("help"));
    const element = shot("element", await say("assess 1.1.2"));
    shot("element-refused-link", await press(element, "Add link", { linkTitle: "Our survey", linkUrl: "javascript:alert(1)" }));
    shot("progress", await say("progress"));
    shot("history", await say("history 1.1.1"));
    shot("campaigns", await say("campaigns"));
    shot("campaign-form", await say("campaign new"));
    shot("overview", await say("overview"));
    shot("my-work", await say("my work"));
    shot("assign-form", await say("assign 3.2"));
    const report = readFileSync(join(ROOT, "test", "fixtures", "assessor-report-oadby-wigston-2023.txt"), "utf8");
    const preview = shot("import-preview", await say(`import\n${report}`));
    shot("import-done", await press(preview, "Import"));
    const plan = shot("plan-preview", await say(`import plan\n${DEMO_PLAN}`));
    shot("plan-done", await press(plan, "Import", { planElement: "1.2.1" }));
    shot("element-with-assessor", await say("assess 4.1.2"));
    shot("dates", await say("dates"));
    shot("actions", await say("actions all"));
    shot("action", await say("action 2"));
    shot("action-form", await say("action new 2.2.3"));
    const summary = shot("summary", await say("summary"));
    shot("criterion", await press(summary, "Criterion 2"));
    const standards = shot("standards", await say("standards"));
    shot("figure-form", await press(standards, "Record a figure", { standardId: "demo-letters" }));
    shot("standard-form", await say("standard new"));
    shot("export", await say("export"));
    shot("reminder", await reminder(bot.stores, config, connector.cards, invoke));
    await render(shots);
  } finally {
    await bot.close();
    connector.close();
    await azurite.stop();
  }
}

/** The demo campaign: 22 elements rated with narratives and evidence, as `npx cse-bot seed-demo` makes it. */
async function seed(stores: Awaited<ReturnType<typeof startServer>>["stores"]): Promise<void> {
  const log = createLogger("silent");
  const roles = new RolesService(stores, systemClock, log, [ALEX.id]);
  const walkthrough = new WalkthroughService(
    { stores, clock: systemClock, log, rolesOf: (actor) => roles.rolesOf(actor) },
    {
      send: () => Promise.resolve({ delivered: false }),
    },
  );
  await seedDemo(stores, walkthrough, systemClock, { tenantId: PLAYGROUND_TENANT, userId: ALEX.id, displayName: ALEX.name });
}

/** An action due in 8 working days is reminded 7 working days before, tomorrow: run that day's reminders. */
async function reminder(
  stores: Awaited<ReturnType<typeof startServer>>["stores"],
  config: ReturnType<typeof loadConfig>,
  cards: Card[],
  invoke: (verb: string, data: Record<string, string>) => Promise<Card | undefined>,
): Promise<Card | undefined> {
  const today = londonDay(systemClock.now());
  await invoke("cse.actionCreate", {
    title: "Publish the complaints leaflet in Polish and Romanian",
    dueOn: addWorkingDays(today, 8),
    refs: "3.2.1, 3.2.2",
    priority: "high",
  });
  const before = cards.length;
  await createReminderJob(stores, createAdapter(config), "", systemClock, createLogger("silent")).run(addWorkingDays(today, 1));
  return cards.slice(before).at(-1);
}

function findAction(card: Card, title: string): { verb: string; data: Record<string, unknown> } {
  const found: any[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === "object") {
      const o = n as Card;
      if (o.type === "Action.Execute" && o.title === title) found.push(o);
      for (const [k, v] of Object.entries(o)) if (k !== "fallback") walk(v);
    }
  };
  walk(card);
  if (!found[0]) throw new Error(`No button "${title}"`);
  return found[0];
}

/** Draws each card as Teams' light theme would, 500 px wide, and saves it as PNG. */
async function render(shots: readonly [string, Card][]): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 560, height: 800 }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><head><style>
      body{margin:0;background:#f5f5f5;font-family:"Segoe UI",Helvetica,Arial,sans-serif}
      #card{width:500px;margin:16px;background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.15);overflow:hidden}
      .ac-pushButton{border:1px solid #d1d1d1;border-radius:4px;background:#fff;padding:6px 12px;font-weight:600;cursor:pointer}
      .ac-pushButton.style-positive{background:#5b5fc7;color:#fff;border-color:#5b5fc7}
      a{color:#5b5fc7}</style></head><body><div id="card"></div></body></html>`);
    await page.addScriptTag({ path: join(ROOT, "node_modules", "adaptivecards", "dist", "adaptivecards.min.js") });
    // tsx names the functions below with a helper the page does not have.
    await page.evaluate("globalThis.__name = (f) => f");
    for (const [name, card] of shots) {
      await page.evaluate((json) => {
        // Runs in the browser page: its globals are not this file's.
        const page = globalThis as unknown as {
          AdaptiveCards: any;
          document: { getElementById(id: string): { innerHTML: string; appendChild(n: unknown): void } };
        };
        const AC = page.AdaptiveCards;
        AC.AdaptiveCard.onProcessMarkdown = (text: string, result: { outputHtml?: string; didProcess: boolean }) => {
          const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
          const inline = (s: string) =>
            s.replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>").replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
          result.outputHtml = escaped
            .split("\n")
            .map((line) => (line.startsWith("- ") ? `&bull; ${inline(line.slice(2))}` : inline(line)))
            .join("<br>");
          result.didProcess = true;
        };
        // Teams' light theme: the same text colours on white and on the grey "emphasis" containers.
        const foregroundColors = {
          default: { default: "#242424", subtle: "#616161" },
          good: { default: "#0E7A0B" },
          warning: { default: "#835C00" },
          attention: { default: "#C4314B" },
          accent: { default: "#5B5FC7" },
        };
        const adaptive = new AC.AdaptiveCard();
        adaptive.hostConfig = new AC.HostConfig({
          fontFamily: '"Segoe UI", Helvetica, Arial, sans-serif',
          spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 16 },
          containerStyles: {
            default: {
              backgroundColor: "#FFFFFF",
              foregroundColors,
            },
            emphasis: {
              backgroundColor: "#F5F5F5",
              foregroundColors,
            },
            good: { backgroundColor: "#E7F2DA" },
            warning: { backgroundColor: "#FBF6D9" },
            attention: { backgroundColor: "#FCF4F6" },
            accent: { backgroundColor: "#E8EBFA" },
          },
          actions: {
            actionsOrientation: "horizontal",
            buttonSpacing: 8,
            maxActions: 6,
            spacing: "default",
            showCard: { actionMode: "inline" },
          },
        });
        adaptive.parse(json);
        const host = page.document.getElementById("card");
        host.innerHTML = "";
        host.appendChild(adaptive.render());
      }, card);
      await page.locator("#card").screenshot({ path: join(OUT, `${name}.png`) });
    }
  } finally {
    await browser.close();
  }
  writeFileSync(
    join(OUT, "README.md"),
    `# The bot's cards\n\nMade by \`npm run screenshots\` from the real bot and demo data.\n\n${shots.map(([name]) => `## ${name}\n\n![${name}](${name}.png)\n`).join("\n")}`,
  );
  console.log(`${shots.length} cards drawn in docs/cards/: ${shots.map(([n]) => n).join(", ")}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
