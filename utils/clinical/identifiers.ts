/**
 * Which of a patient's identifiers says who they are, for every part of Careside that asks: the
 * content script deciding whether the page changed patient, and the background filing stored
 * records under a key. One function, so the two can never disagree about "the same patient".
 */
import type { Identifier, PatientIdentity } from './types';

/** Identifier labels that mean "medical record number" when the page gives no HL7 type. */
const MRN_LABEL =
  /^(mrn|medical record( number| no\.?| #)?|med rec( no\.?| #)?|chart( no\.?| #| number)?)$/i;

export function normalizeIdentifierValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** Labels from pages vary in case ("MRN", "mrn"); URIs are compared as given. */
export function normalizeIdentifierSystem(system: string | null): string {
  const trimmed = (system ?? '').trim();
  return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : trimmed.toLowerCase();
}

function isMedicalRecordNumber(identifier: Identifier): boolean {
  return identifier.type === 'MR' || MRN_LABEL.test((identifier.system ?? '').trim());
}

/**
 * The identifier a patient is known by: a medical record number when the chart shows one, since
 * it is the identifier an EHR shows on every view; otherwise the first by system and value, so
 * the choice does not depend on the order a page lists identifiers in. A selector pack's
 * identifier without an HL7 `type` counts like any other.
 */
export function keyingIdentifier(identity: PatientIdentity): Identifier | null {
  const usable = identity.identifiers.filter((id) => normalizeIdentifierValue(id.value) !== '');
  const ranked = [...usable].sort((a, b) => {
    const mrn = Number(isMedicalRecordNumber(b)) - Number(isMedicalRecordNumber(a));
    if (mrn !== 0) return mrn;
    const system = normalizeIdentifierSystem(a.system).localeCompare(
      normalizeIdentifierSystem(b.system),
    );
    return system !== 0
      ? system
      : normalizeIdentifierValue(a.value).localeCompare(normalizeIdentifierValue(b.value));
  });
  return ranked[0] ?? null;
}
