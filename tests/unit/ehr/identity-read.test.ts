// @vitest-environment happy-dom
/**
 * The identity-only read (the banner goes up before the chart is read) must name exactly the
 * patient the full read names: same identity, same confidence, same confirmation, same
 * fingerprint — on every saved page of every reader — and carry none of the chart.
 */
import { describe, expect, it } from 'vitest';
import { readPageIdentity } from '../../../utils/ehr/identity/read-page';
import { identityFingerprint } from '../../../utils/ehr/identity/resolve';
import type { SelectorPack } from '../../../utils/ehr/packs/format';
import { validateSelectorPack } from '../../../utils/ehr/packs/validate';
import { readPage } from '../../../utils/ehr/sections/all-readers';
import type { PageReading } from '../../../utils/ehr/types';
import { fixtureNames, loadFixture, parsePage, projectFile } from './load';

const riverbend = (() => {
  const result = validateSelectorPack(JSON.parse(projectFile('docs/examples/riverbend-pack.json')));
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.pack;
})();

const CASES: { name: string; page: () => Document; url: URL; packs?: SelectorPack[] }[] = [
  ...fixtureNames('demo').map((name) => ({
    name: `demo ${name}`,
    page: () => loadFixture('demo', name),
    url: new URL(
      name.startsWith('framed')
        ? 'http://127.0.0.1:4173/framed/?pid=1001'
        : 'http://127.0.0.1:4173/patients/1001',
    ),
  })),
  ...fixtureNames('openemr').map((name) => ({
    name: `openemr ${name}`,
    page: () => loadFixture('openemr', name),
    url: new URL('https://emr.clinic.example/openemr/interface/main/tabs/main.php'),
  })),
  {
    name: 'riverbend pack',
    page: () => parsePage(projectFile('docs/examples/riverbend-chart.html')),
    url: new URL('https://ehr.riverbend.example/chart/1'),
    packs: [riverbend],
  },
  {
    name: 'generic reader',
    page: () =>
      parsePage(
        '<h1>Chart</h1><dl><dt>Patient</dt><dd>Rivera, Ana</dd><dt>DOB</dt><dd>1984-03-09</dd>' +
          '<dt>MRN</dt><dd>A-77</dd></dl><h2>Medications</h2><ul><li>sertraline 50 mg daily</li></ul>' +
          '<p>PHQ-9 score 14 on 2026-10-01</p>',
      ),
    url: new URL('https://unknown-ehr.example/chart'),
  },
];

function chartEntries(reading: PageReading): number {
  const { medications, conditions, scores, monitoring, therapies } = reading.context;
  return [medications, conditions, scores, monitoring, therapies].reduce(
    (sum, list) => sum + list.length,
    0,
  );
}

describe('identity-only reading', () => {
  it.each(CASES)('$name: same patient as the full read, no chart', ({ page, url, packs }) => {
    const document = page();
    const full = readPage(document, url, packs);
    const identity = readPageIdentity(document, url, packs);
    expect(identity.adapter).toBe(full.adapter);
    expect(identity.context.identity).toEqual(full.context.identity);
    expect(identity.confidence).toEqual(full.confidence);
    expect(identity.identityConfirmed).toBe(full.identityConfirmed);
    expect(identityFingerprint(identity)).toBe(identityFingerprint(full));
    expect(chartEntries(identity)).toBe(0);
  });

  it('the cases read real charts: most full reads carry chart entries', () => {
    const withEntries = CASES.filter(
      ({ page, url, packs }) => chartEntries(readPage(page(), url, packs)) > 0,
    );
    expect(withEntries.length).toBeGreaterThan(CASES.length / 2);
  });
});
