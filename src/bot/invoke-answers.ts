/** Answers to card presses (adaptiveCard/action invokes) that carry words instead of a new card. */
import { StatusCodes, type Activity, type TurnContext } from "botbuilder";
import { INVOKE_RESPONSE_KEY } from "botbuilder";

const CARD_ACTION = "adaptiveCard/action";

export function isCardPress(activity: Partial<Activity>): boolean {
  return activity.type === "invoke" && activity.name === CARD_ACTION;
}

/** Whether this turn has already given Teams its answer to the invoke. */
export function answered(context: TurnContext): boolean {
  return context.turnState.get(INVOKE_RESPONSE_KEY) !== undefined;
}

/** A message Teams shows beside the card, which stays as the person left it (with what they typed). */
export async function answerWithWords(context: TurnContext, text: string): Promise<void> {
  await context.sendActivity({
    type: "invokeResponse",
    value: { status: StatusCodes.OK, body: { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: text } },
  });
}
