/**
 * The Azure deployment, checked offline (there is no Bicep compiler here; `az bicep build --file
 * infra/azure.bicep` is the full check): the template, its parameters file, teamsapp.yml, the
 * env template and the bot's own settings agree with each other, and nothing secret is needed.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig, SETTING_NAMES } from "../../src/config.js";
import { TABLE_NAMES } from "../../src/store/tables.js";
import { readEnvFile } from "../../scripts/package-app.js";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const bicep = read("infra/azure.bicep");
const parameters = JSON.parse(read("infra/azure.parameters.json")).parameters as Record<string, { value: string }>;
const teamsapp = read("teamsapp.yml");
const envDev = readEnvFile(read("env/.env.dev"));
const packageJson = JSON.parse(read("package.json")) as { engines: { node: string }; scripts: Record<string, string> };

/** App settings as the template writes them: name, and the literal value when it is one. */
const appSettings = [...bicep.matchAll(/\{ name: '([^']+)', value: ([^}]+?) \}/g)].map((m) => ({
  name: m[1]!,
  value: /^'([^'$]*)'$/.exec(m[2]!.trim())?.[1],
}));
/** Settings the platform reads, not the bot. */
const PLATFORM = [
  "WEBSITE_RUN_FROM_PACKAGE",
  "SCM_DO_BUILD_DURING_DEPLOYMENT",
  "AZURE_CLIENT_ID",
  "APPLICATIONINSIGHTS_CONNECTION_STRING",
  "ApplicationInsightsAgent_EXTENSION_VERSION",
];

describe("infra/azure.bicep", () => {
  it("creates every table the bot uses, and no other", () => {
    const listed = /var tableNames = \[([^\]]+)\]/
      .exec(bicep)![1]!
      .match(/'(\w+)'/g)!
      .map((t) => t.slice(1, -1));
    expect(listed).toEqual([...TABLE_NAMES]);
  });

  it("sets only settings the bot or the platform reads, and the bot starts with them", () => {
    expect(appSettings.length).toBeGreaterThan(10);
    for (const { name } of appSettings) expect([...SETTING_NAMES, ...PLATFORM], name).toContain(name);
    // What Azure fills in at deployment, as it would look.
    const computed: Record<string, string> = {
      BOT_ID: "6c1f9d0e-3b2a-4c5d-8e7f-0a1b2c3d4e5f",
      BOT_TENANT_ID: "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d",
      BOT_ENDPOINT: "https://csebotoadby-bot.azurewebsites.net",
      TABLES_ENDPOINT: "https://csebotoadbystore.table.core.windows.net/",
      COORDINATORS: "",
    };
    const env = Object.fromEntries(
      appSettings.filter((s) => SETTING_NAMES.includes(s.name)).map((s) => [s.name, s.value ?? computed[s.name] ?? ""]),
    );
    const config = loadConfig(env);
    expect(config).toMatchObject({
      BOT_TYPE: "UserAssignedMSI",
      localMode: false,
      REMINDERS: "on",
      TABLES_ENDPOINT: computed.TABLES_ENDPOINT,
    });
    expect(config.TABLES_CONNECTION_STRING).toBeUndefined();
  });

  it("needs no secret: no secure parameters, no account keys, shared-key access off", () => {
    expect(bicep).not.toMatch(/@secure\(\)|listKeys\(|BOT_PASSWORD|AccountKey/);
    expect(bicep).toContain("allowSharedKeyAccess: false");
    expect(bicep).toContain("msaAppType: 'UserAssignedMSI'");
    expect(bicep).toContain("healthCheckPath: '/readyz'");
  });

  it("runs on App Service's Node 24 LTS, a runtime package.json supports, with the same start command as npm start", () => {
    expect(bicep).toContain("linuxFxVersion: 'NODE|24-lts'");
    expect(packageJson.engines.node).toMatch(/>=24\b|\^24\b/);
    const startCommand = /appCommandLine: '([^']+)'/.exec(bicep)?.[1];
    expect(startCommand).toBe(packageJson.scripts.start);
    expect(startCommand).not.toContain("--disable-warning");
  });

  it("its parameters file gives only parameters the template declares, from values the env template has", () => {
    const declared = [...bicep.matchAll(/^param (\w+) /gm)].map((m) => m[1]);
    for (const name of Object.keys(parameters)) expect(declared).toContain(name);
    const placeholders = [...JSON.stringify(parameters).matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]!);
    for (const name of placeholders) expect(Object.keys(envDev), name).toContain(name);
  });

  it("its outputs land in the env file, and give the manifest every value it needs", () => {
    const outputs = [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]!);
    expect(outputs).toEqual(expect.arrayContaining(["BOT_ID", "BOT_DOMAIN", "BOT_ENDPOINT", "BOT_AZURE_APP_SERVICE_RESOURCE_ID"]));
    for (const name of outputs) expect(Object.keys(envDev), name).toContain(name);
    const manifestNeeds = [...read("manifest/manifest.json").matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]!);
    for (const name of manifestNeeds) expect([...outputs, "TEAMS_APP_ID"]).toContain(name);
  });
});

describe("teamsapp.yml", () => {
  it("provisions from the template and deploys the staged build to the App Service", () => {
    expect(teamsapp).toContain("- path: ./infra/azure.bicep");
    expect(teamsapp).toContain("parameters: ./infra/azure.parameters.json");
    expect(teamsapp).toContain("uses: azureAppService/zipDeploy");
    expect(teamsapp).toContain("artifactFolder: ./.deploy");
    expect(teamsapp).toContain("resourceId: ${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}");
    expect(teamsapp).not.toContain("botAadApp/create"); // the managed identity replaces the app secret
    for (const path of [...teamsapp.matchAll(/(?:path|parameters|manifestPath): (\.\/[\w./-]+)/g)].map((m) => m[1]!))
      expect(existsSync(new URL(`../../${path}`, import.meta.url)), path).toBe(true);
    expect(JSON.parse(read("package.json")).scripts.stage).toBe("npm run build && tsx scripts/stage.ts");
  });

  it("keeps secrets out of git: env files hold none, and .user files are ignored", () => {
    for (const [name, value] of Object.entries(envDev)) expect(`${name}=${value}`).not.toMatch(/SECRET|PASSWORD|KEY=.+/);
    expect(read(".gitignore")).toContain("env/.env.*.user");
  });
});
