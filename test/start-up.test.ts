/** Starting the bot with bad settings: it stops at once, with one line per setting to fix, and touches nothing. */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function start(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, ["--import", "tsx", "src/index.ts"], { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 30_000 });
    return { code: 0, stderr: "" };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe("start-up with bad configuration", () => {
  it("exits with EX_CONFIG (78) and names each wrong or missing setting, before starting any storage", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "cse-start-")), "data");
    const { code, stderr } = await start({
      DATA_DIR: dataDir,
      PORT: "eighty",
      BOT_ID: "6c1f9d0e-3b2a-4c5d-8e7f-0a1b2c3d4e5f",
      BOT_ENDPOINT: "https://cse-bot.example.org/",
    });
    expect(code).toBe(78);
    expect(stderr).toContain("Configuration is not valid:");
    expect(stderr).toContain("  - PORT must be a whole number from 0 to 65535");
    expect(stderr).toContain("  - BOT_PASSWORD is required when BOT_ID is set (the bot's client secret)");
    expect(stderr).toMatch(/ {2}- BOT_ENDPOINT must be just the scheme and host/);
    expect(stderr).toContain("  - TABLES_ENDPOINT or TABLES_CONNECTION_STRING is required when BOT_ID is set");
    expect(stderr.trim().split("\n")).toHaveLength(5);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("refuses to keep a registered bot's data in the embedded storage unless a pilot says so, starting no storage", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "cse-start-")), "data");
    const { code, stderr } = await start({
      DATA_DIR: dataDir,
      BOT_ID: "6c1f9d0e-3b2a-4c5d-8e7f-0a1b2c3d4e5f",
      BOT_PASSWORD: "not-a-real-secret",
    });
    expect(code).toBe(78);
    expect(stderr.trim().split("\n")).toEqual([
      "Configuration is not valid:",
      "  - TABLES_ENDPOINT or TABLES_CONNECTION_STRING is required when BOT_ID is set: a council's data belongs in Azure Table Storage, " +
        "not in the embedded storage on this one machine (for a single-machine pilot, set EMBEDDED_STORAGE=pilot to allow it)",
    ]);
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe("a pilot on the embedded storage", () => {
  it("starts when EMBEDDED_STORAGE=pilot and says at every start where the data is and that it has no backup", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "cse-pilot-")), "data");
    const bot = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
      env: {
        PATH: process.env.PATH ?? "",
        DATA_DIR: dataDir,
        PORT: "0",
        HOST: "127.0.0.1",
        REMINDERS: "off",
        BOT_ID: "6c1f9d0e-3b2a-4c5d-8e7f-0a1b2c3d4e5f",
        BOT_PASSWORD: "not-a-real-secret",
        EMBEDDED_STORAGE: "pilot",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const ready = new Promise<void>((resolve, reject) => {
      bot.stdout.on("data", (d: Buffer) => {
        output += d.toString();
        if (output.includes("CSE bot ready")) resolve();
      });
      bot.once("exit", (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const exited = new Promise((resolve) => bot.once("exit", resolve));
    try {
      await ready;
    } finally {
      bot.kill("SIGTERM");
      await exited;
    }
    const warning = output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .find((line) => line.level === 40);
    expect(warning?.msg).toContain(
      `EMBEDDED_STORAGE=pilot: this council's data is kept on this machine only, in ${join(dataDir, "azurite")}.`,
    );
    expect(warning?.msg).toContain("there is no backup and no second instance");
  });
});
