import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { freshStorage, IMOGEN, ORIGIN, OSWIN, patientKeyOf, rawContents, score } from './helpers';

const DAY = 86_400_000;

describe('retention and wipe', () => {
  it('purges patients not accessed within the retention period, with all their data', async () => {
    const { storage, clock } = freshStorage(new Date('2025-01-01T08:00:00Z'));
    const imogen = await patientKeyOf(storage, IMOGEN);
    const oswin = await patientKeyOf(storage, OSWIN);
    await storage.rememberPatient(imogen, ORIGIN, IMOGEN);
    await storage.addScores(imogen, [score('PHQ-9', '2024-12-20', 16)]);
    await storage.saveSafetyPlan(imogen, { warningSigns: ['x'] }, 0);
    await storage.dismissPrompt(imogen, {
      ruleId: 'measurement-phq9-due',
      factsKey: 'k',
      reason: 'not-applicable',
      until: null,
      at: clock.now.toISOString(),
    });
    await storage.audit({ type: 'shown', patientKey: imogen, ruleId: 'measurement-phq9-due' });

    clock.now = new Date(clock.now.getTime() + 50 * DAY);
    await storage.rememberPatient(oswin, ORIGIN, OSWIN);
    await storage.addScores(oswin, [score('GAD-7', '2025-02-15', 9)]);

    const report = await storage.purgeExpired(new Date(clock.now.getTime() + 20 * DAY), 30);
    expect(report).toEqual({ patients: 1, records: 3, auditEntries: 1 });
    expect(await storage.loadPatient(imogen)).toBeNull();
    expect((await storage.loadScores(imogen)).entries).toEqual([]);
    expect(await storage.loadSafetyPlan(imogen)).toBeNull();
    expect(await storage.loadDismissals(imogen)).toEqual([]);
    expect((await storage.loadScores(oswin)).entries).toHaveLength(1);
    await storage.close();
  });

  it('counts writes and openings as access', async () => {
    const { storage, clock } = freshStorage(new Date('2025-01-01T08:00:00Z'));
    const imogen = await patientKeyOf(storage, IMOGEN);
    await storage.rememberPatient(imogen, ORIGIN, IMOGEN);
    clock.now = new Date(clock.now.getTime() + 25 * DAY);
    await storage.touchPatient(imogen);
    const report = await storage.purgeExpired(new Date(clock.now.getTime() + 10 * DAY), 30);
    expect(report.patients).toBe(0);
    expect(await storage.loadPatient(imogen)).not.toBeNull();
    await storage.close();
  });

  it('removes data that belongs to no known patient', async () => {
    const { storage, name } = freshStorage();
    const imogen = await patientKeyOf(storage, IMOGEN);
    await storage.addScores(imogen, [score('PHQ-9', '2025-05-01', 8)]);
    const db = await openDB(name);
    await db.delete('patients', imogen);
    db.close();
    expect((await storage.purgeExpired(new Date('2025-06-01T09:00:00Z'), 365)).records).toBe(1);
    expect((await rawContents(name)).scores).toEqual([]);
    await storage.close();
  });

  it('refuses a retention that is not a positive number of days', async () => {
    const { storage } = freshStorage();
    await expect(storage.purgeExpired(new Date(), 0)).rejects.toThrow(/positive/);
    await expect(storage.purgeExpired(new Date(), Number.NaN)).rejects.toThrow(/positive/);
    await storage.close();
  });

  it('wipes one patient and leaves the other, logging the wipe by hashed key only', async () => {
    const { storage, name } = freshStorage();
    const imogen = await patientKeyOf(storage, IMOGEN);
    const oswin = await patientKeyOf(storage, OSWIN);
    for (const [key, identity] of [
      [imogen, IMOGEN],
      [oswin, OSWIN],
    ] as const) {
      await storage.rememberPatient(key, ORIGIN, identity);
      await storage.addScores(key, [score('PHQ-9', '2025-05-01', 8)]);
      await storage.saveSafetyPlan(key, { steps: 6 }, 0);
      await storage.audit({ type: 'shown', patientKey: key, ruleId: 'safety-plan-missing' });
    }
    await storage.wipePatient(imogen);

    const raw = await rawContents(name);
    const keysInClear = JSON.stringify(
      Object.entries(raw).filter(([store]) => store !== 'audit' && store !== 'keys'),
    );
    expect(keysInClear).not.toContain(imogen);
    expect(keysInClear).toContain(oswin);
    expect(await storage.readAudit({ patientKey: imogen })).toEqual([
      expect.objectContaining({ type: 'wiped', patientKey: imogen, ruleId: null }),
    ]);
    expect((await storage.loadScores(oswin)).entries).toHaveLength(1);
    await storage.close();
  });

  it('wipes everything, keys included', async () => {
    const { storage, name } = freshStorage();
    const before = await patientKeyOf(storage, IMOGEN);
    await storage.rememberPatient(before, ORIGIN, IMOGEN);
    await storage.saveSettings({ retentionDays: 30 });
    await storage.wipeAll();

    const raw = await rawContents(name);
    for (const [store, records] of Object.entries(raw)) expect(records, store).toEqual([]);
    // New keys: the same patient now hashes to a different key.
    expect(await patientKeyOf(storage, IMOGEN)).not.toBe(before);
    await storage.close();
  });
});
