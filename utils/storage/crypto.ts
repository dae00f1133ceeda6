/**
 * Encryption at rest for everything Careside stores about a patient.
 *
 * - AES-GCM 256 with a key generated once, non-extractable, and kept as a `CryptoKey` in the
 *   `keys` store: structured clone preserves the key object and its non-extractable flag, so no
 *   script (ours included) can ever read the key bytes back out.
 * - A fresh random 96-bit IV for every record written; AES-GCM must never reuse an IV under one key.
 * - Additional authenticated data (AAD) names the store and the record key, so a ciphertext moved
 *   onto another record (another patient, another month, an older revision) fails authentication
 *   instead of showing one patient's data under another patient.
 */

/** What a record keeps instead of its plaintext. */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}

export interface StorageKeys {
  /** AES-GCM 256, encrypt/decrypt only. */
  records: CryptoKey;
  /** HMAC-SHA-256, sign only: derives patient keys from identifiers. */
  patientIdentity: CryptoKey;
}

export type KeyPurpose = 'records' | 'patient-identity';

export interface KeyRecord {
  purpose: KeyPurpose;
  key: CryptoKey;
  createdAt: string;
}

const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A stored record could not be decrypted or parsed: it was altered or does not belong here. */
export class UnreadableRecordError extends Error {
  readonly store: string;
  readonly recordId: string;

  constructor(store: string, recordId: string, cause?: unknown) {
    super(
      `Careside cannot read a stored ${store} record (${shortId(recordId)}): it was altered, ` +
        'moved from another record, or written with a key that no longer exists. It was kept, not deleted.',
      { cause },
    );
    this.name = 'UnreadableRecordError';
    this.store = store;
    this.recordId = recordId;
  }
}

/** Record ids are hashed patient keys; a prefix is enough to tell two apart in a message. */
function shortId(recordId: string): string {
  return recordId.length > 16 ? `${recordId.slice(0, 12)}…` : recordId;
}

export async function generateStorageKeys(): Promise<StorageKeys> {
  const [records, patientIdentity] = await Promise.all([
    crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
    crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']),
  ]);
  return { records, patientIdentity };
}

/**
 * The AAD for a record: the store and every part of its key. JSON keeps the parts apart, so
 * ("a:b", "c") and ("a", "b:c") can never produce the same bytes.
 */
export function recordAad(
  store: string,
  ...recordKey: (string | number)[]
): Uint8Array<ArrayBuffer> {
  return encoder.encode(JSON.stringify(['careside', store, ...recordKey]));
}

export async function seal(
  key: CryptoKey,
  aad: Uint8Array<ArrayBuffer>,
  value: unknown,
): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plaintext = encoder.encode(JSON.stringify(value));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: aad },
    key,
    plaintext,
  );
  return { iv, ciphertext };
}

/**
 * Decrypts and parses a sealed record. Any failure (authentication tag, wrong AAD, malformed
 * envelope, bytes that are not JSON) becomes an `UnreadableRecordError` naming the record, so the
 * caller can report it rather than treat it as absent.
 */
export async function open<T>(
  key: CryptoKey,
  aad: Uint8Array<ArrayBuffer>,
  sealed: Sealed,
  where: { store: string; recordId: string },
): Promise<T> {
  try {
    if (!(sealed?.iv instanceof Uint8Array) || sealed.iv.byteLength !== IV_BYTES) {
      throw new Error('missing or malformed IV');
    }
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.iv, additionalData: aad },
      key,
      sealed.ciphertext,
    );
    return JSON.parse(decoder.decode(plaintext)) as T;
  } catch (error) {
    throw new UnreadableRecordError(where.store, where.recordId, error);
  }
}

/** HMAC-SHA-256 of a UTF-8 message, as lower-case hex. */
export async function keyedHash(key: CryptoKey, message: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(message));
  return Array.from(new Uint8Array(mac), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
