/** The one registry of features: every card action has one handler, and the help card lists what people can type. */
import { describe, expect, it } from "vitest";
import { CARD_KINDS, cardActionFor, COMMAND_WORDS, COMMANDS, helpEntries } from "../../src/bot/registry.js";

describe("the registry of features", () => {
  it("has a handler for every kind of card action the payload parser produces", () => {
    for (const kind of CARD_KINDS) expect(cardActionFor(kind), kind).toBeDefined();
  });

  it("lists on the help card every command that says what it does, starting with assess", () => {
    const help = helpEntries();
    expect(help[0]).toEqual({ command: "assess", description: "Start or resume your self-assessment where you stopped" });
    expect(help.map((h) => h.command)).toEqual(
      expect.arrayContaining(["assess 3.2.1", "progress", "my work", "actions", "export", "help"]),
    );
    expect(help.length).toBe(COMMANDS.flatMap((c) => c.help ?? []).length);
  });

  it("names each command by a word people type, which the turn log records", () => {
    expect([...COMMAND_WORDS]).toEqual(
      expect.arrayContaining(["assess", "my", "actions", "action", "campaigns", "import", "export", "help"]),
    );
    for (const command of COMMANDS) expect(command.name).toMatch(/^[a-z]+$/);
  });
});
