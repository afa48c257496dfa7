/**
 * `npm run package -- --env dev`: the Teams app package that a Teams administrator uploads.
 * manifest/manifest.json with its ${{NAME}} placeholders filled from env/.env.<env> (and the
 * process environment, which wins), checked against the official schema of the manifest version
 * it declares, zipped with both icons into appPackage/build/appPackage.<env>.zip. The same as
 * Teams Toolkit's teamsApp/zipAppPackage, for IT teams without the toolkit.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import AjvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import JSZip from "jszip";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ICONS = ["color.png", "outline.png"] as const;

export class PackageError extends Error {
  override name = "PackageError";
}

/** KEY=VALUE lines of a Teams Toolkit env file; comments and blank lines skipped, quotes removed. */
export function readEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith("#")) continue;
    values[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, "$2");
  }
  return values;
}

/** The text with each ${{NAME}} replaced; names without a value are listed, not guessed. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string | undefined>>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = text.replace(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined || value.trim() === "") {
      missing.add(name);
      return whole;
    }
    return value.replace(/["\\]/g, "\\$&"); // stays valid JSON
  });
  return { text: filled, missing: [...missing] };
}

/** Problems with `manifest` against the official schema of the version it declares (none: valid). */
export function manifestProblems(manifest: { manifestVersion?: unknown }): string[] {
  const version = typeof manifest.manifestVersion === "string" ? manifest.manifestVersion : "";
  const require = createRequire(import.meta.url);
  let schema: object;
  try {
    schema = require(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`) as object;
  } catch {
    return [`manifestVersion "${version}" is not a Teams manifest version with a published schema.`];
  }
  // CommonJS packages: their classes are on .default under NodeNext.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  ajvFormats.default(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (e: { instancePath: string; message?: string; params?: Record<string, unknown> }) =>
      `${e.instancePath || "(manifest)"} ${e.message ?? "is not valid"}${e.params && "allowedValues" in e.params ? `: ${(e.params.allowedValues as unknown[]).join(", ")}` : ""}`,
  );
}

export interface BuiltPackage {
  readonly zipPath: string;
  readonly manifest: Record<string, unknown>;
}

export async function buildAppPackage(
  envName: string,
  options: { root?: string; env?: NodeJS.ProcessEnv; outDir?: string } = {},
): Promise<BuiltPackage> {
  const root = options.root ?? ROOT;
  if (!/^[A-Za-z0-9_-]+$/.test(envName)) throw new PackageError(`"${envName}" is not an environment name (letters, digits, - and _).`);
  const envPath = join(root, "env", `.env.${envName}`);
  let fromFile: Record<string, string>;
  try {
    fromFile = readEnvFile(readFileSync(envPath, "utf8"));
  } catch {
    throw new PackageError(`There is no env/.env.${envName}. Copy env/.env.dev to it and fill in its values.`);
  }
  const fromProcess = Object.fromEntries(
    Object.entries(options.env ?? process.env).filter(([, v]) => v !== undefined && v.trim() !== ""),
  ) as Record<string, string>;
  const { text, missing } = fillPlaceholders(readFileSync(join(root, "manifest", "manifest.json"), "utf8"), {
    ...fromFile,
    ...fromProcess,
  });
  if (missing.length) {
    throw new PackageError(
      `The manifest needs ${missing.join(", ")}, which ${missing.length === 1 ? "has" : "have"} no value in env/.env.${envName} or the environment. Provision first (it writes them), or set them by hand.`,
    );
  }
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const problems = manifestProblems(manifest);
  if (problems.length)
    throw new PackageError(`The filled-in manifest does not match the Teams schema:\n${problems.map((p) => `  - ${p}`).join("\n")}`);

  const zip = new JSZip();
  zip.file("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
  for (const icon of ICONS) zip.file(icon, readFileSync(join(root, "manifest", icon)));
  const outDir = options.outDir ?? join(root, "appPackage", "build");
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${envName}.zip`);
  writeFileSync(zipPath, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return { zipPath, manifest };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--env");
  const envName = at >= 0 ? (process.argv[at + 1] ?? "") : "dev";
  buildAppPackage(envName).then(
    ({ zipPath, manifest }) =>
      console.log(
        `Teams app package for "${envName}": ${zipPath}\n(app id ${String(manifest.id)}, version ${String(manifest.version)}). Upload it in Teams admin centre > Teams apps > Manage apps > Upload new app.`,
      ),
    (error: unknown) => {
      console.error(error instanceof PackageError ? error.message : error);
      process.exit(1);
    },
  );
}
