/**
 * What every repository function needs: the open database, the storage keys and a clock.
 * The facade (`index.ts`) builds one per service worker; tests build their own per database name.
 */
import { generateStorageKeys, type KeyRecord, type StorageKeys } from './crypto';
import type { CaresideDatabase } from './schema';

export interface StorageContext {
  db(): Promise<CaresideDatabase>;
  keys(): Promise<StorageKeys>;
  now(): Date;
}

/**
 * Reads the keys, creating them on first use. Candidate keys are generated before the
 * transaction (WebCrypto is asynchronous and would let the transaction commit), then one
 * readwrite transaction keeps whichever keys were stored first, so two racing callers agree.
 */
export async function loadOrCreateKeys(db: CaresideDatabase, now: Date): Promise<StorageKeys> {
  const existing = await readKeys(db);
  if (existing) return existing;

  const candidate = await generateStorageKeys();
  const tx = db.transaction('keys', 'readwrite');
  const [records, patientIdentity] = await Promise.all([
    tx.store.get('records'),
    tx.store.get('patient-identity'),
  ]);
  const createdAt = now.toISOString();
  const chosen: StorageKeys = {
    records: records?.key ?? candidate.records,
    patientIdentity: patientIdentity?.key ?? candidate.patientIdentity,
  };
  const writes: Promise<unknown>[] = [];
  if (!records) writes.push(tx.store.put({ purpose: 'records', key: chosen.records, createdAt }));
  if (!patientIdentity) {
    writes.push(
      tx.store.put({ purpose: 'patient-identity', key: chosen.patientIdentity, createdAt }),
    );
  }
  await Promise.all([...writes, tx.done]);
  return chosen;
}

async function readKeys(db: CaresideDatabase): Promise<StorageKeys | null> {
  const tx = db.transaction('keys', 'readonly');
  const [records, patientIdentity]: (KeyRecord | undefined)[] = await Promise.all([
    tx.store.get('records'),
    tx.store.get('patient-identity'),
  ]);
  await tx.done;
  if (!records || !patientIdentity) return null;
  assertCryptoKey(records.key, 'records');
  assertCryptoKey(patientIdentity.key, 'patient-identity');
  return { records: records.key, patientIdentity: patientIdentity.key };
}

function assertCryptoKey(key: unknown, purpose: string): asserts key is CryptoKey {
  if (!(key instanceof CryptoKey)) {
    throw new Error(
      `Careside storage key "${purpose}" is not a CryptoKey; the key store is damaged.`,
    );
  }
}
