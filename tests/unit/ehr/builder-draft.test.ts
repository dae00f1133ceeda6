import { describe, expect, it } from 'vitest';
import {
  applyLabelPattern,
  BUILDER_STEPS,
  emptyDraft,
  frameFor,
  labelPattern,
  nextStep,
  packFromDraft,
  proposePatientKeyParam,
} from '../../../utils/ehr/packs/builder-draft';
import { validateSelectorPack } from '../../../utils/ehr/packs/validate';

describe('the pack builder’s draft', () => {
  it('keeps the value out of a labelled element, with the label’s words only', () => {
    const mrn = labelPattern('MRN: 00471203', 'mrn');
    expect(mrn).toBe('MRN:\\s*(\\S+)');
    expect(applyLabelPattern('MRN: 00471203', mrn)).toBe('00471203');
    const id = labelPattern('Patient ID L-30071', 'mrn');
    expect(applyLabelPattern('Patient ID L-30071', id)).toBe('L-30071');
    expect(id).not.toContain('30071');
    expect(labelPattern("O'BRIEN, MARGARET A", 'name')).toBeUndefined();
  });

  it('names the address parameter whose value is the record number clicked', () => {
    const addresses = ['http://ehr.test/ChartMain.asp?MRN=00471203', 'http://ehr.test/x?Tab=1'];
    expect(proposePatientKeyParam(addresses, '00471203')).toBe('MRN');
    expect(proposePatientKeyParam(addresses, '999')).toBeNull();
  });

  it('places a field picked in a nested frame by the frames’ names, else by its path', () => {
    expect(
      frameFor({ isTop: false, url: 'http://e/MedList.asp?MRN=1', namePath: ['a', 'b'] }),
    ).toEqual({
      name: ['a', 'b'],
    });
    expect(frameFor({ isTop: false, url: 'http://e/MedList.asp?MRN=1', namePath: [''] })).toEqual({
      urlMatch: '/MedList.asp',
    });
    expect(frameFor({ isTop: true, url: 'http://e/', namePath: [] })).toBeUndefined();
  });

  it('skips the cells of a list the page does not have', () => {
    const draft = { ...emptyDraft('http://e', 'e'), skipped: ['medications.item'] };
    expect(nextStep(draft, 'medications.item')?.id).toBe('problems.item');
    expect(nextStep(draft, null)?.id).toBe(BUILDER_STEPS[0]?.id);
  });

  it('makes a pack the policy’s validation accepts from the clicks', () => {
    const draft = {
      ...emptyDraft('http://ehr.test:8080', 'ehr.test'),
      patientKeyParam: 'MRN',
      choices: {
        'identity.name': { selector: '#banner .ptname', count: 1, isTop: true },
        'identity.birthDate': {
          selector: '#banner .fld:nth-child(2)',
          count: 1,
          isTop: true,
          pattern: 'DOB:\\s*(.+)',
        },
        'medications.item': {
          selector: 'tr:has(> td)',
          count: 2,
          isTop: false,
          frame: { name: ['fraSummary', 'fraMeds'] },
        },
        'medications.text': { selector: 'td:nth-child(1)', count: 2, isTop: false },
      },
    };
    const pack = packFromDraft(draft);
    expect(pack.medications).toEqual({
      frame: { name: ['fraSummary', 'fraMeds'] },
      item: 'tr:has(> td)',
      text: 'td:nth-child(1)',
    });
    expect(pack.matches).toEqual(['http://ehr.test:8080/*']);
    expect(validateSelectorPack(pack).ok).toBe(true);
  });

  it('says in the policy’s words what is still missing', () => {
    const result = validateSelectorPack(packFromDraft(emptyDraft('http://e', 'e')));
    expect(result.ok).toBe(false);
  });
});
