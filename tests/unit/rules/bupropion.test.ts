import { describe } from 'vitest';
import { icd, itFires, itStaysSilent, med, patient } from './builders';

describe('bupropion rules', () => {
  itFires('flags bupropion with prior bulimia as critical', 'bupropion-eating-disorder', () => ({
    context: patient({
      medications: [med('Wellbutrin XL 150 mg daily')],
      conditions: [icd('F50.2', 'Bulimia nervosa', { status: 'resolved' })],
    }),
  }));
  itStaysSilent('is silent with depression only', 'bupropion-eating-disorder', () => ({
    context: patient({
      medications: [med('Wellbutrin XL 150 mg daily')],
      conditions: [icd('F32.1')],
    }),
  }));

  itFires('warns about bupropion with epilepsy', 'bupropion-seizure-disorder', () => ({
    context: patient({
      medications: [med('bupropion SR 150 mg BID')],
      conditions: [icd('G40.909', 'Epilepsy')],
    }),
  }));
  itStaysSilent('is silent without a seizure disorder', 'bupropion-seizure-disorder', () => ({
    context: patient({ medications: [med('bupropion SR 150 mg BID')] }),
  }));

  itFires('warns about bupropion 600 mg/day', 'bupropion-max-dose', () => ({
    context: patient({ medications: [med('bupropion XL 300 mg 2 tabs daily')] }),
  }));
  itStaysSilent('is silent at 450 mg/day', 'bupropion-max-dose', () => ({
    context: patient({ medications: [med('bupropion XL 150 mg 3 tabs daily')] }),
  }));
});
