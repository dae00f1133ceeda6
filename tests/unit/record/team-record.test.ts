/**
 * The care team's record against a real FHIR server (Medplum's router on loopback, which
 * validates every body Careside writes): round trips of each resource type, version conflicts,
 * the patient match by identifier and the wrong-patient guard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import messages from '../../../public/_locales/en/messages.json';
import { emptySafetyPlan, type SafetyPlan } from '../../../utils/clinical/safety-plan';
import type { PatientIdentity, ScoreEntry } from '../../../utils/clinical/types';
import { createTranslator, type Messages } from '../../../utils/i18n';
import { createFhirClient, type FhirClient, fhirBase } from '../../../utils/record/client';
import { safetyPlanLabelsFrom } from '../../../utils/record/mapping';
import {
  findPatient,
  readTeamRecord,
  writeSafetyPlan,
  writeScore,
} from '../../../utils/record/team-record';
import { startFhirServer, type TestFhirServer } from '../../fhir-server/server';

const t = createTranslator(messages as Messages);
const labels = safetyPlanLabelsFrom(t, (date) => date);
const EHR = 'https://ehr.riverside.example';
const MRN_SYSTEM = 'urn:oid:2.16.840.1.113883.19.5';
const systems = { [EHR]: MRN_SYSTEM };
const now = new Date('2026-12-05T10:00:00Z');
const therapist = { reference: 'Practitioner/therapist-1', display: 'Dana Reyes, LCSW' };
const prescriber = { reference: 'Practitioner/prescriber-1', display: 'Sam Ortiz, MD' };

let server: TestFhirServer;
let client: FhirClient;

function identity(mrn: string, name = 'LOPEZ, MARIA J', birthDate = '1980-02-03'): PatientIdentity {
  return {
    name,
    birthDate,
    sex: 'female',
    identifiers: [{ system: 'MRN', type: 'MR', value: mrn }],
  };
}

async function addPatient(
  mrn: string,
  family = 'Lopez',
  given = 'Maria',
  birthDate = '1980-02-03',
) {
  const created = await client.create({
    resourceType: 'Patient',
    identifier: [{ system: MRN_SYSTEM, value: mrn }],
    name: [{ family, given: [given] }],
    birthDate,
  });
  if (!created.ok) throw new Error('patient not created');
  return `Patient/${created.resource.id}`;
}

const phq9: ScoreEntry = {
  instrument: 'PHQ-9',
  date: '2026-12-05',
  total: 14,
  items: { 1: 2, 2: 2, 3: 1, 4: 2, 5: 1, 6: 2, 7: 2, 8: 1, 9: 1 },
  provenance: { source: 'entered', via: 'sidebar' },
};

function planWith(warningSign: string): SafetyPlan {
  const plan = emptySafetyPlan();
  plan.steps['warning-signs'] = { entries: [warningSign], done: false };
  plan.steps['means-safety'] = { entries: [], done: true };
  plan.lastReviewed = '2026-12-05';
  return plan;
}

beforeAll(async () => {
  server = await startFhirServer();
  client = createFhirClient({ baseUrl: server.baseUrl });
}, 30_000);

afterAll(async () => {
  await server.close();
});

describe('FHIR base address', () => {
  it.each([
    ['https://fhir.clinic.example/r4', true],
    ['http://127.0.0.1:8080/fhir', true],
    ['http://localhost/fhir', true],
    ['http://fhir.clinic.example/r4', false],
    ['https://user:pw@fhir.clinic.example/r4', false],
    ['ftp://fhir.clinic.example', false],
    ['not a url', false],
  ])('%s allowed: %s', (url, allowed) => {
    expect(fhirBase(url) !== null).toBe(allowed);
  });
});

describe('patient match by record number', () => {
  it('finds the one patient whose identifier, name and birth date agree', async () => {
    const reference = await addPatient('M-100');
    const match = await findPatient(client, identity('M-100'), EHR, systems);
    expect(match).toEqual({ kind: 'matched', patientId: reference.slice(8), reference });
  });

  it('does not match when the server has no patient with that record number', async () => {
    expect(await findPatient(client, identity('M-404'), EHR, systems)).toEqual({
      kind: 'not-found',
    });
  });

  it('does not match when two patients share the record number', async () => {
    await addPatient('M-200');
    await addPatient('M-200');
    expect(await findPatient(client, identity('M-200'), EHR, systems)).toEqual({
      kind: 'several',
      count: 2,
    });
  });

  it('does not match when the server patient has another name (wrong-patient guard)', async () => {
    await addPatient('M-300', 'Lopez', 'Mario');
    expect(await findPatient(client, identity('M-300'), EHR, systems)).toEqual({
      kind: 'name-differs',
    });
  });

  it('does not match when the birth date differs (wrong-patient guard)', async () => {
    await addPatient('M-301', 'Lopez', 'Maria', '1981-02-03');
    expect(await findPatient(client, identity('M-301'), EHR, systems)).toEqual({
      kind: 'birth-date-differs',
    });
  });

  it('does not search when the clinic set no identifier system for this EHR', async () => {
    const before = server.requests.length;
    expect(await findPatient(client, identity('M-100'), 'https://other.example', systems)).toEqual({
      kind: 'no-identifier-system',
      origin: 'https://other.example',
    });
    expect(server.requests.length).toBe(before);
  });
});

describe('scores', () => {
  it('writes a PHQ-9 as a LOINC-coded QuestionnaireResponse and a 44261-6 total, and reads it back', async () => {
    const patient = await addPatient('S-1');
    const written = await writeScore(client, patient, phq9, therapist, 'score-1', now);
    expect(written).toMatchObject({ ok: true });

    const stored = await client.search('Observation', { subject: patient });
    expect(stored.ok && stored.resource[0]).toMatchObject({
      code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
      subject: { reference: patient },
      performer: [therapist],
      effectiveDateTime: '2026-12-05',
      valueInteger: 14,
    });
    const response = await client.search('QuestionnaireResponse', { subject: patient });
    const items = response.ok ? (response.resource[0]?.item as { linkId: string }[]) : [];
    // Item 9 is LOINC 44260-8 (ref. A0); the total is 44261-6.
    expect(items.map((item) => item.linkId)).toContain('44260-8');
    expect(items.map((item) => item.linkId)).toContain('44261-6');

    const record = await readTeamRecord(client, patient, []);
    expect(record).toMatchObject({
      scores: [
        {
          entry: { instrument: 'PHQ-9', date: '2026-12-05', total: 14, items: phq9.items },
          author: therapist,
          writtenByCareside: true,
        },
      ],
      safetyPlan: null,
    });
  });

  it('writes a score once however often the write is retried', async () => {
    const patient = await addPatient('S-2');
    await writeScore(client, patient, phq9, therapist, 'score-2', now);
    await writeScore(client, patient, phq9, therapist, 'score-2', now);
    const stored = await client.search('Observation', { subject: patient });
    expect(stored.ok && stored.resource).toHaveLength(1);
  });

  it('reads the EHR’s own total Observations too, with their performer', async () => {
    const patient = await addPatient('S-3');
    await client.create({
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '70274-6' }] },
      subject: { reference: patient },
      effectiveDateTime: '2026-11-01',
      performer: [{ display: 'Front desk' }],
      valueInteger: 9,
    });
    const record = await readTeamRecord(client, patient, []);
    expect(record).toMatchObject({
      scores: [{ entry: { instrument: 'GAD-7', total: 9 }, writtenByCareside: false }],
    });
  });
});

describe('safety plan', () => {
  it('writes a CarePlan with readable narrative and reads the same plan back', async () => {
    const patient = await addPatient('P-1');
    const written = await writeSafetyPlan(
      client,
      patient,
      planWith('Not sleeping'),
      therapist,
      null,
      labels,
      now,
    );
    expect(written).toMatchObject({ ok: true });
    const record = await readTeamRecord(client, patient, []);
    if (!('scores' in record) || !record.safetyPlan) throw new Error('no plan read back');
    expect(record.safetyPlan.plan.steps['warning-signs']).toEqual({
      entries: ['Not sleeping'],
      done: false,
    });
    expect(record.safetyPlan.plan.steps['means-safety'].done).toBe(true);
    expect(record.safetyPlan.plan.lastReviewed).toBe('2026-12-05');
    expect(record.safetyPlan.author).toEqual(therapist);
    const carePlan = await client.read('CarePlan', record.safetyPlan.carePlanId);
    const div = carePlan.ok ? (carePlan.resource.text as { div: string }).div : '';
    expect(div).toContain('Warning signs');
    expect(div).toContain('Not sleeping');
    expect(div).toContain('Addressed, nothing to list');
  });

  it('updates with If-Match, and a second edit from the old version meets a conflict with the server’s plan', async () => {
    const patient = await addPatient('P-2');
    const first = await writeSafetyPlan(
      client,
      patient,
      planWith('A'),
      therapist,
      null,
      labels,
      now,
    );
    if (!('carePlanId' in first)) throw new Error('first write failed');
    const base = { carePlanId: first.carePlanId, versionId: first.versionId };

    const therapistEdit = await writeSafetyPlan(
      client,
      patient,
      planWith('Therapist’s edit'),
      therapist,
      base,
      labels,
      now,
    );
    expect(therapistEdit).toMatchObject({ ok: true });
    const prescriberEdit = await writeSafetyPlan(
      client,
      patient,
      planWith('Prescriber’s edit'),
      prescriber,
      base,
      labels,
      now,
    );
    expect(prescriberEdit).toMatchObject({ ok: false, kind: 'conflict' });
    if (!('server' in prescriberEdit) || !prescriberEdit.server) throw new Error('no server plan');
    expect(prescriberEdit.server.plan.steps['warning-signs'].entries).toEqual(['Therapist’s edit']);
    expect(prescriberEdit.server.author).toEqual(therapist);
  });

  it('two first plans for one patient meet as a conflict, not two CarePlans', async () => {
    const patient = await addPatient('P-3');
    await writeSafetyPlan(client, patient, planWith('One'), therapist, null, labels, now);
    const second = await writeSafetyPlan(
      client,
      patient,
      planWith('Two'),
      prescriber,
      null,
      labels,
      now,
    );
    expect(second).toMatchObject({ ok: false, kind: 'conflict' });
    const plans = await client.search('CarePlan', { subject: patient });
    expect(plans.ok && plans.resource).toHaveLength(1);
  });
});

describe('egress', () => {
  it('says the server is unreachable (to retry) when it is stopped', async () => {
    const stopped = await startFhirServer();
    const offline = createFhirClient({ baseUrl: stopped.baseUrl });
    await stopped.close();
    const result = await writeScore(offline, 'Patient/x', phq9, therapist, 'score-x', now);
    expect(result).toMatchObject({ kind: 'retry' });
  });
});

describe('a score the sidebar sends without its total', () => {
  it('writes the total summed from the answered items', async () => {
    const patient = await addPatient('S-9');
    await writeScore(client, patient, { ...phq9, total: null }, therapist, 'score-9', now);
    const stored = await client.search('Observation', { subject: patient });
    expect(stored.ok && stored.resource[0]?.valueInteger).toBe(14);
  });
});
