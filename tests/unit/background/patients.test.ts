/**
 * The background reads a patient's stored records ahead, when the page's banner goes up, and the
 * chart's view takes them when the reading arrives — but only if no write began or ended in
 * between, so a view never shows records older than a score entered or a plan saved meanwhile.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPatientService } from '../../../entrypoints/background/patients';
import { createSettingsService } from '../../../entrypoints/background/settings';
import type { TabPatient } from '../../../entrypoints/background/tabs';
import { emptySafetyPlan } from '../../../utils/clinical/safety-plan';
import { emptyPatientContext, type PatientIdentity } from '../../../utils/clinical/types';
import type { CaresideStorage } from '../../../utils/storage';
import { freshStorage, IMOGEN, ORIGIN, OSWIN, score } from '../storage/helpers';

beforeEach(() => {
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
  // No managed policy (the browser answers at once with none).
  vi.spyOn(fakeBrowser.storage.managed, 'get').mockResolvedValue({} as never);
});

/** A tab showing `identity`, read with a confirmed identity and no scores on the page. */
function tabShowing(identity: PatientIdentity): TabPatient {
  return {
    fingerprint: `fp-${identity.name}`,
    origin: ORIGIN,
    confirmedByUser: false,
    reading: {
      adapter: 'demo',
      confidence: { name: 1, birthDate: 1, mrn: 1 },
      identityConfirmed: true,
      problems: [],
      context: emptyPatientContext(identity),
    },
  };
}

function service(storage: CaresideStorage) {
  return createPatientService(storage, createSettingsService(storage));
}

const shownTotals = async (
  view: Promise<{ content: { measures: { series: { score: number }[] }[] } }>,
) => (await view).content.measures.flatMap((measure) => measure.series.map((point) => point.score));

async function keyOf(storage: CaresideStorage, identity: PatientIdentity) {
  const key = await storage.patientKey(ORIGIN, identity);
  if (!key) throw new Error('no key');
  return key;
}

describe('records read ahead of the chart', () => {
  it('are what the view shows, read once', async () => {
    const { storage } = freshStorage();
    await storage.addScores(await keyOf(storage, IMOGEN), [score('PHQ-9', '2025-05-01', 14)]);
    const loads = vi.spyOn(storage, 'loadScores');
    const patients = service(storage);

    await patients.expect(ORIGIN, IMOGEN);
    expect(await shownTotals(patients.view(tabShowing(IMOGEN)))).toEqual([14]);
    expect(loads).toHaveBeenCalledTimes(1);

    // A view with no write since (another frame's report) takes the same records…
    await patients.view(tabShowing(IMOGEN));
    expect(loads).toHaveBeenCalledTimes(1);
    // …and the first view after a write reads them again.
    await storage.addScores(await keyOf(storage, IMOGEN), [score('PHQ-9', '2025-05-29', 9)]);
    expect(await shownTotals(patients.view(tabShowing(IMOGEN)))).toEqual([14, 9]);
    expect(loads).toHaveBeenCalledTimes(2);
  });

  it('last read are kept for a few patients at a time, each under its own key', async () => {
    const { storage } = freshStorage();
    await storage.addScores(await keyOf(storage, IMOGEN), [score('PHQ-9', '2025-05-01', 14)]);
    await storage.addScores(await keyOf(storage, OSWIN), [score('PHQ-9', '2025-05-02', 21)]);
    const loads = vi.spyOn(storage, 'loadScores');
    const patients = service(storage);

    expect(await shownTotals(patients.view(tabShowing(IMOGEN)))).toEqual([14]);
    expect(await shownTotals(patients.view(tabShowing(OSWIN)))).toEqual([21]);
    expect(await shownTotals(patients.view(tabShowing(IMOGEN)))).toEqual([14]);
    expect(await shownTotals(patients.view(tabShowing(OSWIN)))).toEqual([21]);
    expect(loads).toHaveBeenCalledTimes(2);
  });

  it('give way to a score entered after they were read', async () => {
    const { storage } = freshStorage();
    const key = await keyOf(storage, IMOGEN);
    await storage.addScores(key, [score('PHQ-9', '2025-05-01', 14)]);
    const patients = service(storage);

    await patients.expect(ORIGIN, IMOGEN);
    await storage.addScores(key, [score('PHQ-9', '2025-05-29', 9)]);
    expect(await shownTotals(patients.view(tabShowing(IMOGEN)))).toEqual([14, 9]);
  });

  it('give way to a write that was under way when they were read', async () => {
    const { storage } = freshStorage();
    const key = await keyOf(storage, IMOGEN);
    const patients = service(storage);

    // The plan's write begins and is held before it reaches IndexedDB (at its encryption), so the
    // records are read ahead while it is under way and without it; then it commits.
    const encrypt = crypto.subtle.encrypt.bind(crypto.subtle);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    vi.spyOn(crypto.subtle, 'encrypt').mockImplementationOnce(async (...args) => {
      await held;
      return encrypt(...args);
    });
    const saving = storage.saveSafetyPlan(
      key,
      { ...emptySafetyPlan(), lastReviewed: '2025-05-30' },
      0,
    );
    await patients.expect(ORIGIN, IMOGEN);
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await saving;

    const view = await patients.view(tabShowing(IMOGEN));
    expect(view.safetyPlan).toMatchObject({ lastReviewed: '2025-05-30', revision: 1 });
  });

  it('are not shown for another patient', async () => {
    const { storage } = freshStorage();
    await storage.addScores(await keyOf(storage, IMOGEN), [score('PHQ-9', '2025-05-01', 14)]);
    await storage.addScores(await keyOf(storage, OSWIN), [score('PHQ-9', '2025-05-02', 21)]);
    const patients = service(storage);

    // The banner showed Imogen; the page had moved on to Oswin by the time it was read.
    await patients.expect(ORIGIN, IMOGEN);
    expect(await shownTotals(patients.view(tabShowing(OSWIN)))).toEqual([21]);
  });

  it('are not kept past a few seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { storage } = freshStorage();
      await storage.addScores(await keyOf(storage, IMOGEN), [score('PHQ-9', '2025-05-01', 14)]);
      const loads = vi.spyOn(storage, 'loadScores');
      const patients = service(storage);

      await patients.expect(ORIGIN, IMOGEN);
      vi.setSystemTime(Date.now() + 60_000);
      await patients.view(tabShowing(IMOGEN));
      expect(loads).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('that failed are read again by the view', async () => {
    const { storage } = freshStorage();
    await storage.addScores(await keyOf(storage, IMOGEN), [score('PHQ-9', '2025-05-01', 14)]);
    const patients = service(storage);
    vi.spyOn(storage, 'loadScores').mockRejectedValueOnce(new Error('IndexedDB went away'));

    await patients.expect(ORIGIN, IMOGEN);
    expect(await shownTotals(patients.view(tabShowing(IMOGEN)))).toEqual([14]);
  });

  it('that failed are not kept for the next view', async () => {
    const { storage } = freshStorage();
    await storage.addScores(await keyOf(storage, IMOGEN), [score('PHQ-9', '2025-05-01', 14)]);
    const patients = service(storage);
    vi.spyOn(storage, 'loadScores').mockRejectedValueOnce(new Error('IndexedDB went away'));

    await expect(patients.view(tabShowing(IMOGEN))).rejects.toThrow('IndexedDB went away');
    expect(await shownTotals(patients.view(tabShowing(IMOGEN)))).toEqual([14]);
  });
});
