import { describe, expect } from 'vitest';
import { icd, itFires, itStaysSilent, lab, med, patient } from './builders';

describe('stimulant rules', () => {
  itFires(
    'asks for blood pressure after 6 months on methylphenidate',
    'stimulant-vitals-due',
    () => ({
      context: patient({
        medications: [med('Concerta 36 mg qAM')],
        monitoring: [
          lab('bp-systolic', '2025-10-01', 118),
          lab('heart-rate', '2026-04-01', 80),
          lab('weight', '2026-04-01', 60),
        ],
      }),
    }),
    (card) => expect(card.summary).toContain('blood pressure'),
  );
  itStaysSilent('is silent when vitals are recent', 'stimulant-vitals-due', () => ({
    context: patient({
      medications: [med('Concerta 36 mg qAM')],
      monitoring: [
        lab('bp-systolic', '2026-04-01', 118),
        lab('heart-rate', '2026-04-01', 80),
        lab('weight', '2026-04-01', 60),
      ],
    }),
  }));

  itFires(
    'warns about a stimulant with a stimulant use disorder',
    'stimulant-substance-use',
    () => ({
      context: patient({
        medications: [med('Adderall XR 20 mg qAM')],
        conditions: [icd('F14.20', 'Cocaine dependence')],
      }),
    }),
  );
  itStaysSilent('is silent without a substance use disorder', 'stimulant-substance-use', () => ({
    context: patient({ medications: [med('Adderall XR 20 mg qAM')] }),
  }));

  itFires('notes mania risk with bipolar disorder', 'stimulant-bipolar', () => ({
    context: patient({
      medications: [med('Vyvanse 30 mg daily')],
      conditions: [icd('F31.81', 'Bipolar II')],
    }),
  }));
  itStaysSilent('is silent without bipolar disorder', 'stimulant-bipolar', () => ({
    context: patient({
      medications: [med('Vyvanse 30 mg daily')],
      conditions: [icd('F90.0', 'ADHD')],
    }),
  }));

  itFires('flags viloxazine with an MAOI as critical', 'viloxazine-contraindicated', () => ({
    context: patient({ medications: [med('Qelbree 200 mg daily'), med('phenelzine 15 mg TID')] }),
  }));
  itStaysSilent('is silent for viloxazine with sertraline', 'viloxazine-contraindicated', () => ({
    context: patient({ medications: [med('Qelbree 200 mg daily'), med('sertraline 50 mg daily')] }),
  }));
});
