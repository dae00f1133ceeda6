/**
 * Chart entries from the text a reader found: the same rules for every adapter, pack and the
 * generic reader, so "Discontinued" or "128/84" mean the same whatever EHR printed them.
 */
import { type MedicationFacts, statusStatedIn } from '../../clinical/medications/status';
import type {
  ConditionEntry,
  IsoDate,
  MedicationEntry,
  MedicationStatus,
  MonitoringEntry,
  Provenance,
  ScoreEntry,
  TherapyEntry,
} from '../../clinical/types';
import { cleanText } from '../page-text';
import {
  isBloodPressureName,
  monitoringKindFromName,
  therapyModalityFromText,
} from '../page-vocabulary';

/** Longer than this, a "line" of a chart is something else caught by a selector: left out. */
export const MAX_ENTRY_LENGTH = 2_000;

export function medicationStatusFromText(text: string): MedicationStatus | undefined {
  const value = text.toLowerCase();
  if (/\b(discontinued|stopped|inactive|d\/c'?d)\b/.test(value)) return 'stopped';
  if (/\b(completed|finished|ended)\b/.test(value)) return 'completed';
  if (/\b(on hold|held|paused|suspended)\b/.test(value)) return 'on-hold';
  if (/\b(active|current|taking)\b/.test(value)) return 'active';
  return undefined;
}

/**
 * A medication line as the chart shows it, with the status and dates the chart gives it. Which
 * drug it is, its strength and its daily dose are left null here: the background fills them in
 * (utils/ehr/sections/enrich.ts), so the vocabulary and the parser stay out of the page.
 */
export function rawMedication(
  text: string,
  provenance: Provenance,
  facts: MedicationFacts = {},
): MedicationEntry {
  return {
    text,
    ingredient: null,
    rxnorm: null,
    class: null,
    strengthMg: null,
    dosesPerDay: null,
    dailyDoseMg: null,
    route: null,
    prn: false,
    // The parser reads the same words the same way, so the status agrees before and after.
    status: facts.status ?? statusStatedIn(text) ?? 'unknown',
    startDate: facts.startDate ?? null,
    endDate: facts.endDate ?? null,
    unparsed: [],
    provenance,
  };
}

export function medicationFromLine(
  line: string,
  provenance: Provenance,
  facts: MedicationFacts = {},
): MedicationEntry {
  return rawMedication(cleanText(line), provenance, facts);
}

const ICD10 = /^[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?$/i;
const SNOMED = /^\d{6,18}$/;

export function conditionFromText(
  text: string,
  codeText: string | null,
  statusText: string | null,
  provenance: Provenance,
): ConditionEntry {
  const code = codeText
    ? cleanText(codeText).replace(/^(?:ICD-?10(?:-CM)?|SNOMED(?: CT)?)[:\s]*/i, '')
    : '';
  const system = ICD10.test(code) ? 'ICD-10-CM' : SNOMED.test(code) ? 'SNOMED' : null;
  const status = statusText ?? '';
  return {
    text: cleanText(text),
    code: code === '' ? null : code.toUpperCase(),
    system,
    status: /\b(resolved|inactive|historical)\b/i.test(status)
      ? 'resolved'
      : /\bactive\b/i.test(status)
        ? 'active'
        : 'unknown',
    onsetDate: null,
    provenance,
  };
}

const LEADING_NUMBER = /^\s*([+-]?\d+(?:\.\d+)?)/;

/**
 * A stated score total as read: the number a cell starts with ("14", "14 - Moderate"), or the
 * cell's text when it is not a number, so the clinical engine can reject it with a reason.
 */
export function scoreTotalFromText(text: string): number | string | null {
  const value = cleanText(text);
  if (value === '') return null;
  const number = LEADING_NUMBER.exec(value);
  return number ? Number(number[1]) : value.slice(0, 40);
}

export function scoreEntry(
  instrument: string,
  date: IsoDate | null,
  total: number | string | null,
  provenance: Provenance,
  items?: Record<number, number | string | null>,
): ScoreEntry {
  return items
    ? { instrument, date, total, items, provenance }
    : { instrument, date, total, provenance };
}

function splitValue(text: string): {
  value: number | null;
  valueText: string | null;
  unit: string | null;
} {
  const value = cleanText(text);
  const match = /^([+-]?\d+(?:\.\d+)?)\s*(.*)$/.exec(value);
  if (!match) return { value: null, valueText: value === '' ? null : value, unit: null };
  const unit = (match[2] ?? '').trim();
  return { value: Number(match[1]), valueText: null, unit: unit === '' ? null : unit };
}

/**
 * Monitoring entries from one lab or vitals row. A blood pressure ("128/84") becomes two entries;
 * a name Careside does not track gives none.
 */
export function monitoringFromRow(
  nameText: string,
  valueText: string,
  unitText: string | null,
  date: IsoDate | null,
  provenance: Provenance,
): MonitoringEntry[] {
  const name = cleanText(nameText);
  if (isBloodPressureName(name)) {
    const pressure = /^\s*(\d{2,3})\s*\/\s*(\d{2,3})/.exec(cleanText(valueText));
    if (!pressure) return [];
    const unit = unitText ? cleanText(unitText) : 'mm[Hg]';
    return [
      { kind: 'bp-systolic', value: Number(pressure[1]) },
      { kind: 'bp-diastolic', value: Number(pressure[2]) },
    ].map(({ kind, value }) => ({
      kind: kind as MonitoringEntry['kind'],
      loinc: null,
      text: name,
      date,
      value,
      valueText: null,
      unit,
      provenance,
    }));
  }
  const kind = monitoringKindFromName(name);
  if (kind === null) return [];
  const split = splitValue(valueText);
  const unit = unitText ? cleanText(unitText) || null : split.unit;
  return [
    {
      kind,
      loinc: null,
      text: name,
      date,
      value: split.value,
      valueText: split.valueText,
      unit,
      provenance,
    },
  ];
}

export function therapyFromText(
  text: string,
  date: IsoDate | null,
  statusText: string | null,
  provenance: Provenance,
): TherapyEntry {
  const status = (statusText ?? '').toLowerCase();
  return {
    modality: therapyModalityFromText(text),
    text: cleanText(text),
    date,
    status: /cancel|no[- ]show/.test(status)
      ? 'cancelled'
      : /complet|attended|done/.test(status)
        ? 'completed'
        : /schedul|booked|upcoming/.test(status)
          ? 'scheduled'
          : 'unknown',
    provenance,
  };
}
