/**
 * The dialog of "Add as CSE evidence" on a Teams message: which element (the person's own first,
 * then all 57, searchable), which unit when the campaign has several, a title for the message's
 * link, and exactly what will be stored. A refusal is shown at the top, with what was chosen kept.
 */
import { LIMITS } from "../domain/limits.js";
import { ELEMENTS } from "../standard/index.js";
import { echoInput, shorten } from "./format.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";

export interface EvidenceDialogView {
  readonly campaignName: string;
  /** Elements assigned to the person, listed first. */
  readonly assigned: readonly string[];
  readonly units: readonly { readonly id: string; readonly name: string }[];
  readonly links: readonly { readonly title: string; readonly url: string; readonly kind: "message" | "file" | "link" }[];
  readonly selected?: { readonly ref?: string; readonly unitId?: string; readonly title?: string };
  readonly suggestedTitle: string;
  readonly notice?: string;
}

const KIND = { message: "Message", file: "File", link: "Link" } as const;

export function evidenceDialogCard(view: EvidenceDialogView): AdaptiveCard {
  const mine = new Set(view.assigned);
  const choice = (ref: string, assigned: boolean) => {
    const element = ELEMENTS.find((e) => e.ref === ref)!;
    return { ref, title: `${assigned ? "Yours: " : ""}${ref} ${shorten(element.statement, 70)}` };
  };
  const n = view.links.length;
  return renderCard("evidence-dialog", {
    canAdd: true,
    notice: plainText(view.notice ?? "", 400),
    intro: plainText(`Store this message as evidence in "${view.campaignName}". The links are stored, not copies of the files.`, 300),
    elements: [
      ...view.assigned.filter((ref) => ELEMENTS.some((e) => e.ref === ref)).map((ref) => choice(ref, true)),
      ...ELEMENTS.filter((e) => !mine.has(e.ref)).map((e) => choice(e.ref, false)),
    ],
    // What was chosen is shown again only when it is one of the choices (a tampered value is not).
    selectedRef: ELEMENTS.find((e) => e.ref === view.selected?.ref)?.ref ?? (view.assigned.length === 1 ? view.assigned[0] : ""),
    units: view.units.map((u) => ({ id: u.id, name: shorten(u.name, 60) })),
    selectedUnit: view.units.find((u) => u.id === view.selected?.unitId)?.id ?? view.units[0]?.id ?? "",
    title: echoInput(view.selected?.title ?? view.suggestedTitle, LIMITS.linkTitleChars, LIMITS.linkTitleBytes),
    titleLabel: view.links[0]?.kind === "message" ? "Title for the link to the message" : "Title for the first link",
    linksHeading: `What will be stored (${n} link${n === 1 ? "" : "s"})`,
    links: view.links.map((l) => ({ kind: KIND[l.kind], title: plainText(l.title, 100), host: plainText(hostOf(l.url), 80) })),
    rulesText: `An element holds at most ${LIMITS.linksPerElement} evidence links. Links already on the element are not added twice.`,
  });
}

const NOT_WEB = "not a web address: it will be refused";

/** Where a link goes, as people read it: the site and the path, without the query. */
function hostOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return NOT_WEB;
  }
  // "javascript:alert(1)" parses, with no site: say what it is rather than show its code as a path.
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return NOT_WEB;
  let path = parsed.pathname === "/" ? "" : parsed.pathname;
  try {
    path = decodeURI(path);
  } catch {
    // A malformed escape: shown as it is.
  }
  return shorten(`${parsed.hostname}${path}`, 80);
}

/** The dialog when the message cannot be evidence at all: the reason, and nothing to fill in. */
export function evidenceRefusalCard(notice: string): AdaptiveCard {
  return renderCard("evidence-dialog", { canAdd: false, notice: plainText(notice, 400), elements: [], units: [], links: [] });
}
