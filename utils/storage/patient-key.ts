/**
 * The key every patient's records are stored under: HMAC-SHA-256 (a non-extractable key of its
 * own, created once per browser profile) over the EHR origin, the identifier system and the
 * identifier value. Nothing stored reveals an MRN or a name, the same MRN on two EHR origins gives
 * two unrelated keys, and a key cannot be recomputed from a guessed MRN without the HMAC key.
 *
 * There is deliberately no fallback to name + birth date. Two patients of one clinic can share
 * both (the reason MRNs exist), and a shared key would show one patient's scores and safety plan
 * under the other's banner. Without an identifier the background shows the page's data but stores
 * nothing for the patient. Which identifier keys a patient is `keyingIdentifier`'s choice, the one
 * the content script's `identityFingerprint` compares too.
 */
import {
  keyingIdentifier,
  normalizeIdentifierSystem,
  normalizeIdentifierValue,
} from '../clinical/identifiers';
import type { PatientIdentity } from '../clinical/types';
import { keyedHash } from './crypto';

const KEY_DOMAIN = 'careside-patient-key-v1';

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
    normalizeIdentifierSystem(identifier.system),
    normalizeIdentifierValue(identifier.value),
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
