// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  type MedicationFacts,
  parseMedicationLine,
} from '../../../utils/clinical/medications/parse';
import type { MedicationStatus } from '../../../utils/clinical/types';
import { demoAdapter } from '../../../utils/ehr/adapters/demo';
import { openEmrAdapter } from '../../../utils/ehr/adapters/openemr';
import { readWith } from '../../../utils/ehr/sections/all-readers';
import { enrichMedication, enrichReading } from '../../../utils/ehr/sections/enrich';
import { rawMedication } from '../../../utils/ehr/sections/entries';
import { fixtureNames, loadFixture } from './load';

const provenance = { source: 'page' as const, via: 'test #medications', readAt: '2024-05-01' };

const LINES = [
  'Lithium carbonate 300 mg cap, 2 caps PO BID',
  'Suboxone 8-2 mg SL film daily',
  'Discontinued: paroxetine 20 mg daily',
  'sertraline 50 mg daily (stopped)',
  'quetiapine 25 mg qhs — on   hold',
  'amoxicillin course complete',
  'Zylofrex 10 mg daily',
  'lorazepam 0.5 mg PO q8h PRN anxiety',
  '',
];

const STATUSES: (MedicationStatus | undefined)[] = [
  undefined,
  'active',
  'stopped',
  'on-hold',
  'completed',
  'unknown',
];

describe('medications read in the page, parsed in the background', () => {
  it('records the line as shown, with the chart status and dates, and no clinical reading', () => {
    const entry = rawMedication('Sertraline 100 mg daily', provenance, {
      status: 'active',
      startDate: '2024-01-02',
      endDate: null,
    });
    expect(entry).toEqual({
      text: 'Sertraline 100 mg daily',
      ingredient: null,
      rxnorm: null,
      class: null,
      strengthMg: null,
      dosesPerDay: null,
      dailyDoseMg: null,
      route: null,
      prn: false,
      status: 'active',
      startDate: '2024-01-02',
      endDate: null,
      unparsed: [],
      provenance,
    });
    expect(rawMedication('Discontinued: paroxetine 20 mg', provenance).status).toBe('stopped');
  });

  it.each(
    LINES.flatMap((line) => STATUSES.map((status) => [line, status] as const)),
  )('parses %j (chart status %s) exactly as parsing it in the page did', (line, status) => {
    const facts: MedicationFacts = { status, startDate: '2023-03-04', endDate: null };
    expect(enrichMedication(rawMedication(line, provenance, facts))).toEqual(
      parseMedicationLine(line, provenance, facts),
    );
  });

  it('gives the same entry when a line is enriched twice', () => {
    for (const line of LINES) {
      const once = enrichMedication(rawMedication(line, provenance));
      expect(enrichMedication(once)).toEqual(once);
    }
  });

  it.each([
    ...fixtureNames('demo').map((name) => [demoAdapter, 'demo', name] as const),
    ...fixtureNames('openemr').map((name) => [openEmrAdapter, 'openemr', name] as const),
  ])('fills in the medications of %s fixture %s and changes nothing else', (adapter, id, name) => {
    const url = new URL(
      id === 'demo'
        ? 'http://127.0.0.1:4310/patients/1001'
        : 'https://emr.example/interface/patient_file/summary/demographics.php',
    );
    const reading = readWith(adapter, loadFixture(id, name), url);
    const before = structuredClone(reading);
    const enriched = enrichReading(reading);
    expect(reading).toEqual(before);
    expect({ ...enriched, context: { ...enriched.context, medications: [] } }).toEqual({
      ...reading,
      context: { ...reading.context, medications: [] },
    });
    expect(enriched.context.medications).toEqual(
      reading.context.medications.map((medication) =>
        parseMedicationLine(medication.text, medication.provenance, {
          status: medication.status,
          startDate: medication.startDate,
          endDate: medication.endDate,
        }),
      ),
    );
  });

  it('keeps an unconfirmed line only when it names a drug, and any line a reader vouched for', () => {
    const unconfirmed = (line: string) => ({
      ...rawMedication(line, provenance),
      unconfirmed: true,
    });
    const reading = readWith(
      demoAdapter,
      loadFixture('demo', 'chart-depression-improving.html'),
      new URL('http://127.0.0.1:4310/patients/1001'),
    );
    reading.context.medications = [
      unconfirmed('Current medications'),
      unconfirmed('Zoloft 50 mg daily'),
      unconfirmed('Total: 2 active'),
      unconfirmed('Suboxone 8-2 mg SL film daily'),
      unconfirmed('Zylofrex 10 mg daily'),
      rawMedication('Zylofrex 10 mg daily', provenance),
    ];
    const enriched = enrichReading(reading).context.medications;
    expect(enriched.map(({ text, ingredient }) => [text, ingredient])).toEqual([
      ['Zoloft 50 mg daily', 'sertraline'],
      ['Suboxone 8-2 mg SL film daily', 'buprenorphine-naloxone'],
      // An adapter reads a medication column: a drug Careside does not know is still shown.
      ['Zylofrex 10 mg daily', null],
    ]);
    expect(enriched.every((medication) => !('unconfirmed' in medication))).toBe(true);
  });

  it('recognises the drugs of the demo chart once enriched', () => {
    const reading = readWith(
      demoAdapter,
      loadFixture('demo', 'chart-depression-improving.html'),
      new URL('http://127.0.0.1:4310/patients/1001'),
    );
    expect(reading.context.medications.length).toBeGreaterThan(0);
    expect(reading.context.medications.every((medication) => medication.ingredient === null)).toBe(
      true,
    );
    expect(
      enrichReading(reading).context.medications.some((medication) => medication.rxnorm !== null),
    ).toBe(true);
  });
});
