/**
 * The field checks card payloads share. Generous caps: a clear "too long" message with the real
 * limit comes from the domain; these only stop absurd payloads from travelling any further.
 */
import { z } from "zod";

export const text = (max: number) => z.string().max(max);
export const optional = (max: number) => text(max).optional();
/** Input.Number and Input.Toggle may send numbers and booleans, or their text. */
export const typed = (max: number) => z.union([text(max), z.number().finite()]).optional();
/** A waiting import's fingerprint (SHA-256, hex). */
export const fingerprint = z.string().regex(/^[0-9a-f]{64}$/);
