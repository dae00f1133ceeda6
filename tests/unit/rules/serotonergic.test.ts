import { describe, expect, it } from 'vitest';
import { evaluate, itFires, itStaysSilent, med, patient } from './builders';

const serotonergicIds = (ids: string[]) => ids.filter((id) => id.startsWith('serotonergic-'));

describe('serotonergic rules', () => {
  itFires(
    'flags linezolid with sertraline as critical',
    'serotonergic-linezolid-methylene-blue',
    () => ({
      context: patient({
        medications: [med('sertraline 100 mg daily'), med('Zyvox 600 mg IV q12h')],
      }),
    }),
  );
  itStaysSilent('is silent for linezolid alone', 'serotonergic-linezolid-methylene-blue', () => ({
    context: patient({ medications: [med('linezolid 600 mg PO BID')] }),
  }));
  it('gives one card for one pair, whichever order the list is in, even with a duplicate entry', () => {
    const forward = evaluate({
      context: patient({
        medications: [
          med('sertraline 100 mg daily'),
          med('sertraline 50 mg daily'),
          med('linezolid 600 mg BID'),
        ],
      }),
    });
    const backward = evaluate({
      context: patient({
        medications: [med('linezolid 600 mg BID'), med('sertraline 100 mg daily')],
      }),
    });
    expect(serotonergicIds(forward.map((card) => card.id))).toEqual([
      'serotonergic-linezolid-methylene-blue',
    ]);
    expect(serotonergicIds(backward.map((card) => card.id))).toEqual([
      'serotonergic-linezolid-methylene-blue',
    ]);
    expect(forward[0]?.detail.match(/linezolid \+ sertraline/g)).toHaveLength(1);
  });

  itFires('flags an MAOI with an SSRI as critical', 'serotonergic-maoi-combination', () => ({
    context: patient({ medications: [med('phenelzine 15 mg TID'), med('fluoxetine 20 mg daily')] }),
  }));
  itStaysSilent('is silent for an MAOI alone', 'serotonergic-maoi-combination', () => ({
    context: patient({ medications: [med('phenelzine 15 mg TID')] }),
  }));

  itFires('warns about tramadol with sertraline', 'serotonergic-opioid', () => ({
    context: patient({
      medications: [med('tramadol 50 mg q6h prn pain'), med('sertraline 50 mg daily')],
    }),
  }));
  itStaysSilent('is silent for tramadol with bupropion', 'serotonergic-opioid', () => ({
    context: patient({
      medications: [med('tramadol 50 mg q6h prn pain'), med('bupropion XL 300 mg daily')],
    }),
  }));

  itFires(
    'gives only information for a triptan with an SSRI',
    'serotonergic-triptan',
    () => ({
      context: patient({
        medications: [med('sumatriptan 50 mg prn migraine'), med('escitalopram 10 mg daily')],
      }),
    }),
    (card) => expect(card.indicator).toBe('info'),
  );
  itStaysSilent('is silent for a triptan with bupropion', 'serotonergic-triptan', () => ({
    context: patient({
      medications: [med('sumatriptan 50 mg prn migraine'), med('bupropion 150 mg daily')],
    }),
  }));

  itFires('notes an SSRI with buspirone', 'serotonergic-other-combination', () => ({
    context: patient({ medications: [med('sertraline 100 mg daily'), med('buspirone 10 mg BID')] }),
  }));
  itStaysSilent(
    'does not flag lithium as serotonergic with an SSRI',
    'serotonergic-other-combination',
    () => ({
      context: patient({
        medications: [med('sertraline 100 mg daily'), med('lithium 300 mg BID')],
      }),
    }),
  );
  itStaysSilent(
    'does not flag sertraline with trazodone',
    'serotonergic-other-combination',
    () => ({
      context: patient({
        medications: [med('sertraline 100 mg daily'), med('trazodone 50 mg qhs prn sleep')],
      }),
    }),
  );

  itFires(
    'is critical for phenelzine with methylphenidate (hypertensive crisis)',
    'serotonergic-maoi-combination',
    () => ({
      context: patient({
        medications: [med('phenelzine 15 mg TID'), med('methylphenidate 10 mg BID')],
      }),
    }),
  );
  itFires(
    'is critical for tranylcypromine with pseudoephedrine',
    'serotonergic-maoi-combination',
    () => ({
      context: patient({
        medications: [med('tranylcypromine 10 mg BID'), med('Sudafed 60 mg q6h prn')],
      }),
    }),
  );
  itStaysSilent(
    'is silent for methylphenidate without an MAOI',
    'serotonergic-maoi-combination',
    () => ({ context: patient({ medications: [med('methylphenidate 10 mg BID')] }) }),
  );
  itFires(
    'is critical when phenelzine starts 3 weeks after fluoxetine stopped',
    'maoi-washout',
    () => ({
      context: patient({
        medications: [
          med('fluoxetine 40 mg daily', {
            start: '2025-01-01',
            end: '2026-05-11',
            status: 'stopped',
          }),
          med('phenelzine 15 mg TID', { start: '2026-05-28' }),
        ],
      }),
    }),
  );
  itStaysSilent(
    'is silent when phenelzine starts 6 weeks after fluoxetine stopped',
    'maoi-washout',
    () => ({
      context: patient({
        medications: [
          med('fluoxetine 40 mg daily', {
            start: '2025-01-01',
            end: '2026-04-15',
            status: 'stopped',
          }),
          med('phenelzine 15 mg TID', { start: '2026-05-28' }),
        ],
      }),
    }),
  );
  itFires(
    'is critical for sertraline started a week after phenelzine stopped',
    'maoi-washout',
    () => ({
      context: patient({
        medications: [
          med('phenelzine 15 mg TID', {
            start: '2025-01-01',
            end: '2026-05-20',
            status: 'stopped',
          }),
          med('sertraline 50 mg daily', { start: '2026-05-27' }),
        ],
      }),
    }),
  );
  itStaysSilent('does not count a stopped drug without an end date', 'maoi-washout', () => ({
    context: patient({
      medications: [
        med('fluoxetine 40 mg daily', { status: 'stopped' }),
        med('phenelzine 15 mg TID', { start: '2026-05-28' }),
      ],
    }),
  }));
  itFires(
    'warns about two serotonergic antidepressants at antidepressant doses',
    'serotonergic-antidepressant-combination',
    () => ({
      context: patient({
        medications: [med('sertraline 100 mg daily'), med('venlafaxine XR 150 mg daily')],
      }),
    }),
  );
  itStaysSilent(
    'does not count trazodone 50 mg for sleep as a second antidepressant',
    'serotonergic-antidepressant-combination',
    () => ({
      context: patient({
        medications: [med('sertraline 100 mg daily'), med('trazodone 50 mg qhs')],
      }),
    }),
  );
});
