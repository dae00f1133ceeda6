/** FHIR Observation: labs and vitals the monitoring rules look at. */

import type { IsoDate, MonitoringEntry, MonitoringKind, Provenance } from '../clinical/types';
import { asObject, asString, codings, conceptText, dateOf, type Json, loincCodes } from './json';

/**
 * LOINC answer codes with a fixed score: the PHQ/GAD frequency answers (LOINC answer list
 * LL358-3, scored 0–3 per Kroenke 2001 / Spitzer 2006; the same ordinals as the HL7 US Core PHQ-9
 * Questionnaire's ordinalValue) and yes/no.
 */
export const LOINC_ANSWER_SCORES: Readonly<Record<string, number>> = {
  'LA6568-5': 0,
  'LA6569-3': 1,
  'LA6570-1': 2,
  'LA6571-9': 3,
  'LA32-8': 0,
  'LA33-6': 1,
};

/**
 * LOINC codes of the labs and vitals the monitoring rules look at. Lab and vital-sign LOINC codes
 * as published in the LOINC table (loinc.org term pages); one code can only mean one kind.
 */
export const MONITORING_LOINC: Readonly<Record<string, MonitoringKind>> = {
  '14334-7': 'lithium-level',
  '4086-3': 'valproate-level',
  '2160-0': 'creatinine',
  '33914-3': 'egfr',
  '62238-1': 'egfr',
  '98979-8': 'egfr',
  '48642-3': 'egfr',
  '48643-1': 'egfr',
  '3016-3': 'tsh',
  '17861-6': 'calcium',
  '2951-2': 'sodium',
  '4548-4': 'a1c',
  '2345-7': 'glucose',
  '2093-3': 'lipids',
  '2085-9': 'lipids',
  '18262-6': 'ldl',
  '13457-7': 'ldl',
  '2571-8': 'triglycerides',
  '29463-7': 'weight',
  '39156-5': 'bmi',
  '8302-2': 'height',
  '8280-0': 'waist',
  '8480-6': 'bp-systolic',
  '8462-4': 'bp-diastolic',
  '8867-4': 'heart-rate',
  '8636-3': 'qtc',
  '751-8': 'anc',
  '753-4': 'anc',
  '26499-4': 'anc',
  '6690-2': 'wbc',
  '777-3': 'platelets',
  '1742-6': 'alt',
  '1920-8': 'ast',
  '2106-3': 'pregnancy-test',
  '2118-8': 'pregnancy-test',
  '19080-1': 'pregnancy-test',
  '16128-1': 'hcv',
  '56888-1': 'hiv',
  '19295-5': 'urine-drug-screen',
};

/**
 * Labs that many systems code locally: recognised by the test's name when no LOINC code above
 * matches (the clinical reference lists these names beside the codes, D2 and D8).
 */
export const MONITORING_NAMES: ReadonlyArray<[RegExp, MonitoringKind]> = [
  [/\b(?:hcg|choriogonadotropin|pregnancy test)\b/i, 'pregnancy-test'],
  [/\b(?:hepatitis c|hcv)\b/i, 'hcv'],
  [/\bhiv\b/i, 'hiv'],
  [/\b(?:urine drug (?:screen|test|panel)|drug screen|drugs of abuse|uds)\b/i, 'urine-drug-screen'],
  [/\b(?:absolute neutrophil|neutrophils? #|anc)\b/i, 'anc'],
  [/\bqtc\b/i, 'qtc'],
];

export type ObservationValue = {
  number: number | null;
  text: string | null;
  raw: number | string | null;
  unit: string | null;
};

export function observationValue(resource: Json): ObservationValue | null {
  const quantity = asObject(resource.valueQuantity);
  if (quantity) {
    const value = typeof quantity.value === 'number' ? quantity.value : null;
    const unit = asString(quantity.unit) ?? asString(quantity.code);
    return { number: value, text: null, raw: value, unit };
  }
  for (const key of ['valueInteger', 'valueDecimal']) {
    const value = resource[key];
    if (typeof value === 'number') return { number: value, text: null, raw: value, unit: null };
  }
  const text = asString(resource.valueString);
  if (text) {
    const numeric = /^\s*[+-]?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : null;
    return { number: numeric, text: numeric === null ? text : null, raw: text, unit: null };
  }
  if (resource.valueCodeableConcept) {
    const conceptValue = conceptText(resource.valueCodeableConcept);
    const laCode = codings(resource.valueCodeableConcept)
      .map((coding) => asString(coding.code))
      .find((code) => code !== null && code in LOINC_ANSWER_SCORES);
    const score = laCode ? (LOINC_ANSWER_SCORES[laCode] ?? null) : null;
    return { number: score, text: conceptValue, raw: score ?? conceptValue, unit: null };
  }
  if (typeof resource.valueBoolean === 'boolean') {
    const value = resource.valueBoolean ? 1 : 0;
    return { number: value, text: null, raw: value, unit: null };
  }
  return null;
}

export function observationDate(resource: Json): IsoDate | null {
  return (
    dateOf(resource.effectiveDateTime) ??
    dateOf(asObject(resource.effectivePeriod)?.start) ??
    dateOf(resource.effectiveInstant)
  );
}

export function monitoringFrom(
  element: Json,
  date: IsoDate | null,
  provenance: Provenance,
): MonitoringEntry | null {
  const codes = loincCodes(element.code);
  const code = codes.find((candidate) => MONITORING_LOINC[candidate] !== undefined) ?? null;
  const name = conceptText(element.code);
  const kind = code
    ? MONITORING_LOINC[code]
    : name
      ? MONITORING_NAMES.find(([pattern]) => pattern.test(name))?.[1]
      : undefined;
  if (!kind) return null;
  const value = observationValue(element);
  return {
    kind,
    loinc: code,
    text: name ?? code ?? kind,
    date,
    value: value?.number ?? null,
    valueText: value?.text ?? null,
    unit: value?.unit ?? null,
    provenance,
  };
}
