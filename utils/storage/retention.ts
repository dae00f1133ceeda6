/**
 * Retention and wipe. "Last access" is the last time a patient was opened in the sidebar or any
 * of their data was written; a patient not accessed within the retention period is removed with
 * everything stored for them, and so are audit entries older than the period (they link a hashed
 * patient key to rule ids).
 */
import type { StorageContext } from './context';
import { assertPatientKey } from './patient-key';

export interface PurgeReport {
  patients: number;
  /** Score months, legacy scores, safety plans and dismissal lists removed. */
  records: number;
  auditEntries: number;
}

const DAY_MS = 86_400_000;
const DATA_STORES = [
  'patients',
  'scores',
  'scoresV1',
  'safetyPlans',
  'dismissals',
  'audit',
  'outbox',
  'recordSync',
] as const;

/**
 * Removes patients not accessed since `now − retentionDays`, their data, data that belongs to no
 * known patient, and audit entries older than the cut-off. One transaction: all or nothing.
 */
export async function purgeExpired(
  ctx: StorageContext,
  now: Date,
  retentionDays: number,
): Promise<PurgeReport> {
  if (!Number.isFinite(retentionDays) || retentionDays <= 0) {
    throw new Error(`Retention must be a positive number of days, not ${retentionDays}.`);
  }
  if (Number.isNaN(now.getTime())) throw new Error('Purge needs a valid current time.');
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  const db = await ctx.db();
  const tx = db.transaction([...DATA_STORES], 'readwrite');
  const patients = tx.objectStore('patients');
  const [expired, known] = await Promise.all([
    patients.index('byLastAccess').getAllKeys(IDBKeyRange.upperBound(cutoff, true)),
    patients.getAllKeys(),
  ]);
  const expiredSet = new Set(expired);
  const live = new Set(known.filter((key) => !expiredSet.has(key)));
  const report: PurgeReport = { patients: expired.length, records: 0, auditEntries: 0 };
  const deletions: Promise<unknown>[] = expired.map((key) => patients.delete(key));

  let chunk = await tx.objectStore('scores').index('byPatientMonth').openKeyCursor();
  while (chunk) {
    const [patientKey] = chunk.key;
    if (!live.has(patientKey)) {
      deletions.push(tx.objectStore('scores').delete(chunk.primaryKey));
      report.records += 1;
    }
    chunk = await chunk.continue();
  }
  let legacy = await tx.objectStore('scoresV1').index('byPatient').openKeyCursor();
  while (legacy) {
    if (!live.has(legacy.key)) {
      deletions.push(tx.objectStore('scoresV1').delete(legacy.primaryKey));
      report.records += 1;
    }
    legacy = await legacy.continue();
  }
  for (const storeName of ['safetyPlans', 'dismissals'] as const) {
    const store = tx.objectStore(storeName);
    for (const patientKey of await store.getAllKeys()) {
      if (!live.has(patientKey)) {
        deletions.push(store.delete(patientKey));
        report.records += 1;
      }
    }
  }
  let entry = await tx
    .objectStore('audit')
    .index('byTime')
    .openCursor(IDBKeyRange.upperBound(cutoff, true));
  while (entry) {
    deletions.push(entry.delete());
    report.auditEntries += 1;
    entry = await entry.continue();
  }
  await Promise.all([...deletions, tx.done]);
  return report;
}

/** Removes everything stored for one patient, their audit entries included. */
export async function wipePatient(ctx: StorageContext, patientKey: string): Promise<void> {
  assertPatientKey(patientKey);
  const db = await ctx.db();
  const tx = db.transaction([...DATA_STORES], 'readwrite');
  const deletions: Promise<unknown>[] = [
    tx.objectStore('patients').delete(patientKey),
    tx.objectStore('safetyPlans').delete(patientKey),
    tx.objectStore('dismissals').delete(patientKey),
    tx.objectStore('recordSync').delete(patientKey),
    tx
      .objectStore('outbox')
      .index('byPatient')
      .getAllKeys(patientKey)
      .then((ids) => Promise.all(ids.map((id) => tx.objectStore('outbox').delete(id)))),
    tx
      .objectStore('scores')
      .index('byPatientMonth')
      .getAllKeys(IDBKeyRange.bound([patientKey, ''], [patientKey, '\uffff']))
      .then((ids) => Promise.all(ids.map((id) => tx.objectStore('scores').delete(id)))),
    tx
      .objectStore('scoresV1')
      .index('byPatient')
      .getAllKeys(patientKey)
      .then((ids) => Promise.all(ids.map((id) => tx.objectStore('scoresV1').delete(id)))),
    tx
      .objectStore('audit')
      .index('byPatient')
      .getAllKeys(patientKey)
      .then((ids) => Promise.all(ids.map((id) => tx.objectStore('audit').delete(id)))),
  ];
  await Promise.all([...deletions, tx.done]);
}

/**
 * Removes every record and both keys, in one transaction. New keys are created on next use, so
 * anything that survived elsewhere (a backup of the profile) can no longer be decrypted here.
 */
export async function wipeAll(ctx: StorageContext): Promise<void> {
  const db = await ctx.db();
  const names = [...db.objectStoreNames];
  const tx = db.transaction(names, 'readwrite');
  await Promise.all([...names.map((name) => tx.objectStore(name).clear()), tx.done]);
}
