/**
 * Benchmark: how much answered work a hard crash (SIGKILL) of the embedded storage loses, and
 * what saving every write costs. Two set-ups, each in its own process on its own data folder:
 *
 *   baseline  Azurite as it ships (its own command line): saves its database every 5 s
 *   bot       the bot's embedded Azurite: every write on disk (fsync) before it is answered
 *
 * Each round writes entities one after another, as bot turns do (every other one a transaction of
 * two, as a save with its audit entry is), for a random 1 to 6 s, kills
 * the process with SIGKILL the moment the last answer arrives, starts it again on the same
 * folder and reads back which answered writes are missing. The window is the age, at the kill,
 * of the oldest answered write that was lost. Figures are printed, not asserted.
 *
 *   npm run bench:crash            (ROUNDS=5 by default)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TableClient } from "@azure/data-tables";
import { azuriteConnectionString } from "../src/store/azurite.js";
import { freePort } from "../test/support/ports.js";

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const TABLE = "crashbench";
type Mode = "baseline" | "bot";

interface Running {
  readonly child: ChildProcess;
  readonly port: number;
}

/** Starts the storage in a process of its own, so that it can be killed without killing this one. */
async function startStorage(mode: Mode, folder: string): Promise<Running> {
  const port = await freePort();
  const azuriteMain = createRequire(import.meta.url).resolve("azurite/dist/src/table/main.js");
  const args =
    mode === "baseline"
      ? [
          azuriteMain,
          "--tableHost",
          "127.0.0.1",
          "--tablePort",
          String(port),
          "--location",
          folder,
          "--silent",
          "--disableTelemetry",
          "--skipApiVersionCheck",
        ]
      : [
          "--import",
          "tsx",
          "-e",
          `import("./src/store/azurite.ts").then((m) => m.startAzurite({ location: ${JSON.stringify(folder)}, port: ${port} }))`,
        ];
  const child = spawn(process.execPath, args, { stdio: "ignore" });
  const client = tableClient(port);
  for (let i = 0; i < 200; i++) {
    try {
      await client.createTable();
      return { child, port };
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 409) return { child, port };
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`${mode} storage did not start`);
}

function tableClient(port: number): TableClient {
  return TableClient.fromConnectionString(azuriteConnectionString(port), TABLE, { allowInsecureConnection: true });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

interface Round {
  readonly answered: number;
  readonly lost: number;
  readonly windowMs: number;
  readonly latencies: number[];
}

async function round(mode: Mode): Promise<Round> {
  const folder = mkdtempSync(join(tmpdir(), `crash-${mode}-`));
  const first = await startStorage(mode, folder);
  const client = tableClient(first.port);
  const answeredAt = new Map<string, number>();
  const latencies: number[] = [];
  const until = Date.now() + 1000 + Math.random() * 5000;
  // Ends on a transaction: the write most likely to be answered before it is on disk.
  for (let i = 0; Date.now() < until || i % 2 === 0; i++) {
    const rowKey = String(i).padStart(6, "0");
    const started = performance.now();
    const row = { partitionKey: "p", rowKey, narrative: "x".repeat(500) };
    // Every other write is a transaction, as a save with its audit entry is.
    if (i % 2)
      await client.submitTransaction([
        ["upsert", row, "Replace"],
        ["upsert", { ...row, rowKey: `${rowKey}-audit` }, "Replace"],
      ]);
    else await client.upsertEntity(row, "Replace");
    latencies.push(performance.now() - started);
    answeredAt.set(rowKey, Date.now());
  }
  const killedAt = Date.now();
  await kill(first.child);

  const again = await startStorage(mode, folder);
  const kept = new Set<string>();
  for await (const e of tableClient(again.port).listEntities()) kept.add(e.rowKey!);
  await kill(again.child);
  const lost = [...answeredAt].filter(([key]) => !kept.has(key));
  const windowMs = lost.length ? killedAt - Math.min(...lost.map(([, at]) => at)) : 0;
  return { answered: answeredAt.size, lost: lost.length, windowMs, latencies };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  console.log(
    `\nEmbedded storage and hard crashes: ${ROUNDS} rounds each, SIGKILL right after the last answer, Node ${process.versions.node}\n`,
  );
  const results: Record<Mode, Round[]> = { baseline: [], bot: [] };
  for (let r = 0; r < ROUNDS; r++) for (const mode of ["baseline", "bot"] as const) results[mode].push(await round(mode));
  const baseLatency = median(results.baseline.flatMap((x) => x.latencies));
  console.log("set-up                                   answered   lost   longest window   median write   x baseline");
  for (const mode of ["baseline", "bot"] as const) {
    const rounds = results[mode];
    const latency = median(rounds.flatMap((x) => x.latencies));
    const label = mode === "baseline" ? "baseline: Azurite as shipped (5 s saves)" : "bot: every write on disk before answer";
    console.log(
      `${label.padEnd(40)} ${String(rounds.reduce((n, x) => n + x.answered, 0)).padStart(8)} ${String(rounds.reduce((n, x) => n + x.lost, 0)).padStart(6)}` +
        `   ${`${Math.max(...rounds.map((x) => x.windowMs))} ms`.padStart(14)}   ${`${latency.toFixed(2)} ms`.padStart(12)}   ${(latency / baseLatency).toFixed(1).padStart(10)}`,
    );
  }
}

await main();
