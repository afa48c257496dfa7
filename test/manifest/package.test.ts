/** `npm run package`: the Teams app zip, with the manifest filled in and valid against the official schema of its version. */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { buildAppPackage, fillPlaceholders, manifestProblems, readEnvFile } from "../../scripts/package-app.js";

const MANIFEST_DIR = new URL("../../manifest/", import.meta.url);
const VALUES = {
  TEAMS_APP_ID: "11111111-2222-3333-4444-555555555555",
  BOT_ID: "0f1e2d3c-0000-1111-2222-333344445555",
  BOT_DOMAIN: "cse-bot-oadby.azurewebsites.net",
};

/** A project folder with the real manifest and icons and an env file of our own. */
function project(envText: string): string {
  const root = mkdtempSync(join(tmpdir(), "cse-package-"));
  cpSync(MANIFEST_DIR, join(root, "manifest"), { recursive: true });
  mkdirSync(join(root, "env"));
  writeFileSync(join(root, "env", ".env.test"), envText);
  return root;
}

describe("the Teams app package", () => {
  it("holds exactly manifest.json and the two icons, with every placeholder filled from the env file", async () => {
    const root = project(
      `# test\nTEAMSFX_ENV=test\nTEAMS_APP_ID=${VALUES.TEAMS_APP_ID}\nBOT_ID="${VALUES.BOT_ID}"\nBOT_DOMAIN=${VALUES.BOT_DOMAIN}\n`,
    );
    const { zipPath } = await buildAppPackage("test", { root, env: {} });
    expect(zipPath).toBe(join(root, "appPackage", "build", "appPackage.test.zip"));
    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    expect(Object.keys(zip.files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string"));
    expect(manifest.id).toBe(VALUES.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(VALUES.BOT_ID);
    expect(manifest.validDomains).toEqual([VALUES.BOT_DOMAIN]);
    expect(JSON.stringify(manifest)).not.toContain("${{");
    expect(Buffer.from(await zip.file("color.png")!.async("uint8array")).equals(readFileSync(new URL("color.png", MANIFEST_DIR)))).toBe(
      true,
    );
  });

  it("the environment wins over the env file (as in CI and Teams Toolkit)", async () => {
    const root = project(`TEAMS_APP_ID=${VALUES.TEAMS_APP_ID}\nBOT_ID=${VALUES.BOT_ID}\nBOT_DOMAIN=old.example.org\n`);
    const { manifest } = await buildAppPackage("test", { root, env: { BOT_DOMAIN: VALUES.BOT_DOMAIN } });
    expect(manifest.validDomains).toEqual([VALUES.BOT_DOMAIN]);
  });

  it("names the values it is missing, and the env file it looked in, and writes no zip", async () => {
    const root = project("TEAMS_APP_ID=\nBOT_ID=\n");
    await expect(buildAppPackage("test", { root, env: {} })).rejects.toThrow(
      "The manifest needs TEAMS_APP_ID, BOT_ID, BOT_DOMAIN, which have no value in env/.env.test or the environment.",
    );
    await expect(buildAppPackage("prod", { root, env: {} })).rejects.toThrow("There is no env/.env.prod.");
  });

  it("refuses a filled-in manifest the schema rejects, saying where", async () => {
    const root = project(`TEAMS_APP_ID=not-a-guid\nBOT_ID=${VALUES.BOT_ID}\nBOT_DOMAIN=${VALUES.BOT_DOMAIN}\n`);
    await expect(buildAppPackage("test", { root, env: {} })).rejects.toThrow(
      /does not match the Teams schema:\n {2}- \/id must match pattern/,
    );
  });
});

describe("the manifest against the official schema", () => {
  const raw = readFileSync(new URL("manifest.json", MANIFEST_DIR), "utf8");
  const filled = JSON.parse(fillPlaceholders(raw, VALUES).text);

  it("is valid for the version it declares", () => {
    expect(filled.manifestVersion).toBe("1.17");
    expect(manifestProblems(filled)).toEqual([]);
  });

  it("the schema check can fail: a missing name, a bad colour and too many commands are each reported", () => {
    const broken = structuredClone(filled);
    delete broken.name;
    broken.accentColor = "blue";
    broken.bots[0].commandLists[0].commands = Array.from({ length: 11 }, (_, i) => ({ title: `c${i}`, description: "d" }));
    const problems = manifestProblems(broken);
    expect(problems.some((p) => p.includes("must have required property 'name'"))).toBe(true);
    expect(problems.some((p) => p.startsWith("/accentColor"))).toBe(true);
    expect(problems.some((p) => p.startsWith("/bots/0/commandLists/0/commands must NOT have more than 10 items"))).toBe(true);
    expect(manifestProblems({ ...filled, manifestVersion: "9.9" })).toEqual([
      'manifestVersion "9.9" is not a Teams manifest version with a published schema.',
    ]);
  });

  it("reads env files as Teams Toolkit writes them", () => {
    expect(readEnvFile('# c\nA=1\n  B = two words \nC="q"\nD=\n#E=5\n')).toEqual({ A: "1", B: "two words", C: "q", D: "" });
    expect(fillPlaceholders('{"a":"${{A}}","b":"${{ B }}","c":"${{C}}"}', { A: 'x"y', B: "z" })).toEqual({
      text: '{"a":"x\\"y","b":"z","c":"${{C}}"}',
      missing: ["C"],
    });
  });
});
