/**
 * The outbox of writes to the clinic's FHIR server (issue #22), and each patient's sync state.
 * A write is stored here, sealed, in the same moment the clinician's edit is saved locally, and
 * leaves only when the server has taken it; so a stopped service worker, a closed browser or a
 * server that is down loses nothing. Storage treats what a write holds as a JSON object; the
 * background (entrypoints/background/record.ts) knows its shape.
 */
import type { StorageContext } from './context';
import { open, recordAad, seal } from './crypto';
import { assertPatientKey } from './patient-key';

export interface OutboxItem<W> {
  id: string;
  patientKey: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  write: W;
}

/**
 * Minutes to wait before attempt n+1: doubling from 30 seconds, at most 30 minutes, so a server
 * that is down for the night is not asked thousands of times, and one back after a short outage
 * gets the write within a minute.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

function itemAad(id: string, patientKey: string): Uint8Array<ArrayBuffer> {
  return recordAad('outbox', id, patientKey);
}

export async function enqueue<W extends object>(
  ctx: StorageContext,
  patientKey: string,
  id: string,
  write: W,
): Promise<void> {
  assertPatientKey(patientKey);
  const keys = await ctx.keys();
  const sealed = await seal(keys.records, itemAad(id, patientKey), write);
  const now = ctx.now().getTime();
  const db = await ctx.db();
  await db.put('outbox', {
    id,
    patientKey,
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    sealed,
  });
}

/** Every waiting write, oldest first; `dueBy` keeps only those whose next attempt has come. */
export async function loadOutbox<W>(
  ctx: StorageContext,
  options: { patientKey?: string; dueBy?: number } = {},
): Promise<OutboxItem<W>[]> {
  const db = await ctx.db();
  const records =
    options.patientKey !== undefined
      ? await db.getAllFromIndex('outbox', 'byPatient', options.patientKey)
      : await db.getAll('outbox');
  const keys = await ctx.keys();
  const due = records
    .filter((record) => options.dueBy === undefined || record.nextAttemptAt <= options.dueBy)
    .sort((a, b) => a.createdAt - b.createdAt);
  return Promise.all(
    due.map(async (record) => ({
      id: record.id,
      patientKey: record.patientKey,
      createdAt: record.createdAt,
      attempts: record.attempts,
      nextAttemptAt: record.nextAttemptAt,
      write: await open<W>(keys.records, itemAad(record.id, record.patientKey), record.sealed, {
        store: 'outbox',
        recordId: record.id,
      }),
    })),
  );
}

export async function outboxCount(ctx: StorageContext, patientKey?: string): Promise<number> {
  const db = await ctx.db();
  return patientKey === undefined
    ? db.count('outbox')
    : db.countFromIndex('outbox', 'byPatient', patientKey);
}

/** The write was taken by the server (or can never be made): it leaves the outbox. */
export async function removeFromOutbox(ctx: StorageContext, id: string): Promise<void> {
  const db = await ctx.db();
  await db.delete('outbox', id);
}

/** The attempt failed in a way worth retrying: the next one waits longer. */
export async function postpone(ctx: StorageContext, id: string): Promise<number | null> {
  const db = await ctx.db();
  const tx = db.transaction('outbox', 'readwrite');
  const record = await tx.store.get(id);
  if (!record) {
    await tx.done;
    return null;
  }
  const attempts = record.attempts + 1;
  const nextAttemptAt = ctx.now().getTime() + retryDelayMs(attempts);
  await Promise.all([tx.store.put({ ...record, attempts, nextAttemptAt }), tx.done]);
  return nextAttemptAt;
}

/** Every waiting write is due now (the server is back, or the clinician asked to send). */
export async function makeAllDue(ctx: StorageContext): Promise<void> {
  const db = await ctx.db();
  const tx = db.transaction('outbox', 'readwrite');
  const now = ctx.now().getTime();
  const records = await tx.store.getAll();
  await Promise.all([
    ...records.map((record) => tx.store.put({ ...record, nextAttemptAt: now })),
    tx.done,
  ]);
}

export async function loadRecordSync<S>(
  ctx: StorageContext,
  patientKey: string,
): Promise<S | null> {
  assertPatientKey(patientKey);
  const db = await ctx.db();
  const record = await db.get('recordSync', patientKey);
  if (!record) return null;
  const keys = await ctx.keys();
  return open<S>(keys.records, recordAad('recordSync', patientKey), record.sealed, {
    store: 'recordSync',
    recordId: patientKey,
  });
}

export async function saveRecordSync<S extends object>(
  ctx: StorageContext,
  patientKey: string,
  state: S,
): Promise<void> {
  assertPatientKey(patientKey);
  const keys = await ctx.keys();
  const sealed = await seal(keys.records, recordAad('recordSync', patientKey), state);
  const db = await ctx.db();
  await db.put('recordSync', { patientKey, sealed });
}
