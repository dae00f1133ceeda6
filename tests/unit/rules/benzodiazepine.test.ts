import { describe, expect } from 'vitest';
import { icd, itFires, itStaysSilent, med, patient } from './builders';

describe('benzodiazepine rules', () => {
  itFires('flags alprazolam with oxycodone as critical', 'benzodiazepine-opioid', () => ({
    context: patient({
      medications: [med('Xanax 0.5 mg TID prn'), med('oxycodone 5 mg q6h prn pain')],
    }),
  }));
  itStaysSilent('is silent for alprazolam alone', 'benzodiazepine-opioid', () => ({
    context: patient({ medications: [med('Xanax 0.5 mg TID prn')] }),
  }));
  itStaysSilent(
    'does not treat buprenorphine-naloxone as an opioid analgesic',
    'benzodiazepine-opioid',
    () => ({
      context: patient({
        medications: [med('clonazepam 0.5 mg BID'), med('Suboxone 8-2 mg SL film daily')],
      }),
    }),
  );

  itFires(
    'warns to manage, not withhold, Suboxone with clonazepam',
    'benzodiazepine-oud-medication',
    () => ({
      context: patient({
        medications: [med('clonazepam 0.5 mg BID'), med('Suboxone 8-2 mg SL film daily')],
      }),
    }),
    (card) => expect(card.indicator).toBe('warning'),
  );
  itStaysSilent(
    'is silent for clonazepam with naltrexone',
    'benzodiazepine-oud-medication',
    () => ({
      context: patient({
        medications: [med('clonazepam 0.5 mg BID'), med('naltrexone 50 mg daily')],
      }),
    }),
  );

  itFires(
    'asks for a review after 3 months of lorazepam',
    'benzodiazepine-long-term-review',
    () => ({
      context: patient({ medications: [med('lorazepam 1 mg BID', { start: '2025-10-01' })] }),
    }),
  );
  itStaysSilent('is silent in the first month', 'benzodiazepine-long-term-review', () => ({
    context: patient({ medications: [med('lorazepam 1 mg BID', { start: '2026-05-01' })] }),
  }));

  itFires(
    'gives only unverified information for a benzodiazepine in PTSD',
    'benzodiazepine-ptsd',
    () => ({
      context: patient({
        medications: [med('clonazepam 1 mg qhs')],
        conditions: [icd('F43.10', 'PTSD')],
      }),
    }),
    (card) => expect(card.indicator).toBe('info'),
  );
  itStaysSilent('is silent without PTSD', 'benzodiazepine-ptsd', () => ({
    context: patient({ medications: [med('clonazepam 1 mg qhs')] }),
  }));
});
