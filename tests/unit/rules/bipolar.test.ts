import { describe } from 'vitest';
import { icd, itFires, itStaysSilent, med, patient } from './builders';

describe('bipolar rules', () => {
  itFires(
    'warns about sertraline alone in bipolar I disorder',
    'bipolar-antidepressant-without-antimanic',
    () => ({
      context: patient({
        conditions: [icd('F31.32', 'Bipolar I disorder, current episode depressed, moderate')],
        medications: [med('sertraline 100 mg daily')],
      }),
    }),
  );
  itStaysSilent(
    'is silent when lithium is on board',
    'bipolar-antidepressant-without-antimanic',
    () => ({
      context: patient({
        conditions: [icd('F31.32', 'Bipolar I disorder, current episode depressed')],
        medications: [med('sertraline 100 mg daily'), med('lithium carbonate 300 mg BID')],
      }),
    }),
  );
  itStaysSilent(
    'is silent with quetiapine as the antimanic agent',
    'bipolar-antidepressant-without-antimanic',
    () => ({
      context: patient({
        conditions: [icd('F31.9', 'Bipolar disorder, unspecified')],
        medications: [med('escitalopram 10 mg daily'), med('quetiapine 300 mg qhs')],
      }),
    }),
  );
  itStaysSilent(
    'does not count lamotrigine as antimanic but is silent for bipolar II',
    'bipolar-antidepressant-without-antimanic',
    () => ({
      context: patient({
        conditions: [icd('F31.81', 'Bipolar II disorder')],
        medications: [med('bupropion XL 300 mg daily'), med('lamotrigine 200 mg daily')],
      }),
    }),
  );
  itFires(
    'counts lamotrigine as no antimanic agent in bipolar I',
    'bipolar-antidepressant-without-antimanic',
    () => ({
      context: patient({
        conditions: [icd('F31.9', 'Bipolar I disorder')],
        medications: [med('bupropion XL 300 mg daily'), med('lamotrigine 200 mg daily')],
      }),
    }),
  );
});
