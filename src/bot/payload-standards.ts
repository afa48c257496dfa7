/**
 * Card payloads of service standards: the standards card, the standard and figure forms, and a
 * figures import's Import button. Part of the payload parser (payload.ts), one schema per verb.
 */
import { z } from "zod";
import type { FigureInput } from "../services/figures.js";
import type { StandardSave } from "../services/standards.js";
import { fingerprint, optional, text, typed } from "./payload-fields.js";

export type StandardsAction =
  | { readonly kind: "standardForm"; readonly id?: string }
  | { readonly kind: "standardSave"; readonly save: StandardSave }
  | { readonly kind: "figureForm"; readonly id: string; readonly periodId?: string }
  | { readonly kind: "figureSave"; readonly input: FigureInput }
  | { readonly kind: "figureImportConfirm"; readonly fingerprint: string };

const standardId = z.string().regex(/^[a-z0-9-]{1,60}$/);
/** A new standard's form carries an empty id. */
const newOrStandardId = z
  .string()
  .regex(/^[a-z0-9-]{0,60}$/)
  .optional()
  .transform((id) => id || undefined);

export const STANDARD_SCHEMAS = {
  standardForm: z
    // "New standard" is on the same card as the standard choice, whose value comes along: "new" wins.
    .object({ standardId: newOrStandardId, new: optional(1) })
    .transform((d): StandardsAction => ({ kind: "standardForm", id: d.new ? undefined : d.standardId })),
  standardSave: z
    .object({
      standardId: newOrStandardId,
      promise: optional(2_000),
      measure: optional(20),
      unit: optional(200),
      target: typed(40),
      better: optional(10),
      frequency: optional(20),
      refs: optional(1_000),
      published: z.union([text(10), z.boolean()]).optional(),
      owner: optional(200),
      standardUnit: optional(80),
    })
    .transform((d): StandardsAction => ({
      kind: "standardSave",
      save: {
        id: d.standardId,
        ownerId: d.owner ?? "",
        unitId: d.standardUnit ?? "",
        draft: {
          promise: d.promise ?? "",
          measure: d.measure ?? "",
          unit: d.unit,
          target: String(d.target ?? ""),
          better: d.better ?? "",
          frequency: d.frequency ?? "",
          refs: d.refs ?? "",
          published: d.published === undefined ? undefined : d.published === true || d.published === "true",
        },
      },
    })),
  figureForm: z
    .object({ standardId, period: optional(20) })
    .transform((d): StandardsAction => ({ kind: "figureForm", id: d.standardId, periodId: d.period || undefined })),
  figureSave: z
    .object({
      standardId,
      period: optional(20),
      value: typed(40),
      count: typed(40),
      comparator: typed(40),
      note: optional(5_000),
      base: optional(40),
    })
    .transform((d): StandardsAction => ({
      kind: "figureSave",
      input: {
        standardId: d.standardId,
        periodId: d.period ?? "",
        value: d.value ?? "",
        count: d.count,
        comparator: d.comparator,
        note: d.note,
        base: d.base,
      },
    })),
  figureImportConfirm: z
    .object({ fingerprint: fingerprint })
    .transform((d): StandardsAction => ({ kind: "figureImportConfirm", fingerprint: d.fingerprint })),
} satisfies Record<StandardsAction["kind"], z.ZodType<StandardsAction, z.ZodTypeDef, unknown>>;
