import { openDB } from 'idb';
import type { PatientIdentity, ScoreEntry } from '../../../utils/clinical/types';
import { type CaresideStorage, createStorage } from '../../../utils/storage';

export const ORIGIN = 'https://ehr.clinic.test';

/** A fictional patient whose name and MRN must never appear in storage in clear. */
export const IMOGEN: PatientIdentity = {
  name: 'Imogen Quillfeather',
  birthDate: '1984-03-09',
  sex: 'female',
  identifiers: [{ system: 'MRN', type: 'MR', value: 'QF-448812' }],
};

export const OSWIN: PatientIdentity = {
  name: 'Oswin Brackenridge',
  birthDate: '1979-11-30',
  sex: 'male',
  identifiers: [{ system: 'MRN', type: 'MR', value: 'BR-100277' }],
};

let counter = 0;

export function uniqueDbName(): string {
  counter += 1;
  return `careside-test-${Date.now()}-${counter}`;
}

export interface TestStorage {
  storage: CaresideStorage;
  name: string;
  clock: { now: Date };
}

export function freshStorage(start = new Date('2025-06-01T09:00:00Z')): TestStorage {
  const name = uniqueDbName();
  const clock = { now: start };
  return { storage: createStorage({ name, now: () => clock.now }), name, clock };
}

export function score(
  instrument: string,
  date: string | null,
  total: number | string | null,
  source: ScoreEntry['provenance']['source'] = 'entered',
): ScoreEntry {
  return { instrument, date, total, provenance: { source, via: `test-${source}` } };
}

/** Every record of every store, read with plain idb calls beside the code under test. */
export async function rawContents(name: string): Promise<Record<string, unknown[]>> {
  const db = await openDB(name);
  const contents: Record<string, unknown[]> = {};
  for (const store of [...db.objectStoreNames]) contents[store] = await db.getAll(store);
  db.close();
  return contents;
}

/** All text a record holds in clear: strings, and bytes decoded as UTF-8 and as Latin-1. */
export function clearText(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
  else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes =
      value instanceof ArrayBuffer
        ? new Uint8Array(value)
        : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    out.push(new TextDecoder('utf-8').decode(bytes), new TextDecoder('latin1').decode(bytes));
  } else if (value instanceof CryptoKey) {
    out.push(value.type);
  } else if (Array.isArray(value)) {
    for (const item of value) clearText(item, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      clearText(item, out);
    }
  }
  return out;
}

export async function patientKeyOf(storage: CaresideStorage, identity: PatientIdentity) {
  const key = await storage.patientKey(ORIGIN, identity);
  if (!key) throw new Error('test identity has no identifier');
  return key;
}
