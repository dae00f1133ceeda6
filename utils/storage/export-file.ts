/**
 * The export file: every stored patient's FHIR Bundle, encrypted under a passphrase the user
 * types, so a file left on a shared drive or a USB stick is not a list of patients.
 *
 * PBKDF2-SHA-256 (WebCrypto) turns the passphrase into an AES-GCM 256 key: 600,000 iterations,
 * OWASP's 2023 figure for PBKDF2-HMAC-SHA256, and a fresh 16-byte salt and 12-byte IV per file.
 * The file's header (format, version, iterations, salt) is the additional data, so a header
 * edited to fewer iterations fails to decrypt. An import accepts no fewer iterations than this
 * and no more than a bound, so a crafted file cannot make the options page hash for hours.
 */
import type { ExportSummary } from '../messaging';
import type { FhirBundle } from './export';

export const EXPORT_FORMAT = 'careside-export';
export const EXPORT_VERSION = 1;
export const PBKDF2_ITERATIONS = 600_000;
const MAX_ITERATIONS = 10_000_000;
/** A passphrase shorter than this is refused: the file may travel. */
export const MIN_PASSPHRASE_LENGTH = 12;

interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
}

interface ExportFile extends ExportHeader {
  data: string;
}

/** Its message is a key of the message catalogue (public/_locales), shown in the options page. */
export class ExportFileError extends Error {}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** The additional data: everything of the header but the IV, in a fixed order. */
function headerAad(header: ExportHeader): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(
    JSON.stringify([header.format, header.version, header.kdf.iterations, header.kdf.salt]),
  );
}

async function deriveKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export function checkPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new ExportFileError('exportErrorShortPassphrase');
  }
}

export async function encryptExport(
  bundles: FhirBundle[],
  passphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<string> {
  checkPassphrase(passphrase);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
  };
  const key = await deriveKey(passphrase, salt, iterations);
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: headerAad(header) },
    key,
    new TextEncoder().encode(JSON.stringify(bundles)),
  );
  const file: ExportFile = { ...header, data: toBase64(new Uint8Array(sealed)) };
  return JSON.stringify(file);
}

/** The bundles of an export file; throws `ExportFileError` for a wrong passphrase or a bad file. */
export async function decryptExport(text: string, passphrase: string): Promise<unknown[]> {
  let file: ExportFile;
  try {
    file = JSON.parse(text) as ExportFile;
  } catch {
    throw new ExportFileError('exportErrorNotAFile');
  }
  if (
    typeof file !== 'object' ||
    file === null ||
    file.format !== EXPORT_FORMAT ||
    file.version !== EXPORT_VERSION ||
    file.kdf?.name !== 'PBKDF2' ||
    file.kdf.hash !== 'SHA-256' ||
    file.cipher?.name !== 'AES-GCM' ||
    typeof file.kdf.salt !== 'string' ||
    typeof file.cipher.iv !== 'string' ||
    typeof file.data !== 'string'
  ) {
    throw new ExportFileError('exportErrorNotAFile');
  }
  const iterations = file.kdf.iterations;
  if (
    !Number.isInteger(iterations) ||
    iterations < PBKDF2_ITERATIONS ||
    iterations > MAX_ITERATIONS
  ) {
    throw new ExportFileError('exportErrorUnsafeKdf');
  }
  let plain: ArrayBuffer;
  try {
    const key = await deriveKey(passphrase, fromBase64(file.kdf.salt), iterations);
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(file.cipher.iv), additionalData: headerAad(file) },
      key,
      fromBase64(file.data),
    );
  } catch {
    throw new ExportFileError('exportErrorWrongPassphrase');
  }
  let bundles: unknown;
  try {
    bundles = JSON.parse(new TextDecoder().decode(plain));
  } catch {
    throw new ExportFileError('exportErrorNoData');
  }
  if (!Array.isArray(bundles)) throw new ExportFileError('exportErrorNoData');
  return bundles;
}

/** What bundles hold, in counts: shown before an export is written and before an import. */
export function summarize(bundles: unknown[]): ExportSummary {
  const summary: ExportSummary = { patients: 0, scores: 0, safetyPlans: 0, dismissals: 0 };
  for (const bundle of bundles) {
    const entries = (bundle as { entry?: { resource?: { resourceType?: unknown } }[] }).entry;
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const type = entry?.resource?.resourceType;
      if (type === 'Patient') summary.patients++;
      else if (type === 'Observation') summary.scores++;
      else if (type === 'CarePlan') summary.safetyPlans++;
      else if (type === 'Basic') summary.dismissals++;
    }
  }
  return summary;
}
