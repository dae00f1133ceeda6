import { describe, expect, it } from 'vitest';
import { parseMedicationLine } from '../../../utils/clinical/medications/parse';

const provenance = { source: 'page' as const, via: 'test' };

type Row = [
  line: string,
  ingredient: string | null,
  strengthMg: number | null,
  dosesPerDay: number | null,
  dailyDoseMg: number | null,
  prn: boolean,
  /** A phrase the unparsed notes must contain; null when everything was understood. */
  note: string | null,
];

const ROWS: Row[] = [
  ['Lithium carbonate 300 mg cap, 2 caps PO BID', 'lithium', 300, 2, 1200, false, null],
  ['Sertraline 50 mg tablet — 1 tab PO daily', 'sertraline', 50, 1, 50, false, null],
  ['FLUoxetine 20 MG Oral Capsule', 'fluoxetine', 20, null, null, false, 'no frequency given'],
  ['Adderall XR 20 mg qAM', 'amphetamine', 20, 1, 20, false, null],
  ['lorazepam 0.5 mg PO q8h PRN anxiety', 'lorazepam', 0.5, 3, 1.5, true, null],
  ['Suboxone 8-2 mg SL film daily', 'buprenorphine-naloxone', 8, 1, 8, false, null],
  ['Vivitrol 380 mg IM q4 weeks', 'naltrexone', 380, 0.0357, 13.5714, false, null],
  ['Depakote ER 500mg 2 tabs qhs', 'valproic acid', 500, 1, 1000, false, null],
  ['quetiapine 25-50 mg qhs prn sleep', 'quetiapine', null, 1, null, true, 'dose range'],
  ['clonidine 100 mcg PO BID', 'clonidine', 0.1, 2, 0.2, false, null],
  ['valproate 1 g PO BID', 'valproic acid', 1000, 2, 2000, false, null],
  ['Zoloft 100 mg 1/2 tab daily', 'sertraline', 100, 1, 50, false, null],
  ['sertraline 50 mg two tablets daily', 'sertraline', 50, 1, 100, false, null],
  ['Escitalopram 10 mg tab, take ½ tab once daily', 'escitalopram', 10, 1, 5, false, null],
  ['citalopram 20 mg 1 tab TID', 'citalopram', 20, 3, 60, false, null],
  ['gabapentin 300 mg cap 1 cap QID', 'gabapentin', 300, 4, 1200, false, null],
  ['ibuprofen 400 mg q6h prn pain', 'ibuprofen', 400, 4, 1600, true, null],
  ['oxycodone 5 mg q4-6h prn pain', 'oxycodone', 5, 6, 30, true, null],
  ['hydroxyzine 25 mg q4-6h', 'hydroxyzine', 25, null, null, false, 'frequency is a range'],
  ['metoprolol 25 mg BID', null, 25, 2, 50, false, 'medicine not recognised'],
  ['Mirtazapine 15 mg at bedtime', 'mirtazapine', 15, 1, 15, false, null],
  ['trazodone 50 mg nightly as needed for sleep', 'trazodone', 50, 1, 50, true, null],
  ['bupropion XL 300 mg once a day', 'bupropion', 300, 1, 300, false, null],
  ['Wellbutrin SR 150 mg twice daily', 'bupropion', 150, 2, 300, false, null],
  ['venlafaxine ER 75 mg three times daily', 'venlafaxine', 75, 3, 225, false, null],
  ['duloxetine 60 mg every morning', 'duloxetine', 60, 1, 60, false, null],
  ['fluoxetine 20 mg every other day', 'fluoxetine', 20, 0.5, 10, false, null],
  ['Abilify Maintena 400 mg IM monthly', 'aripiprazole', 400, 0.0333, 13.3333, false, null],
  [
    'haloperidol decanoate 100 mg IM every 4 weeks',
    'haloperidol',
    100,
    0.0357,
    3.5714,
    false,
    null,
  ],
  ['methotrexate 15 mg weekly', null, 15, 0.1429, 2.1429, false, 'medicine not recognised'],
  ['Methadone 80 mg PO daily', 'methadone', 80, 1, 80, false, null],
  ['methadone 10 mg/mL oral concentrate, 8 mL daily', 'methadone', 10, 1, 80, false, null],
  ['lithium citrate 300 mg/5 mL, 10 mL PO BID', 'lithium', 300, 2, 1200, false, null],
  ['buprenorphine/naloxone 8 mg/2 mg SL BID', 'buprenorphine-naloxone', 8, 2, 16, false, null],
  ['Buprenorphine 8 mg sublingual tablet daily', 'buprenorphine', 8, 1, 8, false, null],
  ['naltrexone 50 mg PO daily', 'naltrexone', 50, 1, 50, false, null],
  [
    'Narcan 4 mg nasal spray prn overdose',
    'naloxone',
    4,
    null,
    null,
    true,
    'as needed, with no frequency',
  ],
  ['fentanyl 25 mcg/hr patch q72h', 'fentanyl', null, 0.3333, null, false, 'is a rate'],
  [
    'bupropion XL 150 mg 1 tab PO daily x 7 days then 2 tabs',
    'bupropion',
    150,
    null,
    null,
    false,
    'changes over time',
  ],
  [
    'lamotrigine 25 mg daily x 2 weeks, then 50 mg daily',
    'lamotrigine',
    25,
    null,
    null,
    false,
    'changes over time',
  ],
  ['Discontinued: paroxetine 20 mg daily', 'paroxetine', 20, 1, 20, false, null],
  [
    'mirtazapine 15 mg as directed',
    'mirtazapine',
    15,
    null,
    null,
    false,
    "frequency not recognised: 'as directed'",
  ],
  ['alprazolam 0.25 mg TID prn max 2 doses per day', 'alprazolam', 0.25, 2, 0.5, true, null],
  ['clonazepam 0.5mg po bid', 'clonazepam', 0.5, 2, 1, false, null],
  ['Klonopin .5 mg 1 tab q12h', 'clonazepam', 0.5, 2, 1, false, null],
  ['sertraline 50 mg tablet, take 100 mg daily', 'sertraline', 50, 1, 100, false, null],
  ['olanzapine 2.5 mg ODT qhs', 'olanzapine', 2.5, 1, 2.5, false, null],
  ['Concerta 36 mg ER tab qam', 'methylphenidate', 36, 1, 36, false, null],
  ['Vyvanse 30 mg capsule daily', 'lisdexamfetamine', 30, 1, 30, false, null],
  ['guanfacine ER 1 mg daily', 'guanfacine', 1, 1, 1, false, null],
  ['Strattera 40 mg 1 cap BID', 'atomoxetine', 40, 2, 80, false, null],
  ['zolpidem 5 mg tab at bedtime prn insomnia', 'zolpidem', 5, 1, 5, true, null],
  ['HCTZ 25 mg PO daily', 'hydrochlorothiazide', 25, 1, 25, false, null],
  ['lisinopril 10 mg daily', 'lisinopril', 10, 1, 10, false, null],
  [
    'sumatriptan 50 mg prn migraine, may repeat in 2 hours, max 4 doses/day',
    'sumatriptan',
    50,
    4,
    200,
    true,
    null,
  ],
  [
    'Xanax 0.5 mg 1-2 tabs TID prn',
    'alprazolam',
    0.5,
    3,
    null,
    true,
    'number of units per dose is a range',
  ],
  ['Lexapro 10 mg daily; stopped 2026-03-01', 'escitalopram', 10, 1, 10, false, null],
  [
    'lithium 300 mg 1 tab BID and 2 tabs qhs',
    'lithium',
    300,
    null,
    null,
    false,
    'more than one frequency',
  ],
  ['lithium 8 mEq/5 mL solution 5 mL BID', 'lithium', null, 2, null, false, 'not converted to mg'],
  ['', null, null, null, null, false, 'empty medication line'],
];

describe('parseMedicationLine', () => {
  it('is tested on at least 50 lines', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(50);
  });

  it.each(ROWS)('%s', (line, ingredient, strengthMg, dosesPerDay, dailyDoseMg, prn, note) => {
    const entry = parseMedicationLine(line, provenance);
    expect(entry.text).toBe(line);
    expect(entry.ingredient).toBe(ingredient);
    expect(entry.strengthMg).toBe(strengthMg);
    expect(entry.dosesPerDay).toBe(dosesPerDay);
    expect(entry.dailyDoseMg).toBe(dailyDoseMg);
    expect(entry.prn).toBe(prn);
    if (note === null) expect(entry.unparsed).toEqual([]);
    else expect(entry.unparsed.join(' | ')).toContain(note);
    expect(entry.provenance).toBe(provenance);
  });

  it('never guesses an unknown drug', () => {
    const entry = parseMedicationLine('Zylofrex 10 mg daily', provenance);
    expect(entry).toMatchObject({ ingredient: null, rxnorm: null, class: null });
    expect(entry.unparsed[0]).toContain('medicine not recognised');
  });

  it('fills the vocabulary code, class and route', () => {
    const entry = parseMedicationLine('Sertraline 50 mg tablet — 1 tab PO daily', provenance);
    expect(entry).toMatchObject({ rxnorm: '36437', class: 'SSRI', route: 'oral' });
    expect(parseMedicationLine('Suboxone 8-2 mg SL film daily', provenance).route).toBe(
      'sublingual',
    );
    expect(parseMedicationLine('Vivitrol 380 mg IM q4 weeks', provenance).route).toBe(
      'intramuscular',
    );
  });

  it('reads status markers and the facts the chart gives', () => {
    expect(parseMedicationLine('Discontinued: paroxetine 20 mg daily', provenance).status).toBe(
      'stopped',
    );
    expect(parseMedicationLine('sertraline 50 mg daily (stopped)', provenance).status).toBe(
      'stopped',
    );
    expect(parseMedicationLine('sertraline 50 mg daily', provenance).status).toBe('unknown');
    const withFacts = parseMedicationLine('sertraline 50 mg daily', provenance, {
      status: 'active',
      startDate: '2026-01-02',
      endDate: null,
    });
    expect(withFacts).toMatchObject({ status: 'active', startDate: '2026-01-02', endDate: null });
    const conflict = parseMedicationLine('sertraline 50 mg daily — discontinued', provenance, {
      status: 'active',
    });
    expect(conflict.status).toBe('active');
    expect(conflict.unparsed.join(' ')).toContain("the line says 'stopped'");
  });
});
