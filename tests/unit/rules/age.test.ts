import { describe } from 'vitest';
import { itFires, itStaysSilent, med, patient } from './builders';

describe('age rules', () => {
  itFires(
    'warns about a new antidepressant at age 19',
    'antidepressant-young-person-monitoring',
    () => ({
      context: patient({
        birthDate: '2007-03-01',
        medications: [med('sertraline 25 mg daily', { start: '2026-05-10' })],
      }),
    }),
  );
  itStaysSilent('is silent at age 30', 'antidepressant-young-person-monitoring', () => ({
    context: patient({
      birthDate: '1996-03-01',
      medications: [med('sertraline 25 mg daily', { start: '2026-05-10' })],
    }),
  }));

  itFires('warns about atomoxetine at age 12', 'adhd-non-stimulant-youth-suicidality', () => ({
    context: patient({ birthDate: '2014-01-01', medications: [med('Strattera 40 mg daily')] }),
  }));
  itStaysSilent(
    'is silent for atomoxetine at age 20',
    'adhd-non-stimulant-youth-suicidality',
    () => ({
      context: patient({ birthDate: '2006-01-01', medications: [med('Strattera 40 mg daily')] }),
    }),
  );

  itFires('applies Beers to zolpidem at age 70', 'beers-benzodiazepine-z-drug', () => ({
    context: patient({ birthDate: '1956-01-01', medications: [med('Ambien 5 mg qhs')] }),
  }));
  itStaysSilent('is silent for zolpidem at age 50', 'beers-benzodiazepine-z-drug', () => ({
    context: patient({ birthDate: '1976-01-01', medications: [med('Ambien 5 mg qhs')] }),
  }));

  itFires('applies Beers to diphenhydramine at age 72', 'beers-anticholinergic', () => ({
    context: patient({
      birthDate: '1954-01-01',
      medications: [med('Benadryl 25 mg qhs prn sleep')],
    }),
  }));
  itFires('applies Beers to doxepin above 6 mg/day', 'beers-anticholinergic', () => ({
    context: patient({ birthDate: '1954-01-01', medications: [med('doxepin 25 mg qhs')] }),
  }));
  itStaysSilent('does not apply Beers to low-dose doxepin (3 mg)', 'beers-anticholinergic', () => ({
    context: patient({ birthDate: '1954-01-01', medications: [med('Silenor 3 mg qhs')] }),
  }));
});
