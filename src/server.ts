/**
 * The HTTP server (restify): POST /api/messages for Teams, GET /healthz for probes.
 * Everything an instance needs lives in storage, so any number of these can run side by side.
 */
import restify from "restify";
import { createAdapter } from "./bot/adapter.js";
import { createBotApp } from "./bot/app.js";
import { processMessage } from "./bot/http.js";
import { TeamsNotifier } from "./bot/notifier.js";
import { systemClock, type Clock } from "./clock.js";
import type { Config } from "./config.js";
import { createLogger, type Logger } from "./logger.js";
import { parseCoordinatorList, type Role } from "./domain/roles.js";
import { RolesService } from "./services/roles.js";
import { AssignmentService } from "./services/assignments.js";
import { CampaignService } from "./services/campaigns.js";
import { CertificationService } from "./services/certification.js";
import { ActionService } from "./services/actions.js";
import { OverviewService } from "./services/overview.js";
import { WalkthroughService, type Actor } from "./services/walkthrough.js";
import { countStorageRequests, mendCopies, openStores, type Stores } from "./store/index.js";
import { routeOf, userHash } from "./bot/turn-log.js";
import { InFlight } from "./in-flight.js";
import { actorFrom, isRefusal } from "./bot/identity.js";
import { ReminderScheduler, type SchedulerOptions } from "./jobs/scheduler.js";
import { createDigestJob, createReminderJob } from "./reminders.js";
import { SummaryService } from "./services/summary.js";
import { DigestService } from "./services/digests.js";
import { ReminderService } from "./services/reminders.js";
import { TeamsDelivery } from "./bot/delivery.js";
import type { ServiceContext } from "./services/context.js";
import { PlanImportService } from "./services/plan-import.js";
import { StandardsService } from "./services/standards.js";
import { FigureService } from "./services/figures.js";
import { FigureImportService } from "./services/figure-import.js";
import { ReportImportService } from "./services/report-import.js";
import { ExportLinkService } from "./services/export-links.js";
import { MAX_UPLOAD_BYTES } from "./io/extract-text.js";
import { serveExport } from "./bot/exports-route.js";

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly stores: Stores;
  /** Undefined when REMINDERS=off. */
  readonly scheduler?: ReminderScheduler;
  close(): Promise<void>;
}

export interface ServerOptions {
  readonly clock?: Clock;
  readonly log?: Logger;
  /** Scheduler settings (tests use a short lease and their own instance ids). */
  readonly scheduler?: SchedulerOptions;
  /** How long close() waits for turns in progress. */
  readonly shutdownGraceMs?: number;
}

/** How long a shutdown waits for turns in progress (App Service and Container Apps allow 30 s after SIGTERM). */
const SHUTDOWN_GRACE_MS = 25_000;

/** Bot Framework activities are small; a card action with the longest allowed text is under 64 KB. */
const MAX_BODY_BYTES = 256 * 1024;

export async function startServer(config: Config, connectionString: string, options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const stores = await openStores(connectionString, config.TABLE_PREFIX);
  const clock = options.clock ?? systemClock;
  const coordinators = parseCoordinatorList(config.COORDINATORS);
  const roles = new RolesService(stores, clock, log, coordinators);
  const rolesOf = (actor: Actor, stored?: readonly Role[]) => roles.rolesOf(actor, stored);
  // What every service is built with.
  const context: ServiceContext = { stores, clock, log, rolesOf };
  const adapter = createAdapter(config);
  const delivery = new TeamsDelivery(adapter, config.BOT_ID ?? "", stores.tenants, log);
  const notifier = new TeamsNotifier(delivery, log);
  const walkthrough = new WalkthroughService(context, notifier);
  const assignments = new AssignmentService(context, notifier);
  const overview = new OverviewService(context, notifier);
  const campaigns = new CampaignService(context);
  const certification = new CertificationService(context);
  const actions = new ActionService(context, notifier);
  const reminderViews = new ReminderService(stores, clock, rolesOf);
  const summaries = new SummaryService(stores, clock, rolesOf, {
    minCompliant: config.OUTLOOK_MIN_COMPLIANT,
    maxNonCompliance: config.OUTLOOK_MAX_NON_COMPLIANCE,
  });
  const digests = new DigestService(context);
  const imports = new ReportImportService(context, certification);
  const plans = new PlanImportService(context);
  const standards = new StandardsService(context);
  const figures = new FigureService(context, standards);
  const figureImports = new FigureImportService(context);
  let publicUrl = config.BOT_ENDPOINT ?? "";
  const exportLinks = new ExportLinkService(context, () => publicUrl);
  const app = createBotApp({
    adapter,
    botAppId: config.BOT_ID ?? "",
    localMode: config.localMode,
    walkthrough,
    roles,
    campaigns,
    assignments,
    overview,
    certification,
    actions,
    reminders: reminderViews,
    summaries,
    digests,
    imports,
    plans,
    standards,
    figures,
    figureImports,
    exportLinks,
    download: { allowedHosts: config.FILE_HOSTS, maxBytes: MAX_UPLOAD_BYTES, timeoutMs: 60_000 },
    delivery,
    clock,
    coordinatorsByUpn: coordinators.some((c) => c.includes("@")),
    log,
  });

  const inFlight = new InFlight();
  let draining = false;
  // maxParamLength reaches restify's router (find-my-way), whose default of 100 characters is shorter than a signed export link.
  const server = restify.createServer({ name: "cse-bot", handleUncaughtExceptions: false, maxParamLength: 1024 });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.post("/api/messages", async (req, res) => {
    const started = Date.now();
    const turn = { tenant: undefined as string | undefined, user: undefined as string | undefined, route: "unknown" };
    const { result: reply, requests } = await inFlight.track(() =>
      countStorageRequests(() =>
        processMessage(
          adapter,
          { body: req.body as unknown, contentType: req.headers["content-type"], authorization: req.headers.authorization },
          async (context) => {
            turn.route = routeOf(context.activity);
            const who = actorFrom(context.activity, config.localMode);
            if (!isRefusal(who)) [turn.tenant, turn.user] = [who.tenantId, userHash(who.tenantId, who.userId)];
            // Where to reach this organisation, for reminders to people who never wrote to the bot.
            if (!isRefusal(who) && context.activity.serviceUrl) await stores.tenants.register(who.tenantId, context.activity.serviceUrl);
            await app.run(context);
          },
          log,
        ),
      ),
    );
    res.send(reply.status, reply.body);
    log.info(
      { tenant: turn.tenant, user: turn.user, route: turn.route, status: reply.status, ms: Date.now() - started, storage: requests },
      "turn",
    );
  });

  server.get("/exports/:token", async (req, res) => {
    const token = (req.params as Record<string, unknown>).token;
    await serveExport(exportLinks, typeof token === "string" ? token : "", res, log);
  });

  // Readiness: take traffic only while storage answers and no shutdown has begun.
  server.get("/readyz", async (_req, res) => {
    if (draining) return void res.send(503, { status: "draining" });
    try {
      await stores.tables.ping();
      res.send(200, { status: "ready", inFlight: inFlight.size });
    } catch {
      res.send(503, { status: "unavailable", storage: "unreachable" });
    }
  });

  server.get("/healthz", async (_req, res) => {
    try {
      await stores.tables.ping();
      res.send(200, { status: "ok", storage: "reachable" });
    } catch (error) {
      log.warn({ err: error }, "health check: storage unreachable");
      res.send(503, { status: "unavailable", storage: "unreachable" });
    }
  });

  const reminders = createReminderJob(stores, adapter, config.BOT_ID ?? "", clock, log);
  const digestJob = createDigestJob(stores, summaries, adapter, config.BOT_ID ?? "", clock, log);
  const scheduler =
    config.REMINDERS === "on"
      ? new ReminderScheduler(reminders, stores.outbox, clock, log, {
          intervalMs: config.REMINDER_INTERVAL_MINUTES * 60_000,
          digests: digestJob,
          upkeep: () => mendCopies(stores.tables),
          ...options.scheduler,
        })
      : undefined;
  scheduler?.start();

  await new Promise<void>((resolve) => {
    server.listen(config.PORT, config.HOST, resolve);
  });
  const port = server.address().port;
  publicUrl ||= `http://localhost:${port}`;
  const host = config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST;
  return {
    url: `http://${host}:${port}`,
    port,
    stores,
    scheduler,
    /** Stops taking requests, lets turns in progress finish, then stops the scheduler (giving up its lease). */
    close: async () => {
      draining = true;
      const closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      server.server.closeIdleConnections?.();
      const unfinished = await inFlight.drained(options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS);
      if (unfinished > 0) log.warn({ unfinished }, "shutting down with turns still running");
      await scheduler?.stop();
      server.server.closeAllConnections?.();
      await closed;
    },
  };
}
