import { describe, expect } from 'vitest';
import { itFires, itStaysSilent, lab, med, patient } from './builders';

describe('carbamazepine rules', () => {
  itFires(
    'mentions HLA-B*15:02 for a recent carbamazepine start, as information only',
    'carbamazepine-hla-b1502',
    () => ({
      context: patient({ medications: [med('Tegretol XR 200 mg BID', { start: '2026-05-01' })] }),
    }),
    (card) => expect(card.indicator).toBe('info'),
  );
  itStaysSilent('is silent a year into treatment', 'carbamazepine-hla-b1502', () => ({
    context: patient({ medications: [med('Tegretol XR 200 mg BID', { start: '2025-01-01' })] }),
  }));

  itFires('asks for a blood count when none is on record', 'carbamazepine-cbc-due', () => ({
    context: patient({ medications: [med('carbamazepine 200 mg BID', { start: '2026-01-01' })] }),
  }));
  itStaysSilent('is silent with a recent CBC', 'carbamazepine-cbc-due', () => ({
    context: patient({
      medications: [med('carbamazepine 200 mg BID', { start: '2026-01-01' })],
      monitoring: [lab('cbc', '2026-04-01')],
    }),
  }));

  itFires(
    'warns that carbamazepine lowers an oral contraceptive and lamotrigine',
    'carbamazepine-interaction',
    () => ({
      context: patient({
        medications: [
          med('carbamazepine 200 mg BID'),
          med('ethinyl estradiol 0.03 mg daily'),
          med('lamotrigine 100 mg daily'),
        ],
      }),
    }),
  );
  itStaysSilent('is silent for carbamazepine alone', 'carbamazepine-interaction', () => ({
    context: patient({ medications: [med('carbamazepine 200 mg BID')] }),
  }));
  itFires('asks for a sodium on oxcarbazepine', 'carbamazepine-sodium-due', () => ({
    context: patient({ medications: [med('oxcarbazepine 300 mg BID', { start: '2026-01-01' })] }),
  }));
  itStaysSilent(
    'is satisfied by a sodium since carbamazepine began',
    'carbamazepine-sodium-due',
    () => ({
      context: patient({
        medications: [med('carbamazepine 200 mg BID', { start: '2026-01-01' })],
        monitoring: [lab('sodium', '2026-02-01', 139, 'mmol/L')],
      }),
    }),
  );
});
