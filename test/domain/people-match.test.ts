/** Owners as plans write them, matched to the people the bot knows only when there is no doubt. */
import { describe, expect, it } from "vitest";
import { matchPerson } from "../../src/domain/people-match.js";

const PRIYA = { userId: "u-priya", name: "Priya Shah" };
const SAM_LEE = { userId: "u-sam", name: "Sam Lee" };
const SAM_LEE_2 = { userId: "u-sam2", name: "Sam Lee" };
const JOSE = { userId: "u-jose", name: "José Álvarez" };
const MONO = { userId: "u-cher", name: "Cher" };

describe("matchPerson", () => {
  it.each([
    ["Priya Shah", PRIYA],
    ["priya shah", PRIYA],
    ["Shah, Priya", PRIYA],
    ["Priya Shah (Head of Customer Services)", PRIYA],
    ["Jose Alvarez", JOSE],
  ])("%j is %o", (written, expected) => {
    expect(matchPerson(written, [PRIYA, SAM_LEE, JOSE, MONO])).toEqual(expected);
  });

  it.each([["Priya"], ["Head of Customer Services"], ["AD (IT Services)"], ["Cher"], [""], ["P. Shah"]])("%j is nobody", (written) => {
    expect(matchPerson(written, [PRIYA, SAM_LEE, JOSE, MONO])).toBeUndefined();
  });

  it("two people with the same name are nobody: the coordinator chooses", () => {
    expect(matchPerson("Sam Lee", [SAM_LEE, SAM_LEE_2])).toBeUndefined();
    expect(matchPerson("Sam Lee", [SAM_LEE, SAM_LEE])).toEqual(SAM_LEE);
  });
});
