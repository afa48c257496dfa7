/**
 * What the two imports (the assessor's report, the council's improvement plan) share: a file is
 * read into a preview, its text waits in storage for the coordinator's Import (on any instance,
 * after a restart too), and only the latest preview, for a day, can be imported.
 */
import { createHash } from "node:crypto";
import type { Clock } from "../clock.js";
import type { Refusal } from "../domain/refusal.js";
import { TooLargeToKeepError, type PendingImport, type Stores } from "../store/index.js";
import type { Actor } from "./views.js";

/** How long a preview waits for Import. */
const PREVIEW_HOURS = 24;

/** The same text however its whitespace was laid out (a .docx and its pasted text match). */
export function fingerprintOf(text: string): string {
  return createHash("sha256").update(text.replace(/\s+/g, " ").trim()).digest("hex");
}

/** The preview `actor` is confirming, if it is still the latest of that kind and under a day old. */
export async function waitingImport(
  stores: Stores,
  clock: Clock,
  actor: Actor,
  kind: PendingImport["kind"],
  fingerprint: string,
): Promise<PendingImport | Refusal> {
  const pending = await stores.files.pendingImport(actor.tenantId, actor.userId);
  const fresh = pending && Date.parse(pending.storedAt) > clock.now().getTime() - PREVIEW_HOURS * 3_600_000;
  if (pending && !fresh) await stores.files.forgetImport(actor.tenantId, actor.userId);
  if (pending && fresh && pending.kind === kind && pending.fingerprint === fingerprint) return pending;
  const what = kind === "figures" ? "file of figures" : kind;
  return {
    code: "stale",
    message: `That preview is no longer waiting (previews last a day, and only the latest file you sent can be imported). Nothing was imported: please send the ${what} again.`,
  };
}

/** Keeps a previewed file's text for its Import; a refusal when it is far too large to be what it claims. */
export async function keepPreview(stores: Stores, actor: Actor, pending: PendingImport): Promise<Refusal | undefined> {
  try {
    await stores.files.keepImport(actor.tenantId, actor.userId, pending);
    return undefined;
  } catch (error) {
    if (!(error instanceof TooLargeToKeepError)) throw error;
    const what = { plan: "an improvement plan", report: "an assessor's report", figures: "a file of figures" }[pending.kind];
    const itself = pending.kind === "figures" ? "fewer figures at a time" : `the ${pending.kind} itself`;
    return {
      code: "text-too-long",
      message: `That file holds far more text than ${what}, so I did not read it. Please send ${itself}.`,
    };
  }
}
