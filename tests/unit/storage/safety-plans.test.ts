import { describe, expect, it } from 'vitest';
import { createStorage } from '../../../utils/storage';
import { freshStorage, IMOGEN, patientKeyOf } from './helpers';

interface Plan {
  warningSigns: string[];
  updatedAt: string;
}

const plan = (warningSigns: string[]): Plan => ({
  warningSigns,
  updatedAt: '2025-06-01T09:00:00.000Z',
});

describe('safety plan compare-and-set', () => {
  it('creates at revision 1 and advances one revision per save', async () => {
    const { storage } = freshStorage();
    const key = await patientKeyOf(storage, IMOGEN);
    expect(await storage.loadSafetyPlan(key)).toBeNull();
    expect(await storage.saveSafetyPlan(key, plan(['pacing']), 0)).toEqual({
      ok: true,
      revision: 1,
    });
    expect(await storage.saveSafetyPlan(key, plan(['pacing', 'not eating']), 1)).toEqual({
      ok: true,
      revision: 2,
    });
    const stored = await storage.loadSafetyPlan<Plan>(key);
    expect(stored?.revision).toBe(2);
    expect(stored?.plan).toEqual({ ...plan(['pacing', 'not eating']), revision: 2 });
    await storage.close();
  });

  it('returns the current plan instead of overwriting an edit made in another tab', async () => {
    const { storage, name } = freshStorage();
    const otherTab = createStorage({ name });
    const key = await patientKeyOf(storage, IMOGEN);
    await storage.saveSafetyPlan(key, plan(['pacing']), 0);

    expect(await otherTab.saveSafetyPlan(key, plan(['pacing', 'calls from ex']), 1)).toEqual({
      ok: true,
      revision: 2,
    });
    const stale = await storage.saveSafetyPlan(key, plan(['pacing', 'drinking']), 1);
    expect(stale).toEqual({
      ok: false,
      conflict: { current: { ...plan(['pacing', 'calls from ex']), revision: 2 }, revision: 2 },
    });
    expect((await storage.loadSafetyPlan<Plan>(key))?.plan.warningSigns).toEqual([
      'pacing',
      'calls from ex',
    ]);
    await Promise.all([storage.close(), otherTab.close()]);
  });

  it('lets exactly one of two simultaneous saves win', async () => {
    const { storage, name } = freshStorage();
    const otherTab = createStorage({ name });
    const key = await patientKeyOf(storage, IMOGEN);
    const results = await Promise.all([
      storage.saveSafetyPlan(key, plan(['a']), 0),
      otherTab.saveSafetyPlan(key, plan(['b']), 0),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toHaveLength(1);
    await Promise.all([storage.close(), otherTab.close()]);
  });

  it('reports a conflict with no current plan when the plan was wiped meanwhile', async () => {
    const { storage } = freshStorage();
    const key = await patientKeyOf(storage, IMOGEN);
    await storage.saveSafetyPlan(key, plan(['pacing']), 0);
    await storage.wipePatient(key);
    expect(await storage.saveSafetyPlan(key, plan(['pacing']), 1)).toEqual({
      ok: false,
      conflict: { current: null, revision: 0 },
    });
    await storage.close();
  });

  it('refuses a revision that is not a whole number', async () => {
    const { storage } = freshStorage();
    const key = await patientKeyOf(storage, IMOGEN);
    await expect(storage.saveSafetyPlan(key, plan([]), -1)).rejects.toThrow(/revision/);
    await expect(storage.saveSafetyPlan(key, plan([]), 1.5)).rejects.toThrow(/revision/);
    await storage.close();
  });

  it('has committed by the time the save resolves (a new connection sees it)', async () => {
    const { storage, name } = freshStorage();
    const key = await patientKeyOf(storage, IMOGEN);
    await storage.saveSafetyPlan(key, plan(['pacing']), 0);
    await storage.close();
    const restarted = createStorage({ name });
    expect((await restarted.loadSafetyPlan<Plan>(key))?.plan.warningSigns).toEqual(['pacing']);
    await restarted.close();
  });
});
