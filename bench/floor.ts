/**
 * The floor of this stack, for the benchmark: restify, the same adapter and request handling as
 * the bot (src/bot/http.ts), and a teams-ai Application that answers every message and every
 * card press with one fixed card, touching no storage. What the bot costs above this is ours.
 * Given `storage`, it first makes the requests a turn is allowed (a typed command's 2, one after
 * the other; a press's 2 side by side, then 1), each reading one row: the floor with storage.
 */
import { CardFactory, MessageFactory } from "botbuilder";
import { Application, TurnState } from "@microsoft/teams-ai";
import restify from "restify";
import { createAdapter } from "../src/bot/adapter.js";
import { processMessage } from "../src/bot/http.js";
import { isCardPress } from "../src/bot/invoke-answers.js";
import type { Config } from "../src/config.js";
import type { Logger } from "../src/logger.js";

const CARD = {
  type: "AdaptiveCard",
  version: "1.5",
  body: [{ type: "TextBlock", text: "1.1.1 We have an in-depth understanding of our customers", wrap: true }],
  actions: [{ type: "Action.Execute", title: "Save", verb: "cse.save", data: {} }],
};

export async function startFloor(
  config: Config,
  log: Logger,
  storage?: () => Promise<unknown>,
): Promise<{ url: string; close: () => void }> {
  const typedReads = async () => {
    if (storage) for (let i = 0; i < 2; i++) await storage();
  };
  const pressReads = async () => {
    if (storage) await Promise.all([storage(), storage()]).then(storage);
  };
  const adapter = createAdapter(config);
  const app = new Application<TurnState>({ adapter, botAppId: "", removeRecipientMention: true, startTypingTimer: false });
  app.message(
    () => Promise.resolve(true),
    async (context) => {
      await typedReads();
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(CARD)));
    },
  );
  app.addRoute(
    (context) => Promise.resolve(isCardPress(context.activity)),
    async (context) => {
      await pressReads();
      await context.sendActivity({
        type: "invokeResponse",
        value: { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: CARD } },
      });
    },
    true,
  );
  const server = restify.createServer({ name: "floor", handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.post("/api/messages", async (req, res) => {
    const reply = await processMessage(
      adapter,
      { body: req.body as unknown, contentType: req.headers["content-type"], authorization: req.headers.authorization },
      (context) => app.run(context).then(() => undefined),
      log,
    );
    res.send(reply.status, reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
