/**
 * The Node.js versions the bot runs on: the LTS lines with security fixes, 22 (from 22.13, which
 * pdf.js 6 needs) and 24, both tested in CI; later even-numbered lines are allowed. package.json's
 * `engines` says the same to npm.
 */
export const SUPPORTED_NODE = "Node.js 24, or Node.js 22.13 or later";

/** Why this Node.js cannot run the bot, in words for whoever installed it; undefined when it can. */
export function unsupportedNode(version: string = process.versions.node): string | undefined {
  const [major = 0, minor = 0] = version.replace(/^v/, "").split(".").map(Number);
  const supported = major >= 24 || (major === 22 && minor >= 13);
  if (supported) return undefined;
  return `The CSE bot needs ${SUPPORTED_NODE}; this is Node.js ${version.replace(/^v/, "")}. Install Node.js 24 (see "Run it on your machine" in the README) and run the same command again.`;
}
