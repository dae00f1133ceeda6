/**
 * Selector packs for EHRs built from frames: the `frame` of a field is checked when the pack is
 * loaded, and decides in which documents the field is read.
 */
import { describe, expect, it } from 'vitest';
import { inFrame, TOP_DOCUMENT } from '../../../utils/ehr/frames/where';
import { validateSelectorPack } from '../../../utils/ehr/packs/validate';

const pack = (medicationsFrame: unknown) => ({
  format: 1,
  id: 'riverbend-tabs',
  name: 'Riverbend Health Record (tabbed view)',
  matches: ['https://ehr.riverbend.example/chart/*'],
  detect: '#rb-banner',
  identityElement: '#rb-banner',
  patientKeyParam: 'patient',
  identity: { name: { selector: '.rb-name' }, birthDate: { label: 'Date of birth' } },
  medications: { frame: medicationsFrame, item: '#rb-meds tr.rb-med' },
});

describe('a field’s frame in a selector pack', () => {
  it('accepts a frame named by address, by name path, or both', () => {
    for (const frame of [
      { urlMatch: '/chart/meds.php' },
      { name: ['forms', 'results'] },
      { urlMatch: 'https://ehr.riverbend.example/chart/meds.php*', name: ['meds'] },
    ]) {
      expect(validateSelectorPack(pack(frame)).ok).toBe(true);
    }
  });

  it('refuses a frame that says nothing, a broken match pattern and an unknown key', () => {
    const errors = (frame: unknown) => {
      const result = validateSelectorPack(pack(frame));
      return result.ok ? [] : result.errors;
    };
    expect(errors({})).toEqual([
      'selectorPack.medications.frame: say which frame — urlMatch, name or both',
    ]);
    expect(errors({ urlMatch: 'https://ehr.riverbend.example' })[0]).toContain(
      'selectorPack.medications.frame.urlMatch',
    );
    expect(errors({ url: '/meds.php' })[0]).toContain('selectorPack.medications.frame');
  });
});

describe('which document a framed field is read in', () => {
  const meds = new URL('https://ehr.riverbend.example/chart/meds.php?patient=204518');

  it('never the top document', () => {
    expect(inFrame({ urlMatch: '/chart/meds.php' }, meds, TOP_DOCUMENT)).toBe(false);
  });

  it('a frame whose address and name path both fit', () => {
    const place = { isTop: false, namePath: ['meds'] };
    expect(inFrame({ urlMatch: '/chart/meds.php', name: ['meds'] }, meds, place)).toBe(true);
    expect(inFrame({ urlMatch: '/chart/forms.php' }, meds, place)).toBe(false);
    expect(inFrame({ name: ['forms', 'meds'] }, meds, place)).toBe(false);
    expect(
      inFrame({ urlMatch: 'https://ehr.riverbend.example/chart/meds.php*' }, meds, place),
    ).toBe(true);
  });

  it('not by name when a frame on another origin hides the names above it', () => {
    expect(inFrame({ name: ['meds'] }, meds, { isTop: false, namePath: null })).toBe(false);
  });
});
