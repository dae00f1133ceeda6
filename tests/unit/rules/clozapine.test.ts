import { describe } from 'vitest';
import { itFires, itStaysSilent, lab, med, patient } from './builders';

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

  itFires('warns about an ANC of 1.2 × 10³/µL', 'clozapine-anc-low', () => ({
    context: patient({
      medications: [clozapine()],
      monitoring: [lab('anc', '2026-05-28', 1.2, '10*3/uL')],
    }),
  }));
  itStaysSilent('is silent at 2.5 × 10³/µL', 'clozapine-anc-low', () => ({
    context: patient({
      medications: [clozapine()],
      monitoring: [lab('anc', '2026-05-28', 2.5, '10^3/uL')],
    }),
  }));
});
