import { describe, expect } from 'vitest';
import { itFires, itStaysSilent, lab, med, patient } from './builders';

const lithium = (start = '2023-01-01') =>
  med('Lithium carbonate 300 mg cap, 2 caps PO BID', { start });

describe('lithium rules', () => {
  itFires(
    'warns when lithium has no level in 6 months',
    'lithium-level-due',
    () => ({
      context: patient({
        medications: [lithium()],
        monitoring: [lab('lithium-level', '2025-11-01', 0.7)],
      }),
    }),
    (card) => expect(card.evidence.join(' ')).toContain('lithium level'),
  );
  itStaysSilent('is silent with a level 10 weeks ago on maintenance', 'lithium-level-due', () => ({
    context: patient({
      medications: [lithium()],
      monitoring: [lab('lithium-level', '2026-03-20', 0.7)],
    }),
  }));
  itStaysSilent('does not ask for a level in the first week', 'lithium-level-due', () => ({
    context: patient({ medications: [lithium('2026-05-29')] }),
  }));
  itFires('asks for 3-monthly levels at age 65 or older', 'lithium-level-due', () => ({
    context: patient({
      birthDate: '1950-01-01',
      medications: [lithium()],
      monitoring: [lab('lithium-level', '2026-01-15', 0.7)],
    }),
  }));

  itFires(
    'lists renal, thyroid and calcium tests that are overdue',
    'lithium-labs-due',
    () => ({
      context: patient({
        medications: [lithium()],
        monitoring: [
          lab('egfr', '2026-03-01', 80),
          lab('tsh', '2025-01-01', 2),
          lab('calcium', '2026-03-01', 2.4),
        ],
      }),
    }),
    (card) => expect(card.summary).toContain('TSH'),
  );
  itStaysSilent('is silent when all lithium labs are recent', 'lithium-labs-due', () => ({
    context: patient({
      medications: [lithium()],
      monitoring: [
        lab('creatinine', '2026-03-01', 80),
        lab('tsh', '2026-03-01', 2),
        lab('calcium', '2026-03-01', 2.4),
      ],
    }),
  }));

  itFires('flags a lithium level of 1.7 mmol/L as critical', 'lithium-level-toxic', () => ({
    context: patient({
      medications: [lithium()],
      monitoring: [lab('lithium-level', '2026-05-28', 1.7, 'mmol/L')],
    }),
  }));
  itStaysSilent('is silent at 0.8 mmol/L', 'lithium-level-toxic', () => ({
    context: patient({
      medications: [lithium()],
      monitoring: [lab('lithium-level', '2026-05-28', 0.8, 'mmol/L')],
    }),
  }));

  itFires('warns about lithium with hydrochlorothiazide', 'lithium-interaction', () => ({
    context: patient({ medications: [lithium(), med('HCTZ 25 mg PO daily')] }),
  }));
  itStaysSilent('ignores drugs that do not raise lithium', 'lithium-interaction', () => ({
    context: patient({ medications: [lithium(), med('amlodipine 5 mg daily')] }),
  }));

  itFires(
    'asks for 3-monthly levels in maintenance when the last level was 0.8 mmol/L or more',
    'lithium-level-due',
    () => ({
      context: patient({
        medications: [med('lithium carbonate 300 mg BID', { start: '2023-01-01' })],
        monitoring: [lab('lithium-level', '2026-01-15', 0.9, 'mmol/L')],
      }),
    }),
  );
  itStaysSilent(
    'keeps the 6-monthly maintenance interval when the last level was 0.6 mmol/L',
    'lithium-level-due',
    () => ({
      context: patient({
        medications: [med('lithium carbonate 300 mg BID', { start: '2023-01-01' })],
        monitoring: [lab('lithium-level', '2026-01-15', 0.6, 'mmol/L')],
      }),
    }),
  );
  itFires(
    'warns about a level of 1.2 mmol/L (above the maintenance range)',
    'lithium-level-above-range',
    () => ({
      context: patient({
        medications: [med('lithium carbonate 300 mg BID', { start: '2023-01-01' })],
        monitoring: [lab('lithium-level', '2026-05-25', 1.2, 'mmol/L')],
      }),
    }),
  );
  itStaysSilent(
    'leaves a level of 1.6 mmol/L to the critical toxicity card',
    'lithium-level-above-range',
    () => ({
      context: patient({
        medications: [med('lithium carbonate 300 mg BID', { start: '2023-01-01' })],
        monitoring: [lab('lithium-level', '2026-05-25', 1.6, 'mmol/L')],
      }),
    }),
  );
  itStaysSilent('does not call a level of exactly 1.5 mmol/L toxic', 'lithium-level-toxic', () => ({
    context: patient({
      medications: [med('lithium carbonate 300 mg BID', { start: '2023-01-01' })],
      monitoring: [lab('lithium-level', '2026-05-25', 1.5, 'mmol/L')],
    }),
  }));
  itFires('asks for a level a week after a dose change', 'lithium-level-after-dose-change', () => ({
    context: patient({
      medications: [
        med('lithium carbonate 300 mg BID', { start: '2025-01-01', status: 'completed' }),
        med('lithium carbonate 450 mg BID', { start: '2026-05-10' }),
      ],
      monitoring: [lab('lithium-level', '2026-04-01', 0.6, 'mmol/L')],
    }),
  }));
  itStaysSilent(
    'is satisfied by a level drawn after the dose change',
    'lithium-level-after-dose-change',
    () => ({
      context: patient({
        medications: [
          med('lithium carbonate 300 mg BID', { start: '2025-01-01', status: 'completed' }),
          med('lithium carbonate 450 mg BID', { start: '2026-05-10' }),
        ],
        monitoring: [lab('lithium-level', '2026-05-18', 0.7, 'mmol/L')],
      }),
    }),
  );

  itStaysSilent(
    'does not take the first order as the start when a lithium level predates it',
    'lithium-level-due',
    () => ({
      context: patient({
        medications: [
          { ...med('lithium carbonate 300 mg BID', { start: '2026-05-10' }), startBasis: 'order' },
        ],
        monitoring: [lab('lithium-level', '2026-03-01', 0.6, 'mmol/L')],
      }),
    }),
  );
  itFires('asks for the first level a week after a documented start', 'lithium-level-due', () => ({
    context: patient({
      medications: [
        { ...med('lithium carbonate 300 mg BID', { start: '2026-05-10' }), startBasis: 'order' },
      ],
    }),
  }));
});
