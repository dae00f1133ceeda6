/**
 * Who a patient key belongs to, as the chart last showed it (for export and for the identity
 * banner of stored data), and when the patient was last accessed (for retention).
 */

import type { IDBPObjectStore, StoreNames } from 'idb';
import type { PatientIdentity } from '../clinical/types';
import type { StorageContext } from './context';
import { open, recordAad, seal } from './crypto';
import { assertPatientKey, normalizeOrigin } from './patient-key';
import type { CaresideDB, PatientRecord } from './schema';

export interface StoredPatient {
  /** The EHR origin the identity was read on; part of the patient key. */
  origin: string;
  identity: PatientIdentity;
}

export interface PatientSummary {
  patientKey: string;
  lastAccess: Date;
  /** Null when data was stored (e.g. by an import) before the patient was opened. */
  patient: StoredPatient | null;
}

const STORE = 'patients';

/**
 * Marks the patient as accessed inside a caller's readwrite transaction, so that writing data and
 * refreshing its retention clock commit together.
 */
export async function touchPatientInTransaction(
  patients: IDBPObjectStore<CaresideDB, ArrayLike<StoreNames<CaresideDB>>, 'patients', 'readwrite'>,
  patientKey: string,
  now: Date,
): Promise<void> {
  const existing = await patients.get(patientKey);
  const record: PatientRecord = existing
    ? { ...existing, lastAccess: Math.max(existing.lastAccess, now.getTime()) }
    : { patientKey, lastAccess: now.getTime(), sealed: null };
  await patients.put(record);
}

/** Records the patient the chart is showing and refreshes their last access. */
export async function rememberPatient(
  ctx: StorageContext,
  patientKey: string,
  origin: string,
  identity: PatientIdentity,
): Promise<void> {
  assertPatientKey(patientKey);
  const keys = await ctx.keys();
  const stored: StoredPatient = { origin: normalizeOrigin(origin), identity };
  const sealed = await seal(keys.records, recordAad(STORE, patientKey), stored);
  const db = await ctx.db();
  const tx = db.transaction(STORE, 'readwrite');
  await Promise.all([
    tx.store.put({ patientKey, lastAccess: ctx.now().getTime(), sealed }),
    tx.done,
  ]);
}

export async function loadPatient(
  ctx: StorageContext,
  patientKey: string,
): Promise<PatientSummary | null> {
  assertPatientKey(patientKey);
  const db = await ctx.db();
  const record = await db.get(STORE, patientKey);
  if (!record) return null;
  const keys = await ctx.keys();
  const patient = record.sealed
    ? await open<StoredPatient>(keys.records, recordAad(STORE, patientKey), record.sealed, {
        store: STORE,
        recordId: patientKey,
      })
    : null;
  return { patientKey, lastAccess: new Date(record.lastAccess), patient };
}

/** Refreshes the retention clock without changing anything else (the patient was viewed). */
export async function touchPatient(ctx: StorageContext, patientKey: string): Promise<void> {
  assertPatientKey(patientKey);
  const db = await ctx.db();
  const tx = db.transaction(STORE, 'readwrite');
  await Promise.all([touchPatientInTransaction(tx.store, patientKey, ctx.now()), tx.done]);
}
