import { describe, expect, it } from 'vitest';
import { evaluate, icd, itFires, itStaysSilent, lab, med, patient, score } from './builders';

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

  itFires(
    'gives unverified information only for paroxetine in pregnancy',
    'paroxetine-pregnancy',
    () => ({ context: patient({ pregnant: true, medications: [med('paroxetine 20 mg daily')] }) }),
    (card) => expect(card.indicator).toBe('info'),
  );
  itStaysSilent('is silent for paroxetine outside pregnancy', 'paroxetine-pregnancy', () => ({
    context: patient({ pregnant: false, medications: [med('paroxetine 20 mg daily')] }),
  }));

  itFires(
    'gives unverified information only for lithium in pregnancy',
    'lithium-pregnancy',
    () => ({ context: patient({ pregnant: true, medications: [med('lithium 300 mg BID')] }) }),
    (card) => expect(card.indicator).toBe('info'),
  );
  itStaysSilent('is silent for lithium outside pregnancy', 'lithium-pregnancy', () => ({
    context: patient({ pregnant: false, medications: [med('lithium 300 mg BID')] }),
  }));

  itFires(
    'is critical for carbamazepine in pregnancy',
    'carbamazepine-pregnancy',
    () => ({
      context: patient({ pregnant: true, medications: [med('carbamazepine 200 mg BID')] }),
    }),
    (card) => expect(card.indicator).toBe('critical'),
  );
  itFires(
    'is critical for valproate with a positive urine pregnancy test',
    'valproate-pregnancy',
    () => ({
      context: patient({
        medications: [med('divalproex 500 mg BID')],
        monitoring: [{ ...lab('pregnancy-test', '2026-05-20'), valueText: 'Positive' }],
      }),
    }),
  );
  itFires(
    'is critical for carbamazepine with a serum hCG of 1,200 IU/L',
    'carbamazepine-pregnancy',
    () => ({
      context: patient({
        medications: [med('carbamazepine 200 mg BID')],
        monitoring: [lab('pregnancy-test', '2026-05-20', 1200, 'IU/L')],
      }),
    }),
  );
  itStaysSilent(
    'is silent when the newest pregnancy test is negative',
    'carbamazepine-pregnancy',
    () => ({
      context: patient({
        medications: [med('carbamazepine 200 mg BID')],
        monitoring: [
          { ...lab('pregnancy-test', '2025-05-20'), valueText: 'Positive' },
          { ...lab('pregnancy-test', '2026-05-20'), valueText: 'Negative' },
        ],
      }),
    }),
  );
  itFires(
    'reads a supervision-of-pregnancy code (Z34.80) as pregnancy for valproate',
    'valproate-pregnancy',
    () => ({
      context: patient({
        medications: [med('valproic acid 250 mg TID')],
        conditions: [icd('Z34.80', 'Encounter for supervision of other normal pregnancy')],
      }),
    }),
  );
  itStaysSilent('is silent for carbamazepine outside pregnancy', 'carbamazepine-pregnancy', () => ({
    context: patient({ pregnant: false, medications: [med('carbamazepine 200 mg BID')] }),
  }));

  itFires('asks for a perinatal depression screen', 'perinatal-depression-screening', () => ({
    context: patient({ pregnant: true }),
  }));
  itStaysSilent('is silent with an EPDS this pregnancy', 'perinatal-depression-screening', () => ({
    context: patient({ pregnant: true, scores: [score('EPDS', '2026-04-01', 6)] }),
  }));
});
