/**
 * A file sent to the bot in the one-to-one chat, offered as evidence for the element the person
 * is on (or named): its SharePoint or OneDrive link is stored, never its content.
 */
import { findElement } from "../standard/index.js";
import { shorten } from "./format.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";

export function fileEvidenceCard(offer: { readonly ref: string; readonly fileName: string; readonly fileUrl: string }): AdaptiveCard {
  const element = findElement(offer.ref);
  return renderCard("file-evidence", {
    ref: offer.ref,
    fileName: plainText(shorten(offer.fileName, 120), 120),
    fileUrl: offer.fileUrl,
    elementText: plainText(`${offer.ref} ${element ? shorten(element.statement, 160) : ""}`, 200),
    explain: `Its link in your organisation's files is stored, not a copy: people who open it need access to it there. For another element, send the file again with: evidence 4.1.2`,
    addTitle: `Add as evidence to ${offer.ref}`,
  });
}
