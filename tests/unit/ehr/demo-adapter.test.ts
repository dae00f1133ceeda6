// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPatients, HOSTILE_MEDICATION, HOSTILE_NAME } from '../../../demo-ehr/patients';
import {
  DEMO_FIXTURES,
  type DemoFixture,
  FIXTURE_DIR,
  FIXTURE_TODAY,
  renderFixture,
} from '../../../demo-ehr/save-fixtures';
import { demoAdapter } from '../../../utils/ehr/adapters/demo';
import { readWith } from '../../../utils/ehr/sections/all-readers';
import { enrichReading } from '../../../utils/ehr/sections/enrich';

const patients = buildPatients(FIXTURE_TODAY);
const patientOf = (fixture: DemoFixture) => {
  const patient = patients.find((candidate) => candidate.id === fixture.patientId);
  if (!patient) throw new Error(`no patient ${fixture.patientId}`);
  return patient;
};

function load(file: string): Document {
  const html = readFileSync(path.resolve(process.cwd(), FIXTURE_DIR, file), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

function fixture(file: string): DemoFixture {
  const found = DEMO_FIXTURES.find((candidate) => candidate.file === file);
  if (!found) throw new Error(`no fixture ${file}`);
  return found;
}

function readFixture(file: string) {
  const entry = fixture(file);
  return readWith(demoAdapter, load(file), new URL(entry.url));
}

const charts = DEMO_FIXTURES.filter((entry) => entry.file.startsWith('chart-'));

describe('demo adapter fixtures', () => {
  it.each(
    DEMO_FIXTURES.map((entry) => [entry.file, entry] as const),
  )('%s is what the demo EHR renders today (rerun demo-ehr/save-fixtures.ts if not)', (file, entry) => {
    const saved = readFileSync(path.resolve(process.cwd(), FIXTURE_DIR, file), 'utf8');
    expect(saved).toBe(renderFixture(entry));
  });
});

describe('demo adapter: detect', () => {
  it.each(
    DEMO_FIXTURES.map((entry) => [entry.file, entry] as const),
  )('detects %s', (file, entry) => {
    expect(demoAdapter.detect(load(file), new URL(entry.url))).toBe(true);
  });

  it('does not claim a page without the MeadowChart generator tag', () => {
    const document = load('chart-depression-improving.html');
    document.querySelector('meta[name="generator"]')?.remove();
    expect(demoAdapter.detect(document, new URL('http://127.0.0.1:4310/patients/1002'))).toBe(
      false,
    );
  });

  it('does not claim a MeadowChart page that holds no chart (the patient list)', () => {
    const document = new DOMParser().parseFromString(
      '<html><head><meta name="generator" content="MeadowChart EHR 3.8"></head><body><main id="app"><table></table></main></body></html>',
      'text/html',
    );
    expect(demoAdapter.detect(document, new URL('http://127.0.0.1:4310/'))).toBe(false);
  });
});

describe('demo adapter: whole chart pages', () => {
  it.each(
    charts.map((entry) => [entry.file, entry] as const),
  )('reads identity, sections and scores of %s as the demo EHR holds them', (file, entry) => {
    const patient = patientOf(entry);
    const reading = readFixture(file);
    const { context } = reading;
    const hidden = new Set(entry.hide ?? []);

    expect(reading.adapter).toBe('demo');
    expect(reading.identityConfirmed).toBe(true);
    expect(context.identity).toEqual({
      name: patient.name,
      birthDate: patient.birthDate,
      sex: patient.sex,
      identifiers: [{ system: 'MRN', type: 'MR', value: patient.mrn }],
    });
    expect(context.pregnant).toBe(patient.pregnancy ? patient.pregnancy.pregnant : null);

    expect(
      context.conditions.map(({ text, code, system, status, onsetDate }) => ({
        text,
        code,
        system,
        status,
        onsetDate,
      })),
    ).toEqual(
      expect.arrayContaining(
        patient.problems.map((problem) => ({
          text: problem.text,
          code: problem.icd10,
          system: 'ICD-10-CM',
          status: problem.status,
          onsetDate: problem.onset,
        })),
      ),
    );

    const medications = hidden.has('medications') ? [] : patient.medications;
    expect(
      context.medications
        .map(({ text, status, startDate, endDate }) => ({ text, status, startDate, endDate }))
        .sort(
          (a, b) =>
            a.text.localeCompare(b.text) || (a.startDate ?? '').localeCompare(b.startDate ?? ''),
        ),
    ).toEqual(
      medications
        .map((medication) => ({
          text: medication.text,
          status: medication.status === 'active' ? 'active' : 'stopped',
          startDate: medication.start,
          endDate: medication.end,
        }))
        .sort((a, b) => a.text.localeCompare(b.text) || a.startDate.localeCompare(b.startDate)),
    );

    const byKey = (score: { instrument: string; date: string | null }) =>
      `${score.instrument} ${score.date}`;
    expect(context.scores.map(byKey).sort()).toEqual(patient.questionnaires.map(byKey).sort());
    for (const administration of patient.questionnaires) {
      const read = context.scores.find((score) => byKey(score) === byKey(administration));
      expect(read?.total).toBe(administration.total);
      if (administration.items) {
        const expected = Object.fromEntries(
          administration.items.map((answer, index) => [
            index + 1,
            answer === 'yes' ? 1 : answer === 'no' ? 0 : answer,
          ]),
        );
        expect(read?.items).toEqual(expected);
      }
    }

    const therapyVisits = patient.appointments.filter((visit) => visit.modality !== '');
    expect(context.therapies).toHaveLength(therapyVisits.length);
    if (hidden.has('labs') && hidden.has('vitals')) expect(context.monitoring).toEqual([]);
    expect(reading.problems.some((text) => /No medication list/.test(text))).toBe(
      hidden.has('medications'),
    );
  });

  it('reads the item 9 answers and the C-SSRS screener of the improving depression chart', () => {
    const { context } = readFixture('chart-depression-improving.html');
    const phq9 = context.scores
      .filter((score) => score.instrument === 'PHQ-9')
      .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
    expect(phq9.map((score) => score.total)).toEqual([21, 19, 17, 14, 11, 9, 6, 4, 3]);
    expect(phq9.map((score) => score.items?.[9])).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0]);
    const cssrs = context.scores.find((score) => score.instrument === 'C-SSRS');
    expect(cssrs?.total).toBeNull();
    expect(cssrs?.items).toEqual({ 1: 1, 2: 0, 3: null, 4: null, 5: null, 6: 0 });
  });

  it('keeps markup in names and medication lines as the literal text the chart shows', () => {
    const reading = readFixture('chart-hostile-markup.html');
    expect(reading.context.identity.name).toBe(`Quinn "<img src=x onerror=alert(1)>" O'Hara`);
    expect(reading.context.identity.name).toBe(HOSTILE_NAME);
    expect(reading.context.medications.map((medication) => medication.text)).toContain(
      'Sertraline 50 mg tablet <script>alert(1)</script> — 1 tab PO daily',
    );
    expect(HOSTILE_MEDICATION).toContain('<script>');
    expect(reading.context.conditions[0]?.text).toBe(
      'Generalized anxiety disorder </td></tr><script>alert(1)</script>',
    );
  });

  it('reads the pregnancy flag, the valproate level and the EPDS of the pregnant patient', () => {
    const { context } = readFixture('chart-pregnant-valproate.html');
    expect(context.pregnant).toBe(true);
    const valproate = context.monitoring.find((entry) => entry.kind === 'valproate-level');
    expect(valproate).toMatchObject({ value: 78, unit: 'mcg/mL', date: '2024-11-28' });
    expect(context.monitoring.find((entry) => entry.kind === 'pregnancy-test')).toMatchObject({
      valueText: 'Positive',
    });
    expect(context.scores.filter((score) => score.instrument === 'EPDS')).toHaveLength(2);
  });

  it('reads vitals into blood pressure, pulse, weight, height and BMI', () => {
    const { context } = readFixture('chart-weekly-scores.html');
    const kinds = new Set(context.monitoring.map((entry) => entry.kind));
    for (const kind of [
      'bp-systolic',
      'bp-diastolic',
      'heart-rate',
      'weight',
      'height',
      'bmi',
      'a1c',
      'ldl',
    ]) {
      expect(kinds).toContain(kind);
    }
    const pulse = context.monitoring.find((entry) => entry.kind === 'heart-rate');
    expect(pulse).toMatchObject({ value: 74, unit: 'bpm' });
  });

  it('maps each therapy modality the demo EHR prints', () => {
    const { context } = readFixture('chart-weekly-scores.html');
    expect(new Set(context.therapies.map((therapy) => therapy.modality))).toEqual(
      new Set(['PE', 'CPT', 'CBT']),
    );
    expect(context.therapies.filter((therapy) => therapy.status === 'scheduled')).toHaveLength(1);
  });

  it('says which sections a chart page lacks, and still reads the rest', () => {
    const reading = readFixture('chart-missing-sections.html');
    expect(reading.problems).toEqual(
      expect.arrayContaining([
        'No medication list found on this page',
        'No lab results found on this page',
        'No vitals found on this page',
      ]),
    );
    expect(reading.problems.some((text) => /questionnaire/i.test(text))).toBe(false);
    expect(reading.context.scores.filter((score) => score.instrument === 'PHQ-A')).toHaveLength(6);
  });
});

describe('demo adapter: the tabbed view', () => {
  it('reads the identity from the top document without reporting its framed sections missing', () => {
    const reading = readFixture('framed-top.html');
    expect(reading.identityConfirmed).toBe(true);
    expect(reading.context.identity.name).toBe('Thomas Reyes');
    expect(reading.problems).toEqual([]);
  });

  it('reads a frame without a banner: its sections, and a problem that names no patient', () => {
    const reading = readFixture('framed-dashboard.html');
    expect(reading.identityConfirmed).toBe(false);
    expect(reading.context.identity.name).toBeNull();
    expect(reading.problemMessages?.map((message) => message.key)).toContain(
      'ehrProblemNoIdentityInFrame',
    );
    expect(
      enrichReading(reading).context.medications.map((medication) => medication.ingredient),
    ).toEqual(expect.arrayContaining(['lithium', 'lisinopril']));
    expect(reading.context.medications[0]?.provenance.frame).toBe(
      'http://127.0.0.1:4310/framed/dashboard?pid=1004',
    );
  });

  it('lists the banner nodes as identity selectors, and they match on every page with a banner', () => {
    for (const file of ['chart-depression-improving.html', 'framed-top.html']) {
      const document = load(file);
      for (const selector of demoAdapter.identitySelectors) {
        expect(document.querySelectorAll(selector)).toHaveLength(1);
      }
    }
  });
});

describe('demo adapter: damaged pages', () => {
  it('reports two different names in two banners instead of choosing one', () => {
    const document = load('chart-depression-improving.html');
    const copy = document.querySelector('#patient-banner')?.cloneNode(true) as Element;
    const name = copy.querySelector('.pt-name');
    if (name) name.textContent = 'Someone Else';
    document.body.append(copy);
    const reading = readWith(demoAdapter, document, new URL('http://127.0.0.1:4310/patients/1002'));
    expect(reading.context.identity.name).toBeNull();
    expect(reading.identityConfirmed).toBe(false);
    expect(reading.problemMessages?.map((message) => message.key)).toContain(
      'ehrProblemConflictingNames',
    );
  });

  it('reports a questionnaire it cannot name and a score without a readable date', () => {
    const document = load('chart-depression-improving.html');
    const caption = document.querySelector('#questionnaires caption');
    if (caption) caption.textContent = 'Mood diary';
    const gad7 = Array.from(document.querySelectorAll('#questionnaires table')).find((table) =>
      table.querySelector('caption')?.textContent?.startsWith('GAD-7'),
    );
    const dateCell = gad7?.querySelector('tbody td');
    if (dateCell) dateCell.textContent = 'yesterday';
    const reading = readWith(demoAdapter, document, new URL('http://127.0.0.1:4310/patients/1002'));
    const keys = reading.problemMessages?.map((message) => message.key);
    expect(keys).toContain('ehrProblemUnknownQuestionnaire');
    expect(keys).toContain('ehrProblemUnreadableScoreDate');
    expect(reading.context.scores.some((score) => score.instrument === 'PHQ-9')).toBe(false);
  });
});
