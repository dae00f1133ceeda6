/** FHIR Patient: who the file is about (name, birth date, sex, identifiers). */

import { parseIsoDate } from '../clinical/dates';
import type { AdministrativeSex, Identifier, PatientIdentity } from '../clinical/types';
import type { Translate } from '../i18n/index';
import { asArray, asObjects, asString, codings, type Json } from './json';

export function patientName(patient: Json): string | null {
  const names = asObjects(patient.name);
  const chosen =
    names.find((name) => name.use === 'official') ??
    names.find((name) => name.use !== 'old') ??
    names[0];
  if (!chosen) return null;
  const text = asString(chosen.text);
  if (text) return text.trim();
  const given = asArray(chosen.given).filter((part): part is string => typeof part === 'string');
  const family = asString(chosen.family);
  const full = [...given, family].filter(Boolean).join(' ').trim();
  return full || null;
}

export const SEXES: ReadonlySet<string> = new Set(['female', 'male', 'other', 'unknown']);

export function readIdentity(patient: Json, t: Translate, problems: string[]): PatientIdentity {
  const rawBirthDate = asString(patient.birthDate);
  const birthDate = rawBirthDate ? parseIsoDate(rawBirthDate) : null;
  if (rawBirthDate && !birthDate)
    problems.push(t('fhirBirthDateUnreadable', { value: rawBirthDate }));
  const gender = asString(patient.gender);
  const identifiers: Identifier[] = asObjects(patient.identifier).flatMap((identifier) => {
    const value = asString(identifier.value);
    if (!value) return [];
    const type = asString(codings(identifier.type)[0]?.code) ?? null;
    return [{ system: asString(identifier.system), type, value }];
  });
  return {
    name: patientName(patient),
    birthDate,
    sex: gender && SEXES.has(gender) ? (gender as AdministrativeSex) : null,
    identifiers,
  };
}
