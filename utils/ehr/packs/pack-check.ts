/**
 * "Check a pack" on the options page (issue 21, item 3): what a pasted selector pack reads on an
 * open page, field by field, which frame each value came from, which of its selectors found
 * nothing, and why a part was not applied. Each frame reads the pack with the pack builder's own
 * reader (entrypoints/builder.content/picker.ts) and counts what each selector finds there
 * (`selectorFactsOf`, which takes the document); `checkReport` turns the frames' readings into the
 * report, as plain code. Nothing here is stored: the report lives in the options page while it is
 * shown.
 */
import type { IsoDate, PatientContext, Provenance } from '../../clinical/types';
import type { Translate } from '../../i18n';
import { type FrameSpec, inFrame } from '../frames/where';
import { labelFinder } from '../sections/registry';
import type { PageReading } from '../types';
import type { FieldSource, SelectorPack } from './format';
import { type FrameFacts, notApplied } from './not-applied';
import { queryAll, queryFirst } from './query';

/** One selector (or label) of a pack, named by its place as the policy's validation names it. */
export interface PackSelector {
  /** `detect`, `identity.name`, `identity.identifiers[0]`, `medications.item`, `scores[1].value` … */
  path: string;
  /** The CSS selector, or the label words for an identity field named by its label. */
  selector: string;
  by: 'selector' | 'label';
  /** For a cell: the selector of the rows it is looked for in. */
  within?: string;
  /** The list's `frame`, for a list or a cell of one. */
  frame?: FrameSpec;
  /** True for a list's item or row selector. */
  list?: boolean;
}

/** The chart lists of a pack, each with the key of its item or row selector and its cells. */
const LISTS = [
  { part: 'medications', key: 'item', cells: ['text', 'status', 'startDate'] },
  { part: 'problems', key: 'item', cells: ['text', 'code', 'status'] },
  { part: 'scores', key: 'row', cells: ['instrumentFrom', 'date', 'value'] },
  { part: 'labs', key: 'row', cells: ['name', 'date', 'value', 'unit'] },
  { part: 'vitals', key: 'row', cells: ['name', 'date', 'value', 'unit'] },
  { part: 'therapies', key: 'item', cells: ['text', 'date', 'status'] },
] as const;

type ListPart = (typeof LISTS)[number]['part'];

/** One list of the pack as it sits in the pack: `scores[1]` for the second score table. */
interface PackList {
  path: string;
  part: ListPart;
  key: 'item' | 'row';
  spec: Record<string, unknown> & { frame?: FrameSpec };
  cells: readonly string[];
}

function packLists(pack: SelectorPack): PackList[] {
  const lists: PackList[] = [];
  for (const { part, key, cells } of LISTS) {
    const value = pack[part] as PackList['spec'] | PackList['spec'][] | undefined;
    if (value === undefined) continue;
    const specs = Array.isArray(value) ? value : [value];
    specs.forEach((spec, index) => {
      const path = Array.isArray(value) ? `${part}[${index}]` : part;
      lists.push({ path, part, key, spec, cells });
    });
  }
  return lists;
}

function source(path: string, field: FieldSource): PackSelector {
  return field.selector !== undefined
    ? { path, selector: field.selector, by: 'selector' }
    : { path, selector: field.label ?? '', by: 'label' };
}

/** Every selector of the pack, in the pack's order. */
export function packSelectors(pack: SelectorPack): PackSelector[] {
  const found: PackSelector[] = [{ path: 'detect', selector: pack.detect, by: 'selector' }];
  const elements =
    typeof pack.identityElement === 'string' ? [pack.identityElement] : pack.identityElement;
  elements.forEach((selector, index) => {
    const path = elements.length === 1 ? 'identityElement' : `identityElement[${index}]`;
    found.push({ path, selector, by: 'selector' });
  });
  const { identity } = pack;
  found.push(source('identity.name', identity.name));
  found.push(source('identity.birthDate', identity.birthDate));
  if (identity.sex) found.push(source('identity.sex', identity.sex));
  (identity.identifiers ?? []).forEach((identifier, index) => {
    found.push(source(`identity.identifiers[${index}]`, identifier));
  });
  for (const list of packLists(pack)) {
    const rows = list.spec[list.key] as string;
    const frame = list.spec.frame;
    found.push({
      path: `${list.path}.${list.key}`,
      selector: rows,
      by: 'selector',
      list: true,
      ...(frame ? { frame } : {}),
    });
    for (const cell of list.cells) {
      const selector = list.spec[cell];
      if (typeof selector !== 'string') continue;
      found.push({
        path: `${list.path}.${cell}`,
        selector,
        by: 'selector',
        within: rows,
        ...(frame ? { frame } : {}),
      });
    }
  }
  return found;
}

/** What the pack's selectors find in one frame. */
export interface FrameSelectorFacts {
  /** Per selector path: elements found (for a cell: the rows it is found in). */
  found: Record<string, number>;
  /** Per list path: how many of the elements its selector finds are a table's heading rows. */
  headings: Record<string, number>;
}

/** A heading row: in a table head, or made of header cells only (as `npm run inspect` judges). */
export function isHeadingRow(element: Element): boolean {
  return (
    element.closest('thead') !== null ||
    element.matches('th, [role="columnheader"]') ||
    (element.querySelector('th, [role="columnheader"]') !== null &&
      element.querySelector('td, [role="cell"], [role="gridcell"]') === null)
  );
}

/** Counts, in one document, what each of the pack's selectors finds there. */
export function selectorFactsOf(document: Document, pack: SelectorPack): FrameSelectorFacts {
  const found: Record<string, number> = {};
  const headings: Record<string, number> = {};
  const count = (selector: PackSelector): number => {
    if (selector.by === 'label') {
      try {
        return labelFinder()(document.body ?? document, [selector.selector]).length;
      } catch {
        return 0;
      }
    }
    if (selector.within !== undefined) {
      const rows = queryAll(document, selector.within);
      return rows.filter((row) => queryFirst(row, selector.selector) !== null).length;
    }
    const elements = queryAll(document, selector.selector);
    if (selector.list) headings[selector.path] = elements.filter(isHeadingRow).length;
    return elements.length;
  };
  for (const selector of packSelectors(pack)) found[selector.path] = count(selector);
  return { found, headings };
}

/** Where a value was read: the top document, or a frame by its names from the top and address. */
export interface CheckedPlace {
  url: string;
  isTop: boolean;
  namePath: string[] | null;
}

/** Where a frame's reading is kept: a frame that reloads replaces its own reading. */
export function frameReadingKey(place: CheckedPlace): string {
  if (place.isTop) return 'top';
  return place.namePath ? `names:${place.namePath.join('/')}` : `url:${place.url}`;
}

/** One frame's reading of the pack, as the options page received it. */
export interface CheckedFrame extends CheckedPlace {
  reading: PageReading;
  facts: FrameSelectorFacts;
}

export interface IdentityCheck {
  field: 'name' | 'birthDate' | 'mrn';
  value: string | null;
  /** The frame the value was read in; null when no frame read it. */
  from: CheckedPlace | null;
}

/** One entry of a list as shown in the check: its text, and its date, value and unit if any. */
export interface CheckedEntry {
  text: string;
  date: IsoDate | null;
  value: number | string | null;
  unit: string | null;
}

export interface ListCheck {
  /** `medications`, `scores[0]` …, as the pack names it. */
  path: string;
  part: ListPart;
  /** Entries read, in every frame together. */
  count: number;
  /** The first entries, for the eye. */
  first: CheckedEntry[];
  /** The frames the entries came from. */
  from: CheckedPlace[];
}

export interface CheckReport {
  identity: IdentityCheck[];
  lists: ListCheck[];
  /** Selectors (and labels) that found nothing in any frame where they are looked for. */
  foundNothing: PackSelector[];
  /** Why the pack or a part of it would not be applied on this page, in plain words. */
  notApplied: string[];
  /** Whether the top document's reading confirms the patient, and what it could not read. */
  identityConfirmed: boolean;
  problems: string[];
}

/** How many first entries of each list the check shows. */
export const FIRST_ENTRIES = 3;

function entriesOf(
  context: PatientContext,
  part: ListPart,
): (CheckedEntry & {
  provenance: Provenance;
})[] {
  switch (part) {
    case 'medications':
      return context.medications.map((entry) => ({
        text: entry.text,
        date: entry.startDate,
        value: null,
        unit: null,
        provenance: entry.provenance,
      }));
    case 'problems':
      return context.conditions.map((entry) => ({
        text: entry.text,
        date: entry.onsetDate,
        value: entry.code,
        unit: null,
        provenance: entry.provenance,
      }));
    case 'scores':
      return context.scores.map((entry) => ({
        text: entry.instrument,
        date: entry.date,
        value: entry.total,
        unit: null,
        provenance: entry.provenance,
      }));
    case 'labs':
    case 'vitals':
      return context.monitoring.map((entry) => ({
        text: entry.text,
        date: entry.date,
        value: entry.value ?? entry.valueText,
        unit: entry.unit,
        provenance: entry.provenance,
      }));
    case 'therapies':
      return context.therapies.map((entry) => ({
        text: entry.text,
        date: entry.date,
        value: null,
        unit: null,
        provenance: entry.provenance,
      }));
  }
}

const placeOf = ({ url, isTop, namePath }: CheckedPlace): CheckedPlace => ({
  url,
  isTop,
  namePath,
});

/** Frames ordered top document first, so a value the banner shows is named from there. */
function topFirst(frames: CheckedFrame[]): CheckedFrame[] {
  return [...frames].sort((a, b) => Number(b.isTop) - Number(a.isTop));
}

function identityValue(reading: PageReading, field: IdentityCheck['field']): string | null {
  const { identity } = reading.context;
  if (field === 'mrn') {
    return identity.identifiers.find((identifier) => identifier.type === 'MR')?.value ?? null;
  }
  return identity[field];
}

/** Whether the frame is one where the selector is looked for (its list's `frame`, if any). */
function looksIn(selector: PackSelector, frame: CheckedFrame): boolean {
  if (selector.frame === undefined) return true;
  return inFrame(selector.frame, new URL(frame.url), {
    isTop: frame.isTop,
    namePath: frame.namePath,
  });
}

/** The report of a pack check, from what every frame read and found. */
export function checkReport(pack: SelectorPack, frames: CheckedFrame[], t: Translate): CheckReport {
  const ordered = topFirst(frames);
  const identity = (['name', 'birthDate', 'mrn'] as const).map((field): IdentityCheck => {
    for (const frame of ordered) {
      const value = identityValue(frame.reading, field);
      if (value !== null && value !== '') return { field, value, from: placeOf(frame) };
    }
    return { field, value: null, from: null };
  });

  const lists = packLists(pack).map((list): ListCheck => {
    const via = `${pack.id} ${list.spec[list.key] as string}`;
    const entries: CheckedEntry[] = [];
    const from: CheckedPlace[] = [];
    for (const frame of ordered) {
      const here = entriesOf(frame.reading.context, list.part).filter(
        (entry) => entry.provenance.via === via,
      );
      if (here.length === 0) continue;
      from.push(placeOf(frame));
      entries.push(...here.map(({ provenance: _provenance, ...entry }) => entry));
    }
    return {
      path: list.path,
      part: list.part,
      count: entries.length,
      first: entries.slice(0, FIRST_ENTRIES),
      from,
    };
  });

  const foundNothing = packSelectors(pack).filter((selector) => {
    const total = frames
      .filter((frame) => looksIn(selector, frame))
      .reduce((sum, frame) => sum + (frame.facts.found[selector.path] ?? 0), 0);
    return total === 0;
  });

  const facts: FrameFacts[] = frames.map((frame) => ({
    url: frame.url,
    isTop: frame.isTop,
    namePath: frame.namePath,
    detect: { [pack.id]: (frame.facts.found.detect ?? 0) > 0 },
    lists: Object.fromEntries(
      packLists(pack).map((list) => {
        const path = `${list.path}.${list.key}`;
        return [
          list.spec[list.key] as string,
          { matched: frame.facts.found[path] ?? 0, headings: frame.facts.headings[path] ?? 0 },
        ];
      }),
    ),
  }));

  const top = frames.find((frame) => frame.isTop);
  return {
    identity,
    lists,
    foundNothing,
    notApplied: frames.length > 0 ? notApplied([pack], facts, t) : [],
    identityConfirmed: top?.reading.identityConfirmed ?? false,
    problems: top?.reading.problems ?? [],
  };
}

/**
 * The pack as pasted: a pack object, or the JSON text of one as the managed policy carries it in
 * `selectorPacks` (a JSON string holding the pack). Either is checked by the policy's validation.
 */
export function pastedPack(text: string): unknown {
  const trimmed = text.trim();
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return parsed;
  } catch {
    // The validation says what is wrong with the text, in the policy's own words.
    return trimmed;
  }
}
