/** `npm start` compiles only when dist/ is out of date: a restart is not held up by the compiler. */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain-Node script without type declarations (it must run before anything is compiled)
import { needsBuild } from "../../scripts/build-if-stale.mjs";

const check = needsBuild as (root: string) => string | undefined;

function project(): string {
  const root = mkdtempSync(join(tmpdir(), "cse-build-"));
  mkdirSync(join(root, "src", "bot"), { recursive: true });
  writeFileSync(join(root, "src", "index.ts"), "");
  writeFileSync(join(root, "src", "bot", "app.ts"), "");
  writeFileSync(join(root, "tsconfig.json"), "{}");
  return root;
}
const at = (root: string, path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);

describe("needsBuild", () => {
  it("builds when dist/ was never built, and not when the stamp is newer than every source and setting", () => {
    const root = project();
    expect(check(root)).toBe("dist/ has not been built yet");
    mkdirSync(join(root, "dist"));
    writeFileSync(join(root, "dist", ".build-stamp"), "");
    at(root, "src/index.ts", 1_000);
    at(root, "src/bot/app.ts", 1_000);
    at(root, "tsconfig.json", 1_000);
    at(root, "dist/.build-stamp", 2_000);
    expect(check(root)).toBeUndefined();
  });

  it("builds again when a source file deep in src/, or a compiler setting, changed after the build", () => {
    const root = project();
    mkdirSync(join(root, "dist"));
    writeFileSync(join(root, "dist", ".build-stamp"), "");
    at(root, "src/index.ts", 1_000);
    at(root, "tsconfig.json", 1_000);
    at(root, "dist/.build-stamp", 2_000);
    at(root, "src/bot/app.ts", 3_000);
    expect(check(root)).toBe("src/ has changed since the last build");
    at(root, "src/bot/app.ts", 1_000);
    at(root, "tsconfig.json", 3_000);
    expect(check(root)).toBe("tsconfig.json has changed since the last build");
  });
});
