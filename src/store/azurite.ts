/**
 * Embedded Azurite (the real Azure Storage emulator, table service) for local runs, pilots and
 * tests, run inside this process on a loopback port. Production sets TABLES_ENDPOINT or
 * TABLES_CONNECTION_STRING instead.
 *
 * Why in this process and not as a child: one process means one place that handles signals. A
 * child shared the terminal's process group, so Ctrl-C (SIGINT to the whole group) stopped it
 * before the bot had finished its last turns, and SIGTERM to the group killed it before it saved.
 * Here the bot drains its turns and then closes the emulator, which writes its database.
 *
 * Why every write is saved before it is answered: Azurite keeps tables in memory (LokiJS) and
 * saves them only every 5 s, so a crash (SIGKILL, out of memory, power cut) lost up to 5 s of
 * acknowledged saves. With data on disk, a write's HTTP answer is held until the database file
 * has been written and flushed (fsync), so anything the bot has called "Saved." is on disk.
 * Saves that arrive together share one write of the file. This reaches into Azurite's internals
 * (TableServer.metadataStore.db); package.json pins Azurite exactly, and the crash tests in
 * test/e2e/embedded-stops.test.ts fail if an upgrade changes them. Sharing the process with
 * restify, which patches http.ServerResponse for every server (writeHead returns nothing), is
 * exercised by those tests and by every end-to-end test of a bot on its own embedded storage.
 */
import { mkdirSync, readFile } from "node:fs";
import { open, rename } from "node:fs/promises";
import type { IncomingMessage, ServerResponse, Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";

// Azurite's documented, public development account (the same in every installation; not a secret).
const DEV_ACCOUNT = "devstoreaccount1";
const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
/** Azurite's own file name, so data kept by earlier versions (Azurite as a child process) still loads. */
const DB_FILE = "__azurite_db_table__.json";
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "MERGE", "DELETE"]);

export interface EmbeddedAzurite {
  readonly port: number;
  readonly connectionString: string;
  /** Stops taking requests and, with data on disk, writes the database a last time. */
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

/** The parts of Azurite 3.37's table server used here (it ships no type declarations). */
interface LokiDb {
  persistenceAdapter: LokiAdapter | null;
  saveDatabase(callback: (error?: Error | null) => void): void;
}
interface LokiAdapter {
  loadDatabase(file: string, callback: (data: string | null | Error) => void): void;
  saveDatabase(file: string, data: string, callback: (error?: Error | null) => void): void;
}
interface TableServer {
  readonly httpServer: Server;
  readonly metadataStore: { readonly db: LokiDb };
  start(): Promise<void>;
  close(): Promise<void>;
}
type TableConfigurationClass = new (
  host: string,
  port: number,
  keepAliveTimeout: number,
  metadataDBPath: string,
  enableDebugLog: boolean,
  enableAccessLog: boolean,
  accessLogWriteStream: undefined,
  debugLogFilePath: undefined,
  loose: boolean,
  skipApiVersionCheck: boolean,
  cert: string,
  key: string,
  pwd: string,
  oauth: undefined,
  disableProductStyleUrl: boolean,
  isMemoryPersistence: boolean,
) => object;

export async function startAzurite(options: AzuriteOptions = {}): Promise<EmbeddedAzurite> {
  // Loaded only when embedded storage is used: Azurite is a development dependency, absent on Azure.
  const require = createRequire(import.meta.url);
  const TableServer = (require("azurite/dist/src/table/TableServer.js") as { default: new (config: object) => TableServer }).default;
  const TableConfiguration = (require("azurite/dist/src/table/TableConfiguration.js") as { default: TableConfigurationClass }).default;

  const location = options.location === undefined ? undefined : path.resolve(options.location);
  if (location) mkdirSync(location, { recursive: true });
  const dbFile = location ? path.join(location, DB_FILE) : DB_FILE;
  // Host, port, keep-alive (s), database; no logs; API version not checked (the SDK may be newer than the emulator).
  const config = new TableConfiguration(
    "127.0.0.1",
    options.port ?? 0,
    5,
    dbFile,
    false,
    false,
    undefined,
    undefined,
    false,
    true,
    "",
    "",
    "",
    undefined,
    false,
    location === undefined,
  );
  const server = new TableServer(config);
  if (location) makeWritesDurable(server);
  await server.start();
  const { port } = server.httpServer.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return { port, connectionString: azuriteConnectionString(port), stop: () => (stopped ??= server.close()) };
}

/** Every write is on disk (fsync) before its answer leaves; the database file is replaced atomically. */
function makeWritesDurable(server: TableServer): void {
  const db = server.metadataStore.db;
  db.persistenceAdapter = durableFileAdapter;
  const [handle] = server.httpServer.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (!handle) throw new Error("Azurite's table server has no request handler: has its internal layout changed?");
  server.httpServer.removeAllListeners("request");
  server.httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (WRITE_METHODS.has(req.method ?? "")) holdAnswerUntilSaved(db, res);
    handle(req, res);
  });
}

function holdAnswerUntilSaved(db: LokiDb, res: ServerResponse): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    // Every write is saved, whether or not Loki calls the database dirty: a transaction ($batch)
    // commits without marking it, so it was answered before it was on disk (found by a crash test
    // once nothing else was written after a save).
    db.saveDatabase((error) => {
      // Never acknowledge what is not on disk: the client sees a failed request and does not say "Saved.".
      if (error) res.destroy(error);
      else end(...args);
    });
    return res;
  }) as typeof res.end;
}

const durableFileAdapter: LokiAdapter = {
  loadDatabase(file, callback) {
    readFile(file, "utf8", (error, data) => {
      if (error) callback(error.code === "ENOENT" ? null : error);
      else callback(data);
    });
  },
  saveDatabase(file, data, callback) {
    writeDurably(file, data).then(
      () => callback(null),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  },
};

/** Writes a new copy beside the file, flushes it to disk, then swaps it in and flushes the folder: a crash leaves the old file or the new, never half of one. */
async function writeDurably(file: string, data: string): Promise<void> {
  const temporary = `${file}~`;
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  const folder = await open(path.dirname(file), "r");
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
