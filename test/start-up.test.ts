/** Starting the bot with bad settings: it stops at once, with one line per setting to fix, and touches nothing. */
import { execFile } from "node:child_process";
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
    expect(stderr.trim().split("\n")).toHaveLength(4);
    expect(existsSync(dataDir)).toBe(false);
  });
});
