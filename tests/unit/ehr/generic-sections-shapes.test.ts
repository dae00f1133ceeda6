// @vitest-environment happy-dom
/**
 * The generic reader's chart sections in the shapes real EHRs print them: medications in tables,
 * lists and cards (web components among them), score tables and grids whose date column has any
 * name, and sections a page has not rendered yet, which are "not on this screen", never empty.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readGeneric } from '../../../utils/ehr/sections/all-readers';
import { enrichReading } from '../../../utils/ehr/sections/enrich';
import { parsePage } from './load';

const URL_OF_PAGE = new URL('https://unknown-ehr.example/chart/42');
const read = (html: string) => readGeneric(parsePage(`<body>${html}</body>`), URL_OF_PAGE);
const ingredients = (html: string) =>
  enrichReading(read(html)).context.medications.map(({ ingredient }) => ingredient);

describe('generic reader: medications in tables, lists and cards', () => {
  it.each([
    {
      shape: 'a component-library card with a list',
      html: '<div class="MuiCard-root"><div class="MuiCardHeader-root"><div class="MuiCardHeader-content"><span class="MuiTypography-h6 MuiCardHeader-title">Active medications</span></div></div><div class="MuiCardContent-root"><ul class="MuiList-root"><li class="MuiListItem-root"><div class="MuiListItemText-root"><span>Sertraline 50 mg tablet</span><p>Take 1 tablet by mouth daily</p></div><div class="MuiChip-root"><span>active</span></div></li><li class="MuiListItem-root"><div class="MuiListItemText-root"><span>Lithium carbonate 300 mg capsule</span><p>2 caps PO BID</p></div></li></ul></div></div>',
      expected: ['sertraline', 'lithium'],
    },
    {
      shape: 'cards of inline text',
      html: '<h2>Current meds</h2><div class="med"><strong>Bupropion XL 150 mg tablet</strong><br><small>Sig: 1 tab every morning</small></div><div class="med"><strong>Quetiapine 50 mg tablet</strong><br><small>Sig: 1 tab at bedtime</small></div><h2>Allergies</h2><p>Penicillin</p>',
      expected: ['bupropion', 'quetiapine'],
    },
    {
      shape: 'a table under a section title that is no heading element',
      html: '<div class="section-header">Prescriptions</div><table><tr><th>Drug</th><th>Instructions</th><th>Start</th></tr><tr><td>Sertraline 100 mg tablet</td><td>1 daily</td><td>01/05/2026</td></tr></table>',
      expected: ['sertraline'],
    },
    {
      shape: 'a medication list heading with a count',
      html: '<h3>Medication list (1)</h3><ul><li>Lithium carbonate 300 mg capsule, 2 caps PO BID</li></ul>',
      expected: ['lithium'],
    },
  ])('reads $shape', ({ html, expected }) => {
    expect(ingredients(html)).toEqual(expected);
  });

  afterEach(() => document.body.replaceChildren());

  it('reads medication cards drawn by web components', () => {
    document.body.innerHTML = '<cobalt-medications></cobalt-medications>';
    const section = document.querySelector('cobalt-medications') as Element;
    const root = section.attachShadow({ mode: 'open' });
    root.innerHTML =
      '<h2>Current medications</h2><cobalt-med-card></cobalt-med-card><cobalt-med-card></cobalt-med-card>';
    const drugs = ['Sertraline 50 mg tablet', 'Lamotrigine 100 mg tablet'];
    root.querySelectorAll('cobalt-med-card').forEach((card, index) => {
      card.attachShadow({
        mode: 'open',
      }).innerHTML = `<div class="drug">${drugs[index]}</div><div class="sig">1 tab daily</div><div class="by">Prescribed by Lee, Anna</div>`;
    });
    const reading = enrichReading(readGeneric(document, URL_OF_PAGE));
    expect(reading.context.medications.map(({ ingredient }) => ingredient)).toEqual([
      'sertraline',
      'lamotrigine',
    ]);
    expect(reading.context.medications[0]?.text).toBe(
      'Sertraline 50 mg tablet 1 tab daily Prescribed by Lee, Anna',
    );
    expect(reading.notOnScreen).toEqual(['scores']);
  });
});

describe('generic reader: each score with its own date', () => {
  it.each([
    {
      shape: 'LOINC names with "Value" and "Effective" columns',
      html: '<table aria-label="Assessments"><thead><tr><th>Observation</th><th>Value</th><th>Effective</th></tr></thead><tbody><tr><td>Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]</td><td>14</td><td>Mar 5, 2024, 10:32 AM</td></tr><tr><td>Generalized anxiety disorder 7 item (GAD-7) total score [Reported]</td><td>9</td><td>Feb 1, 2024, 9:00 AM</td></tr><tr><td>Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]</td><td>3</td><td>Jan 2, 2024, 8:15 AM</td></tr></tbody></table>',
      expected: [
        ['PHQ-9', '2024-03-05', 14],
        ['GAD-7', '2024-02-01', 9],
        ['PHQ-2', '2024-01-02', 3],
      ],
      via: 'date from column "Effective"',
    },
    {
      shape: '"Effective" and "Issued" dates in one row',
      html: '<table><tr><th>Code</th><th>Result</th><th>Issued</th><th>Effective</th></tr><tr><td>PHQ-9 Total Score</td><td>12</td><td>2024-03-07</td><td>2024-03-05</td></tr></table>',
      expected: [['PHQ-9', '2024-03-05', 12]],
      via: 'date from column "Effective"',
    },
    {
      shape: 'an "Issued" column and the date first',
      html: '<table><tr><th>Date</th><th>Assessment</th><th>Result</th><th>LOINC</th></tr><tr><td>01/05/2024</td><td>PHQ-9 Total Score</td><td>11</td><td>44261-6</td></tr></table>',
      expected: [['PHQ-9', '2024-01-05', 11]],
      via: 'date from column "Date"',
    },
    {
      shape: 'a "Completed" column of ISO dates',
      html: '<table><thead><tr><th>Measure</th><th>Score</th><th>Completed</th></tr></thead><tbody><tr><td>GAD-7</td><td>6</td><td>2024-02-01</td></tr></tbody></table>',
      expected: [['GAD-7', '2024-02-01', 6]],
      via: 'date from column "Completed"',
    },
    {
      shape: 'an ARIA grid of divs',
      html: '<div role="grid" aria-label="Screening results"><div role="row"><div role="columnheader">Instrument</div><div role="columnheader">Result</div><div role="columnheader">Date</div></div><div role="row"><div role="gridcell">PHQ-9 Depression Screen</div><div role="gridcell">8</div><div role="gridcell">31 December 2023</div></div></div>',
      expected: [['PHQ-9', '2023-12-31', 8]],
      via: 'date from column "Date"',
    },
    {
      shape: 'cards that print the name, the score and the date apart',
      html: '<div class="obs"><div class="name">PHQ-9 total score</div><div class="value">14/27</div><div class="when">Taken Mar 5, 2024</div></div><div class="obs"><div class="name">GAD-7 total score</div><div class="value">9</div><div class="when">Taken Feb 1, 2024</div></div>',
      expected: [
        ['PHQ-9', '2024-03-05', 14],
        ['GAD-7', '2024-02-01', 9],
      ],
      via: 'generic div naming',
    },
  ])('reads $shape', ({ html, expected, via }) => {
    const reading = read(html);
    expect(
      reading.context.scores.map(({ instrument, date, total }) => [instrument, date, total]),
    ).toEqual(expected);
    expect(reading.context.scores.every(({ provenance }) => provenance.via.includes(via))).toBe(
      true,
    );
  });

  it('leaves the date out rather than pick one of two in a row with no date column', () => {
    const reading = read(
      '<table><tr><th>Code</th><th>Score</th><th>Reviewed</th><th>Signed</th></tr><tr><td>PHQ-9</td><td>12</td><td>2024-03-05</td><td>2024-03-07</td></tr></table>',
    );
    expect(reading.context.scores.map(({ date }) => date)).toEqual(['2024-03-07']);
    const unlabelled = read('<ul><li>PHQ-9 12 (2024-03-05, reviewed 2024-03-07)</li></ul>');
    expect(unlabelled.context.scores.map(({ date }) => date)).toEqual([null]);
  });
});

describe('generic reader: sections not on this screen', () => {
  const banner = '<p>Name: Jane Doe</p><p>DOB: 1980-03-03</p>';
  it.each([
    {
      page: 'tabs whose panels are not rendered yet',
      html: `${banner}<div role="tablist"><button role="tab">Summary</button><button role="tab">Medications</button><button role="tab">Measures</button></div><section role="tabpanel"><p>Reason for visit: follow-up.</p></section>`,
      notOnScreen: ['medications', 'scores'],
    },
    {
      page: 'an empty medication list and an empty score section',
      html: `${banner}<h2>Medications</h2><p>No active medications.</p><h2>Screenings</h2><p>None on file.</p>`,
      notOnScreen: [],
    },
    {
      page: 'scores shown, medications in a tab not opened',
      html: `${banner}<table><tr><th>Measure</th><th>Score</th><th>Date</th></tr><tr><td>PHQ-9</td><td>5</td><td>2024-01-05</td></tr></table>`,
      notOnScreen: ['medications'],
    },
  ])('says which sections are not on $page', ({ html, notOnScreen }) => {
    const reading = read(html);
    expect(reading.notOnScreen).toEqual(notOnScreen);
    expect(reading.problemMessages?.map(({ key }) => key)).not.toContain('ehrProblemNoMedications');
    expect(reading.problems.some((text) => text.includes('not on this screen'))).toBe(
      notOnScreen.length > 0,
    );
  });
});

describe('generic reader: sections still loading', () => {
  it.each([
    {
      page: 'skeletons where the lists will be',
      html: '<h2>Active medications</h2><div class="MuiSkeleton-root" aria-busy="true"></div><h2>Assessments</h2><div class="MuiSkeleton-root"></div>',
    },
    {
      page: '"Loading…" where the lists will be',
      html: '<h2>Medications</h2><p class="note">Loading…</p><h2>Screenings</h2><p>Loading…</p>',
    },
  ])('reports $page as not on this screen, not as empty', ({ html }) => {
    const reading = read(`<p>Name: Jane Doe</p><p>DOB: 1980-03-03</p>${html}`);
    expect(reading.notOnScreen).toEqual(['medications', 'scores']);
  });

  it('leaves the sections of a page of frames to its frames', () => {
    const reading = read(
      '<p>Name: Jane Doe</p><p>DOB: 1980-03-03</p><iframe src="about:blank"></iframe>',
    );
    expect(reading.notOnScreen).toEqual(['medications', 'scores']);
    expect(reading.problems.some((text) => text.includes('not on this screen'))).toBe(false);
  });
});
