/**
 * What the one log line per turn says about it: which kind of request it was (the command word,
 * card verb or event, never what someone typed) and who, as a hash that links a person's turns
 * without naming them.
 */
import { createHash } from "node:crypto";
import type { Activity } from "botbuilder";
import { COMMAND_WORDS } from "./registry.js";

export function routeOf(activity: Partial<Activity>): string {
  switch (activity.type) {
    case "message": {
      const value = activity.value as { verb?: unknown } | undefined;
      if (typeof value?.verb === "string") return `card:${value.verb.replace(/[^\w.]/g, "").slice(0, 40)}`;
      if (activity.attachments?.some((a) => a.contentType === "application/vnd.microsoft.teams.file.download.info")) return "message:file";
      const word =
        (activity.text ?? "")
          .replace(/<at>.*?<\/at>/g, "")
          .trim()
          .split(/\s+/)[0]
          ?.toLowerCase() ?? "";
      return COMMAND_WORDS.has(word) ? `message:${word}` : "message:other";
    }
    case "invoke": {
      const verb = (activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
      return typeof verb === "string"
        ? `card:${verb.replace(/[^\w.]/g, "").slice(0, 40)}`
        : `invoke:${String(activity.name ?? "").slice(0, 40)}`;
    }
    case "conversationUpdate":
      return activity.membersAdded?.length ? "install" : "conversationUpdate";
    default:
      return String(activity.type ?? "unknown").slice(0, 30);
  }
}

/** A stable, anonymous handle for a person in one organisation. */
export function userHash(tenantId: string, userId: string): string {
  return createHash("sha256").update(`${tenantId}\n${userId}`).digest("hex").slice(0, 16);
}
