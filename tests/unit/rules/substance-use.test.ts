import { describe } from 'vitest';
import { icd, itFires, itStaysSilent, lab, med, patient } from './builders';

describe('substance-use rules', () => {
  itFires('asks about naloxone with Suboxone', 'naloxone-with-opioids', () => ({
    context: patient({ medications: [med('Suboxone 8-2 mg SL film daily')] }),
  }));
  itStaysSilent('is silent when Narcan is on the list', 'naloxone-with-opioids', () => ({
    context: patient({
      medications: [
        med('Suboxone 8-2 mg SL film daily'),
        med('Narcan 4 mg nasal spray prn overdose'),
      ],
    }),
  }));

  itFires('reminds about overdose risk on naltrexone', 'naltrexone-overdose-risk', () => ({
    context: patient({ medications: [med('Vivitrol 380 mg IM q4 weeks')] }),
  }));
  itStaysSilent('is silent without naltrexone', 'naltrexone-overdose-risk', () => ({
    context: patient({ medications: [med('acamprosate 666 mg TID')] }),
  }));

  itFires('asks for HCV and HIV tests in opioid use disorder', 'oud-infection-screening', () => ({
    context: patient({ conditions: [icd('F11.20', 'Opioid use disorder, moderate')] }),
  }));
  itStaysSilent(
    'is silent when HCV and HIV results are on record',
    'oud-infection-screening',
    () => ({
      context: patient({
        conditions: [icd('F11.20')],
        monitoring: [lab('hcv', '2026-01-05'), lab('hiv', '2026-01-05')],
      }),
    }),
  );

  itFires('asks for urine drug testing on buprenorphine', 'oud-urine-drug-testing', () => ({
    context: patient({
      medications: [med('buprenorphine 8 mg SL daily', { start: '2026-01-01' })],
    }),
  }));
  itStaysSilent(
    'is silent with a urine drug test after the start',
    'oud-urine-drug-testing',
    () => ({
      context: patient({
        medications: [med('buprenorphine 8 mg SL daily', { start: '2026-01-01' })],
        monitoring: [lab('urine-drug-screen', '2026-05-05')],
      }),
    }),
  );

  itFires(
    'asks for urine drug testing again when the last test is more than 3 months old',
    'oud-urine-drug-testing',
    () => ({
      context: patient({
        medications: [med('buprenorphine 8 mg SL daily', { start: '2025-06-01' })],
        monitoring: [lab('urine-drug-screen', '2026-01-05')],
      }),
    }),
  );
  itStaysSilent(
    'does not treat a buprenorphine patch for pain as opioid use disorder care',
    'oud-urine-drug-testing',
    () => ({
      context: patient({ medications: [med('Butrans 10 mcg/hr transdermal patch weekly')] }),
    }),
  );
  itStaysSilent(
    'does not ask for HCV and HIV tests for Belbuca for chronic pain',
    'oud-infection-screening',
    () => ({ context: patient({ medications: [med('Belbuca 300 mcg buccal film BID')] }) }),
  );
  itStaysSilent('is satisfied by HCV and HIV tests on record', 'oud-infection-screening', () => ({
    context: patient({
      medications: [med('Suboxone 8-2 mg SL film daily')],
      monitoring: [lab('hcv', '2024-03-01'), lab('hiv', '2024-03-01')],
    }),
  }));
  itFires(
    'reminds about overdose risk when naltrexone has no reversal agent beside it',
    'naltrexone-overdose-risk',
    () => ({ context: patient({ medications: [med('Vivitrol 380 mg IM every 4 weeks')] }) }),
  );
  itStaysSilent(
    'stops warning about naltrexone once naloxone is listed',
    'naltrexone-overdose-risk',
    () => ({
      context: patient({
        medications: [med('Vivitrol 380 mg IM every 4 weeks'), med('Narcan 4 mg nasal spray prn')],
      }),
    }),
  );
});
