import { describe } from 'vitest';
import { icd, itFires, itStaysSilent, med, patient, therapy } from './builders';

describe('therapy-alignment rules', () => {
  itFires('prompts CBT-I for a patient on zolpidem', 'insomnia-without-cbt-i', () => ({
    context: patient({ medications: [med('zolpidem 5 mg qhs')] }),
  }));
  itFires('prompts CBT-I for quetiapine taken for sleep', 'insomnia-without-cbt-i', () => ({
    context: patient({ medications: [med('quetiapine 25-50 mg qhs prn sleep')] }),
  }));
  itStaysSilent('is silent when CBT-I is scheduled', 'insomnia-without-cbt-i', () => ({
    context: patient({
      conditions: [icd('F51.01', 'Primary insomnia')],
      therapies: [therapy('CBT-I', '2026-06-10', 'scheduled')],
    }),
  }));

  itFires(
    'flags PRN lorazepam during CBT for panic disorder',
    'prn-benzodiazepine-during-exposure',
    () => ({
      context: patient({
        medications: [med('lorazepam 0.5 mg PO q8h PRN anxiety')],
        conditions: [icd('F41.0', 'Panic disorder')],
        therapies: [therapy('CBT', '2026-05-15')],
      }),
    }),
  );
  itStaysSilent('is silent for scheduled lorazepam', 'prn-benzodiazepine-during-exposure', () => ({
    context: patient({
      medications: [med('lorazepam 0.5 mg PO TID')],
      conditions: [icd('F41.0')],
      therapies: [therapy('CBT', '2026-05-15')],
    }),
  }));

  itFires(
    'prompts a psychosocial therapy in bipolar disorder',
    'bipolar-without-psychosocial-therapy',
    () => ({
      context: patient({ conditions: [icd('F31.9', 'Bipolar disorder')] }),
    }),
  );
  itStaysSilent('is silent with IPSRT on record', 'bipolar-without-psychosocial-therapy', () => ({
    context: patient({ conditions: [icd('F31.9')], therapies: [therapy('IPSRT', '2026-05-01')] }),
  }));

  itFires(
    'prompts contingency management for stimulant use disorder',
    'stimulant-use-without-contingency-management',
    () => ({
      context: patient({ conditions: [icd('F15.20', 'Methamphetamine use disorder')] }),
    }),
  );
  itStaysSilent(
    'is silent with contingency management',
    'stimulant-use-without-contingency-management',
    () => ({
      context: patient({ conditions: [icd('F15.20')], therapies: [therapy('CM', '2026-05-01')] }),
    }),
  );

  itFires('prompts DBT or SPI after recent self-harm', 'self-harm-without-dbt-or-spi', () => ({
    context: patient({
      conditions: [icd('X78.0XXA', 'Intentional self-harm', { onset: '2026-03-01' })],
    }),
  }));
  itStaysSilent('is silent with DBT on record', 'self-harm-without-dbt-or-spi', () => ({
    context: patient({
      conditions: [icd('X78.0XXA', 'Intentional self-harm', { onset: '2026-03-01' })],
      therapies: [therapy('DBT', '2026-05-01')],
    }),
  }));

  itFires(
    'prompts trauma-focused therapy for PTSD on sertraline',
    'ptsd-medication-without-trauma-therapy',
    () => ({
      context: patient({
        conditions: [icd('F43.10')],
        medications: [med('sertraline 100 mg daily')],
      }),
    }),
  );
  itStaysSilent('is silent with CPT on record', 'ptsd-medication-without-trauma-therapy', () => ({
    context: patient({
      conditions: [icd('F43.10')],
      medications: [med('sertraline 100 mg daily')],
      therapies: [therapy('CPT', '2026-05-01')],
    }),
  }));
});
