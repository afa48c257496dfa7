import { describe, it, expect } from "vitest";
import { COMMAND_WORDS, MESSAGE_ACTIONS } from "../../src/bot/registry.js";
import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";

const dir = new URL("../../manifest/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir));
const manifestText = read("manifest.json").toString("utf8");

interface Command {
  title: string;
  description: string;
}
interface CommandList {
  scopes: string[];
  commands: Command[];
}

function parsePng(buf: Buffer) {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(buf.toString("ascii", 12, 16)).toBe("IHDR");
  const ihdr = buf.subarray(16, 29);
  const idat: Buffer[] = [];
  for (let off = 8; off < buf.length;) {
    const len = buf.readUInt32BE(off);
    if (buf.toString("ascii", off + 4, off + 8) === "IDAT") idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  return {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr[8],
    colourType: ihdr[9],
    interlace: ihdr[12],
    data: inflateSync(Buffer.concat(idat)),
  };
}

describe("Teams app manifest", () => {
  const manifest = JSON.parse(manifestText);

  it("parses and targets manifest schema 1.17", () => {
    expect(manifest.manifestVersion).toBe("1.17");
    expect(manifest.$schema).toContain("/v1.17/MicrosoftTeams.schema.json");
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.accentColor).toMatch(/^#[0-9a-fA-F]{6}$/);
    expect(manifest.icons).toEqual({ color: "color.png", outline: "outline.png" });
  });

  it("has one bot available in personal, team and group chat scopes", () => {
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].scopes).toEqual(expect.arrayContaining(["personal", "team", "groupChat"]));
  });

  it("lets people send the bot files in a one-to-one chat (the assessor's report)", () => {
    expect(manifest.bots[0].supportsFiles).toBe(true);
  });

  it("offers each message action of the registry on messages, opening a dialog from the bot", () => {
    const commands = manifest.composeExtensions.flatMap((e: { botId: string; commands: unknown[] }) => {
      expect(e.botId).toBe("${{BOT_ID}}");
      return e.commands;
    });
    expect(commands.map((c: { id: string }) => c.id).sort()).toEqual(MESSAGE_ACTIONS.map((a) => a.commandId).sort());
    for (const c of commands) expect(c).toMatchObject({ type: "action", context: ["message"], fetchTask: true });
  });

  it("keeps command lists within Teams limits", () => {
    const lists: CommandList[] = manifest.bots[0].commandLists;
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual(["groupChat", "personal", "team"]);
    for (const list of lists) {
      expect(list.commands.length).toBeGreaterThan(0);
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
    }
    const personal = lists.find((l) => l.scopes.includes("personal"));
    expect(personal?.commands.map((c) => c.title)).toEqual(expect.arrayContaining(["assess", "progress", "help"]));
    // Every command Teams suggests is one the bot understands (the help card lists them all).
    for (const list of lists)
      for (const command of list.commands) expect(COMMAND_WORDS, command.title).toContain(command.title.split(" ")[0]);
  });

  it("only uses known ${{VAR}} placeholders", () => {
    const allowed = ["TEAMS_APP_ID", "BOT_ID", "BOT_DOMAIN", "APP_NAME_SUFFIX"];
    const used = [...manifestText.matchAll(/\$\{\{\s*([^}\s]*)\s*\}\}/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(allowed).toContain(name);
  });
});

describe("Teams app icons", () => {
  it("color.png is a 192x192 PNG", () => {
    const png = parsePng(read("color.png"));
    expect([png.width, png.height]).toEqual([192, 192]);
  });

  it("outline.png is a 32x32 PNG of white and transparent pixels only", () => {
    const png = parsePng(read("outline.png"));
    expect([png.width, png.height]).toEqual([32, 32]);
    expect([png.bitDepth, png.colourType, png.interlace]).toEqual([8, 6, 0]); // 8-bit RGBA
    const stride = 1 + png.width * 4;
    expect(png.data.length).toBe(stride * png.height);
    let opaque = 0;
    for (let y = 0; y < png.height; y++) {
      expect(png.data[y * stride], `filter byte of row ${y}`).toBe(0);
      for (let x = 0; x < png.width; x++) {
        const [r, g, b, a] = png.data.subarray(y * stride + 1 + x * 4, y * stride + 5 + x * 4);
        if (a !== 0) expect([x, y, r, g, b]).toEqual([x, y, 255, 255, 255]);
        if (a === 255) opaque++;
      }
    }
    expect(opaque).toBeGreaterThan(0); // the tick is actually drawn
  });
});
