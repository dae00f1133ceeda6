/**
 * The key every patient's records are stored under: HMAC-SHA-256 (a non-extractable key of its
 * own, created once per browser profile) over the EHR origin, the identifier system and the
 * identifier value. Nothing stored reveals an MRN or a name, the same MRN on two EHR origins gives
 * two unrelated keys, and a key cannot be recomputed from a guessed MRN without the HMAC key.
 *
 * There is deliberately no fallback to name + birth date. Two patients of one clinic can share
 * both (the reason MRNs exist), and a shared key would show one patient's scores and safety plan
 * under the other's banner. Without an identifier the background shows the page's data but stores
 * nothing for the patient.
 */
import type { Identifier, PatientIdentity } from '../clinical/types';
import { keyedHash } from './crypto';

const KEY_DOMAIN = 'careside-patient-key-v1';

/** Identifier labels that mean "medical record number" when the page gives no HL7 type. */
const MRN_LABEL =
  /^(mrn|medical record( number| no\.?| #)?|med rec( no\.?| #)?|chart( no\.?| #| number)?)$/i;

export function normalizeOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new Error(`Not an EHR origin (expected e.g. https://ehr.example.org): ${origin}`);
  }
  if (url.origin === 'null')
    throw new Error(`This URL has no origin to key patients by: ${origin}`);
  return url.origin;
}

function normalizeValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** Labels from pages vary in case ("MRN", "mrn"); URIs are compared as given. */
function normalizeSystem(system: string | null): string {
  const trimmed = (system ?? '').trim();
  return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : trimmed.toLowerCase();
}

function isMedicalRecordNumber(identifier: Identifier): boolean {
  return identifier.type === 'MR' || MRN_LABEL.test((identifier.system ?? '').trim());
}

/**
 * The identifier a patient is keyed by: a medical record number when the chart shows one, since
 * it is the identifier an EHR shows on every view; otherwise the first by system and value, so
 * the choice does not depend on the order a page lists identifiers in.
 */
export function keyingIdentifier(identity: PatientIdentity): Identifier | null {
  const usable = identity.identifiers.filter((id) => normalizeValue(id.value) !== '');
  const ranked = [...usable].sort((a, b) => {
    const mrn = Number(isMedicalRecordNumber(b)) - Number(isMedicalRecordNumber(a));
    if (mrn !== 0) return mrn;
    const system = normalizeSystem(a.system).localeCompare(normalizeSystem(b.system));
    return system !== 0 ? system : normalizeValue(a.value).localeCompare(normalizeValue(b.value));
  });
  return ranked[0] ?? null;
}

export async function derivePatientKey(
  hmacKey: CryptoKey,
  origin: string,
  identity: PatientIdentity,
): Promise<string | null> {
  const identifier = keyingIdentifier(identity);
  if (!identifier) return null;
  const message = JSON.stringify([
    KEY_DOMAIN,
    normalizeOrigin(origin),
    normalizeSystem(identifier.system),
    normalizeValue(identifier.value),
  ]);
  return keyedHash(hmacKey, message);
}

const PATIENT_KEY_PATTERN = /^[0-9a-f]{64}$/;

/** Guards every repository entry point: a raw MRN or name passed by mistake is refused. */
export function assertPatientKey(key: string): void {
  if (!PATIENT_KEY_PATTERN.test(key)) {
    throw new Error('Not a Careside patient key (expected the 64-hex-digit keyed hash).');
  }
}
