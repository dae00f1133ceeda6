/**
 * The pack "Teach Careside this page" builds (issue 21, item 1), as plain data: the steps an
 * admin walks through, what each click chose, and the selector pack that follows from it. Pure:
 * no DOM, no `browser`, so the builder's overlay, its tests and the docs agree on one model.
 *
 * Nothing here holds patient data: a step keeps the selector Careside proposed, how many elements
 * it finds and where its frame is. The sample text an admin sees next to a step lives only in the
 * overlay while it is open.
 */
import type { FrameField, SelectorPack } from './format';

/** The parts of a pack the builder fills, in the order it asks for them. */
export const BUILDER_PARTS = [
  'identity',
  'medications',
  'problems',
  'scores',
  'labs',
  'vitals',
  'therapies',
] as const;
export type BuilderPart = (typeof BUILDER_PARTS)[number];

/**
 * `field`: one element (the patient's name); `row`: one row of a list, generalised to all its
 * rows; `cell`: one cell inside the row picked just before.
 */
export type StepKind = 'field' | 'row' | 'cell';

export interface BuilderStep {
  /** `identity.name`, `medications.item`, `scores.value` … also its message-catalogue suffix. */
  id: string;
  part: BuilderPart;
  /** The pack's own key for it (`name`, `item`, `row`, `value` …). */
  key: string;
  kind: StepKind;
}

const step = (part: BuilderPart, key: string, kind: StepKind): BuilderStep => ({
  id: `${part}.${key}`,
  part,
  key,
  kind,
});

/** Every step of the builder; each can be skipped. The pack format (format.ts) sets the keys. */
export const BUILDER_STEPS: readonly BuilderStep[] = [
  step('identity', 'name', 'field'),
  step('identity', 'birthDate', 'field'),
  step('identity', 'mrn', 'field'),
  step('medications', 'item', 'row'),
  step('medications', 'text', 'cell'),
  step('medications', 'status', 'cell'),
  step('medications', 'startDate', 'cell'),
  step('problems', 'item', 'row'),
  step('problems', 'text', 'cell'),
  step('problems', 'code', 'cell'),
  step('problems', 'status', 'cell'),
  step('scores', 'row', 'row'),
  step('scores', 'instrumentFrom', 'cell'),
  step('scores', 'date', 'cell'),
  step('scores', 'value', 'cell'),
  step('labs', 'row', 'row'),
  step('labs', 'name', 'cell'),
  step('labs', 'date', 'cell'),
  step('labs', 'value', 'cell'),
  step('labs', 'unit', 'cell'),
  step('vitals', 'row', 'row'),
  step('vitals', 'name', 'cell'),
  step('vitals', 'date', 'cell'),
  step('vitals', 'value', 'cell'),
  step('vitals', 'unit', 'cell'),
  step('therapies', 'item', 'row'),
  step('therapies', 'text', 'cell'),
  step('therapies', 'date', 'cell'),
  step('therapies', 'status', 'cell'),
];

export function builderStep(id: string): BuilderStep | null {
  return BUILDER_STEPS.find((candidate) => candidate.id === id) ?? null;
}

/** The row step a cell step belongs to (`medications.item` for `medications.text`). */
export function rowStepOf(cell: BuilderStep): BuilderStep | null {
  return BUILDER_STEPS.find((row) => row.part === cell.part && row.kind === 'row') ?? null;
}

/** Where a picked element is: the top document, or a frame (its address and name path). */
export interface PickedPlace {
  isTop: boolean;
  url: string;
  /** Frame names from the top down; null when an ancestor could not be read. */
  namePath: string[] | null;
}

/** What one click chose: where the field is, never what it showed. */
export interface StepChoice {
  selector: string;
  /** How many elements (rows, for a row) the selector finds on this page now. */
  count: number;
  isTop: boolean;
  /** The frame it is in (frameFor), when not the top document. */
  frame?: FrameField;
  /** Keeps the value out of "Label: value" text (one capture group), for identity fields. */
  pattern?: string;
}

/**
 * The builder's work so far. It holds no patient data (selectors, counts, frame names and paths,
 * the name of the address parameter), so the background may keep it while the admin opens another
 * patient, which reloads the page and the builder with it.
 */
export interface BuilderDraft {
  /** The EHR's origin, `https://ehr.example.org`. */
  origin: string;
  /** What the admin calls this EHR (the pack's `name`). */
  name: string;
  choices: Record<string, StepChoice>;
  skipped: string[];
  /** The address parameter that names the patient (proposePatientKeyParam), once found. */
  patientKeyParam: string | null;
}

export function emptyDraft(origin: string, name: string): BuilderDraft {
  return { origin, name, choices: {}, skipped: [], patientKeyParam: null };
}

/** A draft handed back by the background, checked before the panel takes it up again. */
export function isBuilderDraft(value: unknown, origin: string): value is BuilderDraft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Partial<BuilderDraft>;
  return (
    draft.origin === origin &&
    typeof draft.name === 'string' &&
    typeof draft.choices === 'object' &&
    draft.choices !== null &&
    Array.isArray(draft.skipped) &&
    (draft.patientKeyParam === null || typeof draft.patientKeyParam === 'string')
  );
}

/** `ehr.example.org:8443` → `ehr-example-org-8443`: a pack id from the site, in the pack's alphabet. */
export function packIdFor(origin: string): string {
  let host = origin;
  try {
    host = new URL(origin).host;
  } catch {
    // An origin the browser gave cannot fail to parse; a typed one keeps its letters below.
  }
  const id = host
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return `${id || 'ehr'}-pack`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern that keeps the value out of an element that also prints its label ("MRN: 00471203",
 * "Patient ID L-30071"), or undefined when the element holds the value alone. Only the label's
 * words go into the pattern, never the value (the pattern is part of the pack, which is shared).
 */
export function labelPattern(
  text: string,
  field: 'name' | 'birthDate' | 'mrn',
): string | undefined {
  const clean = text.replace(/\s+/g, ' ').trim();
  const colon = /^([^:\d]{1,30}):\s*\S/.exec(clean);
  if (colon?.[1]) {
    const label = escapeRegExp(colon[1].trim()).replace(/ /g, '\\s+');
    return field === 'mrn' ? `${label}:\\s*(\\S+)` : `${label}:\\s*(.+)`;
  }
  // A record number printed after words without a colon ("Patient ID L-30071"); a date needs no
  // pattern (the date reader finds it in the text), and a name without a colon is the name.
  if (field === 'mrn') {
    const words = /^([A-Za-z][A-Za-z .#]{0,29}?)\s+(\S*\d\S*)$/.exec(clean);
    if (words?.[1]) return `${escapeRegExp(words[1].trim()).replace(/ /g, '\\s+')}\\s+(\\S+)`;
  }
  return undefined;
}

/** The value a label pattern keeps, as the pack reader will read it. */
export function applyLabelPattern(text: string, pattern: string | undefined): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (pattern === undefined) return clean;
  return new RegExp(pattern).exec(clean)?.[1]?.trim() ?? '';
}

/**
 * The query parameter whose value is the record number the admin clicked, in any address seen
 * (`ChartMain.asp?MRN=00471203` → `MRN`): the pack's `patientKeyParam`, which lets a frame's
 * chart join the patient on its address alone.
 */
export function proposePatientKeyParam(
  addresses: readonly string[],
  recordNumber: string | null,
): string | null {
  const wanted = recordNumber?.trim().toLowerCase();
  if (!wanted) return null;
  for (const address of addresses) {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      continue;
    }
    for (const [name, value] of url.searchParams) {
      if (value.trim().toLowerCase() === wanted) return name;
    }
  }
  return null;
}

/**
 * The pack's `frame` for a field picked in a frame: the frame names from the top when every level
 * has one (they survive a patient change), else the frame document's path (`/MedList.asp`), which
 * carries no patient.
 */
export function frameFor(place: PickedPlace): FrameField | undefined {
  if (place.isTop) return undefined;
  if (place.namePath && place.namePath.length > 0 && place.namePath.every((name) => name !== '')) {
    return { name: [...place.namePath] };
  }
  try {
    return { urlMatch: new URL(place.url).pathname };
  } catch {
    return undefined;
  }
}

const SECTION_KEYS: Record<Exclude<BuilderPart, 'identity'>, string> = {
  medications: 'item',
  problems: 'item',
  scores: 'row',
  labs: 'row',
  vitals: 'row',
  therapies: 'item',
};

function sectionOf(
  draft: BuilderDraft,
  part: Exclude<BuilderPart, 'identity'>,
): Record<string, unknown> | undefined {
  const row = draft.choices[`${part}.${SECTION_KEYS[part]}`];
  if (!row) return undefined;
  const frame = row.frame;
  const section: Record<string, unknown> = { ...(frame ? { frame } : {}) };
  section[SECTION_KEYS[part]] = row.selector;
  for (const cell of BUILDER_STEPS.filter((s) => s.part === part && s.kind === 'cell')) {
    const choice = draft.choices[cell.id];
    if (choice) section[cell.key] = choice.selector;
  }
  return section;
}

function identitySource(choice: StepChoice | undefined): Record<string, string> | undefined {
  if (!choice) return undefined;
  return { selector: choice.selector, ...(choice.pattern ? { pattern: choice.pattern } : {}) };
}

/**
 * The selector pack the draft describes, as the JSON a clinic deploys. It may not be valid yet
 * (a skipped name, a score table without its instrument): the builder runs the policy's own
 * validation on it (validate.ts) and says what is missing in plain words.
 */
export function packFromDraft(
  draft: BuilderDraft,
): Partial<SelectorPack> & Record<string, unknown> {
  const { choices } = draft;
  const name = choices['identity.name'];
  const birthDate = choices['identity.birthDate'];
  const mrn = choices['identity.mrn'];
  const identityElements = [
    ...new Set([name, birthDate, mrn].flatMap((c) => (c ? [c.selector] : []))),
  ];
  const { patientKeyParam } = draft;
  const pack: Record<string, unknown> = {
    format: 1,
    id: packIdFor(draft.origin),
    name: draft.name,
    matches: [`${draft.origin}/*`],
    ...(name || identityElements[0] ? { detect: name?.selector ?? identityElements[0] } : {}),
    identity: {
      ...(name ? { name: identitySource(name) } : {}),
      ...(birthDate ? { birthDate: identitySource(birthDate) } : {}),
      ...(mrn ? { identifiers: [{ ...identitySource(mrn), system: 'MRN', type: 'MR' }] } : {}),
    },
    ...(identityElements.length > 0
      ? { identityElement: identityElements.length === 1 ? identityElements[0] : identityElements }
      : {}),
    ...(patientKeyParam ? { patientKeyParam } : {}),
  };
  for (const part of BUILDER_PARTS) {
    if (part === 'identity') continue;
    const section = sectionOf(draft, part);
    if (!section) continue;
    if (part === 'scores') pack.scores = [section];
    else pack[part] = section;
  }
  return pack as Partial<SelectorPack> & Record<string, unknown>;
}

/** The steps still to do once `done` are chosen or skipped: a skipped row skips its cells. */
export function nextStep(draft: BuilderDraft, afterId: string | null): BuilderStep | null {
  const start = afterId === null ? 0 : BUILDER_STEPS.findIndex((s) => s.id === afterId) + 1;
  for (const candidate of BUILDER_STEPS.slice(start)) {
    if (candidate.kind === 'cell') {
      const row = rowStepOf(candidate);
      if (row && !draft.choices[row.id]) continue;
    }
    return candidate;
  }
  return null;
}
