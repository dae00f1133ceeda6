/**
 * An `EhrAdapter` built from a validated selector pack: the pack says where each field is, this
 * file reads it the same way for every pack.
 */
import { emptyPatientContext, type IsoDate, type Provenance } from '../../clinical/types';
import { findPageDate, type PageDateFormat } from '../dates';
import {
  conditionFromText,
  MAX_ENTRY_LENGTH,
  medicationFromLine,
  medicationStatusFromText,
  monitoringFromRow,
  scoreEntry,
  scoreTotalFromText,
  therapyFromText,
} from '../entries';
import { type FramePlace, framePlace, inFrame } from '../frames/where';
import {
  type IdentifierCandidate,
  type IdentityCandidate,
  resolveBirthDate,
  resolveIdentifiers,
  resolveName,
} from '../identity';
import { findLabelledValues, labelSet, textOf } from '../page-text';
import { instrumentFromName, sexFromText } from '../page-vocabulary';
import { finishReading, pageProvenance, problem } from '../reading';
import type { EhrAdapter, PageReading, ReadingProblem, ReadOptions } from '../types';
import type { FieldSource, FrameField, MeasurementTable, SelectorPack } from './format';
import { matchesAnyUrl } from './match-pattern';

/** A value at a place the clinic named: as sure as a reader gets. */
const SELECTOR_CONFIDENCE = 1;
/** A value next to a label the clinic named: the label could also appear elsewhere. */
const LABEL_CONFIDENCE = 0.9;

function queryAll(root: ParentNode, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector));
}

function within(item: Element, selector: string | undefined): string | null {
  if (selector === undefined) return null;
  const element = item.querySelector(selector);
  return element ? textOf(element) : null;
}

function applyPattern(text: string, pattern: string | undefined): string | null {
  if (pattern === undefined) return text;
  return new RegExp(pattern).exec(text)?.[1] ?? null;
}

function sourceCandidates(
  document: Document,
  source: FieldSource,
  via: string,
): IdentityCandidate[] {
  const texts =
    source.selector !== undefined
      ? queryAll(document, source.selector).map((element) => element.textContent ?? '')
      : findLabelledValues(document.body ?? document, labelSet([source.label ?? ''])).map(
          ({ value }) => value,
        );
  return texts
    .map((text) => applyPattern(text, source.pattern))
    .filter((text): text is string => text !== null)
    .map((text) => ({ text, via }));
}

function sourceConfidence(source: FieldSource): number {
  return source.selector !== undefined ? SELECTOR_CONFIDENCE : LABEL_CONFIDENCE;
}

function describeSource(pack: SelectorPack, source: FieldSource): string {
  return `${pack.id} ${source.selector ?? `label "${source.label}"`}`;
}

function dateWithin(
  item: Element,
  selector: string | undefined,
  format: PageDateFormat,
): IsoDate | null {
  const text = within(item, selector);
  return text ? findPageDate(text, format) : null;
}

/** The chart parts of a pack, each with the frame it may live in. */
function sectionSpecs(pack: SelectorPack): { frame?: FrameField; selector: string }[] {
  return [
    ...(pack.medications
      ? [{ frame: pack.medications.frame, selector: pack.medications.item }]
      : []),
    ...(pack.problems ? [{ frame: pack.problems.frame, selector: pack.problems.item }] : []),
    ...(pack.scores ?? []).map((table) => ({ frame: table.frame, selector: table.row })),
    ...(pack.labs ? [{ frame: pack.labs.frame, selector: pack.labs.row }] : []),
    ...(pack.vitals ? [{ frame: pack.vitals.frame, selector: pack.vitals.row }] : []),
    ...(pack.therapies ? [{ frame: pack.therapies.frame, selector: pack.therapies.item }] : []),
  ];
}

/** Whether a field is read in this document: fields without a frame are read everywhere. */
function readsHere(frame: FrameField | undefined, url: URL, place: FramePlace): boolean {
  return frame === undefined || inFrame(frame, url, place);
}

function readPack(
  pack: SelectorPack,
  document: Document,
  url: URL,
  options: ReadOptions = {},
): PageReading {
  const problems: ReadingProblem[] = [];
  const place = framePlace(document.defaultView);
  const here = (part: { frame?: FrameField } | undefined): boolean =>
    part !== undefined && readsHere(part.frame, url, place);
  const format = pack.dateFormat ?? 'auto';
  const provenance = (selector: string): Provenance =>
    pageProvenance(`${pack.id} ${selector}`, url);
  const { identity } = pack;

  const name = resolveName(
    sourceCandidates(document, identity.name, describeSource(pack, identity.name)),
    sourceConfidence(identity.name),
  );
  const birthDate = resolveBirthDate(
    sourceCandidates(document, identity.birthDate, describeSource(pack, identity.birthDate)).map(
      (candidate) => ({ ...candidate, format: identity.birthDate.dateFormat ?? format }),
    ),
    sourceConfidence(identity.birthDate),
  );
  const sexText = identity.sex
    ? sourceCandidates(document, identity.sex, describeSource(pack, identity.sex))[0]?.text
    : undefined;
  const identifierCandidates: IdentifierCandidate[] = (identity.identifiers ?? []).flatMap(
    (source) =>
      sourceCandidates(document, source, describeSource(pack, source)).map((candidate) => ({
        ...candidate,
        system: source.system,
        type: source.type ?? null,
      })),
  );
  const mrnSource = identity.identifiers?.find((source) => source.type === 'MR');
  const identifiers = resolveIdentifiers(
    identifierCandidates,
    mrnSource ? sourceConfidence(mrnSource) : 0,
  );
  problems.push(...name.problems, ...birthDate.problems, ...identifiers.problems);

  const context = emptyPatientContext({
    name: name.value,
    birthDate: birthDate.value,
    sex: sexText === undefined ? null : sexFromText(sexText),
    identifiers: identifiers.identifiers,
  });
  const confidence = {
    name: name.confidence,
    birthDate: birthDate.confidence,
    mrn: identifiers.mrnConfidence,
  };
  if (options.identityOnly)
    return finishReading({ adapter: pack.id, context, confidence, problems });
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

  return finishReading({ adapter: pack.id, context, confidence, problems });
}

/** The patient key a pack names in the URL (`?pid=123`), or null. */
export function packPatientKey(pack: SelectorPack, url: URL): string | null {
  return pack.patientKeyParam ? url.searchParams.get(pack.patientKeyParam) : null;
}

/** An adapter for a pack that `validateSelectorPack` accepted. */
export function packAdapter(pack: SelectorPack): EhrAdapter {
  const identitySelectors =
    typeof pack.identityElement === 'string' ? [pack.identityElement] : [...pack.identityElement];
  return {
    id: pack.id,
    name: pack.name,
    matches: [...pack.matches],
    identitySelectors,
    detect: (document, url) => {
      if (!matchesAnyUrl(pack.matches, url)) return false;
      if (document.querySelector(pack.detect) !== null) return true;
      // A frame that holds one of the pack's fields is the pack's, banner or not.
      const place = framePlace(document.defaultView);
      return sectionSpecs(pack).some(
        ({ frame }) => frame !== undefined && inFrame(frame, url, place),
      );
    },
    read: (document, url, options) => readPack(pack, document, url, options),
    patientKey: (_document, url) => packPatientKey(pack, url),
    sectionSelectors: sectionSpecs(pack).map(({ selector }) => selector),
  };
}
