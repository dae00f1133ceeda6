import { describe, expect, it } from 'vitest';
import {
  clearText,
  freshStorage,
  IMOGEN,
  ORIGIN,
  patientKeyOf,
  rawContents,
  score,
} from './helpers';

describe('audit log', () => {
  it('records events newest first with type, time, hashed key, rule id and reason', async () => {
    const { storage, clock } = freshStorage(new Date('2025-06-01T09:00:00Z'));
    const key = await patientKeyOf(storage, IMOGEN);
    await storage.audit({ type: 'shown', patientKey: key, ruleId: 'safety-phq9-item9' });
    clock.now = new Date('2025-06-01T09:01:00Z');
    await storage.audit({
      type: 'dismissed',
      patientKey: key,
      ruleId: 'safety-phq9-item9',
      reason: 'patient-at-acceptable-risk',
    });
    clock.now = new Date('2025-06-01T09:02:00Z');
    await storage.audit({
      type: 'snoozed',
      patientKey: key,
      ruleId: 'measurement-gad7-due',
      reason: 'snooze',
    });

    const entries = await storage.readAudit({ limit: 2 });
    expect(entries.map((entry) => [entry.type, entry.ruleId, entry.reason])).toEqual([
      ['snoozed', 'measurement-gad7-due', 'snooze'],
      ['dismissed', 'safety-phq9-item9', 'patient-at-acceptable-risk'],
    ]);
    expect(entries[0]?.at).toBe('2025-06-01T09:02:00.000Z');
    expect(entries[0]?.patientKey).toBe(key);
    await storage.close();
  });

  it('refuses free text, names and MRNs in place of codes', async () => {
    const { storage } = freshStorage();
    const key = await patientKeyOf(storage, IMOGEN);
    await expect(storage.audit({ type: 'shown', patientKey: 'QF-448812' })).rejects.toThrow(
      /patient key/,
    );
    await expect(
      storage.audit({
        type: 'shown',
        patientKey: key,
        ruleId: 'Imogen Quillfeather said she is fine',
      }),
    ).rejects.toThrow(/rule id/);
    await expect(
      storage.audit({ type: 'dismissed', patientKey: key, reason: 'she is fine' as never }),
    ).rejects.toThrow(/override reason/);
    await expect(storage.audit({ type: 'viewed-chart' as never, patientKey: key })).rejects.toThrow(
      /audit event type/,
    );
    expect(await storage.readAudit()).toEqual([]);
    await storage.close();
  });

  it('never leaves a name, MRN, birth date, score or chart text in clear anywhere in storage', async () => {
    const { storage, name } = freshStorage();
    const key = await patientKeyOf(storage, IMOGEN);
    await storage.rememberPatient(key, ORIGIN, IMOGEN);
    await storage.addScores(key, [
      {
        ...score('PHQ-9', '2025-05-02', 21, 'page'),
        provenance: { source: 'page', via: 'demo-ehr #scores' },
      },
    ]);
    await storage.saveSafetyPlan(key, { reasonsForLiving: ['Quillfeather family farm'] }, 0);
    await storage.dismissPrompt(key, {
      ruleId: 'monitoring-lithium-level',
      factsKey: 'lithium-carbonate-300',
      reason: 'not-applicable',
      until: null,
      at: '2025-05-02T10:00:00.000Z',
    });
    await storage.audit({ type: 'shown', patientKey: key, ruleId: 'monitoring-lithium-level' });
    await storage.exportPatient(key);

    const text = clearText(await rawContents(name)).join('\n');
    for (const secret of [
      'Imogen',
      'Quillfeather',
      'QF-448812',
      '1984-03-09',
      'PHQ-9',
      'demo-ehr',
      'lithium',
      'farm',
      ORIGIN,
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    // The scan itself works: the hashed key is there in clear, as designed.
    expect(text).toContain(key);
    await storage.close();
  });
});
