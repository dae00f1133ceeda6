import { describe, expect, it } from 'vitest';
import {
  assessSafetyPlan,
  DEFAULT_CRISIS_CONTACTS,
  DEFAULT_SAFETY_PLAN_REVIEW_DAYS,
  emptySafetyPlan,
  needsNaloxone,
  SAFETY_PLAN_CODE_SYSTEM,
  type SafetyPlan,
  STANLEY_BROWN_STEPS,
  safetyPlanToFhir,
} from '../../../utils/clinical/safety-plan';
import {
  type ConditionEntry,
  emptyPatientContext,
  type MedicationEntry,
  type PatientContext,
} from '../../../utils/clinical/types';

function medication(fields: Partial<MedicationEntry>): MedicationEntry {
  return {
    text: fields.ingredient ?? 'unknown',
    ingredient: null,
    rxnorm: null,
    class: null,
    strengthMg: null,
    dosesPerDay: null,
    dailyDoseMg: null,
    route: null,
    prn: false,
    status: 'active',
    startDate: null,
    endDate: null,
    unparsed: [],
    provenance: { source: 'page', via: 'test' },
    ...fields,
  };
}

function condition(code: string, status: ConditionEntry['status'] = 'active'): ConditionEntry {
  return {
    text: code,
    code,
    system: 'ICD-10-CM',
    status,
    onsetDate: null,
    provenance: { source: 'page', via: 'test' },
  };
}

function contextWith(fields: Partial<PatientContext>): PatientContext {
  return { ...emptyPatientContext(), ...fields };
}

function completePlan(lastReviewed: string | null = '2025-01-01'): SafetyPlan {
  const plan = emptySafetyPlan();
  for (const id of STANLEY_BROWN_STEPS) plan.steps[id].entries = [`entry for ${id}`];
  return { ...plan, lastReviewed, updatedAt: '2025-01-01T10:00:00Z', revision: 3 };
}

describe('emptySafetyPlan', () => {
  it('has the six Stanley–Brown steps plus naloxone, nothing filled, and 988 as crisis contact', () => {
    const plan = emptySafetyPlan();
    expect(STANLEY_BROWN_STEPS).toEqual([
      'warning-signs',
      'internal-coping',
      'social-distraction',
      'family-friends-help',
      'professional-contacts',
      'means-safety',
    ]);
    expect(Object.keys(plan.steps)).toEqual([...STANLEY_BROWN_STEPS, 'naloxone']);
    expect(Object.values(plan.steps).every((step) => step.entries.length === 0 && !step.done)).toBe(
      true,
    );
    expect(plan.crisisContacts).toEqual([
      {
        label: '988 Suicide & Crisis Lifeline',
        phone: '988',
        text: '988',
        url: 'https://988lifeline.org',
      },
    ]);
    expect(plan).toMatchObject({ lastReviewed: null, revision: 0 });
  });

  it('takes a clinic list of crisis contacts and copies it', () => {
    const contacts = [{ label: 'County mobile crisis', phone: '555-0100' }];
    const plan = emptySafetyPlan(contacts);
    expect(plan.crisisContacts).toEqual(contacts);
    expect(plan.crisisContacts[0]).not.toBe(contacts[0]);
    expect(DEFAULT_CRISIS_CONTACTS).toHaveLength(1);
  });
});

describe('needsNaloxone', () => {
  it.each([
    [[medication({ ingredient: 'buprenorphine', class: 'OUD-agonist' })], [], true],
    [[medication({ ingredient: 'methadone', class: 'OUD-agonist' })], [], true],
    [[medication({ ingredient: 'naltrexone', class: 'opioid-antagonist' })], [], true],
    [[medication({ ingredient: 'oxycodone', class: 'opioid-analgesic' })], [], true],
    [
      [medication({ ingredient: 'oxycodone', class: 'opioid-analgesic', status: 'completed' })],
      [],
      false,
    ],
    [[medication({ ingredient: 'naloxone', class: 'opioid-antagonist' })], [], false],
    [[medication({ ingredient: 'sertraline', class: 'SSRI' })], [], false],
    [[], [condition('F11.20')], true],
    [[], [condition('F11.20', 'resolved')], false],
    [[], [condition('F10.20')], false],
  ])('case %#', (medications, conditions, expected) => {
    expect(needsNaloxone(contextWith({ medications, conditions }))).toBe(expected);
  });
});

describe('assessSafetyPlan', () => {
  const none = emptyPatientContext();

  it('is missing with every step listed when there is no plan', () => {
    expect(assessSafetyPlan(null, none, '2025-02-01')).toEqual({
      status: 'missing',
      missing: [...STANLEY_BROWN_STEPS],
      reviewDue: null,
    });
  });

  it('counts an empty plan as missing', () => {
    expect(assessSafetyPlan(emptySafetyPlan(), none, '2025-02-01').status).toBe('missing');
  });

  it('is incomplete and lists what is missing, in plan order', () => {
    const plan = completePlan();
    plan.steps['means-safety'].entries = ['  '];
    plan.steps['internal-coping'].entries = [];
    expect(assessSafetyPlan(plan, none, '2025-02-01')).toEqual({
      status: 'incomplete',
      missing: ['internal-coping', 'means-safety'],
      reviewDue: '2025-04-01',
    });
  });

  it('accepts a step marked done without entries', () => {
    const plan = completePlan();
    plan.steps['means-safety'] = { entries: [], done: true };
    expect(assessSafetyPlan(plan, none, '2025-02-01').status).toBe('complete');
  });

  it('requires the naloxone item only when opioids are in play', () => {
    const onBuprenorphine = contextWith({
      medications: [medication({ ingredient: 'buprenorphine', class: 'OUD-agonist' })],
    });
    expect(assessSafetyPlan(completePlan(), onBuprenorphine, '2025-02-01')).toMatchObject({
      status: 'incomplete',
      missing: ['naloxone'],
    });
    expect(assessSafetyPlan(completePlan(), none, '2025-02-01').missing).toEqual([]);
  });

  it('lists crisis contacts as missing when the plan has none', () => {
    const plan = { ...completePlan(), crisisContacts: [] };
    expect(assessSafetyPlan(plan, none, '2025-02-01').missing).toEqual(['crisis-contacts']);
  });

  it.each([
    ['2025-03-31', 'complete'],
    ['2025-04-01', 'review-due'],
  ] as const)('is %s on %s with the default review interval', (now, status) => {
    expect(DEFAULT_SAFETY_PLAN_REVIEW_DAYS).toBe(90);
    expect(assessSafetyPlan(completePlan('2025-01-01'), none, now)).toEqual({
      status,
      missing: [],
      reviewDue: '2025-04-01',
    });
  });

  it('takes the review interval as a clinic setting', () => {
    expect(
      assessSafetyPlan(completePlan('2025-01-01'), none, '2025-01-31', { reviewIntervalDays: 30 }),
    ).toMatchObject({ status: 'review-due', reviewDue: '2025-01-31' });
  });

  it('counts a never-reviewed plan from when it was written', () => {
    expect(assessSafetyPlan(completePlan(null), none, '2025-02-01')).toMatchObject({
      status: 'complete',
      reviewDue: '2025-04-01',
    });
    const undated = { ...completePlan(null), updatedAt: '' };
    expect(assessSafetyPlan(undated, none, '2025-02-01')).toMatchObject({
      status: 'review-due',
      reviewDue: '2025-02-01',
    });
  });
});

describe('safetyPlanToFhir', () => {
  it('exports a CarePlan with one coded activity per entry and crisis services as organizations', () => {
    const plan = completePlan();
    plan.steps['warning-signs'].entries = ['not sleeping', 'pulling away from friends'];
    plan.steps['means-safety'].done = true;
    const resource = safetyPlanToFhir(plan, 'Patient/123') as {
      resourceType: string;
      subject: unknown;
      activity: Array<{
        detail: {
          code: { coding: Array<{ code: string }> };
          status: string;
          description?: string;
          performer?: unknown;
        };
      }>;
      contained: Array<{ resourceType: string; id: string; name: string; telecom: unknown }>;
      extension: unknown;
      meta: unknown;
    };
    expect(resource).toMatchObject({
      resourceType: 'CarePlan',
      status: 'active',
      intent: 'plan',
      subject: { reference: 'Patient/123' },
      meta: { versionId: '3', lastUpdated: '2025-01-01T10:00:00Z' },
      extension: [{ valueDate: '2025-01-01' }],
    });
    const codes = resource.activity.map((activity) => activity.detail.code.coding[0]?.code);
    expect(codes.filter((code) => code === 'warning-signs')).toHaveLength(2);
    expect(codes).toContain('naloxone');
    expect(
      resource.activity.find((a) => a.detail.code.coding[0]?.code === 'naloxone')?.detail.status,
    ).toBe('not-started');
    expect(
      resource.activity.find((a) => a.detail.code.coding[0]?.code === 'means-safety')?.detail
        .status,
    ).toBe('completed');
    expect(resource.contained).toEqual([
      {
        resourceType: 'Organization',
        id: 'crisis-contact-1',
        name: '988 Suicide & Crisis Lifeline',
        telecom: [
          { system: 'phone', value: '988' },
          { system: 'sms', value: '988' },
          { system: 'url', value: 'https://988lifeline.org' },
        ],
      },
    ]);
    expect(resource.activity.at(-1)?.detail.performer).toEqual([
      { reference: '#crisis-contact-1' },
    ]);
    expect(JSON.stringify(resource)).toContain(SAFETY_PLAN_CODE_SYSTEM);
  });

  it('keeps a contact as structured telecom data, its label as plain data', () => {
    const plan = emptySafetyPlan([
      { label: '<b>Clinic</b> line', phone: '555', text: '556', url: 'https://clinic.example' },
    ]);
    const resource = safetyPlanToFhir(plan, 'Patient/1') as {
      contained: Array<{
        name: string;
        telecom: Array<{ system: string; value: string }>;
        text?: unknown;
      }>;
    };
    expect(resource.contained[0]?.name).toBe('<b>Clinic</b> line');
    expect(resource.contained[0]?.text).toBeUndefined();
    expect(resource.contained[0]?.telecom).toEqual([
      { system: 'phone', value: '555' },
      { system: 'sms', value: '556' },
      { system: 'url', value: 'https://clinic.example' },
    ]);
  });
});
