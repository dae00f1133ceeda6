/**
 * The selector-pack format (version 1): how Careside reads an EHR it has no code for. A pack is
 * plain JSON, written by clinic IT and documented in docs/selector-packs.md; this file is its
 * shape, `validate.ts` checks a pack, `pack-adapter.ts` turns it into an `EhrAdapter`.
 */
import * as v from 'valibot';
import { PAGE_DATE_FORMATS } from '../dates';

const text = v.pipe(v.string(), v.minLength(1));

/**
 * Where one identity value is on the page: an element (`selector`), or the value printed next to
 * a label (`label`). `pattern` keeps part of the text (its one capture group); `dateFormat` says
 * how the site prints dates.
 */
export const FieldSourceSchema = v.strictObject({
  selector: v.optional(text),
  label: v.optional(text),
  pattern: v.optional(text),
  dateFormat: v.optional(v.picklist(PAGE_DATE_FORMATS)),
});

export const IdentifierSourceSchema = v.strictObject({
  ...FieldSourceSchema.entries,
  /** The identifier's label or system as the sidebar should show it, e.g. "MRN". */
  system: text,
  /** HL7 v2 identifier type; "MR" marks the medical record number. */
  type: v.optional(text),
});

export const IdentitySchema = v.strictObject({
  name: FieldSourceSchema,
  birthDate: FieldSourceSchema,
  sex: v.optional(FieldSourceSchema),
  identifiers: v.optional(v.array(IdentifierSourceSchema)),
});

/**
 * Where a field lives when the EHR spreads its chart over frames: a match pattern or a piece of
 * the frame's address (`urlMatch`), and/or the frame names from the top document down (`name`).
 * A field with a `frame` is read only in such a frame, never in the top document.
 */
export const FrameSchema = v.strictObject({
  urlMatch: v.optional(text),
  name: v.optional(v.pipe(v.array(text), v.minLength(1))),
});

export const MedicationsSchema = v.strictObject({
  frame: v.optional(FrameSchema),
  item: text,
  text: v.optional(text),
  status: v.optional(text),
  startDate: v.optional(text),
});

export const ProblemsSchema = v.strictObject({
  frame: v.optional(FrameSchema),
  item: text,
  text: v.optional(text),
  code: v.optional(text),
  status: v.optional(text),
});

export const ScoreTableSchema = v.strictObject({
  frame: v.optional(FrameSchema),
  row: text,
  /** A fixed instrument for every row (a table of PHQ-9 scores)… */
  instrument: v.optional(text),
  /** …or the cell that names the instrument in each row. */
  instrumentFrom: v.optional(text),
  date: v.optional(text),
  value: text,
});

export const MeasurementTableSchema = v.strictObject({
  frame: v.optional(FrameSchema),
  row: text,
  name: text,
  date: v.optional(text),
  value: text,
  unit: v.optional(text),
});

export const TherapiesSchema = v.strictObject({
  frame: v.optional(FrameSchema),
  item: text,
  text: v.optional(text),
  date: v.optional(text),
  status: v.optional(text),
});

export const SelectorPackSchema = v.strictObject({
  format: v.literal(1),
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/)),
  name: text,
  matches: v.pipe(v.array(v.string()), v.minLength(1)),
  detect: text,
  dateFormat: v.optional(v.picklist(PAGE_DATE_FORMATS)),
  identity: IdentitySchema,
  identityElement: v.union([text, v.pipe(v.array(text), v.minLength(1))]),
  patientKeyParam: v.optional(text),
  medications: v.optional(MedicationsSchema),
  problems: v.optional(ProblemsSchema),
  scores: v.optional(v.array(ScoreTableSchema)),
  labs: v.optional(MeasurementTableSchema),
  vitals: v.optional(MeasurementTableSchema),
  therapies: v.optional(TherapiesSchema),
});

export type FrameField = v.InferOutput<typeof FrameSchema>;
export type FieldSource = v.InferOutput<typeof FieldSourceSchema>;
export type IdentifierSource = v.InferOutput<typeof IdentifierSourceSchema>;
export type ScoreTable = v.InferOutput<typeof ScoreTableSchema>;
export type MeasurementTable = v.InferOutput<typeof MeasurementTableSchema>;
export type SelectorPack = v.InferOutput<typeof SelectorPackSchema>;

/** The pack format this version of Careside reads. */
export const SELECTOR_PACK_FORMAT = 1;
