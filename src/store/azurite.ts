/**
 * Embedded Azurite (the real Azure Storage emulator) for local runs and tests: started as a child
 * process on a free loopback port, telemetry off. Production sets TABLES_CONNECTION_STRING instead.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";

// Azurite's documented, public development account (the same in every installation; not a secret).
const DEV_ACCOUNT = "devstoreaccount1";
const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface EmbeddedAzurite {
  readonly port: number;
  readonly connectionString: string;
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /** Folder for data; omitted means in memory (lost when stopped). */
  readonly location?: string;
  /** Fixed port; omitted means any free port. */
  readonly port?: number;
}

export function azuriteConnectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`;
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<EmbeddedAzurite> {
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await launch(port, options.location);
    } catch (error) {
      if (options.port !== undefined || attempt >= 3) throw error;
    }
  }
}

async function launch(port: number, location: string | undefined): Promise<EmbeddedAzurite> {
  const main = createRequire(import.meta.url).resolve("azurite/dist/src/table/main.js");
  const args = [main, "--tableHost", "127.0.0.1", "--tablePort", String(port), "--disableTelemetry", "--silent", "--skipApiVersionCheck"];
  if (location) {
    mkdirSync(location, { recursive: true });
    args.push("--location", path.resolve(location));
  } else args.push("--inMemoryPersistence");

  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, AZURITE_DB: "" } });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`Azurite exited (code ${code}) before it was ready: ${output.trim()}`))),
  );
  await Promise.race([waitForPort(port, 20_000), exited]);
  exited.catch(() => undefined);
  return { port, connectionString: azuriteConnectionString(port), stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    // Azurite saves its database on SIGINT only; SIGTERM would drop the last few seconds of writes.
    child.kill("SIGINT");
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Azurite did not start listening on port ${port} within ${timeoutMs} ms`);
}
