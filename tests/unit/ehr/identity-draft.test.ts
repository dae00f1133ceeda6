import { describe, expect, it } from 'vitest';
import { type IdentityFound, identityDraft } from '../../../utils/ehr/identity/draft';
import { CONFLICT_CONFIDENCE } from '../../../utils/ehr/identity/resolve';

/** What a reader finds on a banner that names one patient once, each field sure. */
function found(overrides: Partial<IdentityFound> = {}): IdentityFound {
  return {
    names: [{ text: 'Rivera, Ana', via: 'test banner name' }],
    nameConfidence: 1,
    birthDates: [{ text: '1984-03-07', via: 'test banner dob' }],
    birthDateConfidence: 1,
    identifiers: [{ text: 'MR-0042', via: 'test banner mrn', system: 'MRN', type: 'MR' }],
    identifierConfidence: 1,
    sex: 'F',
    ...overrides,
  };
}

describe('identityDraft', () => {
  it('resolves name, birth date, record number and sex into the draft of the reader named', () => {
    const draft = identityDraft('test-reader', found());
    expect(draft.adapter).toBe('test-reader');
    expect(draft.context.identity).toMatchObject({
      name: 'Rivera, Ana',
      birthDate: '1984-03-07',
      sex: 'female',
    });
    expect(draft.context.identity.identifiers).toEqual([
      expect.objectContaining({ value: 'MR-0042', type: 'MR' }),
    ]);
    expect(draft.confidence).toEqual({ name: 1, birthDate: 1, mrn: 1 });
    expect(draft.problems).toEqual([]);
    expect(draft).not.toHaveProperty('evidence');
  });

  it('never picks between two names: no name, a lowered confidence and the reason, after the reader’s own problems', () => {
    const draft = identityDraft(
      'test-reader',
      found({
        names: [
          { text: 'Rivera, Ana', via: 'banner' },
          { text: 'Moss, Ben', via: 'header' },
        ],
      }),
      { problems: [{ key: 'ehrProblemGenericReader' }] },
    );
    expect(draft.context.identity.name).toBeNull();
    expect(draft.confidence.name).toBeLessThanOrEqual(CONFLICT_CONFIDENCE);
    expect(draft.problems.map(({ key }) => key)).toEqual([
      'ehrProblemGenericReader',
      'ehrProblemConflictingNames',
    ]);
  });

  it('keeps each field’s own confidence, a missing sex as null, and the evidence it is given', () => {
    const draft = identityDraft(
      'test-reader',
      found({
        nameConfidence: 0.9,
        birthDateConfidence: 0.7,
        identifierConfidence: 0.5,
        sex: null,
      }),
      { evidence: { name: 'banner' } },
    );
    expect(draft.confidence).toEqual({ name: 0.9, birthDate: 0.7, mrn: 0.5 });
    expect(draft.context.identity.sex).toBeNull();
    expect(draft.evidence).toEqual({ name: 'banner' });
  });

  it('reads no birth date from a slash date whose order the reader does not know', () => {
    const draft = identityDraft(
      'test-reader',
      found({ birthDates: [{ text: '03/07/1984', via: 'dob', format: 'slash-order-unknown' }] }),
    );
    expect(draft.context.identity.birthDate).toBeNull();
    expect(draft.problems.map(({ key }) => key)).toContain('ehrProblemUnreadableBirthDate');
  });
});
