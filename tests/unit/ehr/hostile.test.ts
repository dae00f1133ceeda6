// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { openEmrAdapter } from '../../../utils/ehr/adapters/openemr';
import { packAdapter } from '../../../utils/ehr/packs/pack-adapter';
import { validateSelectorPack } from '../../../utils/ehr/packs/validate';
import { readGeneric, readWith } from '../../../utils/ehr/sections/all-readers';
import type { PageReading } from '../../../utils/ehr/types';
import { HOSTILE_STRINGS } from './hostile-strings';
import { loadFixture, parsePage, projectFile } from './load';

const packResult = validateSelectorPack(
  JSON.parse(projectFile('docs/examples/riverbend-pack.json')),
);
if (!packResult.ok) throw new Error(packResult.errors.join('\n'));
const riverbend = packAdapter(packResult.pack);

/** Every reader, with a page of its own and the places on it where page text goes. */
const READERS = [
  {
    reader: 'OpenEMR patient bar',
    url: 'https://emr.clinic.example/openemr/interface/main/tabs/main.php',
    page: () => loadFixture('openemr', 'main-patient-bar.html'),
    read: (document: Document, url: URL) => readWith(openEmrAdapter, document, url),
    targets: ['a.ptName span', '#attendantData .mt-2 span'],
  },
  {
    reader: 'OpenEMR dashboard',
    url: 'https://emr.clinic.example/openemr/interface/patient_file/summary/demographics.php',
    page: () => loadFixture('openemr', 'dashboard.html'),
    read: (document: Document, url: URL) => readWith(openEmrAdapter, document, url),
    targets: ['td.data', '.pami-list span.font-weight-normal', '.pami-list .py-1'],
  },
  {
    reader: 'OpenEMR encounter',
    url: 'https://emr.clinic.example/openemr/interface/patient_file/encounter/forms.php',
    page: () => loadFixture('openemr', 'encounter-phq9.html'),
    read: (document: Document, url: URL) => readWith(openEmrAdapter, document, url),
    targets: ['span.title', 'span.text'],
  },
  {
    reader: 'selector pack',
    url: 'https://ehr.riverbend.example/chart/1',
    page: () => parsePage(projectFile('docs/examples/riverbend-chart.html')),
    read: (document: Document, url: URL) => readWith(riverbend, document, url),
    targets: ['.rb-patient-name', '.rb-facts dd', '.rb-med-sig', '.rb-total', '.rb-value'],
  },
  {
    reader: 'generic reader',
    url: 'https://unknown-ehr.example/chart',
    page: () =>
      parsePage(`<body><table><tr><th>Patient name</th><td class="n">Jane Doe</td></tr>
        <tr><th>DOB</th><td class="d">1980-01-01</td></tr><tr><th>MRN</th><td class="m">55501</td></tr></table>
        <h2>Medications</h2><ul><li class="med">Sertraline 50 mg daily</li></ul>
        <table><tr><th>Measure</th><th>Date</th><th>Score</th></tr>
        <tr><td>PHQ-9</td><td class="d">2024-01-05</td><td class="s">12</td></tr></table></body>`),
    read: readGeneric,
    targets: ['td.n', 'td.d', 'td.m', 'li.med', 'td.s'],
  },
];

const pwned = () => (globalThis as { __careside_pwned?: boolean }).__careside_pwned === true;

function allText(reading: PageReading): string[] {
  const { identity, medications, conditions, scores, monitoring } = reading.context;
  return [
    identity.name ?? '',
    ...identity.identifiers.map((identifier) => identifier.value),
    ...medications.map((medication) => medication.text),
    ...conditions.map((condition) => condition.text),
    ...scores.map((score) => String(score.total)),
    ...monitoring.map((entry) => entry.valueText ?? ''),
  ];
}

afterEach(() => {
  delete (globalThis as { __careside_pwned?: boolean }).__careside_pwned;
});

describe.each(READERS)('$reader reads hostile page text as text', ({
  url,
  page,
  read,
  targets,
}) => {
  it.each(HOSTILE_STRINGS)('$label', ({ text }) => {
    const document = page();
    for (const selector of targets) {
      for (const element of document.querySelectorAll(selector)) element.textContent = text;
    }
    const elementsBefore = document.getElementsByTagName('*').length;
    const markupBefore = document.documentElement.outerHTML.length;

    const reading = read(document, new URL(url));

    // Nothing was created, changed or run by reading.
    expect(document.getElementsByTagName('*').length).toBe(elementsBefore);
    expect(document.documentElement.outerHTML.length).toBe(markupBefore);
    expect(pwned()).toBe(false);
    // The reading is plain data that survives the message protocol unchanged.
    expect(JSON.parse(JSON.stringify(reading))).toEqual(reading);
    // No 1 MB value is carried into the patient context.
    for (const value of allText(reading)) expect(value.length).toBeLessThanOrEqual(2_000);
    // A name with hidden or look-alike characters is never a confirmed identity as written.
    if (/[\u202E\u0430\u03BF]/.test(text) && reading.context.identity.name !== null) {
      expect(reading.identityConfirmed).toBe(false);
    }
    if (reading.context.identity.name !== null) {
      const invisible = ['\u200B', '\u200D', '\u2060', '\uFEFF', '\u202E', '\u0000'];
      const name = reading.context.identity.name;
      expect(invisible.filter((character) => name.includes(character))).toEqual([]);
    }
  });
});

it('keeps markup in a name as literal characters', () => {
  const document = loadFixture('openemr', 'main-patient-bar.html');
  const name = document.querySelector('a.ptName span');
  if (!name) throw new Error('fixture lost its name');
  name.textContent = '<b onmouseover="x()">Jane</b> Doe';
  const reading = readWith(
    openEmrAdapter,
    document,
    new URL('https://emr.example/interface/main/tabs/main.php'),
  );
  expect(reading.context.identity.name).toBe('<b onmouseover="x()">Jane</b> Doe');
  expect(document.querySelector('a.ptName b')).toBeNull();
});
