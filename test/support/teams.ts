/**
 * Talks to the bot as Teams does: real Bot Framework activities over HTTP to /api/messages,
 * with the service URL pointing at the connector stub. Card buttons are pressed the way the
 * Teams client does it: the action's data merged with the card's input values.
 */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";

export interface TeamsUser {
  readonly tenantId: string;
  readonly aadObjectId: string;
  readonly name: string;
}

export interface InvokeReply {
  readonly status: number;
  readonly body: any;
}

export const BOT = { id: "28:cse-bot", name: "CSE Assessment" };

export class TeamsClient {
  readonly conversationId: string;

  constructor(
    private readonly botUrl: () => string,
    /** The connector stub's address, or how to read it once the stub has started. */
    private readonly serviceUrl: string | (() => string),
    readonly user: TeamsUser,
    readonly conversationType: "personal" | "channel" | "groupChat" = "personal",
  ) {
    this.conversationId = `a:${user.aadObjectId}-${conversationType}`;
  }

  install(): Promise<InvokeReply> {
    return this.post({ type: "conversationUpdate", membersAdded: [{ id: BOT.id }] });
  }

  say(text: string): Promise<InvokeReply> {
    return this.post({ type: "message", text, textFormat: "plain" });
  }

  /** An Action.Execute invoke with exactly this data (as a tampering client could send). */
  invoke(verb: string, data: Record<string, unknown>, replyToId = "card-1"): Promise<InvokeReply> {
    return this.post({
      type: "invoke",
      name: "adaptiveCard/action",
      replyToId,
      value: { action: { type: "Action.Execute", verb, data: { ...data, verb } }, trigger: "manual" },
    });
  }

  /** Presses the button titled `title` on `card`, with `inputs` typed into the card first. */
  press(
    card: Record<string, any>,
    title: string,
    inputs: Record<string, string> = {},
    match: (action: any) => boolean = () => true,
  ): Promise<InvokeReply> {
    const action = findActions(card).find((a) => a.title === title && match(a));
    if (!action)
      throw new Error(
        `No button "${title}" on the card (buttons: ${findActions(card)
          .map((a) => a.title)
          .join(", ")})`,
      );
    const values = { ...inputValues(card), ...inputs };
    return this.invoke(action.verb, { ...action.data, ...values });
  }

  /** Action.Submit fallback, as older clients send it: a message whose value is the data. */
  submit(card: Record<string, any>, title: string, inputs: Record<string, string> = {}): Promise<InvokeReply> {
    const action = findActions(card).find((a) => a.title === title);
    if (!action?.fallback) throw new Error(`No Action.Submit fallback on "${title}"`);
    return this.post({ type: "message", replyToId: "card-1", value: { ...action.fallback.data, ...inputValues(card), ...inputs } });
  }

  async post(partial: Record<string, unknown>): Promise<InvokeReply> {
    const activity = {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: "msteams",
      serviceUrl: typeof this.serviceUrl === "string" ? this.serviceUrl : this.serviceUrl(),
      from: { id: `29:${this.user.aadObjectId}`, name: this.user.name, aadObjectId: this.user.aadObjectId },
      recipient: BOT,
      conversation: { id: this.conversationId, conversationType: this.conversationType, tenantId: this.user.tenantId },
      channelData: { tenant: { id: this.user.tenantId } },
      locale: "en-GB",
      ...partial,
    };
    const res = await fetch(`${this.botUrl()}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
}

export function findActions(node: unknown, out: any[] = []): any[] {
  if (Array.isArray(node)) node.forEach((n) => findActions(n, out));
  else if (node && typeof node === "object") {
    const obj = node as Record<string, any>;
    if (obj.type === "Action.Execute") out.push(obj);
    for (const [key, value] of Object.entries(obj)) if (key !== "fallback") findActions(value, out);
  }
  return out;
}

export function findInputs(node: unknown, out: any[] = []): any[] {
  if (Array.isArray(node)) node.forEach((n) => findInputs(n, out));
  else if (node && typeof node === "object") {
    const obj = node as Record<string, any>;
    if (typeof obj.type === "string" && obj.type.startsWith("Input.")) out.push(obj);
    Object.values(obj).forEach((v) => findInputs(v, out));
  }
  return out;
}

/** What each input on the card holds, as a client sends it with a button. */
export function inputValues(card: unknown): Record<string, string> {
  return Object.fromEntries(findInputs(card).map((i) => [i.id, i.value ?? ""]));
}

/** All text a person would read on a card, joined, for simple assertions. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === "object") {
      const o = n as Record<string, any>;
      if (o.type === "TextBlock" && typeof o.text === "string") parts.push(o.text);
      if (o.type === "Fact") parts.push(`${o.title} ${o.value}`);
      if (o.type === "FactSet") (o.facts ?? []).forEach((f: any) => parts.push(`${f.title} ${f.value}`));
      Object.entries(o).forEach(([k, v]) => k !== "fallback" && walk(v));
    }
  };
  walk(card);
  return parts.join("\n");
}

/** Asserts that each of `parts` appears in `text`, in this order (each after the previous one). */
export function expectInOrder(text: string, parts: readonly string[]): void {
  let at = -1;
  for (const part of parts) {
    const next = text.indexOf(part, at + 1);
    expect(next, part).toBeGreaterThan(at);
    at = next;
  }
}
