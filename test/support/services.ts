/** The services wired as the server wires them, on fresh tables in the shared Azurite, with a fixed clock. */
import { fixedClock } from "../../src/clock.js";
import { createLogger } from "../../src/logger.js";
import { AssignmentService } from "../../src/services/assignments.js";
import { CampaignService } from "../../src/services/campaigns.js";
import { CertificationService } from "../../src/services/certification.js";
import { OverviewService } from "../../src/services/overview.js";
import { RolesService } from "../../src/services/roles.js";
import { WalkthroughService, type Actor } from "../../src/services/walkthrough.js";
import { RecordingNotifier } from "./notifier.js";
import { freshStores } from "./storage.js";

/** `unreachable`: people Teams cannot reach (the app is not installed for them). */
export async function serviceWorld(options: { coordinators?: readonly string[]; now?: string; unreachable?: readonly string[] } = {}) {
  const stores = await freshStores();
  const clock = fixedClock(options.now ?? "2026-11-20T10:00:00Z");
  const log = createLogger("silent");
  const roles = new RolesService(stores, clock, log, options.coordinators ?? []);
  const rolesOf = (actor: Actor) => roles.rolesOf(actor);
  const notifier = new RecordingNotifier(new Set(options.unreachable));
  return {
    stores,
    clock,
    log,
    roles,
    rolesOf,
    notifier,
    walkthrough: new WalkthroughService({ stores, clock, log, rolesOf }, notifier),
    campaigns: new CampaignService({ stores, clock, log, rolesOf }),
    assignments: new AssignmentService({ stores, clock, log, rolesOf }, notifier),
    overview: new OverviewService({ stores, clock, log, rolesOf }, notifier),
    certification: new CertificationService({ stores, clock, log, rolesOf }),
  };
}
