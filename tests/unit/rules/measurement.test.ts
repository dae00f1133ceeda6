import { describe, expect } from 'vitest';
import { icd, itFires, itStaysSilent, med, patient, score, trend } from './builders';

describe('measurement rules', () => {
  itFires(
    'lists the measures that are due',
    'measurement-due',
    () => ({
      context: patient(),
      trends: [trend('PHQ-9', [['2026-04-01', 12]], { due: true, dueDate: '2026-04-15' })],
    }),
    (card) => expect(card.summary).toContain('PHQ-9'),
  );
  itStaysSilent('is silent when nothing is due', 'measurement-due', () => ({
    context: patient(),
    trends: [trend('PHQ-9', [['2026-05-25', 12]], { due: false })],
  }));

  itFires(
    'warns when depression is treated but never measured with the PHQ-9',
    'depression-never-measured',
    () => ({
      context: patient({
        conditions: [icd('F33.1', 'Major depressive disorder, recurrent, moderate')],
      }),
    }),
  );
  itStaysSilent('is silent once a PHQ-9 is on record', 'depression-never-measured', () => ({
    context: patient({ conditions: [icd('F33.1')], scores: [score('PHQ-9', '2026-01-10', 15)] }),
  }));

  itFires('notes an anxiety disorder with no GAD-7', 'anxiety-never-measured', () => ({
    context: patient({ conditions: [icd('F41.1', 'Generalized anxiety disorder')] }),
  }));
  itStaysSilent('is silent with a GAD-7 trend', 'anxiety-never-measured', () => ({
    context: patient({ conditions: [icd('F41.1')] }),
    trends: [trend('GAD-7', [['2026-05-01', 11]])],
  }));

  itFires('notes PTSD with no PCL-5', 'ptsd-never-measured', () => ({
    context: patient({ conditions: [icd('F43.10', 'PTSD')] }),
  }));
  itStaysSilent('is silent with a PCL-5 on record', 'ptsd-never-measured', () => ({
    context: patient({ conditions: [icd('F43.10')], scores: [score('PCL-5', '2026-05-01', 44)] }),
  }));

  itFires(
    'suggests a bipolar screen around a new antidepressant',
    'bipolar-screen-before-antidepressant',
    () => ({
      context: patient({ medications: [med('sertraline 50 mg daily', { start: '2026-05-01' })] }),
    }),
  );
  itStaysSilent(
    'is silent when an MDQ is on record',
    'bipolar-screen-before-antidepressant',
    () => ({
      context: patient({
        medications: [med('sertraline 50 mg daily', { start: '2026-05-01' })],
        scores: [score('MDQ', '2026-04-28', 3)],
      }),
    }),
  );

  itStaysSilent(
    'does not make a single screening PCL-5 due every month',
    'measurement-due',
    () => ({
      context: patient(),
      trends: [trend('PCL-5', [['2025-11-01', 22]], { due: true, dueDate: '2025-12-01' })],
    }),
  );
  itFires('makes the PCL-5 due monthly once PTSD is diagnosed', 'measurement-due', () => ({
    context: patient({ conditions: [icd('F43.10', 'PTSD')] }),
    trends: [trend('PCL-5', [['2025-11-01', 42]], { due: true, dueDate: '2025-12-01' })],
  }));
});
