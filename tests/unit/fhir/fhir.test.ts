import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeTrends } from '../../../utils/clinical/trends';
import { FhirInputError, readFhir, readFhirPatients } from '../../../utils/fhir/index';
import { createTranslator } from '../../../utils/i18n';
import { sharedFhirFixtures } from '../shared-fixtures';

const t = createTranslator(
  JSON.parse(readFileSync(path.resolve(process.cwd(), 'public/_locales/en/messages.json'), 'utf8')),
);

type Json = Record<string, unknown>;

function fixture(relative: string): Json {
  const file = path.resolve(sharedFhirFixtures(), relative);
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

function seriesOf(json: unknown, now = '2025-08-01') {
  const { context } = readFhir(json, t);
  return Object.fromEntries(
    computeTrends(context.scores, now, t).map((trend) => [
      trend.instrument,
      trend.series.map((point) => [point.date, point.score]),
    ]),
  );
}

function bundle(type: string, resources: Json[]): Json {
  return {
    resourceType: 'Bundle',
    type,
    entry: resources.map((resource) => ({
      fullUrl: `urn:uuid:${String(resource.id)}`,
      resource,
    })),
  };
}

const patient = (id: string, family = 'Doe'): Json => ({
  resourceType: 'Patient',
  id,
  name: [{ family, given: ['Jane'] }],
  birthDate: '1980-04-02',
  gender: 'female',
});

const phq9Total = (id: string, subject: string, date: string, value: Json): Json => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
  subject: { reference: subject },
  effectiveDateTime: date,
  ...value,
});

describe('Synthea bundles (transaction, urn:uuid references)', () => {
  it.each([
    [
      'Alix_Alla_Crist_3458d2d7.json',
      'Alix578 Alla648 Crist667',
      '1966-07-06',
      'female',
      {
        'PHQ-9': [['2025-02-05', 15]],
        'PHQ-2': [
          ['2023-01-25', 1],
          ['2024-01-31', 1],
          ['2024-03-06', 0],
          ['2024-10-16', 1],
          ['2024-10-30', 2],
          ['2025-01-01', 2],
          ['2025-02-05', 3],
          ['2025-03-05', 1],
        ],
        'GAD-7': [
          ['2024-01-31', 6],
          ['2024-10-16', 0],
          ['2024-10-30', 0],
          ['2025-01-01', 2],
        ],
      },
    ],
    [
      'Delbert_Feest_1e557b32.json',
      'Delbert384 Feest103',
      '1967-05-19',
      'male',
      {
        'GAD-7': [
          ['2023-03-10', 1],
          ['2024-02-16', 4],
          ['2024-06-07', 1],
          ['2024-07-05', 2],
          ['2024-09-06', 1],
          ['2025-01-24', 2],
          ['2025-05-30', 0],
          ['2025-06-27', 0],
        ],
      },
    ],
    [
      'Elena_Teresa_Madrigal_e442861c.json',
      'Elena945 Teresa94 Madrigal893',
      '1960-12-18',
      'female',
      {
        'PHQ-9': [['2023-08-13', 21]],
        'PHQ-2': [
          ['2022-09-25', 1],
          ['2023-08-13', 5],
          ['2023-12-24', 1],
          ['2024-02-18', 2],
          ['2024-05-19', 0],
          ['2024-06-16', 1],
          ['2024-08-18', 1],
        ],
        'GAD-7': [
          ['2022-09-25', 0],
          ['2023-08-13', 7],
          ['2023-12-24', 2],
          ['2024-05-19', 2],
          ['2024-08-18', 2],
        ],
      },
    ],
    [
      'Fritz_O_Conner_9a9d35d9.json',
      "Fritz267 O'Conner199",
      '1939-09-15',
      'male',
      {
        'PHQ-2': [
          ['2023-03-24', 0],
          ['2024-03-29', 0],
          ['2025-04-04', 2],
          ['2025-07-18', 1],
        ],
      },
    ],
    [
      'Imelda_Bethel_Altenwerth_df0d0a6e.json',
      'Imelda608 Bethel526 Altenwerth646',
      '1930-06-12',
      'female',
      {
        'PHQ-9': [['2025-03-27', 26]],
        'PHQ-2': [
          ['2022-09-08', 1],
          ['2023-09-14', 2],
          ['2024-01-18', 2],
          ['2024-09-19', 0],
          ['2025-03-27', 4],
          ['2025-04-10', 0],
          ['2025-05-08', 0],
        ],
        'GAD-7': [
          ['2024-01-18', 2],
          ['2024-09-19', 4],
          ['2025-03-27', 4],
        ],
      },
    ],
  ] as const)('%s reads identity and the README series', (file, name, birthDate, sex, expected) => {
    const json = fixture(`synthea/${file}`);
    const { context, problems } = readFhir(json, t);
    expect(problems).toEqual([]);
    expect(context.identity).toMatchObject({ name, birthDate, sex });
    expect(
      context.identity.identifiers.find((identifier) => identifier.type === 'MR'),
    ).toMatchObject({
      system: 'http://hospital.smarthealthit.org',
    });
    expect(context.identity.identifiers.map((identifier) => identifier.type)).toEqual([
      null,
      'MR',
      'SS',
      'DL',
      'PPN',
    ]);
    const series = seriesOf(json);
    for (const [instrument, points] of Object.entries(expected)) {
      expect(series[instrument], instrument).toEqual(points);
    }
  });

  it('reads the medication list through the parser, with FHIR status and start date', () => {
    const { context } = readFhir(fixture('synthea/Delbert_Feest_1e557b32.json'), t);
    const fluoxetine = context.medications.find(
      (medication) => medication.ingredient === 'fluoxetine',
    );
    expect(fluoxetine).toMatchObject({
      text: 'FLUoxetine 20 MG Oral Capsule',
      status: 'active',
      startDate: '1986-07-25',
      provenance: { source: 'fhir', via: 'MedicationRequest/9ac807f2-1ecf-7398-c02c-9df1d85e836a' },
    });
    // A MedicationRequest that points at a bundled Medication resource (urn:uuid).
    expect(
      context.medications.some((medication) => medication.text.startsWith('sodium fluoride')),
    ).toBe(true);
    const hydrocodone = context.medications.find((medication) =>
      /hydrocodone/i.test(medication.text),
    );
    expect(hydrocodone?.status).toBe('completed');
  });

  it('reads conditions with SNOMED codes and clinical status', () => {
    const { context } = readFhir(fixture('synthea/Delbert_Feest_1e557b32.json'), t);
    const depression = context.conditions.find(
      (condition) => condition.text === 'Major depressive disorder (disorder)',
    );
    expect(depression).toMatchObject({ system: 'SNOMED', code: expect.any(String) });
    expect(['active', 'resolved']).toContain(depression?.status);
  });

  it('reads labs and vitals, including blood-pressure components, by LOINC code', () => {
    const { context } = readFhir(fixture('synthea/Alix_Alla_Crist_3458d2d7.json'), t);
    const kinds = new Set(context.monitoring.map((entry) => entry.kind));
    for (const kind of [
      'creatinine',
      'egfr',
      'glucose',
      'weight',
      'bmi',
      'height',
      'heart-rate',
      'bp-systolic',
      'bp-diastolic',
      'calcium',
      'sodium',
      'ldl',
      'triglycerides',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    const systolic = context.monitoring.find((entry) => entry.kind === 'bp-systolic');
    expect(systolic).toMatchObject({
      loinc: '8480-6',
      value: expect.any(Number),
      unit: expect.any(String),
    });
    expect(systolic?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('recognises CBT in a care plan activity and ignores physical or occupational therapy', () => {
    const { context } = readFhir(fixture('synthea/Fritz_O_Conner_9a9d35d9.json'), t);
    expect(context.therapies.map((therapy) => therapy.modality)).toEqual(['CBT']);
    expect(context.therapies[0]?.text).toBe('Cognitive and behavioral therapy (regime/therapy)');
  });
});

describe('eCQM collection bundles', () => {
  it('rejects the out-of-range PHQ-9 of 300 and charts the valid one', () => {
    const json = fixture('ecqm/DepressionRemissiona_01083d96.json');
    const { context } = readFhir(json, t);
    expect(context.scores.map((score) => score.total).sort()).toEqual([10, 300]);
    const [trend] = computeTrends(context.scores, '2025-03-01', t);
    expect(trend?.series).toEqual([{ date: '2024-02-25', score: 10 }]);
    expect(trend?.rejected).toEqual([
      {
        date: '2025-02-19',
        value: 300,
        reason: 'the total 300 is outside the PHQ-9 range of 0 to 27',
      },
    ]);
  });

  it('reads the 20 → 4 remission pair, the ICD-10-CM diagnosis and the MR identifier', () => {
    const json = fixture('ecqm/DepressionRemissiona_0604cc6e.json');
    const { context } = readFhir(json, t);
    expect(seriesOf(json)['PHQ-9']).toEqual([
      ['2024-02-25', 20],
      ['2025-02-19', 4],
    ]);
    expect(context.conditions).toMatchObject([
      { code: 'F32.9', system: 'ICD-10-CM', status: 'active', onsetDate: '2024-02-25' },
    ]);
    expect(context.identity.identifiers).toEqual([
      {
        system: 'https://bonnie-fhir.healthit.gov/',
        type: 'MR',
        value: '630307cd0968f801224786f4',
      },
    ]);
  });

  it('reads dispenses as medications of unknown status dated when handed over', () => {
    const { context } = readFhir(fixture('ecqm/AntidepressantMedica_0b61ffb2.json'), t);
    expect(
      context.medications.map((medication) => [
        medication.ingredient,
        medication.status,
        medication.startDate,
      ]),
    ).toEqual([
      ['desipramine', 'unknown', '2025-01-01'],
      ['desipramine', 'unknown', '2025-03-01'],
    ]);
    expect(context.conditions[0]).toMatchObject({ system: 'SNOMED', code: '15193003' });
  });
});

describe('HL7 PHQ-9 and GAD-7 examples', () => {
  it('reads the US Core QuestionnaireResponse by LOINC linkIds and LA answer codes', () => {
    const { context, problems } = readFhir(
      fixture('hl7/us-core_QuestionnaireResponse-phq-9-example.json'),
      t,
    );
    expect(context.scores).toEqual([
      {
        instrument: 'PHQ-9',
        date: '2022-11-29',
        total: 12,
        items: { 1: 2, 2: 2, 3: 2, 4: 2, 5: 1, 6: 1, 7: 2, 8: 0, 9: 0 },
        provenance: { source: 'fhir', via: 'QuestionnaireResponse/phq-9-example' },
      },
    ]);
    expect(problems).toEqual([
      'No Patient resource in the file: the patient’s identity is unknown.',
    ]);
    const [trend] = computeTrends(context.scores, '2022-12-01', t);
    expect(trend).toMatchObject({
      series: [{ date: '2022-11-29', score: 12 }],
      notes: [],
      critical: [],
    });
  });

  it('parses the US Core total that arrives as valueString "12"', () => {
    const json = fixture('hl7/us-core_Observation-PHQ9-item-example-44261-6.json');
    expect(readFhir(json, t).context.scores[0]).toMatchObject({ total: '12', date: '2022-11-29' });
    expect(seriesOf(json)['PHQ-9']).toEqual([['2022-11-29', 12]]);
  });

  it('says that the US Core panel has no values and its members are missing', () => {
    const { context, problems } = readFhir(
      fixture('hl7/us-core_Observation-PHQ9-panel-example-44249-1.json'),
      t,
    );
    expect(context.scores).toEqual([]);
    expect(problems[1]).toBe(
      'Observation/PHQ9-panel-example-44249-1 is a PHQ-9 panel without values, and its answers are not in the file.',
    );
  });

  it('charts the SDC item sum 10, not the stated 13, and says so', () => {
    const json = fixture('hl7/sdc_questionnaireresponse-sdc-profile-example-PHQ9.json');
    const { context } = readFhir(json, t);
    expect(context.scores[0]).toMatchObject({
      instrument: 'PHQ-9',
      total: 13,
      items: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 2, 6: 1, 7: 3, 8: 2, 9: 1 },
    });
    const [trend] = computeTrends(context.scores, '2019-09-01', t);
    expect(trend).toMatchObject({
      series: [{ date: '2019-08-21', score: 10 }],
      notes: ['stated total 13 disagrees with item answers (10); charted 10'],
      critical: [{ item: 'PHQ-9 item 9', value: 1, date: '2019-08-21' }],
    });
  });

  it('uses the ordinals of a bundled Questionnaire (SDC, contained ValueSet)', () => {
    const questionnaire = fixture('hl7/sdc_questionnaire-sdc-profile-example-PHQ9.json');
    const response = fixture('hl7/sdc_questionnaireresponse-sdc-profile-example-PHQ9.json');
    const { context } = readFhir(bundle('collection', [questionnaire, response]), t);
    expect(context.scores[0]?.items).toEqual({
      1: 0,
      2: 0,
      3: 0,
      4: 1,
      5: 2,
      6: 1,
      7: 3,
      8: 2,
      9: 1,
    });
  });

  it('scores local answer codes only through the Questionnaire that defines them', () => {
    const questionnaire: Json = {
      resourceType: 'Questionnaire',
      id: 'q-local',
      url: 'urn:example:questionnaire:local-gad',
      title: 'GAD-7',
      item: Array.from({ length: 7 }, (_, index) => ({
        linkId: `item-${index + 1}`,
        type: 'choice',
        answerOption: [0, 1, 2, 3].map((ordinal) => ({
          valueCoding: { system: 'urn:example:answers', code: `answer-${3 - ordinal}` },
          extension: [
            { url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: ordinal },
          ],
        })),
      })),
    };
    const answers = [3, 3, 2, 2, 1, 0, 0];
    const response: Json = {
      resourceType: 'QuestionnaireResponse',
      id: 'qr-local',
      questionnaire: 'urn:example:questionnaire:local-gad',
      status: 'completed',
      authored: '2025-02-03T09:00:00-05:00',
      item: answers.map((ordinal, index) => ({
        linkId: `item-${index + 1}`,
        answer: [{ valueCoding: { system: 'urn:example:answers', code: `answer-${3 - ordinal}` } }],
      })),
    };
    const withQuestionnaire = readFhir(bundle('collection', [questionnaire, response]), t);
    expect(withQuestionnaire.context.scores[0]).toMatchObject({
      instrument: 'GAD-7',
      date: '2025-02-03',
      items: { 1: 3, 2: 3, 3: 2, 4: 2, 5: 1, 6: 0, 7: 0 },
    });
    const alone = readFhir(response, t);
    expect(alone.context.scores).toEqual([]);
    expect(alone.problems).toContain(
      'QuestionnaireResponse/qr-local answers a questionnaire Careside does not recognize.',
    );
  });

  it('reads a response to the ResearchKit GAD-7 by position (UUID linkIds, no LOINC codes)', () => {
    const questionnaire = fixture('hl7/researchkitonfhir_GAD-7.json');
    const group = (questionnaire.item as Json[])[0] as Json;
    const questions = group.item as Json[];
    const codes = ['Not-at-all', 'Several-days', 'More than half the days', 'Nearly every day'];
    const answers = [1, 2, 0, 3, 1, 1, 2];
    const response: Json = {
      resourceType: 'QuestionnaireResponse',
      id: 'gad7-response',
      questionnaire: questionnaire.url,
      status: 'completed',
      subject: { reference: 'Patient/p1' },
      authored: '2024-05-06',
      item: [
        {
          linkId: group.linkId,
          item: questions.map((question, index) => ({
            linkId: question.linkId,
            answer: [{ valueCoding: { code: codes[answers[index] ?? 0] } }],
          })),
        },
      ],
    };
    const json = bundle('collection', [patient('p1'), questionnaire, response]);
    const { context } = readFhir(json, t);
    expect(context.identity.name).toBe('Jane Doe');
    expect(context.scores).toMatchObject([
      { instrument: 'GAD-7', total: null, items: { 1: 1, 2: 2, 3: 0, 4: 3, 5: 1, 6: 1, 7: 2 } },
    ]);
    expect(seriesOf(json)['GAD-7']).toEqual([['2024-05-06', 10]]);
  });

  it.each([
    ['hl7/lforms_R4_phq9.json'],
    ['hl7/us-core_Questionnaire-phq-9-example.json'],
    ['hl7/sdc_questionnaire-sdc-profile-example-PHQ9.json'],
    ['hl7/researchkitonfhir_GAD-7.json'],
  ])('reads no patient data from the bare Questionnaire %s', (file) => {
    expect(readFhir(fixture(file), t)).toEqual({
      context: expect.objectContaining({ scores: [], medications: [] }),
      problems: ['The file holds no patient data Careside reads.'],
    });
  });
});

describe('patients and references', () => {
  it('refuses a file with several patients, and readFhirPatients reads each', () => {
    const json = bundle('searchset', [
      patient('a', 'Able'),
      patient('b', 'Baker'),
      phq9Total('o1', 'Patient/a', '2025-01-06', { valueInteger: 14 }),
      phq9Total('o2', 'urn:uuid:b', '2025-01-07', { valueInteger: 3 }),
    ]);
    const refused = readFhir(json, t);
    expect(refused.context.identity.name).toBeNull();
    expect(refused.context.scores).toEqual([]);
    expect(refused.problems[0]).toBe(
      'The file holds 2 patients; Careside reads one patient at a time.',
    );
    const { patients } = readFhirPatients(json, t);
    expect(
      patients.map((reading) => [reading.context.identity.name, reading.context.scores[0]?.total]),
    ).toEqual([
      ['Jane Able', 14],
      ['Jane Baker', 3],
    ]);
  });

  it('leaves out data of a patient who is not in the file, and says so', () => {
    const json = bundle('collection', [
      patient('a'),
      phq9Total('o1', 'Patient/a', '2025-01-06', { valueInteger: 14 }),
      phq9Total('o2', 'Patient/zzz', '2025-01-07', { valueInteger: 25 }),
    ]);
    const { context, problems } = readFhir(json, t);
    expect(context.scores.map((score) => score.total)).toEqual([14]);
    expect(problems).toEqual([
      '1 resources belong to a patient who is not in the file and were not read.',
    ]);
  });

  it('resolves a contained Medication and reads dosage text, effectivePeriod and value types', () => {
    const json = bundle('collection', [
      patient('a'),
      {
        resourceType: 'MedicationRequest',
        id: 'mr1',
        status: 'active',
        subject: { reference: 'Patient/a' },
        authoredOn: '2025-01-02',
        contained: [
          { resourceType: 'Medication', id: 'med', code: { text: 'sertraline 50 mg tablet' } },
        ],
        medicationReference: { reference: '#med' },
        dosageInstruction: [{ text: '1 tablet by mouth daily' }],
      },
      {
        resourceType: 'MedicationStatement',
        id: 'ms1',
        status: 'stopped',
        subject: { reference: 'Patient/a' },
        medicationCodeableConcept: { coding: [{ display: 'lithium carbonate 300 mg capsule' }] },
        effectivePeriod: { start: '2023-01-01', end: '2024-06-30' },
      },
      {
        resourceType: 'MedicationRequest',
        id: 'mr-error',
        status: 'entered-in-error',
        subject: { reference: 'Patient/a' },
        medicationCodeableConcept: { text: 'paroxetine 20 mg' },
      },
      {
        resourceType: 'Observation',
        id: 'gad',
        status: 'final',
        subject: { reference: 'Patient/a' },
        code: { coding: [{ system: 'http://loinc.org', code: '70274-6' }] },
        effectivePeriod: { start: '2025-01-03T10:00:00Z', end: '2025-01-03T10:05:00Z' },
        valueQuantity: { value: 9, unit: '{score}' },
      },
      {
        resourceType: 'Observation',
        id: 'li',
        status: 'final',
        subject: { reference: 'Patient/a' },
        code: { coding: [{ system: 'http://loinc.org', code: '14334-7' }] },
        effectiveDateTime: '2025-01-04',
        valueQuantity: { value: 0.8, unit: 'mmol/L' },
      },
      {
        resourceType: 'Observation',
        id: 'hcg',
        status: 'final',
        subject: { reference: 'Patient/a' },
        code: { coding: [{ system: 'http://loinc.org', code: '2106-3' }] },
        effectiveDateTime: '2025-01-04',
        valueCodeableConcept: { text: 'Negative' },
      },
    ]);
    const { context } = readFhir(json, t);
    expect(
      context.medications.map((medication) => [
        medication.text,
        medication.ingredient,
        medication.status,
        medication.startDate,
        medication.endDate,
      ]),
    ).toEqual([
      [
        'sertraline 50 mg tablet, 1 tablet by mouth daily',
        'sertraline',
        'active',
        '2025-01-02',
        null,
      ],
      ['lithium carbonate 300 mg capsule', 'lithium', 'stopped', '2023-01-01', '2024-06-30'],
    ]);
    expect(context.scores).toMatchObject([{ instrument: 'GAD-7', date: '2025-01-03', total: 9 }]);
    expect(context.monitoring).toMatchObject([
      { kind: 'lithium-level', value: 0.8, unit: 'mmol/L', date: '2025-01-04' },
      { kind: 'pregnancy-test', value: null, valueText: 'Negative' },
    ]);
  });

  it('joins a lone item-9 Observation to the same day’s PHQ-9 total', () => {
    const json = bundle('collection', [
      patient('a'),
      phq9Total('total', 'Patient/a', '2025-01-06T09:00:00Z', { valueInteger: 14 }),
      {
        resourceType: 'Observation',
        id: 'item9',
        status: 'final',
        subject: { reference: 'Patient/a' },
        code: { coding: [{ system: 'http://loinc.org', code: '44260-8' }] },
        effectiveDateTime: '2025-01-06T09:00:00Z',
        valueCodeableConcept: { coding: [{ system: 'http://loinc.org', code: 'LA6569-3' }] },
      },
    ]);
    const { context } = readFhir(json, t);
    expect(context.scores).toMatchObject([{ instrument: 'PHQ-9', total: 14, items: { 9: 1 } }]);
    const [trend] = computeTrends(context.scores, '2025-01-07', t);
    expect(trend?.critical).toEqual([
      { instrument: 'PHQ-9', date: '2025-01-06', item: 'PHQ-9 item 9', value: 1 },
    ]);
  });

  it('reads a panel whose item answers are member Observations', () => {
    const items = ['44250-9', '44255-8'].map((code, index) => ({
      resourceType: 'Observation',
      id: `i${index}`,
      status: 'final',
      subject: { reference: 'Patient/a' },
      code: { coding: [{ system: 'http://loinc.org', code }] },
      effectiveDateTime: '2025-02-01',
      valueInteger: index + 1,
    }));
    const panel = {
      resourceType: 'Observation',
      id: 'panel',
      status: 'final',
      subject: { reference: 'Patient/a' },
      code: { coding: [{ system: 'http://loinc.org', code: '55757-9' }] },
      effectiveDateTime: '2025-02-01',
      hasMember: items.map((item) => ({ reference: `Observation/${item.id}` })),
    };
    const { context } = readFhir(bundle('collection', [patient('a'), ...items, panel]), t);
    expect(context.scores).toMatchObject([
      { instrument: 'PHQ-2', items: { 1: 1, 2: 2 }, total: null },
    ]);
  });

  it('reports a birth date that is not a full date, and reads a pregnancy condition', () => {
    const json = bundle('collection', [
      { ...patient('a'), birthDate: '1980' },
      {
        resourceType: 'Condition',
        id: 'c1',
        subject: { reference: 'Patient/a' },
        clinicalStatus: { coding: [{ code: 'active' }] },
        code: {
          coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'Z33.1' }],
          text: 'Pregnant state',
        },
      },
    ]);
    const { context, problems } = readFhir(json, t);
    expect(context.identity.birthDate).toBeNull();
    expect(problems).toEqual(['The birth date “1980” is not a full date.']);
    expect(context.pregnant).toBe(true);
  });

  it.each([
    [null],
    [[]],
    ['text'],
    [{ entry: [] }],
    [42],
  ])('throws FhirInputError for %j', (json) => {
    expect(() => readFhir(json, t)).toThrow(FhirInputError);
  });
});

describe('medication start evidence (issue 19: an order is not a start)', () => {
  const subject = { reference: 'Patient/p1' };
  const sertraline = { text: 'sertraline 50 mg tablet' };
  const read = (resources: Json[]) =>
    readFhir(bundle('collection', [patient('p1'), ...resources]), t).context.medications;

  it('marks a renewal (priorPrescription) as a refill, not a start', () => {
    const [entry] = read([
      {
        resourceType: 'MedicationRequest',
        id: 'mr2',
        status: 'active',
        intent: 'order',
        subject,
        medicationCodeableConcept: sertraline,
        authoredOn: '2026-05-01',
        priorPrescription: { reference: 'MedicationRequest/mr1' },
        courseOfTherapyType: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy',
              code: 'continuous',
            },
          ],
        },
      },
    ]);
    expect(entry).toMatchObject({ startDate: '2026-05-01', startBasis: 'refill' });
  });

  it('reads a statement period as a documented start and end', () => {
    const [entry] = read([
      {
        resourceType: 'MedicationStatement',
        id: 'ms1',
        status: 'completed',
        subject,
        medicationCodeableConcept: sertraline,
        effectivePeriod: { start: '2024-02-01', end: '2026-04-30' },
      },
    ]);
    expect(entry).toMatchObject({
      startDate: '2024-02-01',
      endDate: '2026-04-30',
      startBasis: 'statement',
    });
  });

  it.each([
    ['FF', 'order'],
    ['RF', 'refill'],
    [null, 'fill'],
  ])('reads a dispense of type %s as %s', (code, basis) => {
    const [entry] = read([
      {
        resourceType: 'MedicationDispense',
        id: 'md1',
        status: 'completed',
        subject,
        medicationCodeableConcept: sertraline,
        whenHandedOver: '2026-05-02',
        ...(code
          ? {
              type: {
                coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code }],
              },
            }
          : {}),
      },
    ]);
    expect(entry?.startBasis).toBe(basis);
  });
});

describe('labs the second clinical pass reads (issue 19)', () => {
  const observation = (id: string, code: Json, value: Json): Json => ({
    resourceType: 'Observation',
    id,
    status: 'final',
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2026-05-20',
    code,
    ...value,
  });
  const loinc = (code: string, display: string) => ({
    coding: [{ system: 'http://loinc.org', code, display }],
  });

  it.each([
    ['26499-4', 'Neutrophils [#/volume] in Blood', 'anc', { value: 1.2, unit: '10*3/uL' }],
    [
      '753-4',
      'Neutrophils [#/volume] in Blood by Manual count',
      'anc',
      { value: 900, unit: '/uL' },
    ],
    [
      '19080-1',
      'Choriogonadotropin [Units/volume] in Serum or Plasma',
      'pregnancy-test',
      { value: 1200, unit: 'IU/L' },
    ],
    ['16128-1', 'Hepatitis C virus Ab [Presence] in Serum', 'hcv', null],
    ['56888-1', 'HIV 1+2 Ab+HIV1 p24 Ag [Presence] in Serum or Plasma', 'hiv', null],
    ['19295-5', 'Opiates [Presence] in Urine by Screen method', 'urine-drug-screen', null],
  ])('reads LOINC %s (%s) as %s', (code, display, kind, quantity) => {
    const value = quantity
      ? { valueQuantity: quantity }
      : { valueCodeableConcept: { text: 'Negative' } };
    const { context } = readFhir(
      bundle('collection', [patient('p1'), observation('o1', loinc(code, display), value)]),
      t,
    );
    expect(context.monitoring[0]).toMatchObject({ kind, loinc: code, date: '2026-05-20' });
  });

  it('reads a locally coded urine drug screen and pregnancy test by name', () => {
    const { context } = readFhir(
      bundle('collection', [
        patient('p1'),
        observation(
          'o1',
          { coding: [{ system: 'urn:local', code: 'UDS10' }], text: 'Urine drug screen, 10 panel' },
          { valueString: 'negative' },
        ),
        observation(
          'o2',
          { coding: [{ system: 'urn:local', code: 'UPT' }], text: 'Urine hCG' },
          { valueCodeableConcept: { text: 'Positive' } },
        ),
      ]),
      t,
    );
    expect(context.monitoring.map((entry) => [entry.kind, entry.valueText])).toEqual([
      ['urine-drug-screen', 'negative'],
      ['pregnancy-test', 'Positive'],
    ]);
  });
});
