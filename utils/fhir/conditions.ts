/** FHIR Condition: the problem list, and whether one states a pregnancy. */

import type { ConditionEntry, Provenance } from '../clinical/types';
import { CODE_SYSTEMS } from './code-systems';
import { asObject, asString, codings, conceptText, dateOf, type Json } from './json';

export function conditionStatus(condition: Json): ConditionEntry['status'] {
  const code = asString(codings(condition.clinicalStatus)[0]?.code);
  if (code === 'active' || code === 'recurrence' || code === 'relapse') return 'active';
  if (code === 'inactive' || code === 'remission' || code === 'resolved') return 'resolved';
  return 'unknown';
}

export function readCondition(condition: Json, provenance: Provenance): ConditionEntry | null {
  const verification = asString(codings(condition.verificationStatus)[0]?.code);
  if (verification === 'entered-in-error' || verification === 'refuted') return null;
  const all = codings(condition.code);
  // ICD-10-CM first: the rules are written against it; SNOMED when that is all there is.
  const icd = all.find((coding) => coding.system === CODE_SYSTEMS.icd10cm && asString(coding.code));
  const snomed = all.find(
    (coding) => coding.system === CODE_SYSTEMS.snomed && asString(coding.code),
  );
  const chosen = icd ?? snomed;
  const text = conceptText(condition.code);
  if (!text && !chosen) return null;
  const onset = asObject(condition.onsetPeriod);
  return {
    text: text ?? '',
    code: chosen ? (asString(chosen.code)?.trim() ?? null) : null,
    system: icd ? 'ICD-10-CM' : snomed ? 'SNOMED' : null,
    status: conditionStatus(condition),
    onsetDate: dateOf(condition.onsetDateTime) ?? dateOf(onset?.start),
    provenance,
  };
}

/** ICD-10-CM Z33.1 "pregnant state" and SNOMED 77386006 "pregnancy" as an active condition. */
export function statesPregnancy(condition: ConditionEntry): boolean {
  if (condition.status === 'resolved' || condition.code === null) return false;
  if (condition.system === 'ICD-10-CM') return /^Z33\.1/i.test(condition.code);
  return condition.system === 'SNOMED' && condition.code === '77386006';
}
