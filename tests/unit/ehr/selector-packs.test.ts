// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isValidSelector } from '../../../utils/ehr/packs/css-selector';
import { isValidMatchPattern, matchesUrl } from '../../../utils/ehr/packs/match-pattern';
import { packAdapter, packPatientKey } from '../../../utils/ehr/packs/pack-adapter';
import { validateSelectorPack, validateSelectorPacks } from '../../../utils/ehr/packs/validate';
import { readPage } from '../../../utils/ehr/sections/all-readers';
import { enrichReading } from '../../../utils/ehr/sections/enrich';
import { parsePage, projectFile } from './load';

const examplePack = JSON.parse(projectFile('docs/examples/riverbend-pack.json'));
const examplePage = () => parsePage(projectFile('docs/examples/riverbend-chart.html'));
const EXAMPLE_URL = new URL('https://ehr.riverbend.example/chart/view?patient=204518');

/** The example pack with one setting changed (`undefined` removes it), by its path. */
function withChange(...edits: [path: (string | number)[], value: unknown][]): unknown {
  const pack = structuredClone(examplePack);
  for (const [path, value] of edits) {
    const parent = path.slice(0, -1).reduce((node, key) => node[key], pack);
    const key = path[path.length - 1] as string | number;
    if (value === undefined) delete parent[key];
    else parent[key] = value;
  }
  return pack;
}

describe('CSS selector syntax check (no DOM needed)', () => {
  it.each([
    ['#rb-banner .rb-patient-name', true],
    ['table.rb-scores tbody tr', true],
    ['td:nth-child(2)', true],
    ['tr:nth-child(2n + 1 of .row)', true],
    ['li:not(.inactive) > span', true],
    ['div:has(> h2)', true],
    ['[data-field="dob" i]', true],
    ['a[href^="https://"], span.mrn', true],
    ['h6.card-title ~ div.card-text', true],
    ['div..x', false],
    ['td:first-chid', false],
    ['div >', false],
    ['[data-x', false],
    ['a,,b', false],
    ['#', false],
    ['', false],
    ['td:nth-child(foo)', false],
    [':not()', false],
  ])('%j is %s', (selector, valid) => {
    // Browsers throw on every invalid case here; happy-dom accepts some of them (":first-chid"),
    // which is why validation does not rely on the DOM alone.
    expect(isValidSelector(selector)).toBe(valid);
  });
});

describe('match patterns', () => {
  it.each([
    [
      'https://ehr.riverbend.example/chart/*',
      'https://ehr.riverbend.example/chart/view?patient=1',
      true,
    ],
    ['https://ehr.riverbend.example/chart/*', 'https://ehr.riverbend.example/admin', false],
    ['*://*.clinic.example/*', 'http://emr.clinic.example/x', true],
    ['*://*.clinic.example/*', 'https://clinic.example.evil.test/x', false],
    ['http://127.0.0.1:8080/*', 'http://127.0.0.1:8080/chart', true],
    ['http://127.0.0.1:8080/*', 'http://127.0.0.1:9090/chart', false],
  ])('%s on %s → %s', (pattern, url, expected) => {
    expect(isValidMatchPattern(pattern)).toBe(true);
    expect(matchesUrl(pattern, new URL(url))).toBe(expected);
  });

  it.each([
    '<all_urls>',
    'ehr.example.org',
    'https://ehr.example.org',
    'ftp://x/*',
    'https://*foo.example/*',
  ])('%j is not a valid pack match pattern', (pattern) => {
    expect(isValidMatchPattern(pattern)).toBe(false);
  });
});

describe('validateSelectorPack', () => {
  it('accepts the documented example pack', () => {
    const result = validateSelectorPack(examplePack);
    expect(result).toMatchObject({ ok: true, pack: { id: 'riverbend-ehr' } });
  });

  it.each<[string, unknown, string]>([
    [
      'a selector with a syntax error',
      withChange([['medications', 'item'], 'div..x']),
      'selectorPack.medications.item: "div..x" is not a valid CSS selector',
    ],
    [
      'a misspelt pseudo-class',
      withChange([['scores', 0, 'date'], 'td:first-chid']),
      'selectorPack.scores[0].date: "td:first-chid" is not a valid CSS selector',
    ],
    [
      'a regular expression that does not compile',
      withChange([['identity', 'identifiers', 0, 'pattern'], 'RB-(\\d+']),
      'selectorPack.identity.identifiers[0].pattern: "RB-(\\d+" is not a valid regular expression',
    ],
    [
      'a pattern without a capture group',
      withChange([['identity', 'identifiers', 0, 'pattern'], 'RB-\\d+']),
      'selectorPack.identity.identifiers[0].pattern: the pattern must have exactly one capture group',
    ],
    [
      'a pattern with a nested quantifier (issue 18)',
      withChange([['identity', 'identifiers', 0, 'pattern'], 'RB-((\\d+)+)$']),
      'selectorPack.identity.identifiers[0].pattern: the pattern "RB-((\\d+)+)$" repeats a part that itself repeats',
    ],
    [
      'a pattern with a backreference (issue 18)',
      withChange([['identity', 'identifiers', 0, 'pattern'], '(RB)-\\1']),
      'selectorPack.identity.identifiers[0].pattern: the pattern "(RB)-\\1" refers back to a group',
    ],
    [
      'a missing required field',
      withChange([['detect'], undefined]),
      'selectorPack.detect: required, but missing',
    ],
    [
      'a misspelt setting',
      withChange([['medication'], examplePack.medications]),
      'selectorPack.medication: not a setting of the selector-pack format',
    ],
    [
      'a newer format',
      withChange([['format'], 2]),
      'selectorPack.format: this version of Careside reads selector packs of format 1, not 2',
    ],
    [
      'both selector and label',
      withChange([['identity', 'name', 'label'], 'Patient']),
      'selectorPack.identity.name: give either "selector" or "label"',
    ],
    [
      'a URL that is not a match pattern',
      withChange([['matches'], ['ehr.riverbend.example']]),
      'selectorPack.matches[0]: "ehr.riverbend.example" is not a valid match pattern',
    ],
    [
      'an unknown instrument',
      withChange([['scores'], [{ row: 'tr', instrument: 'HAM-D', value: 'td' }]]),
      'selectorPack.scores[0].instrument: "HAM-D" is not an instrument Careside knows',
    ],
    [
      'an unknown date format',
      withChange([['dateFormat'], 'DD-MM-YY']),
      'selectorPack.dateFormat: "DD-MM-YY" is not a date format Careside reads',
    ],
    [
      'a wrong type',
      withChange([['matches'], 'https://ehr.riverbend.example/*']),
      'selectorPack.matches: expected',
    ],
    ['text that is not JSON', '{"format": 1,', 'selectorPack: not valid JSON'],
    ['a list instead of a pack', [], 'selectorPack: a selector pack must be a JSON object'],
  ])('rejects %s, saying where', (_case, input, message) => {
    const result = validateSelectorPack(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.some((error) => error.startsWith(message))).toBe(true);
  });

  it('names packs by their place in the policy list and keeps the good ones', () => {
    const broken = withChange([['id'], 'broken'], [['detect'], 'div..x']);
    const { packs, errors } = validateSelectorPacks([examplePack, broken, examplePack]);
    expect(packs.map((pack) => pack.id)).toEqual(['riverbend-ehr']);
    expect(errors).toEqual([
      'selectorPacks[1].detect: "div..x" is not a valid CSS selector',
      'selectorPacks[2].id: another selector pack already uses the id "riverbend-ehr"',
    ]);
  });
});

describe('packAdapter on the documented example', () => {
  const pack = (() => {
    const result = validateSelectorPack(examplePack);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    return result.pack;
  })();

  it('detects its pages by URL and markup, and only those', () => {
    const adapter = packAdapter(pack);
    expect(adapter.detect(examplePage(), EXAMPLE_URL)).toBe(true);
    expect(adapter.detect(examplePage(), new URL('https://other.example/chart/1'))).toBe(false);
    expect(adapter.detect(parsePage('<p>hello</p>'), EXAMPLE_URL)).toBe(false);
    expect(adapter.identitySelectors).toEqual(['#rb-banner']);
    expect(packPatientKey(pack, EXAMPLE_URL)).toBe('204518');
  });

  it('reads the example chart the way docs/selector-packs.md says', () => {
    const reading = readPage(examplePage(), EXAMPLE_URL, [pack]);
    expect(reading.adapter).toBe('riverbend-ehr');
    expect(reading.identityConfirmed).toBe(true);
    expect(reading.context.identity).toEqual({
      name: 'Lopez, Ana M',
      birthDate: '1991-04-17',
      sex: 'female',
      identifiers: [{ system: 'MRN', type: 'MR', value: '204518' }],
    });
    expect(reading.confidence).toEqual({ name: 1, birthDate: 0.9, mrn: 1 });
    expect(
      enrichReading(reading).context.medications.map(({ ingredient, status, startDate }) => ({
        ingredient,
        status,
        startDate,
      })),
    ).toEqual([
      { ingredient: 'escitalopram', status: 'active', startDate: '2024-01-09' },
      { ingredient: 'hydroxyzine', status: 'active', startDate: '2024-02-20' },
      { ingredient: 'sertraline', status: 'stopped', startDate: '2023-06-01' },
    ]);
    expect(reading.context.conditions.map(({ code, system }) => [code, system])).toEqual([
      ['F41.1', 'ICD-10-CM'],
      ['F32.1', 'ICD-10-CM'],
    ]);
    expect(
      reading.context.scores.map(({ instrument, date, total }) => [instrument, date, total]),
    ).toEqual([
      ['PHQ-9', '2024-01-09', 16],
      ['GAD-7', '2024-01-09', 14],
      ['PHQ-9', '2024-03-05', 9],
    ]);
    expect(reading.context.monitoring.map(({ kind, value, unit }) => [kind, value, unit])).toEqual([
      ['tsh', 2.1, 'mIU/L'],
      ['bp-systolic', 124, 'mm[Hg]'],
      ['bp-diastolic', 78, 'mm[Hg]'],
      ['weight', 68.2, 'kg'],
    ]);
    expect(reading.context.therapies).toMatchObject([
      { modality: 'CBT', date: '2024-03-12', status: 'scheduled' },
    ]);
    expect(reading.problems).toEqual([]);
  });

  it('reports what is missing instead of inventing it', () => {
    const page = examplePage();
    page.querySelector('#rb-banner dl')?.remove();
    page.querySelector('#rb-meds')?.remove();
    const reading = readPage(page, EXAMPLE_URL, [pack]);
    expect(reading.context.identity.birthDate).toBeNull();
    expect(reading.context.identity.identifiers).toEqual([]);
    expect(reading.identityConfirmed).toBe(false);
    expect(reading.problems).toEqual([
      'No date of birth on this page',
      'No medication list found on this page',
    ]);
  });

  // No timing assertion: happy-dom's selector engine is far slower than a browser's, hence the
  // generous timeout.
  it('reads a 20,000-row flowsheet completely', { timeout: 120_000 }, () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, index) =>
        `<tr><td class="rb-instrument">${index % 2 ? 'GAD-7' : 'PHQ-9'}</td><td class="rb-date">${String((index % 12) + 1).padStart(2, '0')}/15/2023</td><td class="rb-total">${index % 28}</td></tr>`,
    ).join('');
    const page = examplePage();
    const body = page.querySelector('table.rb-scores tbody');
    if (!body) throw new Error('example lost its score table');
    body.replaceWith(
      parsePage(`<table><tbody>${rows}</tbody></table>`).querySelector('tbody') as Node,
    );
    const reading = readPage(page, EXAMPLE_URL, [pack]);
    expect(reading.context.scores).toHaveLength(20_000);
    expect(reading.context.scores[19_999]).toMatchObject({
      instrument: 'GAD-7',
      date: '2023-08-15',
      total: 19_999 % 28,
    });
  });
});
