import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  generateStorageKeys,
  open,
  recordAad,
  seal,
  UnreadableRecordError,
} from '../../../utils/storage/crypto';
import { freshStorage, IMOGEN, OSWIN, patientKeyOf, rawContents, score } from './helpers';

const where = { store: 'test', recordId: 'r1' };

describe('record encryption', () => {
  it('round-trips a value through AES-GCM with its AAD', async () => {
    const { records } = await generateStorageKeys();
    const plan = { warningSigns: ['cannot sleep'], revision: 3 };
    const sealed = await seal(records, recordAad('safetyPlans', 'p1'), plan);
    expect(await open(records, recordAad('safetyPlans', 'p1'), sealed, where)).toEqual(plan);
  });

  it('uses a fresh 96-bit IV for every record', async () => {
    const { records } = await generateStorageKeys();
    const aad = recordAad('scores', 'p1/2025-01');
    const first = await seal(records, aad, { same: true });
    const second = await seal(records, aad, { same: true });
    expect(first.iv.byteLength).toBe(12);
    expect(first.iv).not.toEqual(second.iv);
    expect(new Uint8Array(first.ciphertext)).not.toEqual(new Uint8Array(second.ciphertext));
  });

  it('fails with a clear error when one ciphertext byte is flipped', async () => {
    const { records } = await generateStorageKeys();
    const aad = recordAad('patients', 'p1');
    const sealed = await seal(records, aad, { name: 'x' });
    const bytes = new Uint8Array(sealed.ciphertext.slice(0));
    bytes[0] = (bytes[0] ?? 0) ^ 0x01;
    const tampered = { iv: sealed.iv, ciphertext: bytes.buffer };
    await expect(open(records, aad, tampered, where)).rejects.toThrow(UnreadableRecordError);
    await expect(open(records, aad, tampered, where)).rejects.toThrow(/altered/);
  });

  it('refuses a ciphertext presented under another record key (AAD)', async () => {
    const { records } = await generateStorageKeys();
    const sealed = await seal(records, recordAad('safetyPlans', 'patient-a'), { steps: 6 });
    await expect(
      open(records, recordAad('safetyPlans', 'patient-b'), sealed, where),
    ).rejects.toThrow(UnreadableRecordError);
  });

  it('keeps the key non-extractable, also after a trip through IndexedDB', async () => {
    const { storage, name } = freshStorage();
    await storage.patientKey('https://ehr.clinic.test', IMOGEN);
    const db = await openDB(name);
    const stored = await db.get('keys', 'records');
    db.close();
    expect(stored.key).toBeInstanceOf(CryptoKey);
    expect(stored.key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', stored.key)).rejects.toThrow();
    await storage.close();
  });
});

describe('tamper detection in storage', () => {
  it('reports a flipped byte in a stored safety plan as unreadable, and keeps the record', async () => {
    const { storage, name } = freshStorage();
    const key = await patientKeyOf(storage, IMOGEN);
    await storage.saveSafetyPlan(key, { warningSigns: ['isolating'] }, 0);

    const db = await openDB(name);
    const record = await db.get('safetyPlans', key);
    const bytes = new Uint8Array(record.sealed.ciphertext.slice(0));
    bytes[5] = (bytes[5] ?? 0) ^ 0xff;
    await db.put('safetyPlans', {
      ...record,
      sealed: { ...record.sealed, ciphertext: bytes.buffer },
    });
    db.close();

    await expect(storage.loadSafetyPlan(key)).rejects.toThrow(/cannot read a stored safetyPlans/);
    expect((await rawContents(name)).safetyPlans).toHaveLength(1);
    await storage.close();
  });

  it('reports a tampered score month without hiding the readable months', async () => {
    const { storage, name } = freshStorage();
    const key = await patientKeyOf(storage, IMOGEN);
    await storage.addScores(key, [
      score('PHQ-9', '2025-01-10', 14),
      score('PHQ-9', '2025-02-11', 9),
    ]);

    const db = await openDB(name);
    const january = await db.get('scores', `${key}/2025-01`);
    const bytes = new Uint8Array(january.sealed.ciphertext.slice(0));
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x10;
    await db.put('scores', { ...january, sealed: { ...january.sealed, ciphertext: bytes.buffer } });
    db.close();

    const loaded = await storage.loadScores(key);
    expect(loaded.entries.map((entry) => entry.date)).toEqual(['2025-02-11']);
    expect(loaded.unreadable).toEqual([
      expect.objectContaining({ store: 'scores', recordId: `${key}/2025-01` }),
    ]);
    await expect(storage.addScores(key, [score('PHQ-9', '2025-01-24', 12)])).rejects.toThrow(
      UnreadableRecordError,
    );
    await storage.close();
  });

  it("fails when one patient's sealed safety plan is copied onto another patient", async () => {
    const { storage, name } = freshStorage();
    const imogen = await patientKeyOf(storage, IMOGEN);
    const oswin = await patientKeyOf(storage, OSWIN);
    await storage.saveSafetyPlan(imogen, { reasonsForLiving: ['her daughter'] }, 0);
    await storage.saveSafetyPlan(oswin, { reasonsForLiving: ['his garden'] }, 0);

    const db = await openDB(name);
    const imogenRecord = await db.get('safetyPlans', imogen);
    const oswinRecord = await db.get('safetyPlans', oswin);
    await db.put('safetyPlans', { ...oswinRecord, sealed: imogenRecord.sealed });
    db.close();

    await expect(storage.loadSafetyPlan(oswin)).rejects.toThrow(UnreadableRecordError);
    expect(
      (await storage.loadSafetyPlan<{ reasonsForLiving: string[] }>(imogen))?.plan.reasonsForLiving,
    ).toEqual(['her daughter']);
    await storage.close();
  });

  it('fails when an older sealed score month is copied over the newer one (revision in AAD)', async () => {
    const { storage, name } = freshStorage();
    const imogen = await patientKeyOf(storage, IMOGEN);
    await storage.addScores(imogen, [score('PHQ-9', '2025-03-02', 18)]);
    const db = await openDB(name);
    const older = await db.get('scores', `${imogen}/2025-03`);
    db.close();
    await storage.addScores(imogen, [score('PHQ-9', '2025-03-20', 9)]);

    const again = await openDB(name);
    const newer = await again.get('scores', `${imogen}/2025-03`);
    expect(newer.revision).toBe(older.revision + 1);
    // The older ciphertext under the newer revision: the month's latest score would vanish.
    await again.put('scores', { ...newer, sealed: older.sealed });
    again.close();

    const loaded = await storage.loadScores(imogen);
    expect(loaded.entries).toEqual([]);
    expect(loaded.unreadable).toHaveLength(1);
    await storage.close();
  });

  it('fails when an older sealed safety plan is copied over the newer one', async () => {
    const { storage, name } = freshStorage();
    const imogen = await patientKeyOf(storage, IMOGEN);
    await storage.saveSafetyPlan(imogen, { reasonsForLiving: ['her daughter'] }, 0);
    const db = await openDB(name);
    const older = await db.get('safetyPlans', imogen);
    db.close();
    await storage.saveSafetyPlan(imogen, { reasonsForLiving: ['her daughter', 'music'] }, 1);

    const again = await openDB(name);
    const newer = await again.get('safetyPlans', imogen);
    await again.put('safetyPlans', { ...newer, sealed: older.sealed });
    again.close();

    await expect(storage.loadSafetyPlan(imogen)).rejects.toThrow(UnreadableRecordError);
    await storage.close();
  });

  it('fails when a score month is moved onto another patient', async () => {
    const { storage, name } = freshStorage();
    const imogen = await patientKeyOf(storage, IMOGEN);
    const oswin = await patientKeyOf(storage, OSWIN);
    await storage.addScores(imogen, [score('GAD-7', '2025-03-02', 16)]);

    const db = await openDB(name);
    const record = await db.get('scores', `${imogen}/2025-03`);
    await db.put('scores', { ...record, chunkId: `${oswin}/2025-03`, patientKey: oswin });
    db.close();

    const loaded = await storage.loadScores(oswin);
    expect(loaded.entries).toEqual([]);
    expect(loaded.unreadable).toHaveLength(1);
    await storage.close();
  });
});
