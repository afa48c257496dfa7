/** Evidence links typed by council officers: refused plainly when unsafe or malformed, normalised otherwise. */
import { describe, expect, it } from "vitest";
import { linkIdentity, validateLink } from "../../src/domain/evidence.js";
import { LIMITS } from "../../src/domain/limits.js";
import type { RefusalCode } from "../../src/domain/refusal.js";

function refusalOf(title: string, url: string): RefusalCode {
  const result = validateLink(title, url);
  if (result.ok) throw new Error(`expected ${JSON.stringify(url)} to be refused, got ${result.value.url}`);
  expect(result.refusal.message.trim()).not.toBe("");
  return result.refusal.code;
}

function accepted(title: string, url: string): { title: string; url: string } {
  const result = validateLink(title, url);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(url)} to be accepted, got ${result.refusal.code}`);
  return result.value;
}

/** An https URL whose normalised form is exactly `length` characters. */
function urlOfLength(length: number): string {
  const prefix = "https://council.gov.uk/";
  return prefix + "a".repeat(length - prefix.length);
}

describe("refusing unsafe links", () => {
  it.each([
    "javascript:alert(1)",
    "JAVASCRIPT:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "file:///C:/Users/officer/report.docx",
    "vbscript:msgbox(1)",
    "ftp://files.council.gov.uk/report.pdf",
  ])("refuses %s as unsafe", (url) => {
    expect(refusalOf("Report", url)).toBe("unsafe-url");
  });

  it("refuses a link with a user name or password inside it", () => {
    expect(refusalOf("Report", "https://officer:secret@council.gov.uk/report")).toBe("unsafe-url");
    expect(refusalOf("Report", "https://officer@council.gov.uk/report")).toBe("unsafe-url");
  });
});

describe("refusing malformed links", () => {
  it.each([
    ["an empty address", ""],
    ["only spaces", "   "],
    ["a space inside", "https://council.gov.uk/annual report.pdf"],
    ["a tab inside", "https://council.gov.uk/a\tb"],
    ["a newline inside", "https://council.gov.uk/a\nb"],
    ["a control character", "https://council.gov.uk/a\u0007b"],
    ["a DEL character", "https://council.gov.uk/a\u007fb"],
    ["a host with no dot", "https://intranet/policies"],
    ["a bare word", "policies"],
  ])("refuses %s as invalid", (_what, url) => {
    expect(refusalOf("Report", url)).toBe("invalid-url");
  });
});

describe("length limits", () => {
  it("accepts a URL exactly at the limit and refuses one character more", () => {
    const atLimit = urlOfLength(LIMITS.linkUrlChars);
    expect(accepted("Report", atLimit).url).toHaveLength(LIMITS.linkUrlChars);
    expect(refusalOf("Report", urlOfLength(LIMITS.linkUrlChars + 1))).toBe("text-too-long");
  });

  it("accepts a title exactly at the limit and refuses one character more", () => {
    const atLimit = "T".repeat(LIMITS.linkTitleChars);
    expect(accepted(atLimit, "https://council.gov.uk/report").title).toBe(atLimit);
    expect(refusalOf("T".repeat(LIMITS.linkTitleChars + 1), "https://council.gov.uk/report")).toBe("text-too-long");
  });

  it("counts the title after collapsing its whitespace", () => {
    const padded = `  ${"T".repeat(LIMITS.linkTitleChars)}  \n`;
    expect(accepted(padded, "https://council.gov.uk/report").title).toBe("T".repeat(LIMITS.linkTitleChars));
  });
});

describe("normalising accepted links", () => {
  it("adds https:// to an address typed without a scheme", () => {
    expect(accepted("Page", "council.gov.uk/page").url).toBe("https://council.gov.uk/page");
  });

  it("reads a typed host with a port as an address, not as a scheme", () => {
    expect(accepted("Docs", "intranet.council.gov.uk:8443/docs").url).toBe("https://intranet.council.gov.uk:8443/docs");
  });

  it("lower-cases the scheme and host but keeps the path as typed", () => {
    expect(accepted("Page", "HTTPS://Council.GOV.uk/Some/Page").url).toBe("https://council.gov.uk/Some/Page");
  });

  it("keeps plain http links, trimming surrounding spaces", () => {
    expect(accepted("Page", "  http://council.gov.uk/page  ").url).toBe("http://council.gov.uk/page");
  });

  it("uses the host name as the title when the title is blank", () => {
    expect(accepted("", "https://www.council.gov.uk/report").title).toBe("www.council.gov.uk");
    expect(accepted(" \t\n ", "https://Intranet.Council.gov.uk/x").title).toBe("intranet.council.gov.uk");
  });

  it("collapses runs of whitespace in the title", () => {
    expect(accepted("  Annual   report\n2024 ", "https://council.gov.uk/r").title).toBe("Annual report 2024");
  });
});

describe("link identity", () => {
  it("treats a trailing slash and the host's case as the same link", () => {
    expect(linkIdentity("https://Council.GOV.uk/docs/report/")).toBe(linkIdentity("https://council.gov.uk/docs/report"));
    expect(linkIdentity("https://council.gov.uk/")).toBe(linkIdentity("https://COUNCIL.gov.uk"));
  });

  it("treats different query strings, paths and schemes as different links", () => {
    const base = linkIdentity("https://council.gov.uk/docs?id=1");
    expect(linkIdentity("https://council.gov.uk/docs?id=2")).not.toBe(base);
    expect(linkIdentity("https://council.gov.uk/docs")).not.toBe(base);
    expect(linkIdentity("https://council.gov.uk/Docs?id=1")).not.toBe(base);
    expect(linkIdentity("http://council.gov.uk/docs?id=1")).not.toBe(base);
  });
});
