import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { createStorage, retryDelayMs } from '../../../utils/storage';
import { generateStorageKeys, recordAad, seal } from '../../../utils/storage/crypto';
import { derivePatientKey } from '../../../utils/storage/patient-key';
import {
  clearText,
  freshStorage,
  IMOGEN,
  ORIGIN,
  OSWIN,
  rawContents,
  uniqueDbName,
} from './helpers';

/** A version 2 database as Careside wrote it, built with plain idb calls (no shared code). */
async function writeVersion2Database(name: string) {
  const keys = await generateStorageKeys();
  const imogen = (await derivePatientKey(keys.patientIdentity, ORIGIN, IMOGEN)) as string;
  const db = await openDB(name, 2, {
    upgrade(v2) {
      v2.createObjectStore('keys', { keyPath: 'purpose' });
      v2.createObjectStore('patients', { keyPath: 'patientKey' }).createIndex(
        'byLastAccess',
        'lastAccess',
      );
      v2.createObjectStore('scores', { keyPath: 'chunkId' }).createIndex('byPatientMonth', [
        'patientKey',
        'month',
      ]);
      v2.createObjectStore('scoresV1', { keyPath: 'id' }).createIndex('byPatient', 'patientKey');
      v2.createObjectStore('safetyPlans', { keyPath: 'patientKey' });
      v2.createObjectStore('dismissals', { keyPath: 'patientKey' });
      const audit = v2.createObjectStore('audit', { keyPath: 'id', autoIncrement: true });
      audit.createIndex('byTime', 'at');
      audit.createIndex('byPatient', 'patientKey');
      v2.createObjectStore('settings', { keyPath: 'id' });
    },
  });
  const createdAt = '2025-05-01T00:00:00Z';
  await db.put('keys', { purpose: 'records', key: keys.records, createdAt });
  await db.put('keys', { purpose: 'patient-identity', key: keys.patientIdentity, createdAt });
  await db.put('safetyPlans', {
    patientKey: imogen,
    revision: 1,
    sealed: await seal(keys.records, recordAad('safetyPlans', imogen, 1), {
      warningSigns: ['not sleeping'],
      revision: 1,
    }),
  });
  db.close();
  return imogen;
}

describe('outbox', () => {
  it('upgrades a version 2 database to 3, keeping its data, with an empty outbox', async () => {
    const name = uniqueDbName();
    const imogen = await writeVersion2Database(name);
    const storage = createStorage({ name });
    expect((await storage.loadSafetyPlan<{ warningSigns: string[] }>(imogen))?.plan).toEqual({
      warningSigns: ['not sleeping'],
      revision: 1,
    });
    expect(await storage.outboxCount()).toBe(0);
    await storage.enqueue(imogen, 'w-1', { kind: 'score' });
    expect(await storage.outboxCount(imogen)).toBe(1);
    await storage.close();
    const db = await openDB(name);
    expect(db.version).toBe(3);
    expect([...db.transaction('outbox').store.indexNames].sort()).toEqual([
      'byNextAttempt',
      'byPatient',
    ]);
    db.close();
  });

  it('keeps what a write holds sealed: no name or record number in clear', async () => {
    const { storage, name } = freshStorage();
    const key = (await storage.patientKey(ORIGIN, IMOGEN)) as string;
    await storage.enqueue(key, 'w-1', { identity: IMOGEN, note: 'warning sign: not sleeping' });
    await storage.close();
    const raw = clearText(await rawContents(name)).join('\n');
    expect(raw).toContain('w-1');
    expect(raw).not.toContain('Quillfeather');
    expect(raw).not.toContain('QF-448812');
    expect(raw).not.toContain('not sleeping');
  });

  it('survives closing and reopening (a stopped worker, a browser restart)', async () => {
    const { storage, name, clock } = freshStorage();
    const key = (await storage.patientKey(ORIGIN, IMOGEN)) as string;
    await storage.enqueue(key, 'w-1', { kind: 'score', total: 14 });
    await storage.close();
    const reopened = createStorage({ name, now: () => clock.now });
    expect(await reopened.loadOutbox()).toEqual([
      expect.objectContaining({ id: 'w-1', patientKey: key, write: { kind: 'score', total: 14 } }),
    ]);
    await reopened.close();
  });

  it('retries with a growing delay, and only due writes are loaded', async () => {
    const { storage, clock } = freshStorage();
    const key = (await storage.patientKey(ORIGIN, IMOGEN)) as string;
    const other = (await storage.patientKey(ORIGIN, OSWIN)) as string;
    await storage.enqueue(key, 'w-1', { n: 1 });
    await storage.enqueue(other, 'w-2', { n: 2 });
    const now = clock.now.getTime();
    expect(await storage.postpone('w-1')).toBe(now + retryDelayMs(1));
    expect(await storage.postpone('w-1')).toBe(now + retryDelayMs(2));
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));
    expect(retryDelayMs(50)).toBe(30 * 60_000);
    expect((await storage.loadOutbox({ dueBy: now })).map((item) => item.id)).toEqual(['w-2']);
    await storage.makeAllDue();
    expect((await storage.loadOutbox({ dueBy: now })).map((item) => item.id)).toEqual([
      'w-1',
      'w-2',
    ]);
    await storage.removeFromOutbox('w-1');
    expect(await storage.outboxCount(key)).toBe(0);
    expect(await storage.outboxCount()).toBe(1);
  });

  it('wiping a patient removes their waiting writes and sync state', async () => {
    const { storage } = freshStorage();
    const key = (await storage.patientKey(ORIGIN, IMOGEN)) as string;
    await storage.enqueue(key, 'w-1', { n: 1 });
    await storage.saveRecordSync(key, { carePlanId: 'cp-1' });
    expect(await storage.loadRecordSync(key)).toEqual({ carePlanId: 'cp-1' });
    await storage.wipePatient(key);
    expect(await storage.outboxCount()).toBe(0);
    expect(await storage.loadRecordSync(key)).toBeNull();
  });
});
