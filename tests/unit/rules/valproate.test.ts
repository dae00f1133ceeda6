import { describe } from 'vitest';
import { itFires, itStaysSilent, lab, med, patient } from './builders';

describe('valproate rules', () => {
  itFires(
    'reminds about contraception for a 30-year-old woman on Depakote',
    'valproate-childbearing-potential',
    () => ({
      context: patient({
        birthDate: '1996-02-01',
        sex: 'female',
        medications: [med('Depakote ER 500mg 2 tabs qhs')],
      }),
    }),
  );
  itStaysSilent('is silent for a man on valproate', 'valproate-childbearing-potential', () => ({
    context: patient({
      birthDate: '1996-02-01',
      sex: 'male',
      medications: [med('Depakote ER 500mg 2 tabs qhs')],
    }),
  }));

  itFires('asks for liver tests and a blood count on valproate', 'valproate-labs-due', () => ({
    context: patient({
      sex: 'male',
      medications: [med('divalproex 500 mg BID', { start: '2025-01-01' })],
    }),
  }));
  itStaysSilent('is silent with recent ALT and platelets', 'valproate-labs-due', () => ({
    context: patient({
      sex: 'male',
      medications: [med('divalproex 500 mg BID', { start: '2025-01-01' })],
      monitoring: [lab('alt', '2026-03-01', 22), lab('platelets', '2026-03-01', 240)],
    }),
  }));
});
