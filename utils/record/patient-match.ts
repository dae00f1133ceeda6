/**
 * Which Patient on the clinic's FHIR server is the patient the page shows. A write to the wrong
 * patient's record is the worst thing this feature could do, so the match is strict: the page's
 * record number searched under the identifier system the clinic set for this EHR origin, exactly
 * one Patient found, and that Patient's name and birth date agree with the page. Anything else
 * is no match, with the reason in the clinic's words. Pure: the search is the caller's.
 */
import { keyingIdentifier, normalizeIdentifierValue } from '../clinical/identifiers';
import type { PatientIdentity } from '../clinical/types';
import { nameKey } from '../ehr/identity';
import type { FhirResource } from './mapping';

export type PatientMatch =
  | { kind: 'matched'; patientId: string; reference: string }
  | { kind: 'no-identifier-system'; origin: string }
  | { kind: 'no-record-number' }
  | { kind: 'not-found' }
  | { kind: 'several'; count: number }
  | { kind: 'name-differs' }
  | { kind: 'birth-date-differs' };

/** The `identifier` search value for the page's patient, or why there is none. */
export function identifierQuery(
  identity: PatientIdentity,
  origin: string,
  systemsByOrigin: Readonly<Record<string, string>>,
):
  | { query: string }
  | Extract<PatientMatch, { kind: 'no-identifier-system' | 'no-record-number' }> {
  const system = systemsByOrigin[origin];
  if (!system) return { kind: 'no-identifier-system', origin };
  const identifier = keyingIdentifier(identity);
  const value = identifier ? normalizeIdentifierValue(identifier.value) : '';
  if (value === '') return { kind: 'no-record-number' };
  // FHIR token search escapes `|`, `,` and `$` in values with a backslash.
  const escaped = value.replace(/[\\|,$]/g, (character) => `\\${character}`);
  return { query: `${system}|${escaped}` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The words of a FHIR HumanName (family and given names), as one string. */
function humanNameText(name: unknown): string {
  if (!isRecord(name)) return '';
  if (typeof name.text === 'string' && name.text.trim() !== '') return name.text;
  const given = Array.isArray(name.given) ? name.given.filter((g) => typeof g === 'string') : [];
  const family = typeof name.family === 'string' ? name.family : '';
  return [...given, family].join(' ');
}

/**
 * The page's name agrees with one of the server's names when every word of the server's name
 * (initials and titles aside) is a word of the page's: "LOPEZ, MARIA J" agrees with "Maria
 * Lopez"; "Maria Lopez" does not agree with "Mario Lopez".
 */
export function namesAgree(pageName: string, serverNames: unknown): boolean {
  const pageWords = new Set(nameKey(pageName).split(' '));
  const names = Array.isArray(serverNames) ? serverNames : [];
  return names.some((name) => {
    const words = nameKey(humanNameText(name))
      .split(' ')
      .filter((word) => word !== '');
    return words.length > 0 && words.every((word) => pageWords.has(word));
  });
}

/** The match among the Patients a search by identifier returned. */
export function matchPatient(
  identity: PatientIdentity,
  found: readonly FhirResource[],
): PatientMatch {
  const patients = found.filter((resource) => resource.resourceType === 'Patient' && resource.id);
  if (patients.length === 0) return { kind: 'not-found' };
  if (patients.length > 1) return { kind: 'several', count: patients.length };
  const patient = patients[0] as FhirResource & { id: string };
  if (!identity.name || !namesAgree(identity.name, patient.name)) return { kind: 'name-differs' };
  if (!identity.birthDate || patient.birthDate !== identity.birthDate) {
    return { kind: 'birth-date-differs' };
  }
  return { kind: 'matched', patientId: patient.id, reference: `Patient/${patient.id}` };
}
