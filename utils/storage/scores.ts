/**
 * Scores kept for a patient's trends: read from the page, from FHIR, or entered in the sidebar.
 *
 * Sealed per patient per calendar month (`ScoreChunkRecord`): loading 10,000 observations costs
 * one decryption per month of history instead of one per score (measured: see docs/security.md),
 * and the instrument names, which say what a patient is treated for, stay inside the ciphertext.
 * Writers read a month, merge, and compare-and-set on its `revision`, so two writers never lose
 * each other's scores.
 */
import type { ScoreEntry } from '../clinical/types';
import type { StorageContext } from './context';
import { open, recordAad, seal, UnreadableRecordError } from './crypto';
import { assertPatientKey } from './patient-key';
import { touchPatientInTransaction } from './patients';
import { type ScoreChunkRecord, scoreChunkId, scoreMonth } from './schema';

export type ScoreSource = ScoreEntry['provenance']['source'];
const SCORE_SOURCES: readonly ScoreSource[] = ['page', 'fhir', 'entered'];

export interface UnreadableRecord {
  store: string;
  recordId: string;
  message: string;
}

export interface ScoreLoad {
  /** Oldest first; undated entries last. */
  entries: ScoreEntry[];
  /** Records that failed authentication or parsing: kept in storage and reported, never dropped. */
  unreadable: UnreadableRecord[];
}

export interface AddScoresResult {
  added: number;
  duplicates: number;
}

const STORE = 'scores';
const MAX_ATTEMPTS = 8;

/** Two entries are the same administration when instrument, date, total and source agree. */
export function scoreIdentity(entry: ScoreEntry): string {
  const total = entry.total === null ? '' : String(entry.total).trim();
  return JSON.stringify([
    entry.instrument.trim().toUpperCase(),
    entry.date,
    total,
    entry.provenance.source,
  ]);
}

/** Refuses the whole batch on the first malformed entry, before anything is written. */
export function assertScoreEntries(entries: readonly ScoreEntry[]): void {
  entries.forEach((entry, index) => {
    const problem = scoreEntryProblem(entry);
    if (problem) throw new Error(`Score ${index + 1} was not stored: ${problem}.`);
  });
}

function scoreEntryProblem(entry: ScoreEntry): string | null {
  if (typeof entry !== 'object' || entry === null) return 'it is not an object';
  if (typeof entry.instrument !== 'string' || entry.instrument.trim() === '') {
    return 'it has no instrument name';
  }
  if (entry.date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(String(entry.date))) {
    return `its date "${String(entry.date)}" is not YYYY-MM-DD`;
  }
  if (entry.total !== null && typeof entry.total !== 'number' && typeof entry.total !== 'string') {
    return 'its total is neither a number nor text';
  }
  if (typeof entry.total === 'number' && !Number.isFinite(entry.total)) {
    return 'its total is not a finite number';
  }
  if (!entry.provenance || !SCORE_SOURCES.includes(entry.provenance.source)) {
    return 'its source is not page, fhir or entered';
  }
  if (typeof entry.provenance.via !== 'string')
    return 'its provenance does not say where it was read';
  return null;
}

function compareByDate(a: ScoreEntry, b: ScoreEntry): number {
  if (a.date === b.date) return 0;
  if (a.date === null) return 1;
  if (b.date === null) return -1;
  return a.date < b.date ? -1 : 1;
}

function chunkRange(patientKey: string): IDBKeyRange {
  return IDBKeyRange.bound([patientKey, ''], [patientKey, '\uffff']);
}

/** The chunk's AAD: its id and, for months written since the revision was sealed in, the revision. */
function chunkAad(chunkId: string, revision: number | null): Uint8Array<ArrayBuffer> {
  return revision === null ? recordAad(STORE, chunkId) : recordAad(STORE, chunkId, revision);
}

async function openChunk(key: CryptoKey, record: ScoreChunkRecord): Promise<ScoreEntry[]> {
  const aad = chunkAad(record.chunkId, record.aad === 2 ? record.revision : null);
  return open<ScoreEntry[]>(key, aad, record.sealed, {
    store: STORE,
    recordId: record.chunkId,
  });
}

export async function loadScores(ctx: StorageContext, patientKey: string): Promise<ScoreLoad> {
  assertPatientKey(patientKey);
  const db = await ctx.db();
  const tx = db.transaction([STORE, 'scoresV1'], 'readonly');
  const [chunks, leftovers] = await Promise.all([
    tx.objectStore(STORE).index('byPatientMonth').getAll(chunkRange(patientKey)),
    tx.objectStore('scoresV1').index('byPatient').getAllKeys(patientKey),
    tx.done,
  ]);
  const keys = await ctx.keys();
  const opened = await Promise.allSettled(chunks.map((chunk) => openChunk(keys.records, chunk)));
  const entries: ScoreEntry[] = [];
  const unreadable: UnreadableRecord[] = [];
  opened.forEach((result) => {
    if (result.status === 'fulfilled') entries.push(...result.value);
    else unreadable.push(describeUnreadable(result.reason));
  });
  // Legacy records still present after open are the ones `migrateLegacyScores` could not read.
  for (const id of leftovers) {
    unreadable.push({
      store: 'scoresV1',
      recordId: id,
      message: new UnreadableRecordError('scoresV1', id).message,
    });
  }
  entries.sort(compareByDate);
  return { entries, unreadable };
}

function describeUnreadable(reason: unknown): UnreadableRecord {
  if (reason instanceof UnreadableRecordError) {
    return { store: reason.store, recordId: reason.recordId, message: reason.message };
  }
  throw reason;
}

export async function addScores(
  ctx: StorageContext,
  patientKey: string,
  entries: readonly ScoreEntry[],
): Promise<AddScoresResult> {
  assertPatientKey(patientKey);
  assertScoreEntries(entries);
  return mergeScores(ctx, patientKey, entries, { legacyIdsToDelete: [], touch: true });
}

interface MergeOptions {
  /** v1 records converted by this write, deleted in the same transaction. */
  legacyIdsToDelete: string[];
  /** Whether the write counts as an access for retention. */
  touch: boolean;
}

/**
 * Read the months touched, merge without duplicates, then write only if no other writer changed
 * those months in between (compare-and-set on `revision`); otherwise read again and retry. A month
 * that cannot be decrypted stops the write: merging into it would overwrite what it holds.
 */
async function mergeScores(
  ctx: StorageContext,
  patientKey: string,
  entries: readonly ScoreEntry[],
  options: MergeOptions,
): Promise<AddScoresResult> {
  const byMonth = new Map<string, ScoreEntry[]>();
  for (const entry of entries) {
    const month = scoreMonth(entry.date);
    byMonth.set(month, [...(byMonth.get(month) ?? []), entry]);
  }
  const db = await ctx.db();
  const keys = await ctx.keys();

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const months = [...byMonth.keys()];
    const readTx = db.transaction(STORE, 'readonly');
    const current = await Promise.all(
      months.map((month) => readTx.store.get(scoreChunkId(patientKey, month))),
    );
    await readTx.done;

    let added = 0;
    let duplicates = 0;
    const writes: {
      chunkId: string;
      month: string;
      expected: number | null;
      next: ScoreEntry[];
    }[] = [];
    for (const [index, month] of months.entries()) {
      const record = current[index];
      const stored = record ? await openChunk(keys.records, record) : [];
      const seen = new Set(stored.map(scoreIdentity));
      const next = [...stored];
      for (const entry of byMonth.get(month) ?? []) {
        const identity = scoreIdentity(entry);
        if (seen.has(identity)) {
          duplicates += 1;
          continue;
        }
        seen.add(identity);
        next.push(entry);
        added += 1;
      }
      if (next.length !== stored.length) {
        writes.push({
          chunkId: scoreChunkId(patientKey, month),
          month,
          expected: record?.revision ?? null,
          next: next.sort(compareByDate),
        });
      }
    }
    if (writes.length === 0 && options.legacyIdsToDelete.length === 0) {
      if (options.touch) await touchAfterDuplicates(ctx, patientKey);
      return { added, duplicates };
    }

    const sealed = await Promise.all(
      writes.map((write) =>
        seal(keys.records, chunkAad(write.chunkId, (write.expected ?? 0) + 1), write.next),
      ),
    );
    const tx = db.transaction([STORE, 'scoresV1', 'patients'], 'readwrite');
    const scores = tx.objectStore(STORE);
    const now = await Promise.all(writes.map((write) => scores.get(write.chunkId)));
    const unchanged = writes.every(
      (write, index) => (now[index]?.revision ?? null) === write.expected,
    );
    if (!unchanged) {
      await tx.done;
      continue;
    }
    const requests: Promise<unknown>[] = writes.map((write, index) =>
      scores.put({
        chunkId: write.chunkId,
        patientKey,
        month: write.month,
        revision: (write.expected ?? 0) + 1,
        aad: 2,
        sealed: sealed[index] as ScoreChunkRecord['sealed'],
      }),
    );
    for (const id of options.legacyIdsToDelete) {
      requests.push(tx.objectStore('scoresV1').delete(id));
    }
    if (options.touch) {
      requests.push(touchPatientInTransaction(tx.objectStore('patients'), patientKey, ctx.now()));
    }
    await Promise.all([...requests, tx.done]);
    return { added, duplicates };
  }
  throw new Error(
    `Scores were not stored: other writers kept changing the same months (${MAX_ATTEMPTS} attempts).`,
  );
}

async function touchAfterDuplicates(ctx: StorageContext, patientKey: string): Promise<void> {
  const db = await ctx.db();
  const tx = db.transaction('patients', 'readwrite');
  await Promise.all([touchPatientInTransaction(tx.store, patientKey, ctx.now()), tx.done]);
}

/** A score as v1 sealed it: entered in the sidebar, no provenance. */
interface LegacyScore {
  instrument: string;
  date: string | null;
  total: number | string | null;
  items?: Record<number, number | string | null>;
}

export const LEGACY_SCORE_VIA = 'careside v1 score entry';

/**
 * Converts the v1 records the v2 upgrade moved aside into `scoresV1`. v1 stored only scores
 * entered in the sidebar, so their source is `entered`. A record that cannot be decrypted stays
 * where it is and `loadScores` reports it; everything readable is converted.
 */
export async function migrateLegacyScores(ctx: StorageContext): Promise<UnreadableRecord[]> {
  const db = await ctx.db();
  const legacy = await db.getAll('scoresV1');
  if (legacy.length === 0) return [];
  const keys = await ctx.keys();
  const byPatient = new Map<string, { ids: string[]; entries: ScoreEntry[] }>();
  const unreadable: UnreadableRecord[] = [];
  for (const record of legacy) {
    try {
      const score = await open<LegacyScore>(
        keys.records,
        recordAad('scores', record.id),
        record.sealed,
        {
          store: 'scoresV1',
          recordId: record.id,
        },
      );
      const entry: ScoreEntry = {
        instrument: score.instrument,
        date: score.date,
        total: score.total,
        ...(score.items ? { items: score.items } : {}),
        provenance: { source: 'entered', via: LEGACY_SCORE_VIA },
      };
      assertScoreEntries([entry]);
      const group = byPatient.get(record.patientKey) ?? { ids: [], entries: [] };
      group.ids.push(record.id);
      group.entries.push(entry);
      byPatient.set(record.patientKey, group);
    } catch (error) {
      unreadable.push(
        error instanceof UnreadableRecordError
          ? { store: error.store, recordId: error.recordId, message: error.message }
          : { store: 'scoresV1', recordId: record.id, message: String(error) },
      );
    }
  }
  for (const [patientKey, group] of byPatient) {
    try {
      await mergeScores(ctx, patientKey, group.entries, {
        legacyIdsToDelete: group.ids,
        touch: false,
      });
    } catch (error) {
      // The patient's v2 months cannot be merged into (unreadable): keep the v1 records as they are.
      const message = error instanceof Error ? error.message : String(error);
      for (const id of group.ids) unreadable.push({ store: 'scoresV1', recordId: id, message });
    }
  }
  return unreadable;
}
