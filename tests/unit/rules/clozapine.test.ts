import { describe } from 'vitest';
import { icd, itFires, itStaysSilent, lab, med, patient } from './builders';

describe('clozapine rules', () => {
  const clozapine = () => med('clozapine 100 mg BID', { start: '2026-03-01' });

  itFires(
    'warns when the weekly ANC is overdue in the first 6 months',
    'clozapine-anc-due',
    () => ({
      context: patient({
        medications: [clozapine()],
        monitoring: [lab('anc', '2026-05-20', 3200)],
      }),
    }),
  );
  itStaysSilent('is silent with an ANC this week', 'clozapine-anc-due', () => ({
    context: patient({ medications: [clozapine()], monitoring: [lab('anc', '2026-05-28', 3200)] }),
  }));

  itFires(
    'asks for ANC three times a week at 1.2 × 10³/µL (mild neutropenia)',
    'clozapine-anc-mild-neutropenia',
    () => ({
      context: patient({
        medications: [clozapine()],
        monitoring: [lab('anc', '2026-05-28', 1.2, '10*3/uL')],
      }),
    }),
  );
  itStaysSilent(
    'is silent about mild neutropenia at 2.5 × 10³/µL',
    'clozapine-anc-mild-neutropenia',
    () => ({
      context: patient({
        medications: [clozapine()],
        monitoring: [lab('anc', '2026-05-28', 2.5, '10^3/uL')],
      }),
    }),
  );
  itFires(
    'says to interrupt clozapine at an ANC of 800/µL (moderate neutropenia)',
    'clozapine-anc-interrupt',
    () => ({
      context: patient({
        medications: [clozapine()],
        monitoring: [lab('anc', '2026-05-28', 800, '/uL')],
      }),
    }),
  );
  itFires(
    'says to interrupt clozapine at 0.4 x10^9/L in benign ethnic neutropenia (severe)',
    'clozapine-anc-interrupt',
    () => ({
      context: patient({
        medications: [clozapine()],
        conditions: [icd('D72.819', 'Benign ethnic neutropenia')],
        monitoring: [lab('anc', '2026-05-28', 0.4, 'x10^9/L')],
      }),
    }),
  );
  itStaysSilent(
    'does not interrupt at 800/µL in benign ethnic neutropenia',
    'clozapine-anc-interrupt',
    () => ({
      context: patient({
        medications: [clozapine()],
        conditions: [icd('D72.819', 'Benign ethnic neutropenia')],
        monitoring: [lab('anc', '2026-05-28', 800, '/uL')],
      }),
    }),
  );
  itFires(
    'asks for a hematology consult at 800/µL in benign ethnic neutropenia',
    'clozapine-anc-ben-neutropenia',
    () => ({
      context: patient({
        medications: [clozapine()],
        conditions: [icd('D72.819', 'Benign ethnic neutropenia')],
        monitoring: [lab('anc', '2026-05-28', 0.8, 'K/uL')],
      }),
    }),
  );
  itStaysSilent(
    'is silent at 1,200/µL in benign ethnic neutropenia (normal for BEN)',
    'clozapine-anc-ben-neutropenia',
    () => ({
      context: patient({
        medications: [clozapine()],
        conditions: [icd('D72.819', 'Benign ethnic neutropenia')],
        monitoring: [lab('anc', '2026-05-28', 1200, '/uL')],
      }),
    }),
  );
  itStaysSilent(
    'does not read an ANC due weekly from a refill-only history',
    'clozapine-anc-due',
    () => ({
      context: patient({
        medications: [
          { ...med('clozapine 100 mg BID', { start: '2026-05-01' }), startBasis: 'refill' },
        ],
        monitoring: [lab('anc', '2026-05-15', 3200)],
      }),
    }),
  );
});
