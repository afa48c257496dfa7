/** Which Node.js versions the bot agrees to start on, and that npm is told the same. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { unsupportedNode } from "../src/runtime.js";

const engines = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { engines: { node: string } }).engines
  .node;

describe("supported Node.js versions", () => {
  it("starts on 22.13 and later 22s, and on 24 and later", () => {
    for (const v of ["22.13.0", "22.23.3", "v24.0.0", "24.21.0", "26.1.0"]) expect(unsupportedNode(v), v).toBeUndefined();
  });

  it("refuses Node.js 20 (end of life), 22 before 22.13 and the short-lived 23, saying which it found and what to install", () => {
    for (const v of ["20.20.2", "v22.12.0", "23.11.0", "18.20.8"]) {
      const message = unsupportedNode(v);
      expect(message, v).toContain(`this is Node.js ${v.replace(/^v/, "")}`);
      expect(message, v).toContain("Install Node.js 24");
    }
  });

  it("is the rule package.json gives npm", () => {
    expect(engines).toBe("^22.13.0 || >=24");
  });
});
