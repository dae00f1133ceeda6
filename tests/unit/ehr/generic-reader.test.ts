// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MAX_MEDICATION_LINES } from '../../../utils/ehr/generic/sections';
import { readGeneric } from '../../../utils/ehr/sections/all-readers';
import { enrichReading } from '../../../utils/ehr/sections/enrich';
import { CONFIRMED_IDENTITY_CONFIDENCE } from '../../../utils/ehr/types';
import { parsePage } from './load';

const URL_OF_PAGE = new URL('https://unknown-ehr.example/chart/42');
const read = (html: string) => readGeneric(parsePage(html), URL_OF_PAGE);
// A page with neither a medication list nor scores says so, as "not on this screen".
const NOT_ON_SCREEN = [
  'The medication list is not on this screen (perhaps in a tab or section not opened yet); Careside reads it once the page shows it',
  'No questionnaire scores are on this screen (perhaps in a tab or section not opened yet); Careside reads them once the page shows them',
];

describe('generic reader: identity from label/value pairs', () => {
  it.each([
    {
      layout: 'table rows',
      html: '<table><tr><th>Patient name</th><td>Jane Doe</td></tr><tr><th>Date of birth</th><td>02/14/1979</td></tr><tr><th>MRN</th><td>884421</td></tr></table>',
      name: 'Jane Doe',
      birthDate: '1979-02-14',
      mrn: '884421',
    },
    {
      layout: 'a header row over a value row',
      html: '<table><thead><tr><th>Name</th><th>DOB</th><th>Chart #</th></tr></thead><tbody><tr><td>Jane Doe</td><td>1979-02-14</td><td>C-77</td></tr></tbody></table>',
      name: 'Jane Doe',
      birthDate: '1979-02-14',
      mrn: 'C-77',
    },
    {
      layout: 'a definition list',
      html: '<dl><dt>Patient</dt><dd>Doe, Jane</dd><dt>Born</dt><dd>Feb 14, 1979</dd><dt>Medical record number</dt><dd>884421</dd></dl>',
      name: 'Doe, Jane',
      birthDate: '1979-02-14',
      mrn: '884421',
    },
    {
      layout: '"Label: value" text',
      html: '<div class="banner">Name: Jane Doe<br>D.O.B.: 14-Feb-1979<br>Clinic MRN: 884421</div>',
      name: 'Jane Doe',
      birthDate: '1979-02-14',
      mrn: '884421',
    },
    {
      layout: 'labels in their own elements',
      html: '<p><b>Name:</b> Jane Doe <b>DOB:</b> 1979-02-14 (45 y) <b>MRN #:</b> 884421</p>',
      name: 'Jane Doe',
      birthDate: '1979-02-14',
      mrn: '884421',
    },
  ])('reads $layout', ({ html, name, birthDate, mrn }) => {
    const reading = read(`<body>${html}</body>`);
    expect(reading.adapter).toBe('generic');
    expect(reading.context.identity.name).toBe(name);
    expect(reading.context.identity.birthDate).toBe(birthDate);
    expect(reading.context.identity.identifiers).toEqual([
      { system: 'MRN', type: 'MR', value: mrn },
    ]);
    expect(reading.identityConfirmed).toBe(true);
    expect(reading.confidence.name).toBeGreaterThanOrEqual(CONFIRMED_IDENTITY_CONFIDENCE);
    expect(reading.problems).toEqual([
      'No reader knows this EHR; Careside read the page with general rules',
      ...NOT_ON_SCREEN,
    ]);
  });

  it.each([
    {
      conflict: 'two candidate names',
      html: '<p>Patient: Jane Doe</p><p>Name: John Roe</p><p>DOB: 1979-02-14</p>',
      problem: 'Two different patient names on this page: "Jane Doe" and "John Roe"',
      field: 'name' as const,
    },
    {
      conflict: 'two candidate birth dates',
      html: '<p>Name: Jane Doe</p><p>DOB: 1979-02-14</p><p>Date of birth: 1979-12-02</p>',
      problem: 'Two different dates of birth on this page: 1979-02-14 and 1979-12-02',
      field: 'birthDate' as const,
    },
    {
      conflict: 'a date of birth that could be read two ways',
      html: '<p>Name: Jane Doe</p><p>DOB: 02/14/79 or so</p>',
      problem: 'The date of birth "02/14/79 or so" cannot be read without guessing the date format',
      field: 'birthDate' as const,
    },
  ])('does not confirm a page with $conflict', ({ html, problem, field }) => {
    const reading = read(`<body>${html}</body>`);
    expect(reading.identityConfirmed).toBe(false);
    expect(reading.confidence[field]).toBeLessThan(CONFIRMED_IDENTITY_CONFIDENCE);
    expect(reading.context.identity[field]).toBeNull();
    expect(reading.problems).toContain(problem);
  });

  it('counts "Doe, Jane" and "Jane Doe" as one name', () => {
    const reading = read(
      '<body><p>Patient: Doe, Jane</p><p>Name: Jane Doe</p><p>DOB: 1979-02-14</p></body>',
    );
    expect(reading.identityConfirmed).toBe(true);
  });

  it('reports missing fields and leaves them null', () => {
    const reading = read('<body><h1>Welcome back</h1><p>Nothing to see here.</p></body>');
    expect(reading.context.identity).toEqual({
      name: null,
      birthDate: null,
      sex: null,
      identifiers: [],
    });
    expect(reading.confidence).toEqual({ name: 0, birthDate: 0, mrn: 0 });
    expect(reading.identityConfirmed).toBe(false);
    expect(reading.problems).toEqual([
      'No date of birth on this page',
      'No patient name on this page',
      'No reader knows this EHR; Careside read the page with general rules',
      ...NOT_ON_SCREEN,
    ]);
  });

  it('does not take an emergency contact or a provider for the patient', () => {
    const reading = read(
      '<body><p>Name: Jane Doe</p><p>DOB: 1979-02-14</p><p>Emergency contact name: John Doe</p><p>Provider: Dr. Lee</p></body>',
    );
    expect(reading.context.identity.name).toBe('Jane Doe');
    expect(reading.identityConfirmed).toBe(true);
  });
});

describe('generic reader + background: medications under a Medications heading', () => {
  it.each([
    {
      layout: 'a list after a heading',
      html: '<h2>Current Medications</h2><ul><li>Sertraline 50 mg tablet, 1 tab PO daily</li><li>Lithium carbonate 300 mg cap, 2 caps PO BID</li><li>Patient reports good adherence</li></ul><h2>Allergies</h2><ul><li>Penicillin</li></ul>',
      lines: [
        'Sertraline 50 mg tablet, 1 tab PO daily',
        'Lithium carbonate 300 mg cap, 2 caps PO BID',
        'Patient reports good adherence',
      ],
      expected: [
        ['sertraline', 'unknown'],
        ['lithium', 'unknown'],
      ],
    },
    {
      layout: 'a table with a heading wrapped in a container',
      html: '<div class="hdr"><h3>Medications</h3></div><table><tr><th>Drug</th><th>Sig</th></tr><tr><td>Bupropion XL 150 mg</td><td>1 tab qAM</td></tr></table><h3>Problems</h3><table><tr><td>Lithium toxicity (history)</td></tr></table>',
      lines: ['Drug Sig', 'Bupropion XL 150 mg 1 tab qAM'],
      expected: [['bupropion', 'unknown']],
    },
    {
      layout: 'a discontinued list',
      html: '<h4>Discontinued medications</h4><ul><li>Paroxetine 20 mg daily</li></ul>',
      lines: ['Paroxetine 20 mg daily'],
      expected: [['paroxetine', 'stopped']],
    },
    {
      layout: 'a table column headed Medications',
      html: '<table><tr><th>Medications</th><th>Since</th></tr><tr><td>Quetiapine 50 mg qhs</td><td>2023-04-01</td></tr></table>',
      lines: ['Quetiapine 50 mg qhs'],
      expected: [['quetiapine', 'unknown']],
    },
    {
      layout: 'a table with a header row, a total and a note',
      html: '<h2>Medications</h2><table><tr><th>Drug</th><th>Sig</th><th>Status</th></tr><tr><td>Sertraline 100 mg</td><td>1 tab daily</td><td>Active</td></tr><tr><td colspan="3">Total: 1 active medication</td></tr></table><p>Reviewed with patient 03/01/2024</p><h2>Allergies</h2>',
      lines: [
        'Drug Sig Status',
        'Sertraline 100 mg 1 tab daily Active',
        'Total: 1 active medication',
        'Reviewed with patient 03/01/2024',
      ],
      expected: [['sertraline', 'active']],
    },
  ])('reads $layout', ({ html, lines, expected }) => {
    const reading = read(`<body>${html}</body>`);
    // The page reports every line of the section as shown, not knowing which name a drug.
    expect(reading.context.medications.map(({ text }) => text)).toEqual(lines);
    expect(
      reading.context.medications.every(
        ({ ingredient, unconfirmed, provenance }) =>
          ingredient === null && unconfirmed === true && provenance.source === 'page',
      ),
    ).toBe(true);
    // The background keeps the lines that name a drug: headers, notes and totals are not
    // medications.
    const enriched = enrichReading(reading).context.medications;
    expect(enriched.map(({ ingredient, status }) => [ingredient, status])).toEqual(expected);
    expect(enriched.every(({ unconfirmed }) => unconfirmed === undefined)).toBe(true);
  });

  it('ignores drug names outside a medication section', () => {
    const reading = read(
      '<body><h2>Plan</h2><p>Consider sertraline 50 mg if no response.</p></body>',
    );
    expect(reading.context.medications).toEqual([]);
  });

  it('reports no more than MAX_MEDICATION_LINES lines and says it left some out', () => {
    const notes = Array.from({ length: 5_000 }, (_, index) => `<li>Note ${index}</li>`).join('');
    const reading = read(
      `<body><h2>Medications</h2><ul><li>Sertraline 50 mg daily</li>${notes}</ul></body>`,
    );
    expect(reading.context.medications).toHaveLength(MAX_MEDICATION_LINES);
    expect(reading.problems).toContain(
      `The medication list on this page has more than ${MAX_MEDICATION_LINES} lines; only the first ${MAX_MEDICATION_LINES} were read`,
    );
    expect(enrichReading(reading).context.medications.map(({ ingredient }) => ingredient)).toEqual([
      'sertraline',
    ]);
  });

  it('says nothing about the cap when a list fits under it', () => {
    const reading = read(
      '<body><h2>Medications</h2><ul><li>Sertraline 50 mg daily</li><li>Note</li></ul></body>',
    );
    expect(reading.problemMessages?.map(({ key }) => key)).not.toContain(
      'ehrProblemTooManyMedicationLines',
    );
  });
});

describe('generic reader: score rows that name an instrument', () => {
  it.each([
    {
      layout: 'a table with Score and Date columns',
      html: '<table><tr><th>Measure</th><th>Date</th><th>Score</th><th>Item 9</th></tr><tr><td>PHQ-9</td><td>01/05/2024</td><td>14</td><td>1</td></tr><tr><td>GAD-7</td><td>01/05/2024</td><td>9</td><td></td></tr></table>',
      expected: [
        ['PHQ-9', '2024-01-05', 14],
        ['GAD-7', '2024-01-05', 9],
      ],
    },
    {
      layout: 'report text',
      html: '<p>Total PHQ-9 score: 12 - Moderate Depression</p><p>Generalized anxiety disorder 7 item (GAD-7) total score 6 on Mar 5, 2024</p>',
      expected: [
        ['PHQ-9', null, 12],
        ['GAD-7', '2024-03-05', 6],
      ],
    },
    {
      layout: 'a LOINC long name without the short name',
      html: '<ul><li>Patient Health Questionnaire 9 item total score: 21 (2024-02-01)</li></ul>',
      expected: [['PHQ-9', '2024-02-01', 21]],
    },
  ])('reads $layout', ({ html, expected }) => {
    const reading = read(`<body>${html}</body>`);
    expect(
      reading.context.scores.map(({ instrument, date, total }) => [instrument, date, total]),
    ).toEqual(expected);
  });

  it('does not guess between two numbers', () => {
    const reading = read('<body><p>PHQ-9 12 or 15, patient unsure</p></body>');
    expect(reading.context.scores).toEqual([]);
    expect(reading.problems).toContain(
      'A PHQ-9 score on this page could not be read: "PHQ-9 12 or 15, patient unsure"',
    );
  });

  // No timing assertion; happy-dom parses and queries far slower than a browser.
  it('reads a 20,000-row flowsheet completely', { timeout: 120_000 }, () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, index) =>
        `<tr><td>${index % 2 ? 'GAD-7' : 'PHQ-9'}</td><td>2023-${String((index % 12) + 1).padStart(2, '0')}-15</td><td>${index % 22}</td></tr>`,
    ).join('');
    const reading = read(
      `<body><p>Name: Jane Doe</p><p>DOB: 1979-02-14</p><table><tr><th>Measure</th><th>Date</th><th>Score</th></tr>${rows}</table></body>`,
    );
    expect(reading.context.scores).toHaveLength(20_000);
    expect(reading.context.scores[12_345]).toMatchObject({
      instrument: 'GAD-7',
      date: '2023-10-15',
      total: 12_345 % 22,
    });
    expect(reading.identityConfirmed).toBe(true);
  });
});
