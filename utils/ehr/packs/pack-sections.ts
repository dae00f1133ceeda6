/**
 * The chart sections of a selector pack (medications, problems, score tables, labs, vitals,
 * therapies), each read where the pack places it, frame included. Its own bundle
 * (entrypoints/reader-pack.ts), loaded once the banner is up.
 */
import type { IsoDate, Provenance } from '../../clinical/types';
import { findPageDate, type PageDateFormat } from '../dates';
import { type FramePlace, framePlace, inFrame } from '../frames/where';
import { pageProvenance, problem } from '../identity/reading';
import { textOf } from '../page-text';
import { instrumentFromName } from '../page-vocabulary';
import {
  conditionFromText,
  MAX_ENTRY_LENGTH,
  medicationFromLine,
  medicationStatusFromText,
  monitoringFromRow,
  scoreEntry,
  scoreTotalFromText,
  therapyFromText,
} from '../sections/entries';
import { finishSections } from '../sections/reading';
import type { SectionReader } from '../types';
import type { FrameField, MeasurementTable } from './format';
import { queryAll, queryFirst } from './query';

function within(item: Element, selector: string | undefined): string | null {
  if (selector === undefined) return null;
  const element = queryFirst(item, selector);
  return element ? textOf(element) : null;
}

function dateWithin(
  item: Element,
  selector: string | undefined,
  format: PageDateFormat,
): IsoDate | null {
  const text = within(item, selector);
  return text ? findPageDate(text, format) : null;
}

/** Whether a field is read in this document: fields without a frame are read everywhere. */
function readsHere(frame: FrameField | undefined, url: URL, place: FramePlace): boolean {
  return frame === undefined || inFrame(frame, url, place);
}

export const readPackSections: SectionReader = (document, url, identity, adapter) => {
  const { pack } = adapter;
  // Only a pack's adapter names this reader (pack-adapter.ts).
  if (!pack) throw new Error(`reader ${adapter.id} has no selector pack`);
  const { context } = identity;
  const problems = [...identity.problems];
  const place = framePlace(document.defaultView);
  const here = (part: { frame?: FrameField } | undefined): boolean =>
    part !== undefined && readsHere(part.frame, url, place);
  const format = pack.dateFormat ?? 'auto';
  const provenance = (selector: string): Provenance =>
    pageProvenance(`${pack.id} ${selector}`, url);
  let tooLong = 0;

  if (pack.medications && here(pack.medications)) {
    const spec = pack.medications;
    const items = queryAll(document, spec.item);
    for (const item of items) {
      const line = spec.text === undefined ? textOf(item) : (within(item, spec.text) ?? '');
      if (line === '') continue;
      if (line.length > MAX_ENTRY_LENGTH) {
        tooLong += 1;
        continue;
      }
      const statusText = within(item, spec.status);
      context.medications.push(
        medicationFromLine(line, provenance(spec.item), {
          status:
            statusText === null ? undefined : (medicationStatusFromText(statusText) ?? 'unknown'),
          startDate: dateWithin(item, spec.startDate, format),
        }),
      );
    }
    if (items.length === 0) problems.push(problem('ehrProblemNoMedications'));
  }

  if (pack.problems && here(pack.problems)) {
    const spec = pack.problems;
    for (const item of queryAll(document, spec.item)) {
      const text = spec.text === undefined ? textOf(item) : (within(item, spec.text) ?? '');
      if (text === '') continue;
      if (text.length > MAX_ENTRY_LENGTH) {
        tooLong += 1;
        continue;
      }
      context.conditions.push(
        conditionFromText(
          text,
          within(item, spec.code),
          within(item, spec.status),
          provenance(spec.item),
        ),
      );
    }
  }

  for (const table of pack.scores ?? []) {
    if (!here(table)) continue;
    for (const row of queryAll(document, table.row)) {
      const instrument =
        table.instrument !== undefined
          ? instrumentFromName(table.instrument)
          : instrumentFromName(within(row, table.instrumentFrom) ?? '');
      const valueText = within(row, table.value);
      if (instrument === null || valueText === null || valueText === '') continue;
      context.scores.push(
        scoreEntry(
          instrument,
          dateWithin(row, table.date, format),
          scoreTotalFromText(valueText),
          provenance(table.row),
        ),
      );
    }
  }

  let unknownMonitoring = 0;
  const readMeasurements = (table: MeasurementTable | undefined) => {
    if (!table || !here(table)) return;
    for (const row of queryAll(document, table.row)) {
      const nameText = within(row, table.name);
      const valueText = within(row, table.value);
      if (!nameText || !valueText) continue;
      if (nameText.length > MAX_ENTRY_LENGTH || valueText.length > MAX_ENTRY_LENGTH) {
        tooLong += 1;
        continue;
      }
      const entries = monitoringFromRow(
        nameText,
        valueText,
        within(row, table.unit),
        dateWithin(row, table.date, format),
        provenance(table.row),
      );
      if (entries.length === 0) unknownMonitoring += 1;
      context.monitoring.push(...entries);
    }
  };
  readMeasurements(pack.labs);
  readMeasurements(pack.vitals);
  if (unknownMonitoring > 0)
    problems.push(problem('ehrProblemUnknownMonitoring', { count: unknownMonitoring }));

  if (pack.therapies && here(pack.therapies)) {
    const spec = pack.therapies;
    for (const item of queryAll(document, spec.item)) {
      const text = spec.text === undefined ? textOf(item) : (within(item, spec.text) ?? '');
      if (text === '' || text.length > MAX_ENTRY_LENGTH) continue;
      context.therapies.push(
        therapyFromText(
          text,
          dateWithin(item, spec.date, format),
          within(item, spec.status),
          provenance(spec.item),
        ),
      );
    }
  }
  if (tooLong > 0) problems.push(problem('ehrProblemValueTooLong', { count: tooLong }));
  return finishSections({ ...identity, problems });
};
