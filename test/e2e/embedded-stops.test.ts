/**
 * The embedded storage keeps every answered save however the bot is stopped. The bot is started
 * as the README says (npm start, so npm and the bot share a process group as in a terminal), on
 * its own data folder; an element is saved over HTTP as Teams would, the signal goes out within
 * 500 ms of "Saved.", and the next start must show the save. Each kind of stop is repeated.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorStub } from "../support/connector-stub.js";
import { cardText, findInputs, TeamsClient } from "../support/teams.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const REPEATS = 3;

type Stop = { readonly signal: NodeJS.Signals; readonly to: "group" | "bot" };
const STOPS: readonly Stop[] = [
  { signal: "SIGINT", to: "group" }, // Ctrl-C in the terminal
  { signal: "SIGTERM", to: "group" }, // systemd's default, kill -- -PGID, many process managers
  { signal: "SIGTERM", to: "bot" }, // App Service and container stop, kill PID
  { signal: "SIGINT", to: "bot" },
  { signal: "SIGKILL", to: "bot" }, // a hard crash: no chance to clean up
  { signal: "SIGKILL", to: "group" },
];

interface RunningBot {
  readonly npm: ChildProcess;
  readonly exited: Promise<void>;
  readonly url: string;
}

const stub = new ConnectorStub();
const dataDir = join(mkdtempSync(join(tmpdir(), "cse-stops-")), "data");

beforeAll(async () => {
  // npm start runs what `npm run build` makes; build it from this source (npm ci did too).
  await promisify(execFile)("npm", ["run", "build"], { cwd: ROOT });
  await stub.start();
}, 120_000);

afterAll(async () => {
  await stub.stop();
});

async function startAsReadmeSays(): Promise<RunningBot> {
  // PORT=0 and the address read from the bot's own "ready" line: a port chosen beforehand could be
  // taken meanwhile by a server of another test, which would then answer in the bot's place.
  // --ignore-scripts skips only prestart (the build done above); npm still runs `node dist/index.js` as its child.
  const npm = spawn("npm", ["start", "--ignore-scripts"], {
    cwd: ROOT,
    detached: true, // its own process group, as a terminal gives a foreground job
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, REMINDERS: "off", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => npm.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not become ready:\n${output}`)), 30_000);
    npm.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      const ready = /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"msg":"CSE bot ready"/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
    npm.stderr.on("data", (d: Buffer) => (output += d.toString()));
    void exited.then(() => reject(new Error(`the bot stopped before it was ready:\n${output}`)));
  });
  return { npm, url, exited };
}

/** The bot's own process (npm's child), as the embedded storage records it. */
function botPid(): number {
  return (JSON.parse(readFileSync(join(dataDir, "azurite", "endpoint.json"), "utf8")) as { pid: number }).pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stop(bot: RunningBot, how: Stop): Promise<void> {
  const pid = botPid();
  if (how.to === "group") process.kill(-bot.npm.pid!, how.signal);
  else process.kill(pid, how.signal);
  await bot.exited;
  // npm has gone; the bot must be gone too before the next start (npm waits for it, SIGKILL aside).
  for (let i = 0; alive(pid) && i < 100; i++) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) process.kill(pid, "SIGKILL");
  if (how.signal !== "SIGKILL")
    expect(existsSync(join(dataDir, "azurite", "endpoint.json")), "a clean stop removes its endpoint file").toBe(false);
}

function officer(bot: RunningBot): TeamsClient {
  return new TeamsClient(() => bot.url, stub.url, { tenantId: "tenant-stops", aadObjectId: "user-sam", name: "Sam Patel" });
}

const REFS = ["1.1.1", "1.1.2", "1.1.3", "1.2.1", "1.2.2", "1.2.3", "1.3.1", "1.3.2", "1.3.3", "1.3.4"];

let bot: RunningBot;
let saves = 0;

/** Saves an element over HTTP as Teams would and returns what was typed, checking the answer said "Saved.". */
async function saveOne(how: Stop): Promise<{ ref: string; narrative: string; answeredAt: number }> {
  const sam = officer(bot);
  const ref = REFS[saves % REFS.length]!;
  const narrative = `Save ${++saves}, then ${how.signal} to the ${how.to}: the residents' survey 2026 shows "how" we know our customers.`;
  await sam.say(`assess ${ref}`);
  const reply = await sam.press(stub.cards(sam.conversationId).at(-1)!, "Save", { rating: "compliance", narrative });
  const answeredAt = Date.now();
  expect(cardText(reply.body?.value)).toContain("Saved.");
  return { ref, narrative, answeredAt };
}

async function readBack(ref: string): Promise<{ text: string; narrative: unknown }> {
  const sam = officer(bot);
  await sam.say(`assess ${ref}`);
  const card = stub.cards(sam.conversationId).at(-1)!;
  return { text: cardText(card), narrative: findInputs(card).find((i) => i.id === "narrative")?.value };
}

describe("the embedded storage, stopped every way people stop it", () => {
  beforeAll(async () => {
    bot = await startAsReadmeSays();
  }, 60_000);

  afterAll(async () => {
    if (bot.npm.exitCode === null) await stop(bot, { signal: "SIGTERM", to: "bot" });
  });

  it.each(STOPS)(
    `keeps the save answered "Saved." when $signal goes to the $to within 500 ms (${REPEATS} times)`,
    async (how) => {
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        const saved = await saveOne(how);
        await new Promise((r) => setTimeout(r, repeat === 0 ? 0 : 150 * repeat)); // at once, or a little later
        expect(Date.now() - saved.answeredAt).toBeLessThan(500);
        await stop(bot, how);
        bot = await startAsReadmeSays();
        const after = await readBack(saved.ref);
        expect(after.text).toContain("Current rating: **Compliance**");
        expect(after.narrative).toBe(saved.narrative);
      }
    },
    90_000,
  );
});
