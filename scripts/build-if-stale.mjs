#!/usr/bin/env node
/**
 * `npm start`'s first step: compile src/ into dist/ only when something changed since the last
 * build (a fresh `npm install` has already built), so a restart is not held up by the compiler.
 * Stale means: no dist/, or a source file or a compiler setting newer than the build's stamp.
 * Plain Node, no dependencies; `needsBuild` is exported for its test.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const STAMP = join("dist", ".build-stamp");
const INPUTS = ["tsconfig.json", "tsconfig.build.json", "package-lock.json"];

/** The newest modification time of the files below `dir` (0 when there are none). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Why `root` needs compiling, or undefined when dist/ is up to date. */
export function needsBuild(root) {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp)) return "dist/ has not been built yet";
  const built = statSync(stamp).mtimeMs;
  if (newest(join(root, "src")) > built) return "src/ has changed since the last build";
  const changed = INPUTS.find((f) => existsSync(join(root, f)) && statSync(join(root, f)).mtimeMs > built);
  return changed ? `${changed} has changed since the last build` : undefined;
}

/** Compiles, then stamps dist/; exits with the compiler's status when it fails. */
function build(root) {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(join(root, STAMP), `${new Date().toISOString()}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = process.cwd();
  const why = process.argv.includes("--force") ? "asked to" : needsBuild(root);
  if (why) {
    process.stdout.write(`Compiling (${why})...\n`);
    build(root);
  } else process.stdout.write("dist/ is up to date: not compiling.\n");
}
