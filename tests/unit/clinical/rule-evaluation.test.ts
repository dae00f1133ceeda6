import { describe, expect, it } from 'vitest';
import { factsKeyOf } from '../../../utils/clinical/rules';
import type { EvidenceLine } from '../../../utils/clinical/rules/types';
import { evaluate, med, NOW, patient } from '../rules/builders';

const serotonergic = (cards: ReturnType<typeof evaluate>) =>
  cards.filter((card) => card.id.startsWith('serotonergic-'));

describe('one rule evaluation', () => {
  it('keeps the facts key that stored dismissals were made on', () => {
    const evidence: EvidenceLine[] = [
      {
        key: 'ruleEvidenceMedicationDoseStarted',
        params: { drug: 'lithium', dose: 900, date: { date: '2026-01-02' } },
      },
      {
        key: 'ruleEvidenceLabValue',
        params: {
          lab: { message: 'ruleLabLithiumLevel' },
          value: 1.75,
          unit: 'mmol/L',
          date: { date: '2026-05-28' },
        },
      },
      { key: 'ruleEvidenceNeverMeasured', params: { instruments: { list: ['PHQ-9', 'PHQ-A'] } } },
    ];
    expect(factsKeyOf('lithium-level-toxic', evidence)).toBe('5b96fa04');
  });

  it('gives each patient their own cards when patients are evaluated one after another', () => {
    const onLinezolid = patient({
      medications: [med('sertraline 100 mg daily'), med('linezolid 600 mg BID')],
    });
    const onTramadol = patient({
      medications: [med('sertraline 50 mg daily'), med('tramadol 50 mg q6h prn pain')],
    });
    const first = evaluate({ context: onLinezolid });
    const second = evaluate({ context: onTramadol });
    expect(serotonergic(first).map((card) => card.id)).toEqual([
      'serotonergic-linezolid-methylene-blue',
    ]);
    expect(serotonergic(second).map((card) => card.id)).toEqual(['serotonergic-opioid']);
    expect(serotonergic(second)[0]?.evidence.join(' ')).not.toContain('linezolid');
    expect(evaluate({ context: onLinezolid })).toEqual(first);
  });

  it('reads the same chart afresh for another day', () => {
    const context = patient({
      medications: [
        med('sertraline 100 mg daily', { start: '2026-01-05' }),
        med('tramadol 50 mg q6h prn pain', { start: '2026-06-10' }),
      ],
    });
    expect(serotonergic(evaluate({ context, now: NOW }))).toEqual([]);
    expect(serotonergic(evaluate({ context, now: '2026-06-15' })).map((card) => card.id)).toEqual([
      'serotonergic-opioid',
    ]);
    expect(serotonergic(evaluate({ context, now: NOW }))).toEqual([]);
  });

  it('lists a few serotonergic pairs one by one, each drug once in the evidence', () => {
    const cards = evaluate({
      context: patient({
        medications: [
          med('phenelzine 15 mg TID'),
          med('sertraline 50 mg daily'),
          med('fluoxetine 20 mg daily'),
        ],
      }),
    });
    const card = cards.find((candidate) => candidate.id === 'serotonergic-maoi-combination');
    expect(card?.detail).toContain('Pairs: phenelzine + sertraline and fluoxetine + phenelzine.');
    expect(card?.evidence).toHaveLength(3);
  });

  it('names each drug once when a regimen makes many serotonergic pairs', () => {
    const partners = [
      'sertraline',
      'fluoxetine',
      'citalopram',
      'paroxetine',
      'fluvoxamine',
      'venlafaxine',
      'duloxetine',
    ];
    const cards = evaluate({
      context: patient({
        medications: [
          med('phenelzine 15 mg TID'),
          ...partners.map((drug) => med(`${drug} 20 mg daily`)),
        ],
      }),
    });
    const card = cards.find((candidate) => candidate.id === 'serotonergic-maoi-combination');
    expect(card?.indicator).toBe('critical');
    expect(card?.detail).toContain('Pairs: 7 combinations among phenelzine, ');
    expect(card?.detail).not.toContain(' + ');
    const named = card?.detail.split('combinations among ')[1] ?? '';
    for (const drug of ['phenelzine', ...partners]) {
      expect(named.split(drug)).toHaveLength(2);
      expect(card?.evidence.filter((line) => line.startsWith(`${drug} `))).toHaveLength(1);
    }
    expect(card?.evidence).toHaveLength(partners.length + 1);
  });
});
