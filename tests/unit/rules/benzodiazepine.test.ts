import { describe, expect } from 'vitest';
import { icd, itFires, itStaysSilent, med, patient, trend } from './builders';

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

  itFires(
    'treats a buprenorphine patch for pain with a benzodiazepine as an opioid combination',
    'benzodiazepine-opioid',
    () => ({
      context: patient({
        medications: [med('Butrans 10 mcg/hr transdermal patch weekly'), med('lorazepam 1 mg BID')],
      }),
    }),
  );
  itStaysSilent(
    'does not give the OUD-medication card for a pain patch',
    'benzodiazepine-oud-medication',
    () => ({
      context: patient({
        medications: [med('Butrans 10 mcg/hr transdermal patch weekly'), med('lorazepam 1 mg BID')],
      }),
    }),
  );
  itFires(
    'warns about pregabalin with oxycodone (FDA 2019)',
    'gabapentinoid-or-z-drug-with-opioid',
    () => ({
      context: patient({
        medications: [med('pregabalin 75 mg BID'), med('oxycodone 5 mg q6h prn pain')],
      }),
    }),
  );
  itFires('warns about zolpidem with methadone', 'gabapentinoid-or-z-drug-with-opioid', () => ({
    context: patient({ medications: [med('zolpidem 10 mg qhs'), med('methadone 60 mg daily')] }),
  }));
  itStaysSilent(
    'is silent for gabapentin without an opioid',
    'gabapentinoid-or-z-drug-with-opioid',
    () => ({ context: patient({ medications: [med('gabapentin 300 mg TID')] }) }),
  );
  itFires('warns about a positive AUDIT-C with a benzodiazepine', 'alcohol-with-sedatives', () => ({
    context: patient({ sex: 'female', medications: [med('clonazepam 0.5 mg BID')] }),
    trends: [trend('AUDIT-C', [['2026-04-01', 5]])],
  }));
  itStaysSilent(
    'is silent for an AUDIT-C of 3 in a man on an opioid',
    'alcohol-with-sedatives',
    () => ({
      context: patient({ sex: 'male', medications: [med('oxycodone 5 mg q6h prn pain')] }),
      trends: [trend('AUDIT-C', [['2026-04-01', 3]])],
    }),
  );
});
