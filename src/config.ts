/** The one configuration loader: environment variables in, a validated, typed Config out. */
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** A whole number in [min, max], with one message for every way of getting it wrong. */
const wholeNumber = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ invalid_type_error: message }).int(message).min(min, message).max(max, message);
};

const schema = z.object({
  PORT: wholeNumber(0, 65535).default(3978), // 0: any free port (tests)
  HOST: z.string().trim().default("0.0.0.0"),
  BOT_ID: optionalText,
  BOT_PASSWORD: optionalText,
  BOT_TENANT_ID: optionalText,
  BOT_TYPE: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("MultiTenant"),
  /** Where the Bot Framework publishes the keys that sign Teams' requests; unset means the public cloud's. */
  BOT_OPENID_METADATA_URL: optionalText.pipe(z.string().url("must be a web address").optional()),
  TABLES_CONNECTION_STRING: optionalText,
  /** On Azure: the account's table endpoint, reached with the app's managed identity (no keys). */
  TABLES_ENDPOINT: optionalText.pipe(
    z
      .string()
      .regex(
        /^https:\/\/[a-z0-9-]+\.table\.core\.(windows\.net|usgovcloudapi\.net|chinacloudapi\.cn)\/?$/,
        "must be a storage account's table endpoint, such as https://csebotstore.table.core.windows.net",
      )
      .optional(),
  ),
  /** The bot's public address (no trailing slash), for download links; default http://localhost:PORT. */
  BOT_ENDPOINT: optionalText.pipe(
    z
      .string()
      .url("must be a web address such as https://cse-bot.azurewebsites.net")
      .regex(
        /^https?:\/\/[^/]+$/,
        "must be just the scheme and host, such as https://cse-bot.azurewebsites.net, with no path or trailing slash",
      )
      .optional(),
  ),
  TABLE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,19}$/, "must start with a letter and hold only letters and digits (at most 20)")
    .default("cse"),
  DATA_DIR: z.string().trim().default(".data"),
  /** "pilot": a real Teams registration (BOT_ID) may keep its data in the embedded storage on this one machine. */
  EMBEDDED_STORAGE: z.enum(["pilot"], { message: 'must be "pilot" or not set' }).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** "off" when reminders are sent by `cse-bot reminders run` from cron or a timer instead. */
  REMINDERS: z.enum(["on", "off"]).default("on"),
  /** How often each instance looks for reminders to send (only the lease holder sends). */
  REMINDER_INTERVAL_MINUTES: wholeNumber(1, 60).default(5),
  /** The certification outlook on summaries: at least this many of the 57 at Compliance or better... */
  OUTLOOK_MIN_COMPLIANT: wholeNumber(0, 57).default(46),
  /** ...and at most this many Non-Compliance (assessors allow none). */
  OUTLOOK_MAX_NON_COMPLIANCE: wholeNumber(0, 57).default(0),
  /** Where files sent in chat may be fetched from: host names, or ".domain" for all its subdomains. */
  FILE_HOSTS: z
    .string()
    .default(".sharepoint.com,.sharepoint.us,.sharepoint-mil.us,.sharepoint.cn")
    .transform((v) => v.split(/[,;\s]+/).filter(Boolean))
    .refine((hosts) => hosts.every((h) => /^\.?[a-z0-9.-]+$/i.test(h)), {
      message: "must list host names such as .sharepoint.com, separated by commas",
    }),
  /** Coordinators from the start: Entra object ids or UPNs, comma-separated. */
  COORDINATORS: z
    .string()
    .default("")
    .refine(
      (v) => v.split(/[,;\s]+/).every((item) => item === "" || /^[0-9a-f-]{36}$/i.test(item) || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(item)),
      {
        message: "must list Entra object ids (GUIDs) or user principal names (name@council.gov.uk), separated by commas",
      },
    ),
});

/**
 * Rules between settings, checked on the values as given so that they are reported together
 * with any malformed setting: one start-up tells everything that needs fixing.
 */
function crossChecks(c: Readonly<Record<string, string | undefined>>): string[] {
  const problems: string[] = [];
  const type = c.BOT_TYPE ?? "MultiTenant";
  if (c.BOT_ID && !c.BOT_PASSWORD && type !== "UserAssignedMSI")
    problems.push("BOT_PASSWORD is required when BOT_ID is set (the bot's client secret)");
  if (c.BOT_PASSWORD && !c.BOT_ID) problems.push("BOT_ID is required when BOT_PASSWORD is set");
  if (c.TABLES_CONNECTION_STRING && c.TABLES_ENDPOINT)
    problems.push("TABLES_ENDPOINT and TABLES_CONNECTION_STRING are both set: use one (TABLES_ENDPOINT with a managed identity on Azure)");
  if (c.BOT_ID && !c.TABLES_ENDPOINT && !c.TABLES_CONNECTION_STRING && c.EMBEDDED_STORAGE !== "pilot")
    problems.push(
      "TABLES_ENDPOINT or TABLES_CONNECTION_STRING is required when BOT_ID is set: a council's data belongs in Azure Table Storage, " +
        "not in the embedded storage on this one machine (for a single-machine pilot, set EMBEDDED_STORAGE=pilot to allow it)",
    );
  if ((type === "SingleTenant" || type === "UserAssignedMSI") && !c.BOT_TENANT_ID)
    problems.push(`BOT_TENANT_ID is required when BOT_TYPE is ${type}`);
  return problems;
}

/** Every setting the bot reads (the deployment's app settings are checked against this list). */
export const SETTING_NAMES: readonly string[] = Object.keys(schema.shape);

export type Config = z.infer<typeof schema> & {
  /** No BOT_ID: accept unauthenticated activities, as the Agents Playground sends them. */
  readonly localMode: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Teams Toolkit env files write "NAME=" for unset values: empty means "use the default".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== "")) as Record<
    string,
    string
  >;
  const parsed = schema.safeParse(given);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "config"} ${i.message}`)),
    ...crossChecks(given),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  return { ...parsed.data, localMode: !parsed.data.BOT_ID };
}
