/**
 * `npm run stage`: what runs on Azure, in .deploy/: the compiled bot (dist/), its card
 * templates, package.json and the lock file, and production dependencies only, installed from
 * the lock file. `teamsapp deploy` zips this folder to the App Service; so can
 * `az webapp deploy --src-path`.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, statSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, ".deploy");

if (!existsSync(join(ROOT, "dist", "index.js"))) {
  console.error("dist/ is missing: run npm run build first (npm run stage does).");
  process.exit(1);
}
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT);
for (const item of ["dist", "cards", "package.json", "package-lock.json"]) cpSync(join(ROOT, item), join(OUT, item), { recursive: true });
// --ignore-scripts: "prepare" would build again, and there is no source here to build.
// --omit=optional: pdfjs-dist's canvas (for drawing pages) is not needed to read their text.
execFileSync("npm", ["ci", "--omit=dev", "--omit=optional", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: OUT, stdio: "inherit" });

const bytes = (path: string): number =>
  statSync(path).isDirectory() ? readdirSync(path).reduce((n, f) => n + bytes(join(path, f)), 0) : statSync(path).size;
console.log(
  `Staged in .deploy/: ${(bytes(OUT) / 1024 / 1024).toFixed(0)} MB. Deploy with: teamsapp deploy --env <name> (or az webapp deploy --src-path after zipping .deploy).`,
);
