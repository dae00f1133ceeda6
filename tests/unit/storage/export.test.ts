import { describe, expect, it } from 'vitest';
import { emptySafetyPlan } from '../../../utils/clinical/safety-plan';
import type { FhirBundle } from '../../../utils/storage';
import { freshStorage, IMOGEN, ORIGIN, OSWIN, patientKeyOf, score } from './helpers';

async function storedPatient() {
  const test = freshStorage();
  const { storage } = test;
  const key = await patientKeyOf(storage, IMOGEN);
  await storage.rememberPatient(key, ORIGIN, IMOGEN);
  await storage.addScores(key, [
    { ...score('PHQ-9', '2025-01-10', 17, 'entered'), items: { 1: 2, 2: 3, 9: 1 } },
    score('PHQ-9', '2025-03-10', 8, 'page'),
    score('GAD-7', '2025-03-10', 12, 'fhir'),
    score('CRAVING', '2025-03-12', 6, 'entered'),
  ]);
  await storage.saveSafetyPlan(
    key,
    { warningSigns: ['pacing at night'], updatedAt: '2025-03-10T10:00:00.000Z' },
    0,
  );
  await storage.dismissPrompt(key, {
    ruleId: 'monitoring-lithium-level',
    factsKey: 'lithium|2025-01-02',
    reason: 'already-addressed',
    until: null,
    at: '2025-03-10T10:05:00.000Z',
  });
  return { ...test, key };
}

function resources(bundle: FhirBundle, type: string) {
  return bundle.entry
    .map((entry) => entry.resource)
    .filter((resource) => resource.resourceType === type);
}

describe('FHIR export and import', () => {
  it('exports a collection Bundle with Patient, Observations with LOINC codes, CarePlan and dismissals', async () => {
    const { storage, key } = await storedPatient();
    const bundle = await storage.exportPatient(key);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });

    const [patient] = resources(bundle, 'Patient');
    expect(patient).toMatchObject({
      meta: { source: ORIGIN },
      name: [{ text: IMOGEN.name }],
      birthDate: IMOGEN.birthDate,
      identifier: [{ type: { text: 'MRN' }, value: 'QF-448812' }],
    });
    const observations = resources(bundle, 'Observation');
    expect(observations).toHaveLength(4);
    const phq9 = observations.find(
      (resource) => (resource.code as { text: string }).text === 'PHQ-9',
    );
    expect(phq9).toMatchObject({
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
      effectiveDateTime: '2025-01-10',
      valueInteger: 17,
    });
    expect(JSON.stringify(phq9)).toContain('44260-8');
    expect(resources(bundle, 'CarePlan')).toHaveLength(1);
    expect(resources(bundle, 'Basic')).toHaveLength(1);
    expect(await storage.readAudit({ limit: 1 })).toEqual([
      expect.objectContaining({ type: 'exported', patientKey: key }),
    ]);
    await storage.close();
  });

  it('round-trips through import into an empty profile on the same key', async () => {
    const source = await storedPatient();
    const bundle = JSON.parse(JSON.stringify(await source.storage.exportPatient(source.key)));
    const before = await source.storage.loadScores(source.key);
    // Importing into the same store merges without duplicates.
    expect(await source.storage.importPatient(source.key, bundle)).toEqual({
      scoresAdded: 0,
      scoresAlreadyStored: 4,
      dismissalsAdded: 0,
      safetyPlan: 'kept-existing',
    });

    const target = freshStorage();
    const targetKey = await patientKeyOf(target.storage, IMOGEN);
    expect(await target.storage.importPatient(targetKey, bundle)).toEqual({
      scoresAdded: 4,
      scoresAlreadyStored: 0,
      dismissalsAdded: 1,
      safetyPlan: 'imported',
    });
    expect((await target.storage.loadScores(targetKey)).entries).toEqual(before.entries);
    expect((await target.storage.loadSafetyPlan(targetKey))?.plan).toMatchObject({
      warningSigns: ['pacing at night'],
      revision: 1,
    });
    expect(await target.storage.loadDismissals(targetKey)).toEqual(
      await source.storage.loadDismissals(source.key),
    );
    expect((await target.storage.loadPatient(targetKey))?.patient?.identity).toEqual(IMOGEN);
    await Promise.all([source.storage.close(), target.storage.close()]);
  });

  it('refuses a bundle for a different patient and writes nothing', async () => {
    const source = await storedPatient();
    const bundle = await source.storage.exportPatient(source.key);
    const oswin = await patientKeyOf(source.storage, OSWIN);
    await expect(source.storage.importPatient(oswin, bundle)).rejects.toThrow(/different patient/);
    expect((await source.storage.loadScores(oswin)).entries).toEqual([]);
    await source.storage.close();
  });

  it('refuses a bundle whose Patient came from another EHR origin', async () => {
    const source = await storedPatient();
    const bundle = await source.storage.exportPatient(source.key);
    const patient = resources(bundle, 'Patient')[0] as { meta: { source: string } };
    patient.meta.source = 'https://elsewhere.clinic.test';
    await expect(source.storage.importPatient(source.key, bundle)).rejects.toThrow(
      /different patient/,
    );
    await source.storage.close();
  });

  it('refuses malformed input with the reason, before writing anything', async () => {
    const { storage, key } = await storedPatient();
    await expect(
      storage.importPatient(key, { resourceType: 'Bundle', type: 'batch', entry: [] }),
    ).rejects.toThrow(/Import refused/);
    const bundle = JSON.parse(JSON.stringify(await storage.exportPatient(key)));
    const observation = bundle.entry.find(
      (entry: { resource: { resourceType: string } }) =>
        entry.resource.resourceType === 'Observation',
    );
    observation.resource.effectiveDateTime = 'last Tuesday';
    observation.resource.valueInteger = 3;
    const before = await storage.loadScores(key);
    await expect(storage.importPatient(key, bundle)).rejects.toThrow(/not YYYY-MM-DD/);
    expect((await storage.loadScores(key)).entries).toEqual(before.entries);
    await storage.close();
  });

  it('takes the bundle safety plan only when it is newer than the stored one', async () => {
    const { storage, key } = await storedPatient();
    const bundle = JSON.parse(JSON.stringify(await storage.exportPatient(key)));
    const carePlan = bundle.entry.find(
      (entry: { resource: { resourceType: string } }) => entry.resource.resourceType === 'CarePlan',
    );
    carePlan.resource.extension[0].valueString = JSON.stringify({
      warningSigns: ['pacing at night', 'giving things away'],
      updatedAt: '2025-04-01T10:00:00.000Z',
      revision: 1,
    });
    expect((await storage.importPatient(key, bundle)).safetyPlan).toBe('imported');
    const stored = await storage.loadSafetyPlan<{ warningSigns: string[] }>(key);
    expect(stored?.revision).toBe(2);
    expect(stored?.plan.warningSigns).toContain('giving things away');
    await storage.close();
  });
});

describe('safety plan in FHIR', () => {
  it('exports a clinical SafetyPlan as coded CarePlan activities and imports it back unchanged', async () => {
    const source = freshStorage();
    const key = await patientKeyOf(source.storage, IMOGEN);
    await source.storage.rememberPatient(key, ORIGIN, IMOGEN);
    const plan = emptySafetyPlan();
    plan.steps['warning-signs'].entries = ['stops answering texts'];
    plan.updatedAt = '2025-05-30T12:00:00.000Z';
    await source.storage.saveSafetyPlan(key, plan, 0);

    const bundle = await source.storage.exportPatient(key);
    const [carePlan] = resources(bundle, 'CarePlan');
    expect(JSON.stringify(carePlan?.activity)).toContain('stops answering texts');
    expect(carePlan?.meta).toMatchObject({ versionId: '1' });

    const target = freshStorage();
    const targetKey = await patientKeyOf(target.storage, IMOGEN);
    await target.storage.importPatient(targetKey, bundle);
    expect((await target.storage.loadSafetyPlan(targetKey))?.plan).toEqual({
      ...plan,
      revision: 1,
    });
    await Promise.all([source.storage.close(), target.storage.close()]);
  });
});

describe('exportAll', () => {
  it('exports one Bundle per stored patient, including data stored before the chart was opened', async () => {
    const { storage, key } = await storedPatient();
    const oswin = await patientKeyOf(storage, OSWIN);
    await storage.addScores(oswin, [score('GAD-7', '2025-02-02', 5)]);
    const bundles = await storage.exportAll();
    expect(bundles).toHaveLength(2);
    const observationCounts = bundles
      .map((bundle) => resources(bundle, 'Observation').length)
      .sort();
    expect(observationCounts).toEqual([1, 4]);
    const audited = await storage.readAudit({ limit: 10 });
    expect(
      audited
        .filter((entry) => entry.type === 'exported')
        .map((entry) => entry.patientKey)
        .sort(),
    ).toEqual([key, oswin].sort());
    await storage.close();
  });
});
