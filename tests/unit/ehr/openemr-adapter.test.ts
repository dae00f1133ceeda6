// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { openEmrAdapter } from '../../../utils/ehr/adapters/openemr';
import { readWith } from '../../../utils/ehr/sections/all-readers';
import { enrichReading } from '../../../utils/ehr/sections/enrich';
import { loadFixture } from './load';

const TOP = new URL('https://emr.clinic.example/openemr/interface/main/tabs/main.php');
const DASHBOARD = new URL(
  'https://emr.clinic.example/openemr/interface/patient_file/summary/demographics.php?set_pid=5',
);
const ENCOUNTER = new URL(
  'https://emr.clinic.example/openemr/interface/patient_file/encounter/forms.php',
);

describe('OpenEMR adapter: identity per document', () => {
  it.each([
    {
      fixture: 'main-patient-bar.html',
      url: TOP,
      name: 'Maria Alvarez',
      birthDate: '1984-03-09',
      chart: '100217',
      sex: null,
      confirmed: true,
    },
    {
      fixture: 'main-patient-bar-us-dates.html',
      url: TOP,
      name: 'Daniel Okafor',
      birthDate: '1971-11-23',
      chart: 'DO-5521',
      sex: null,
      confirmed: true,
    },
    {
      fixture: 'dashboard.html',
      url: DASHBOARD,
      name: 'Maria Alvarez',
      birthDate: '1984-03-09',
      chart: '100217',
      sex: 'female',
      confirmed: true,
    },
    {
      fixture: 'dashboard-empty-lists.html',
      url: DASHBOARD,
      name: 'Thomas Reed',
      birthDate: '1990-12-01',
      chart: '100342',
      sex: 'male',
      confirmed: true,
    },
    {
      fixture: 'encounter-phq9.html',
      url: ENCOUNTER,
      name: 'Maria Alvarez',
      birthDate: null,
      chart: null,
      sex: null,
      confirmed: false,
    },
  ])('$fixture → $name, $birthDate', ({ fixture, url, name, birthDate, chart, sex, confirmed }) => {
    const document = loadFixture('openemr', fixture);
    expect(openEmrAdapter.detect(document, url)).toBe(true);
    const reading = readWith(openEmrAdapter, document, url);
    expect(reading.adapter).toBe('openemr');
    expect(reading.context.identity.name).toBe(name);
    expect(reading.context.identity.birthDate).toBe(birthDate);
    expect(reading.context.identity.sex).toBe(sex);
    expect(reading.context.identity.identifiers.find((id) => id.type === 'MR')?.value ?? null).toBe(
      chart,
    );
    expect(reading.identityConfirmed).toBe(confirmed);
    if (!confirmed) expect(reading.problems).toContain('No date of birth on this page');
  });
});

describe('OpenEMR adapter: chart content', () => {
  it('reads the Medications and Medical Problems cards of the dashboard', () => {
    const reading = readWith(openEmrAdapter, loadFixture('openemr', 'dashboard.html'), DASHBOARD);
    expect(reading.context.medications.map((medication) => medication.ingredient)).toEqual([
      null,
      null,
      null,
    ]);
    expect(
      enrichReading(reading).context.medications.map((medication) => [
        medication.text,
        medication.ingredient,
      ]),
    ).toEqual([
      ['Sertraline 100 mg tablet 1 tab PO daily', 'sertraline'],
      ['Trazodone 50 mg tablet 1 tab PO qhs prn sleep', 'trazodone'],
      ['Lisinopril 10 mg tablet 1 tab PO daily', 'lisinopril'],
    ]);
    expect(reading.context.medications.every((medication) => medication.status === 'active')).toBe(
      true,
    );
    expect(reading.context.conditions.map((condition) => condition.text)).toEqual([
      'Major depressive disorder, recurrent, moderate',
      'Generalized anxiety disorder',
      'Essential hypertension',
    ]);
  });

  it('reads "Nothing Recorded" as empty lists, not as a medication or a problem', () => {
    const reading = readWith(
      openEmrAdapter,
      loadFixture('openemr', 'dashboard-empty-lists.html'),
      DASHBOARD,
    );
    expect(reading.context.medications).toEqual([]);
    expect(reading.context.conditions).toEqual([]);
  });

  it.each([
    {
      fixture: 'encounter-phq9.html',
      instrument: 'PHQ-9',
      date: '2024-05-02',
      total: 12,
      items: { 1: 2, 2: 2, 3: 1, 4: 2, 5: 1, 6: 2, 7: 1, 8: 0, 9: 1 },
    },
    {
      fixture: 'encounter-gad7.html',
      instrument: 'GAD-7',
      date: '2024-02-20',
      total: 8,
      items: { 1: 2, 2: 1, 3: 2, 4: 1, 5: 1, 6: 1, 7: 0 },
    },
  ])('reads the $instrument report with its items and the encounter date', ({
    fixture,
    ...expected
  }) => {
    const reading = readWith(openEmrAdapter, loadFixture('openemr', fixture), ENCOUNTER);
    expect(reading.context.scores).toHaveLength(1);
    const [score] = reading.context.scores;
    expect(score).toMatchObject(expected);
    expect(score?.provenance.source).toBe('page');
  });

  it('reports a patient-bar document without chart lists as simply empty', () => {
    const reading = readWith(openEmrAdapter, loadFixture('openemr', 'main-patient-bar.html'), TOP);
    expect(reading.context.medications).toEqual([]);
    expect(reading.context.scores).toEqual([]);
    expect(reading.confidence).toEqual({ name: 1, birthDate: 1, mrn: 1 });
  });

  it('does not guess an ambiguous site date in the patient bar', () => {
    const document = loadFixture('openemr', 'main-patient-bar-us-dates.html');
    const line = document.querySelector('#attendantData .mt-2 span');
    if (!line) throw new Error('fixture lost its DOB line');
    line.textContent = 'DOB: 03/04/1971 Age: 53';
    const reading = readWith(openEmrAdapter, document, TOP);
    expect(reading.context.identity.birthDate).toBeNull();
    expect(reading.identityConfirmed).toBe(false);
    expect(reading.problems.join(' ')).toContain('03/04/1971');
  });

  it('does not date a score by an encounter date whose day and month could be swapped', () => {
    const document = loadFixture('openemr', 'encounter-gad7.html');
    const title = document.querySelector('#encounter_forms span.title');
    if (!title) throw new Error('fixture lost its encounter title');
    title.textContent = '02/08/2024 Encounter';
    const reading = readWith(openEmrAdapter, document, ENCOUNTER);
    expect(reading.context.scores[0]?.date).toBeNull();
    expect(reading.problems).toContain('A GAD-7 score on this page has no date Careside can read');
  });

  it('refuses two different patients in one document', () => {
    // A single-page re-render that left the previous patient's bar behind.
    const document = loadFixture('openemr', 'main-patient-bar.html');
    const bar = document.querySelector('#attendantData .form-group');
    const stale = bar?.cloneNode(true) as Element | undefined;
    const name = stale?.querySelector('a.ptName span');
    if (!bar || !stale || !name) throw new Error('fixture lost its patient bar');
    name.textContent = 'Mario Alvarez';
    bar.after(stale);
    const reading = readWith(openEmrAdapter, document, TOP);
    expect(reading.problems).toContain(
      'Two different patient names on this page: "Maria Alvarez" and "Mario Alvarez"',
    );
    expect(reading.context.identity.name).toBeNull();
    expect(reading.identityConfirmed).toBe(false);
    expect(reading.confidence.name).toBeLessThan(0.8);
  });
});
