// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  birthDateForAge,
  buildPatients,
  type DemoInstrument,
  type DemoPatient,
  spreadItems,
} from '../../../demo-ehr/patients';
import { chartView, renderDocument } from '../../../demo-ehr/render';
import { addDays, ageOn, daysBetween } from '../../../utils/clinical/dates';

const MAXIMUM: Record<DemoInstrument, { total: number | null; item: number }> = {
  'PHQ-9': { total: 27, item: 3 },
  'PHQ-A': { total: 27, item: 3 },
  'PHQ-2': { total: 6, item: 3 },
  'GAD-7': { total: 21, item: 3 },
  'PCL-5': { total: 80, item: 4 },
  'AUDIT-C': { total: 12, item: 4 },
  EPDS: { total: 30, item: 3 },
  'C-SSRS': { total: null, item: 1 },
};

function scenario(patients: DemoPatient[], name: string): DemoPatient {
  const patient = patients.find((candidate) => candidate.scenario === name);
  if (!patient) throw new Error(`no ${name} patient`);
  return patient;
}

describe.each(['2025-06-16', '2024-02-29', '2031-12-31'])('demo patients as of %s', (today) => {
  const patients = buildPatients(today);

  it('has at least ten patients with unique ids and MRNs, none dated after today except bookings', () => {
    expect(patients.length).toBeGreaterThanOrEqual(10);
    expect(new Set(patients.map((patient) => patient.id)).size).toBe(patients.length);
    expect(new Set(patients.map((patient) => patient.mrn)).size).toBe(patients.length);
    for (const patient of patients) {
      const past = [...patient.questionnaires, ...patient.labs, ...patient.vitals];
      expect(past.every((row) => row.date <= today)).toBe(true);
      const booked = patient.appointments.filter((visit) => visit.date > today);
      expect(booked.every((visit) => visit.status === 'Scheduled')).toBe(true);
    }
  });

  it('keeps every score within its instrument and every item total consistent', () => {
    for (const administration of patients.flatMap((patient) => patient.questionnaires)) {
      const maximum = MAXIMUM[administration.instrument];
      if (maximum.total === null) expect(administration.total).toBeNull();
      else expect(administration.total).toBeGreaterThanOrEqual(0);
      if (maximum.total !== null) expect(administration.total).toBeLessThanOrEqual(maximum.total);
      const numeric = (administration.items ?? []).filter(
        (item): item is number => typeof item === 'number',
      );
      for (const item of numeric) expect(item).toBeLessThanOrEqual(maximum.item);
      if (administration.items && maximum.total !== null) {
        expect(numeric.reduce((sum, item) => sum + item, 0)).toBe(administration.total);
      }
    }
  });

  it('keeps the ages the scenarios need', () => {
    const age = (name: string) => ageOn(scenario(patients, name).birthDate, today);
    expect(age('adolescent-antidepressant')).toBeGreaterThanOrEqual(15);
    expect(age('adolescent-antidepressant')).toBeLessThanOrEqual(16);
    expect(age('older-adult-polypharmacy')).toBeGreaterThanOrEqual(75);
  });

  it('keeps the non-responder on an adequate sertraline dose for ten weeks or more', () => {
    const patient = scenario(patients, 'depression-not-responding');
    const current = patient.medications.find((medication) => medication.status === 'active');
    expect(current?.text).toMatch(/^Sertraline 50 mg tablet — 3 tabs/);
    expect(daysBetween(current?.start ?? today, today)).toBeGreaterThanOrEqual(70);
    const phq9 = patient.questionnaires.filter((row) => row.instrument === 'PHQ-9');
    const [first, last] = [phq9[0]?.total ?? 0, phq9.at(-1)?.total ?? 0];
    expect(last).toBeGreaterThan(first / 2);
  });

  it('has the improving patient go from severe to remission, with a positive item 9 at intake', () => {
    const phq9 = scenario(patients, 'depression-improving').questionnaires.filter(
      (row) => row.instrument === 'PHQ-9',
    );
    expect(phq9[0]?.total).toBeGreaterThanOrEqual(20);
    expect(phq9.at(-1)?.total).toBeLessThan(5);
    expect(phq9[0]?.items?.[8]).toBe(1);
  });

  it('has a lithium level older than six months and no naloxone for the buprenorphine patient', () => {
    const lithium = scenario(patients, 'bipolar-lithium-overdue').labs.filter(
      (lab) => lab.test === 'Lithium level',
    );
    expect(lithium.every((lab) => lab.date < addDays(today, -183))).toBe(true);
    const oud = scenario(patients, 'opioid-use-buprenorphine').medications;
    expect(oud.some((medication) => /buprenorphine/i.test(medication.text))).toBe(true);
    expect(oud.some((medication) => /naloxone|narcan/i.test(medication.text))).toBe(false);
  });

  it('gives the large chart five years of weekly scores, sixty medication lines and 300 labs', () => {
    const patient = scenario(patients, 'large-chart');
    const phq9 = patient.questionnaires.filter((row) => row.instrument === 'PHQ-9');
    expect(phq9.length).toBeGreaterThanOrEqual(260);
    expect(daysBetween(phq9[0]?.date ?? today, today)).toBeGreaterThanOrEqual(5 * 364);
    expect(patient.medications).toHaveLength(60);
    expect(patient.labs).toHaveLength(300);
  });
});

describe('demo patient helpers', () => {
  it('makes the same charts for the same day', () => {
    expect(buildPatients('2025-06-16')).toEqual(buildPatients('2025-06-16'));
  });

  it('gives an exact age, also for a birthday on 29 February', () => {
    expect(ageOn(birthDateForAge('2025-06-16', 15, 0), '2025-06-16')).toBe(15);
    expect(ageOn(birthDateForAge('2025-06-16', 15, 364), '2025-06-16')).toBe(15);
    expect(birthDateForAge('2028-02-29', 3, 0)).toBe('2025-02-28');
  });

  it('spreads a total over items, pinning the fixed ones, and refuses an impossible total', () => {
    const items = spreadItems(14, 9, 3, () => 0.5, { 9: 2 });
    expect(items).toHaveLength(9);
    expect(items[8]).toBe(2);
    expect(items.reduce((sum, item) => sum + item, 0)).toBe(14);
    expect(() => spreadItems(28, 9, 3, () => 0.5)).toThrow(RangeError);
  });

  it('renders the large chart with about 20,000 DOM nodes', () => {
    const today = '2025-06-16';
    const patients = buildPatients(today);
    const patient = scenario(patients, 'large-chart');
    const html = renderDocument(
      chartView(patient, { today, patients, frameOrigin: '', frameDelayMs: 0 }),
    );
    const document = new DOMParser().parseFromString(html, 'text/html');
    const walker = document.createTreeWalker(document.documentElement, 0xffffffff);
    let nodes = 1;
    while (walker.nextNode()) nodes += 1;
    expect(nodes).toBeGreaterThan(17_000);
    expect(nodes).toBeLessThan(25_000);
  });
});
