/**
 * The usual end-to-end set-up: a connector stub and the real bot server for the whole file, plus
 * helpers to make Teams users, talk as them, and read what the bot sent each of them.
 */
import { afterAll, beforeAll } from "vitest";
import { startBot, type BotOptions } from "./bot.js";
import { ConnectorStub } from "./connector-stub.js";
import { TeamsClient, type TeamsUser } from "./teams.js";

export function teamsWorld(tenantId: string, options: BotOptions = {}) {
  const stub = new ConnectorStub();
  let bot: Awaited<ReturnType<typeof startBot>> | undefined;
  beforeAll(async () => {
    await stub.start();
    bot = await startBot(options);
  });
  afterAll(async () => {
    await bot?.close();
    await stub.stop();
  });
  const running = () => {
    if (!bot) throw new Error("the bot is not running");
    return bot;
  };
  return {
    stub,
    bot: running,
    user: (aadObjectId: string, name: string): TeamsUser => ({ tenantId, aadObjectId, name }),
    /** A person the connector's member lookup knows (so they can be @mentioned). */
    member(user: TeamsUser): TeamsUser {
      stub.members.push({
        id: `29:${user.aadObjectId}`,
        name: user.name,
        aadObjectId: user.aadObjectId,
        userPrincipalName: `${user.aadObjectId}@council.gov.uk`,
      });
      return user;
    },
    client: (user: TeamsUser, type: "personal" | "channel" | "groupChat" = "personal") =>
      new TeamsClient(
        () => running().url,
        () => stub.url,
        user,
        type,
      ),
    /** A channel message from `from` that @mentions `who`, as Teams sends it. */
    mention: (from: TeamsClient, who: TeamsUser, text: string) =>
      from.post({
        type: "message",
        text: `${text} <at>${who.name}</at>`,
        entities: [{ type: "mention", text: `<at>${who.name}</at>`, mentioned: { id: `29:${who.aadObjectId}`, name: who.name } }],
      }),
    /** The last card the bot sent into `who`'s conversation. */
    cardFor: (who: TeamsClient) =>
      [...stub.sent].reverse().find((s) => s.conversationId === who.conversationId && s.body.attachments)!.body.attachments[0]
        .content as Record<string, any>,
    /** Text messages the bot sent into `who`'s conversation, oldest first. */
    textsTo: (who: TeamsClient) =>
      stub.sent.filter((s) => s.conversationId === who.conversationId && typeof s.body.text === "string").map((s) => s.body.text as string),
  };
}
