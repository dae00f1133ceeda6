import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { createStorage, DB_VERSION } from '../../../utils/storage';
import { generateStorageKeys, recordAad, seal } from '../../../utils/storage/crypto';
import { derivePatientKey } from '../../../utils/storage/patient-key';
import { LEGACY_SCORE_VIA } from '../../../utils/storage/scores';
import { IMOGEN, ORIGIN, OSWIN, rawContents, uniqueDbName } from './helpers';

/**
 * Builds a database exactly as Careside v1 wrote it, with plain idb calls that do not share code
 * with the migrations, so a change to the v1 steps cannot hide a broken upgrade.
 */
async function writeVersion1Database(name: string) {
  const keys = await generateStorageKeys();
  const imogen = (await derivePatientKey(keys.patientIdentity, ORIGIN, IMOGEN)) as string;
  const oswin = (await derivePatientKey(keys.patientIdentity, ORIGIN, OSWIN)) as string;
  const lastAccess = Date.parse('2025-05-20T10:00:00Z');
  const legacyScore = async (
    id: string,
    patientKey: string,
    instrument: string,
    date: string,
    total: number,
  ) => ({
    id,
    patientKey,
    date,
    sealed: await seal(keys.records, recordAad('scores', id), { instrument, date, total }),
  });
  const scores = [
    await legacyScore('s-1', imogen, 'PHQ-9', '2025-01-15', 19),
    await legacyScore('s-2', imogen, 'PHQ-9', '2025-02-12', 13),
    await legacyScore('s-3', imogen, 'GAD-7', '2025-02-12', 11),
    await legacyScore('s-4', oswin, 'PHQ-9', '2025-03-01', 7),
  ];
  const broken = await legacyScore('s-5', oswin, 'PHQ-9', '2025-04-01', 8);
  const bytes = new Uint8Array(broken.sealed.ciphertext.slice(0));
  bytes[2] = (bytes[2] ?? 0) ^ 0x40;
  scores.push({ ...broken, sealed: { ...broken.sealed, ciphertext: bytes.buffer } });

  const db = await openDB(name, 1, {
    upgrade(v1) {
      v1.createObjectStore('keys', { keyPath: 'purpose' });
      v1.createObjectStore('patients', { keyPath: 'patientKey' }).createIndex(
        'byLastAccess',
        'lastAccess',
      );
      v1.createObjectStore('scores', { keyPath: 'id' }).createIndex('byPatient', 'patientKey');
      v1.createObjectStore('safetyPlans', { keyPath: 'patientKey' });
      v1.createObjectStore('dismissals', { keyPath: 'patientKey' });
      const audit = v1.createObjectStore('audit', { keyPath: 'id', autoIncrement: true });
      audit.createIndex('byTime', 'at');
      audit.createIndex('byPatient', 'patientKey');
      v1.createObjectStore('settings', { keyPath: 'id' });
    },
  });
  const createdAt = '2025-01-01T00:00:00.000Z';
  await db.put('keys', { purpose: 'records', key: keys.records, createdAt });
  await db.put('keys', { purpose: 'patient-identity', key: keys.patientIdentity, createdAt });
  for (const [patientKey, identity] of [
    [imogen, IMOGEN],
    [oswin, OSWIN],
  ] as const) {
    await db.put('patients', {
      patientKey,
      lastAccess,
      sealed: await seal(keys.records, recordAad('patients', patientKey), {
        origin: ORIGIN,
        identity,
      }),
    });
  }
  for (const record of scores) await db.put('scores', record);
  await db.put('safetyPlans', {
    patientKey: imogen,
    revision: 2,
    sealed: await seal(keys.records, recordAad('safetyPlans', imogen, 2), {
      warningSigns: ['skipping meals'],
      revision: 2,
    }),
  });
  await db.put('dismissals', {
    patientKey: imogen,
    revision: 1,
    sealed: await seal(keys.records, recordAad('dismissals', imogen, 1), [
      {
        ruleId: 'measurement-phq9-due',
        factsKey: 'f1',
        reason: 'already-addressed',
        until: null,
        at: '2025-05-01T00:00:00.000Z',
      },
    ]),
  });
  const at = Date.parse('2025-05-01T00:00:00Z');
  await db.add('audit', {
    type: 'shown',
    at,
    patientKey: imogen,
    sealed: await seal(keys.records, recordAad('audit', 'shown', at, imogen), {
      ruleId: 'measurement-phq9-due',
      reason: null,
    }),
  });
  await db.put('settings', { id: 'user', settings: { retentionDays: 90 }, updatedAt: createdAt });
  db.close();
  return { imogen, oswin };
}

describe('database migrations', () => {
  it('ships version 3', () => {
    expect(DB_VERSION).toBe(3);
  });

  it('opens a version 1 database and finds everything it held', async () => {
    const name = uniqueDbName();
    const { imogen, oswin } = await writeVersion1Database(name);
    const storage = createStorage({ name, now: () => new Date('2025-06-01T00:00:00Z') });

    expect(await storage.patientKey(ORIGIN, IMOGEN)).toBe(imogen);
    expect((await storage.loadPatient(imogen))?.patient?.identity).toEqual(IMOGEN);

    const scores = await storage.loadScores(imogen);
    expect(scores.unreadable).toEqual([]);
    expect(scores.entries.map((entry) => [entry.instrument, entry.date, entry.total])).toEqual([
      ['PHQ-9', '2025-01-15', 19],
      ['PHQ-9', '2025-02-12', 13],
      ['GAD-7', '2025-02-12', 11],
    ]);
    for (const entry of scores.entries) {
      expect(entry.provenance).toEqual({ source: 'entered', via: LEGACY_SCORE_VIA });
    }

    const plan = await storage.loadSafetyPlan<{ warningSigns: string[] }>(imogen);
    expect(plan?.revision).toBe(2);
    expect(plan?.plan.warningSigns).toEqual(['skipping meals']);
    expect(await storage.loadDismissals(imogen)).toEqual([
      expect.objectContaining({ ruleId: 'measurement-phq9-due', reason: 'already-addressed' }),
    ]);
    expect(await storage.readAudit({ limit: 10 })).toEqual([
      expect.objectContaining({ type: 'shown', ruleId: 'measurement-phq9-due', unreadable: false }),
    ]);
    expect(await storage.loadSettings()).toEqual({ retentionDays: 90 });

    // The damaged v1 record is reported and kept; the readable one beside it was converted.
    const oswinScores = await storage.loadScores(oswin);
    expect(oswinScores.entries.map((entry) => entry.total)).toEqual([7]);
    expect(oswinScores.unreadable).toEqual([
      expect.objectContaining({ store: 'scoresV1', recordId: 's-5' }),
    ]);
    expect(await storage.problems()).toHaveLength(1);
    await storage.close();

    const raw = await rawContents(name);
    expect(raw.scoresV1?.map((record) => (record as { id: string }).id)).toEqual(['s-5']);
    // Imogen January and February, Oswin March: one sealed record per patient per month.
    expect(raw.scores).toHaveLength(3);
    const db = await openDB(name);
    expect(db.version).toBe(3);
    expect([...db.transaction('scores').store.indexNames]).toEqual(['byPatientMonth']);
    db.close();
  });

  it('adds new scores after the upgrade without duplicating converted ones', async () => {
    const name = uniqueDbName();
    const { imogen } = await writeVersion1Database(name);
    const storage = createStorage({ name });
    const result = await storage.addScores(imogen, [
      {
        instrument: 'PHQ-9',
        date: '2025-02-12',
        total: 13,
        provenance: { source: 'entered', via: 'sidebar' },
      },
      {
        instrument: 'PHQ-9',
        date: '2025-02-12',
        total: 13,
        provenance: { source: 'page', via: 'demo-ehr' },
      },
    ]);
    expect(result).toEqual({ added: 1, duplicates: 1 });
    expect((await storage.loadScores(imogen)).entries).toHaveLength(4);
    await storage.close();
  });

  it('refuses to open a database written by a newer version', async () => {
    const name = uniqueDbName();
    const future = await openDB(name, DB_VERSION + 1);
    future.close();
    const storage = createStorage({ name });
    await expect(storage.loadSettings()).rejects.toThrow(/newer version/);
    await storage.close();
  });
});
