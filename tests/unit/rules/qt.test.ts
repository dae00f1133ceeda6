import { describe, expect, it } from 'vitest';
import { evaluate, icd, itFires, itStaysSilent, lab, med, patient } from './builders';

describe('QT rules', () => {
  itFires('flags citalopram 60 mg/day as critical', 'citalopram-max-dose', () => ({
    context: patient({ medications: [med('citalopram 20 mg 3 tabs daily')] }),
  }));
  itStaysSilent('is silent at 40 mg/day', 'citalopram-max-dose', () => ({
    context: patient({ medications: [med('Celexa 40 mg daily')] }),
  }));

  itFires('flags citalopram 40 mg/day at age 70', 'citalopram-max-dose-over-60', () => ({
    context: patient({ birthDate: '1956-01-01', medications: [med('Celexa 40 mg daily')] }),
  }));
  itStaysSilent('is silent at 20 mg/day at age 70', 'citalopram-max-dose-over-60', () => ({
    context: patient({ birthDate: '1956-01-01', medications: [med('Celexa 20 mg daily')] }),
  }));
  it('shows one citalopram dose card, the age-specific one, for 60 mg at age 70', () => {
    const ids = evaluate({
      context: patient({ birthDate: '1956-01-01', medications: [med('citalopram 60 mg daily')] }),
    }).map((card) => card.id);
    expect(ids).toContain('citalopram-max-dose-over-60');
    expect(ids).not.toContain('citalopram-max-dose');
  });

  itFires('warns about citalopram with long QT syndrome', 'citalopram-long-qt', () => ({
    context: patient({
      medications: [med('citalopram 20 mg daily')],
      conditions: [icd('I45.81', 'Long QT syndrome')],
    }),
  }));
  itStaysSilent('is silent without long QT', 'citalopram-long-qt', () => ({
    context: patient({ medications: [med('citalopram 20 mg daily')] }),
  }));

  itFires('notes two QT-prolonging drugs together', 'qt-prolonging-combination', () => ({
    context: patient({
      medications: [med('methadone 60 mg daily'), med('ondansetron 4 mg q8h prn nausea')],
    }),
  }));
  itStaysSilent('is silent with one QT-prolonging drug', 'qt-prolonging-combination', () => ({
    context: patient({ medications: [med('methadone 60 mg daily')] }),
  }));

  itFires('asks for an ECG before ziprasidone', 'antipsychotic-ecg-before-start', () => ({
    context: patient({ medications: [med('Geodon 40 mg BID')] }),
  }));
  itStaysSilent('is silent with an ECG on record', 'antipsychotic-ecg-before-start', () => ({
    context: patient({
      medications: [med('Geodon 40 mg BID')],
      monitoring: [lab('qtc', '2026-04-01', 420, 'ms')],
    }),
  }));

  itFires(
    'is critical for a QTc of 520 ms on quetiapine (possible-risk category)',
    'qtc-over-500-with-qt-drug',
    () => ({
      context: patient({
        medications: [med('quetiapine 200 mg qhs')],
        monitoring: [lab('qtc', '2026-05-20', 520, 'ms')],
      }),
    }),
  );
  itFires(
    'is critical for a QTc of 510 ms with azithromycin and escitalopram',
    'qtc-over-500-with-qt-drug',
    () => ({
      context: patient({
        medications: [med('escitalopram 10 mg daily'), med('azithromycin 250 mg daily')],
        monitoring: [lab('qtc', '2026-05-20', 510, 'ms')],
      }),
    }),
  );
  itStaysSilent('is silent for a QTc of 470 ms on citalopram', 'qtc-over-500-with-qt-drug', () => ({
    context: patient({
      medications: [med('citalopram 20 mg daily')],
      monitoring: [lab('qtc', '2026-05-20', 470, 'ms')],
    }),
  }));
});
