import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { evaluateRules } from '../../../utils/clinical/rules';
import { emptySafetyPlan, STANLEY_BROWN_STEPS } from '../../../utils/clinical/safety-plan';
import { buildSidebarContent, currentMedications } from '../../../utils/clinical/sidebar-content';
import {
  emptyPatientContext,
  type MedicationEntry,
  type PatientContext,
  type PromptCard,
} from '../../../utils/clinical/types';
import { createTranslator } from '../../../utils/i18n';

// The rules have their own tests; here only what this module hands them and does with the cards.
vi.mock('../../../utils/clinical/rules', () => ({ evaluateRules: vi.fn() }));

const t = createTranslator(
  JSON.parse(readFileSync(path.resolve(process.cwd(), 'public/_locales/en/messages.json'), 'utf8')),
);

const card: PromptCard = {
  id: 'test-card',
  category: 'safety',
  indicator: 'critical',
  summary: 'summary',
  detail: 'detail',
  source: { label: 'source', url: 'https://example.org' },
  evidence: ['evidence'],
  factsKey: 'key',
};

function medication(text: string, fields: Partial<MedicationEntry> = {}): MedicationEntry {
  return {
    text,
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
    provenance: { source: 'fhir', via: 'MedicationRequest/1' },
    ...fields,
  };
}

function patientContext(): PatientContext {
  return {
    ...emptyPatientContext({
      name: 'Jane Doe',
      birthDate: '1980-04-02',
      sex: 'female',
      identifiers: [{ system: 'urn:clinic', type: 'MR', value: '123' }],
    }),
    medications: [
      medication('Sertraline 100 MG Oral Tablet', {
        ingredient: 'sertraline',
        rxnorm: '36437',
        class: 'SSRI',
      }),
      medication('Sertraline 100 MG Oral Tablet', {
        ingredient: 'sertraline',
        rxnorm: '36437',
        class: 'SSRI',
      }),
      medication('Lorazepam 1 mg', {
        ingredient: 'lorazepam',
        class: 'benzodiazepine',
        status: 'stopped',
      }),
      medication('Unrecognised line', { status: 'unknown' }),
    ],
    scores: [
      {
        instrument: 'PHQ-9',
        date: '2025-01-06',
        total: 18,
        provenance: { source: 'fhir', via: 'Observation/1' },
      },
      {
        instrument: 'PHQ-9',
        date: '2025-03-03',
        total: 6,
        provenance: { source: 'fhir', via: 'Observation/2' },
      },
      {
        instrument: 'AUDIT-C',
        date: '2025-01-06',
        total: 3,
        provenance: { source: 'fhir', via: 'Observation/3' },
      },
    ],
  };
}

describe('buildSidebarContent', () => {
  beforeEach(() => {
    vi.mocked(evaluateRules).mockReset().mockReturnValue([card]);
  });

  it('combines identity, trends, current medications, prompts and the safety-plan status', () => {
    const context = patientContext();
    const content = buildSidebarContent(context, { now: '2025-03-10', t });
    expect(content.patient).toEqual({
      name: 'Jane Doe',
      birthDate: '1980-04-02',
      identifiers: [{ system: 'urn:clinic', type: 'MR', value: '123' }],
    });
    expect(content.measures.map((measure) => measure.instrument)).toEqual(['PHQ-9', 'AUDIT-C']);
    expect(content.measures[0]).toMatchObject({
      change: -12,
      response: true,
      reliableChange: 'improved',
    });
    // The patient's sex reaches the sex-specific AUDIT-C cut-off.
    expect(content.measures[1]?.latest?.band).toBe('positive');
    expect(content.medications).toEqual([
      {
        text: 'Sertraline 100 MG Oral Tablet',
        ingredient: 'sertraline',
        rxnorm: '36437',
        class: 'SSRI',
      },
      { text: 'Unrecognised line', ingredient: null, rxnorm: null, class: null },
    ]);
    expect(content.prompts).toEqual([card]);
    expect(content.safetyPlan).toEqual({ status: 'missing', missing: [...STANLEY_BROWN_STEPS] });
    expect(evaluateRules).toHaveBeenCalledWith(context, {
      now: '2025-03-10',
      t,
      trends: content.measures,
      safetyPlanStatus: 'missing',
    });
  });

  it('passes rule settings through and assesses a given safety plan', () => {
    const plan = emptySafetyPlan();
    for (const id of STANLEY_BROWN_STEPS) plan.steps[id].entries = ['written'];
    plan.lastReviewed = '2025-03-01';
    const settings = { disabledFamilies: ['lithium'] };
    const content = buildSidebarContent(patientContext(), {
      now: '2025-03-10',
      t,
      safetyPlan: plan,
      ruleSettings: settings,
    });
    expect(content.safetyPlan).toEqual({ status: 'complete', missing: [] });
    expect(vi.mocked(evaluateRules).mock.calls[0]?.[1]).toMatchObject({
      settings,
      safetyPlanStatus: 'complete',
    });
  });

  it('honours the clinic review interval and crisis contacts', () => {
    const plan = { ...emptySafetyPlan([]), lastReviewed: '2025-03-01' };
    for (const id of STANLEY_BROWN_STEPS) plan.steps[id].entries = ['written'];
    const contacts = [{ label: 'County crisis line', phone: '555-0100' }];
    const content = buildSidebarContent(patientContext(), {
      now: '2025-03-10',
      t,
      safetyPlan: plan,
      crisisContacts: contacts,
      safetyPlanReviewDays: 7,
    });
    expect(content.safetyPlan).toEqual({ status: 'review-due', missing: [] });
    const withoutContacts = buildSidebarContent(patientContext(), {
      now: '2025-03-02',
      t,
      safetyPlan: plan,
    });
    expect(withoutContacts.safetyPlan).toEqual({
      status: 'incomplete',
      missing: ['crisis-contacts'],
    });
  });
});

describe('currentMedications', () => {
  it('leaves out stopped and completed entries and repeats of the same line', () => {
    const summaries = currentMedications([
      medication('Fluoxetine 20 mg', { status: 'completed' }),
      medication('fluoxetine 20 MG', { status: 'on-hold' }),
      medication('Fluoxetine 20 mg'),
    ]);
    expect(summaries.map((summary) => summary.text)).toEqual(['fluoxetine 20 MG']);
  });
});
