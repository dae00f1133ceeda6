// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { chooseReader } from '../../../utils/ehr/identity/read-page';
import { identityFingerprint, normalizeName } from '../../../utils/ehr/identity/resolve';
import { validateSelectorPack } from '../../../utils/ehr/packs/validate';
import { readPage } from '../../../utils/ehr/sections/all-readers';
import { loadFixture, parsePage, projectFile } from './load';

const OPENEMR_TOP = new URL('https://emr.clinic.example/openemr/interface/main/tabs/main.php');

function pack(json: unknown = JSON.parse(projectFile('docs/examples/riverbend-pack.json'))) {
  const result = validateSelectorPack(json);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.pack;
}

describe('readPage chooses packs, then adapters, then the generic reader', () => {
  it('uses a built-in adapter when no pack matches', () => {
    const reading = readPage(loadFixture('openemr', 'main-patient-bar.html'), OPENEMR_TOP, [
      pack(),
    ]);
    expect(reading.adapter).toBe('openemr');
  });

  it('lets a clinic pack take over a page a built-in adapter would read', () => {
    const clinicPack = pack({
      format: 1,
      id: 'clinic-openemr',
      name: 'Our OpenEMR',
      matches: ['https://emr.clinic.example/*'],
      detect: 'a.ptName',
      identity: {
        name: { selector: 'a.ptName span' },
        birthDate: { label: 'DOB', dateFormat: 'YYYY-MM-DD' },
      },
      identityElement: 'a.ptName',
    });
    const document = loadFixture('openemr', 'main-patient-bar.html');
    expect(chooseReader(document, OPENEMR_TOP, [clinicPack]).id).toBe('clinic-openemr');
    const reading = readPage(document, OPENEMR_TOP, [clinicPack]);
    expect(reading.adapter).toBe('clinic-openemr');
    expect(reading.context.identity.birthDate).toBe('1984-03-09');
  });

  it('falls back to the generic reader on an unknown EHR', () => {
    const reading = readPage(
      parsePage('<body><p>Name: Jane Doe</p><p>DOB: 1979-02-14</p></body>'),
      new URL('https://unknown.example/'),
    );
    expect(reading.adapter).toBe('generic');
    expect(reading.identityConfirmed).toBe(true);
  });

  it('keeps the problems both as English text and as catalogue keys', () => {
    const reading = readPage(parsePage('<body></body>'), new URL('https://unknown.example/'));
    expect(reading.problemMessages?.map(({ key }) => key)).toEqual([
      'ehrProblemNoBirthDate',
      'ehrProblemNoName',
      'ehrProblemGenericReader',
      'ehrProblemMedicationsNotOnScreen',
      'ehrProblemScoresNotOnScreen',
    ]);
    expect(reading.problems).toHaveLength(5);
    expect(reading.problems).not.toContain('ehrProblemScoresNotOnScreen');
  });
});

describe('identityFingerprint', () => {
  const reading = (html: string) =>
    readPage(parsePage(`<body>${html}</body>`), new URL('https://unknown.example/'));

  it('is the same for the same patient however the page spells the name', () => {
    const first = reading('<p>Name: Doe, Jane</p><p>DOB: 1979-02-14</p><p>MRN: 55501</p>');
    const second = reading(
      '<p>Patient: JANE  DOE</p><p>Date of birth: 02/14/1979</p><p>MRN: 55501</p>',
    );
    expect(identityFingerprint(first)).toBe(identityFingerprint(second));
    expect(identityFingerprint(first)).toBe('doe jane|1979-02-14|mrn|55501');
  });

  it.each([
    ['another name', '<p>Name: Jane Roe</p><p>DOB: 1979-02-14</p><p>MRN: 55501</p>'],
    ['another birth date', '<p>Name: Jane Doe</p><p>DOB: 1979-02-15</p><p>MRN: 55501</p>'],
    ['another record number', '<p>Name: Jane Doe</p><p>DOB: 1979-02-14</p><p>MRN: 55502</p>'],
    ['a look-alike letter', '<p>Name: J\u0430ne Doe</p><p>DOB: 1979-02-14</p><p>MRN: 55501</p>'],
  ])('changes with %s', (_change, html) => {
    const base = reading('<p>Name: Jane Doe</p><p>DOB: 1979-02-14</p><p>MRN: 55501</p>');
    expect(identityFingerprint(reading(html))).not.toBe(identityFingerprint(base));
  });

  it('tells apart two patients whose record numbers a pack reads without an HL7 type', () => {
    // Same name and birth date; the identifiers carry a system label only, as a pack may give them.
    const patient = (value: string) => {
      const draft = reading('<p>Name: Jane Doe</p><p>DOB: 1979-02-14</p>');
      draft.context.identity.identifiers = [{ system: 'Chart ID', type: null, value }];
      return draft;
    };
    expect(identityFingerprint(patient('A-1'))).not.toBe(identityFingerprint(patient('A-2')));
    expect(identityFingerprint(patient('A-1'))).toBe(identityFingerprint(patient('A-1')));
  });

  it('normalizes invisible characters and compatibility forms away', () => {
    expect(normalizeName('Ja\u200Bne \uFF24oe')).toBe(normalizeName('Jane Doe'));
  });
});
