import { describe } from 'vitest';
import { itFires, itStaysSilent, med, patient } from './builders';

describe('lamotrigine rules', () => {
  itFires('warns about lamotrigine with valproate', 'lamotrigine-with-valproate', () => ({
    context: patient({
      sex: 'male',
      medications: [med('lamotrigine 25 mg every other day'), med('Depakote 500 mg BID')],
    }),
  }));
  itStaysSilent('is silent for lamotrigine alone', 'lamotrigine-with-valproate', () => ({
    context: patient({ medications: [med('lamotrigine 100 mg daily')] }),
  }));

  itFires(
    'warns when lamotrigine is at 100 mg in week 3',
    'lamotrigine-titration-too-fast',
    () => ({
      context: patient({ medications: [med('Lamictal 100 mg daily', { start: '2026-05-18' })] }),
    }),
  );
  itFires('applies the halved schedule with valproate', 'lamotrigine-titration-too-fast', () => ({
    context: patient({
      sex: 'male',
      medications: [
        med('lamotrigine 50 mg daily', { start: '2026-05-18' }),
        med('valproic acid 250 mg TID'),
      ],
    }),
  }));
  itStaysSilent(
    'is silent at 50 mg in week 3 without valproate',
    'lamotrigine-titration-too-fast',
    () => ({
      context: patient({
        medications: [med('lamotrigine 25 mg 2 tabs daily', { start: '2026-05-18' })],
      }),
    }),
  );

  itFires(
    'notes an estrogen-containing contraceptive with lamotrigine',
    'lamotrigine-estrogen',
    () => ({
      context: patient({
        medications: [med('lamotrigine 200 mg daily'), med('Sprintec 1 tab PO daily')],
      }),
    }),
  );
  itStaysSilent('is silent without an estrogen', 'lamotrigine-estrogen', () => ({
    context: patient({ medications: [med('lamotrigine 200 mg daily')] }),
  }));
});
