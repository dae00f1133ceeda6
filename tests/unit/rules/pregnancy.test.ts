import { describe, expect, it } from 'vitest';
import { evaluate, icd, itFires, itStaysSilent, med, patient, score } from './builders';

describe('pregnancy rules', () => {
  itFires('flags valproate in pregnancy as critical', 'valproate-pregnancy', () => ({
    context: patient({
      birthDate: '1995-01-01',
      pregnant: true,
      medications: [med('Depakote 500 mg BID')],
    }),
  }));
  itFires('reads pregnancy from a Z33.1 code', 'valproate-pregnancy', () => ({
    context: patient({
      birthDate: '1995-01-01',
      conditions: [icd('Z33.1', 'Pregnant state')],
      medications: [med('Depakote 500 mg BID')],
    }),
  }));
  itStaysSilent('is silent when the chart says not pregnant', 'valproate-pregnancy', () => ({
    context: patient({
      birthDate: '1995-01-01',
      pregnant: false,
      medications: [med('Depakote 500 mg BID')],
    }),
  }));
  it('replaces the contraception card with the pregnancy card', () => {
    const ids = evaluate({
      context: patient({
        birthDate: '1995-01-01',
        pregnant: true,
        medications: [med('Depakote 500 mg BID')],
      }),
    }).map((card) => card.id);
    expect(ids).not.toContain('valproate-childbearing-potential');
  });

  for (const [ruleId, line] of [
    ['paroxetine-pregnancy', 'paroxetine 20 mg daily'],
    ['lithium-pregnancy', 'lithium 300 mg BID'],
    ['carbamazepine-pregnancy', 'carbamazepine 200 mg BID'],
  ] as const) {
    itFires(
      `gives unverified information only for ${line} in pregnancy`,
      ruleId,
      () => ({
        context: patient({ pregnant: true, medications: [med(line)] }),
      }),
      (card) => expect(card.indicator).toBe('info'),
    );
    itStaysSilent(`is silent for ${line} outside pregnancy`, ruleId, () => ({
      context: patient({ pregnant: false, medications: [med(line)] }),
    }));
  }

  itFires('asks for a perinatal depression screen', 'perinatal-depression-screening', () => ({
    context: patient({ pregnant: true }),
  }));
  itStaysSilent('is silent with an EPDS this pregnancy', 'perinatal-depression-screening', () => ({
    context: patient({ pregnant: true, scores: [score('EPDS', '2026-04-01', 6)] }),
  }));
});
