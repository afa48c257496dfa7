/** Configuration from environment variables: sensible defaults, and start-up errors that name the setting to fix. */
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

/** The ConfigError loadConfig throws for `env` (fails the test if it does not throw one). */
function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

/** Where a registered bot keeps its data on Azure. */
const AZURE_TABLES = { TABLES_ENDPOINT: "https://csebotstore.table.core.windows.net" };

describe("defaults", () => {
  it("listens on 3978 in local mode with the documented defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.HOST).toBe("0.0.0.0");
    expect(config.localMode).toBe(true);
    expect(config.BOT_ID).toBeUndefined();
    expect(config.BOT_TYPE).toBe("MultiTenant");
    expect(config.TABLE_PREFIX).toBe("cse");
    expect(config.TABLES_CONNECTION_STRING).toBeUndefined();
  });

  it("reads a numeric PORT and a valid TABLE_PREFIX", () => {
    const config = loadConfig({ PORT: "8080", TABLE_PREFIX: "oadby2025" });
    expect(config.PORT).toBe(8080);
    expect(config.TABLE_PREFIX).toBe("oadby2025");
  });

  it("leaves local mode when BOT_ID and BOT_PASSWORD are both set", () => {
    const config = loadConfig({ BOT_ID: "00000000-0000-0000-0000-000000000001", BOT_PASSWORD: "client-secret", ...AZURE_TABLES });
    expect(config.localMode).toBe(false);
    expect(config.BOT_ID).toBe("00000000-0000-0000-0000-000000000001");
  });

  it("accepts BOT_ID without a password for a user-assigned managed identity", () => {
    expect(loadConfig({ BOT_ID: "app-id", BOT_TYPE: "UserAssignedMSI", BOT_TENANT_ID: "tenant-id", ...AZURE_TABLES }).localMode).toBe(
      false,
    );
    expect(configErrorFor({ BOT_ID: "app-id", BOT_TYPE: "UserAssignedMSI", ...AZURE_TABLES }).problems).toEqual([
      "BOT_TENANT_ID is required when BOT_TYPE is UserAssignedMSI",
    ]);
  });
});

describe("errors that name the setting", () => {
  it("requires BOT_PASSWORD when BOT_ID is set", () => {
    const error = configErrorFor({ BOT_ID: "app-id" });
    expect(error.message).toContain("BOT_PASSWORD");
    expect(error.problems.some((p) => p.startsWith("BOT_PASSWORD"))).toBe(true);
  });

  it("requires BOT_ID when BOT_PASSWORD is set", () => {
    expect(configErrorFor({ BOT_PASSWORD: "client-secret" }).problems.some((p) => p.startsWith("BOT_ID"))).toBe(true);
  });

  it.each(["abc", "70000", "-1", "3978.5"])("names PORT when it is %j", (port) => {
    const error = configErrorFor({ PORT: port });
    expect(error.message).toContain("PORT");
    expect(error.problems.some((p) => p.startsWith("PORT"))).toBe(true);
  });

  it.each(["1bad", "has-hyphen", "a".repeat(21)])("names TABLE_PREFIX when it is %j", (prefix) => {
    const error = configErrorFor({ TABLE_PREFIX: prefix });
    expect(error.message).toContain("TABLE_PREFIX");
    expect(error.problems.some((p) => p.startsWith("TABLE_PREFIX"))).toBe(true);
  });

  it("requires BOT_TENANT_ID for a single-tenant bot", () => {
    const error = configErrorFor({ BOT_ID: "app-id", BOT_PASSWORD: "client-secret", BOT_TYPE: "SingleTenant" });
    expect(error.message).toContain("BOT_TENANT_ID");
    expect(
      loadConfig({ BOT_ID: "app-id", BOT_PASSWORD: "client-secret", BOT_TYPE: "SingleTenant", BOT_TENANT_ID: "tenant-1", ...AZURE_TABLES })
        .BOT_TENANT_ID,
    ).toBe("tenant-1");
  });

  it("names every problem at once", () => {
    const error = configErrorFor({ PORT: "abc", TABLE_PREFIX: "1bad" });
    expect(error.problems).toHaveLength(2);
    expect(error.message).toMatch(/PORT[\s\S]*TABLE_PREFIX|TABLE_PREFIX[\s\S]*PORT/);
  });
});

describe("empty values, as Teams Toolkit env files leave them", () => {
  it("treats an empty or blank BOT_ID as unset, staying in local mode", () => {
    for (const BOT_ID of ["", "   "]) {
      const config = loadConfig({ BOT_ID });
      expect(config.BOT_ID).toBeUndefined();
      expect(config.localMode).toBe(true);
    }
  });

  it("treats an empty BOT_PASSWORD as unset, so BOT_ID alone is still refused", () => {
    expect(configErrorFor({ BOT_ID: "app-id", BOT_PASSWORD: "" }).message).toContain("BOT_PASSWORD");
  });

  it("treats an empty BOT_TENANT_ID as unset for a single-tenant bot", () => {
    expect(configErrorFor({ BOT_ID: "app-id", BOT_PASSWORD: "s", BOT_TYPE: "SingleTenant", BOT_TENANT_ID: "" }).message).toContain(
      "BOT_TENANT_ID",
    );
  });

  it("treats an empty TABLES_CONNECTION_STRING as unset, so the embedded Azurite is used", () => {
    expect(loadConfig({ TABLES_CONNECTION_STRING: "" }).TABLES_CONNECTION_STRING).toBeUndefined();
  });

  it("treats an empty PORT as unset, listening on 3978 rather than on a random port", () => {
    expect(loadConfig({ PORT: "" }).PORT).toBe(3978);
  });

  it("falls back to the defaults for every other empty setting", () => {
    const config = loadConfig({ HOST: "", DATA_DIR: " ", TABLE_PREFIX: "", LOG_LEVEL: "", BOT_TYPE: "" });
    expect(config).toMatchObject({ HOST: "0.0.0.0", DATA_DIR: ".data", TABLE_PREFIX: "cse", LOG_LEVEL: "info", BOT_TYPE: "MultiTenant" });
  });
});

describe("COORDINATORS", () => {
  it("accepts Entra object ids and UPNs, separated by commas", () => {
    expect(loadConfig({ COORDINATORS: "sam@council.gov.uk, 0f1e2d3c-0000-1111-2222-333344445555" }).COORDINATORS).toContain(
      "sam@council.gov.uk",
    );
  });

  it("names the setting when an entry is neither an object id nor a UPN", () => {
    expect(() => loadConfig({ COORDINATORS: "sam@council.gov.uk, Sam Patel" })).toThrow(/COORDINATORS must list Entra object ids/);
  });

  it("fetches files sent in chat from SharePoint hosts unless told otherwise", () => {
    expect(loadConfig({}).FILE_HOSTS).toEqual([".sharepoint.com", ".sharepoint.us", ".sharepoint-mil.us", ".sharepoint.cn"]);
    expect(loadConfig({ FILE_HOSTS: ".sharepoint.com, files.council.gov.uk" }).FILE_HOSTS).toEqual([
      ".sharepoint.com",
      "files.council.gov.uk",
    ]);
    expect(configErrorFor({ FILE_HOSTS: "https://x.sharepoint.com/" }).problems).toEqual([
      "FILE_HOSTS must list host names such as .sharepoint.com, separated by commas",
    ]);
  });

  it("takes a storage account's table endpoint for managed identity, and not together with a connection string", () => {
    expect(loadConfig({ TABLES_ENDPOINT: "https://csebotstore.table.core.windows.net" }).TABLES_ENDPOINT).toBe(
      "https://csebotstore.table.core.windows.net",
    );
    expect(configErrorFor({ TABLES_ENDPOINT: "https://csebotstore.blob.core.windows.net" }).problems[0]).toMatch(
      /^TABLES_ENDPOINT must be a storage account's table endpoint/,
    );
    expect(
      configErrorFor({
        TABLES_ENDPOINT: "https://csebotstore.table.core.windows.net",
        TABLES_CONNECTION_STRING: "UseDevelopmentStorage=true",
      }).problems,
    ).toEqual(["TABLES_ENDPOINT and TABLES_CONNECTION_STRING are both set: use one (TABLES_ENDPOINT with a managed identity on Azure)"]);
  });

  it("takes BOT_ENDPOINT as a scheme and host only, for download links", () => {
    expect(loadConfig({ BOT_ENDPOINT: "https://cse-bot.azurewebsites.net" }).BOT_ENDPOINT).toBe("https://cse-bot.azurewebsites.net");
    expect(loadConfig({}).BOT_ENDPOINT).toBeUndefined();
    expect(configErrorFor({ BOT_ENDPOINT: "https://cse-bot.azurewebsites.net/" }).problems[0]).toMatch(
      /^BOT_ENDPOINT must be just the scheme and host/,
    );
    expect(configErrorFor({ BOT_ENDPOINT: "cse-bot" }).problems[0]).toMatch(/^BOT_ENDPOINT must be a web address/);
  });
});

describe("a registered bot's storage", () => {
  const REGISTERED = { BOT_ID: "3f2c8a71-5d4e-4b6a-9c0d-7e1f2a3b4c5d", BOT_PASSWORD: "client-secret" };

  it("refuses the embedded storage for a real Teams registration, naming the settings that fix it", () => {
    const error = configErrorFor(REGISTERED);
    expect(error.problems).toEqual([
      "TABLES_ENDPOINT or TABLES_CONNECTION_STRING is required when BOT_ID is set: a council's data belongs in Azure Table Storage, " +
        "not in the embedded storage on this one machine (for a single-machine pilot, set EMBEDDED_STORAGE=pilot to allow it)",
    ]);
  });

  it("accepts Azure Table Storage by endpoint or connection string, or the embedded storage when a pilot opts in", () => {
    expect(loadConfig({ ...REGISTERED, ...AZURE_TABLES }).TABLES_ENDPOINT).toBe(AZURE_TABLES.TABLES_ENDPOINT);
    expect(loadConfig({ ...REGISTERED, TABLES_CONNECTION_STRING: "UseDevelopmentStorage=true" }).localMode).toBe(false);
    expect(loadConfig({ ...REGISTERED, EMBEDDED_STORAGE: "pilot" }).EMBEDDED_STORAGE).toBe("pilot");
  });

  it("takes only the word pilot as the opt-in", () => {
    expect(configErrorFor({ ...REGISTERED, EMBEDDED_STORAGE: "yes" }).problems).toContain('EMBEDDED_STORAGE must be "pilot" or not set');
  });
});
