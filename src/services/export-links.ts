/**
 * Download links for exports asked for in chat. A link names the organisation, campaign, format
 * and person, expires after a few minutes, and is signed with a key kept in storage (so any
 * instance can serve a link another made). The file is built when the link is opened, from what
 * is stored then. No Teams SDK.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Refusal } from "../domain/refusal.js";
import { can } from "../domain/roles.js";
import { EXPORT_FORMATS, exportCampaign, type ExportedFile, type ExportFormat } from "./export.js";
import type { Actor } from "./views.js";
import { Service, type ServiceContext } from "./context.js";

export const LINK_MINUTES = 15;

export interface ExportLink {
  readonly format: ExportFormat;
  readonly url: string;
}

export interface ExportLinks {
  readonly campaignName: string;
  readonly links: readonly ExportLink[];
  /** ISO time the links stop working. */
  readonly expiresAt: string;
}

const claimsSchema = z.object({ t: z.string(), c: z.string(), f: z.enum(EXPORT_FORMATS), u: z.string(), e: z.number().int() }).strict();
type Claims = z.infer<typeof claimsSchema>;

export class ExportLinkService extends Service {
  constructor(
    context: ServiceContext,
    /** Where this bot is reached from outside, without a trailing slash: BOT_ENDPOINT. */
    private readonly baseUrl: () => string,
  ) {
    super(context);
  }

  /** Signed links to each format of `campaignId`, for people who may export. */
  async create(actor: Actor, campaignId: string | undefined): Promise<ExportLinks | Refusal> {
    if (!can(await this.rolesOf(actor), "export")) {
      this.log.warn({ tenant: actor.tenantId, user: actor.userId, code: "not-allowed" }, "export refused");
      return {
        code: "not-allowed",
        message:
          "Exports hold everyone's narratives and evidence, so they are for CSE coordinators, reviewers and leaders. Type roles to see who they are.",
      };
    }
    const campaign = campaignId ? await this.stores.campaigns.get(actor.tenantId, campaignId) : undefined;
    if (!campaign) return { code: "unknown-campaign", message: "There is no campaign to export yet." };
    const expires = Math.floor(this.clock.now().getTime() / 1000) + LINK_MINUTES * 60;
    const key = await this.stores.files.linkSigningKey();
    const links = EXPORT_FORMATS.map((format) => ({
      format,
      url: `${this.baseUrl()}/exports/${sign(key, { t: actor.tenantId, c: campaign.id, f: format, u: actor.userId, e: expires })}`,
    }));
    this.log.info({ tenant: actor.tenantId, user: actor.userId, campaign: campaign.id }, "export links made");
    return { campaignName: campaign.name, links, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** The file behind a link, if the link is genuine and still valid. */
  async open(token: string): Promise<ExportedFile | Refusal> {
    const claims = verify(await this.stores.files.linkSigningKey(), token);
    if (!claims) {
      this.log.warn({ code: "invalid-payload" }, "export link refused: not genuine");
      return {
        code: "invalid-payload",
        message: "This download link is not valid. Type export in your chat with the CSE bot for a new one.",
      };
    }
    if (claims.e * 1000 < this.clock.now().getTime())
      return {
        code: "stale",
        message: `This download link has expired (links work for ${LINK_MINUTES} minutes). Type export in your chat with the CSE bot for a new one.`,
      };
    // The person may have lost the role since the link was made.
    if (!can(await this.rolesOf({ tenantId: claims.t, userId: claims.u, displayName: "" }), "export"))
      return { code: "not-allowed", message: "You no longer have a role that may export. Ask a CSE coordinator." };
    const campaign = await this.stores.campaigns.get(claims.t, claims.c);
    if (!campaign) return { code: "unknown-campaign", message: "That campaign no longer exists." };
    this.log.info({ tenant: claims.t, user: claims.u, campaign: claims.c, format: claims.f }, "export downloaded");
    return exportCampaign(this.stores, this.clock, campaign, claims.f);
  }
}

function sign(key: Buffer, claims: Claims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  // "~" not ".": it is URL-safe, outside base64url, and restify's router does not split on it.
  return `${body}~${mac(key, body).toString("base64url")}`;
}

function verify(key: Buffer, token: string): Claims | undefined {
  const [body, signature, extra] = token.split("~");
  if (!body || !signature || extra !== undefined || token.length > 2000) return undefined;
  const given = Buffer.from(signature, "base64url");
  const expected = mac(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const parsed = claimsSchema.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac("sha256", key).update(body).digest();
}
