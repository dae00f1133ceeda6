import { describe } from 'vitest';
import { itFires, itStaysSilent, lab, med, patient } from './builders';

const methadone = () => med('Methadone 80 mg PO daily', { start: '2026-01-01' });

describe('methadone rules', () => {
  itFires('asks for an ECG when methadone has none on record', 'methadone-ecg-due', () => ({
    context: patient({ medications: [methadone()] }),
  }));
  itStaysSilent('is silent with an ECG after the start', 'methadone-ecg-due', () => ({
    context: patient({ medications: [methadone()], monitoring: [lab('ecg', '2026-01-25')] }),
  }));

  itFires('flags a QTc over 500 ms on methadone as critical', 'methadone-qtc-over-500', () => ({
    context: patient({
      medications: [methadone()],
      monitoring: [lab('qtc', '2026-05-01', 512, 'ms')],
    }),
  }));
  itStaysSilent('is silent at a QTc of 480 ms', 'methadone-qtc-over-500', () => ({
    context: patient({
      medications: [methadone()],
      monitoring: [lab('qtc', '2026-05-01', 480, 'ms')],
    }),
  }));

  itFires('notes a QTc of 480 ms on methadone', 'methadone-qtc-450-500', () => ({
    context: patient({
      medications: [methadone()],
      monitoring: [lab('qtc', '2026-05-01', 480, 'ms')],
    }),
  }));
  itStaysSilent('is silent at a QTc of 430 ms', 'methadone-qtc-450-500', () => ({
    context: patient({
      medications: [methadone()],
      monitoring: [lab('qtc', '2026-05-01', 430, 'ms')],
    }),
  }));
});
