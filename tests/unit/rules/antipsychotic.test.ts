import { describe, expect } from 'vitest';
import { icd, itFires, itStaysSilent, lab, med, patient } from './builders';

describe('antipsychotic rules', () => {
  itFires(
    'asks for the week-4 weight on quetiapine',
    'sga-weight-bp-due',
    () => ({
      context: patient({
        medications: [med('quetiapine 100 mg qhs', { start: '2026-04-20' })],
        monitoring: [lab('weight', '2026-04-18', 70), lab('bp-systolic', '2026-04-18', 120)],
      }),
    }),
    (card) => expect(card.summary).toContain('weight'),
  );
  itStaysSilent(
    'is silent when weight and blood pressure follow the schedule',
    'sga-weight-bp-due',
    () => ({
      context: patient({
        medications: [med('quetiapine 100 mg qhs', { start: '2026-04-20' })],
        monitoring: [lab('weight', '2026-05-20', 71), lab('bp-systolic', '2026-04-18', 120)],
      }),
    }),
  );

  itFires(
    'asks for the 12-week glucose and lipids on olanzapine',
    'sga-glucose-lipids-due',
    () => ({
      context: patient({
        medications: [med('olanzapine 10 mg qhs', { start: '2025-12-01' })],
        monitoring: [lab('glucose', '2025-11-28', 90), lab('lipids', '2025-11-28')],
      }),
    }),
  );
  itStaysSilent('is silent after the 12-week glucose and lipids', 'sga-glucose-lipids-due', () => ({
    context: patient({
      medications: [med('olanzapine 10 mg qhs', { start: '2025-12-01' })],
      monitoring: [lab('a1c', '2026-03-01', 5.4), lab('ldl', '2026-03-01', 100)],
    }),
  }));

  itFires('warns about risperidone in dementia', 'antipsychotic-dementia', () => ({
    context: patient({
      birthDate: '1940-01-01',
      medications: [med('risperidone 0.5 mg BID')],
      conditions: [icd('F03.90', 'Dementia')],
    }),
  }));
  itStaysSilent('is silent when schizophrenia is the indication', 'antipsychotic-dementia', () => ({
    context: patient({
      birthDate: '1940-01-01',
      medications: [med('risperidone 0.5 mg BID')],
      conditions: [icd('F03.90'), icd('F20.9', 'Schizophrenia')],
    }),
  }));
});
