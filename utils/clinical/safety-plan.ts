/**
 * The safety plan: the six steps of the Stanley–Brown Safety Planning Intervention (Stanley &
 * Brown, Cogn Behav Pract 2012;19:256; ref. B14), step 6 being lethal-means counseling, plus a
 * naloxone item when opioids are in play (FDA Drug Safety Communication July 23, 2020: labels of
 * opioids and of OUD medications recommend discussing naloxone; ref. B11) and crisis contacts
 * (988 by default, ref. B14). Pure data and checks; storage and UI live elsewhere.
 */
import { addDays, compareIsoDates, parseIsoDate } from './dates';
import type { IsoDate, MedicationEntry, PatientContext, SafetyPlanStatus } from './types';

export const SAFETY_PLAN_STEP_IDS = [
  'warning-signs',
  'internal-coping',
  'social-distraction',
  'family-friends-help',
  'professional-contacts',
  'means-safety',
  'naloxone',
] as const;
export type SafetyPlanStepId = (typeof SAFETY_PLAN_STEP_IDS)[number];

/** The six Stanley–Brown steps, in the order the plan is written with the patient. */
export const STANLEY_BROWN_STEPS: readonly SafetyPlanStepId[] = SAFETY_PLAN_STEP_IDS.slice(0, 6);

export interface SafetyPlanStep {
  /** What the patient and clinician wrote, one entry per line of the plan. */
  entries: string[];
  /** Marked as addressed by the clinician (e.g. means counseling done, nothing to list). */
  done: boolean;
}

/** A crisis service as clinic policy configures it and as the plan and the sidebar show it. */
export interface CrisisContact {
  /** The service's own name, e.g. "988 Suicide & Crisis Lifeline". */
  label: string;
  phone?: string;
  /** Number for text messages, when the service takes them. */
  text?: string;
  url?: string;
  /**
   * How the service answers Spanish speakers, only as the clinic's policy states it (Careside
   * invents no menu digit or keyword): printed on a patient's Spanish copy.
   */
  spanish?: {
    /** The service's name in Spanish. */
    label?: string;
    /** The digit to press after dialling `phone`, e.g. "2". */
    phoneOption?: string;
    /** The word to text to `text`, e.g. "AYUDA". */
    textWord?: string;
  };
}

/**
 * 988 went live July 16, 2022 for call, text and chat (FCC/SAMHSA/VA, ref. B14). Clinics replace
 * or extend this list through policy (e.g. the Veterans Crisis Line: 988 then 1, text 838255).
 */
export const DEFAULT_CRISIS_CONTACTS: readonly CrisisContact[] = [
  {
    label: '988 Suicide & Crisis Lifeline',
    phone: '988',
    text: '988',
    url: 'https://988lifeline.org',
  },
];

export interface SafetyPlan {
  steps: Record<SafetyPlanStepId, SafetyPlanStep>;
  crisisContacts: CrisisContact[];
  /** When the plan was last gone through with the patient. */
  lastReviewed: IsoDate | null;
  /** ISO timestamp of the last change; empty until the plan is first saved. */
  updatedAt: string;
  /** Increases with every saved change, so two editors cannot silently overwrite each other. */
  revision: number;
}

/**
 * How often a complete plan is due for review with the patient. The clinical reference gives no
 * interval: this is a clinic setting (policy), not a clinical fact, and 90 days is only the default.
 */
export const DEFAULT_SAFETY_PLAN_REVIEW_DAYS = 90;

export function emptySafetyPlan(
  crisisContacts: readonly CrisisContact[] = DEFAULT_CRISIS_CONTACTS,
): SafetyPlan {
  const steps = Object.fromEntries(
    SAFETY_PLAN_STEP_IDS.map((id) => [id, { entries: [], done: false }]),
  ) as unknown as Record<SafetyPlanStepId, SafetyPlanStep>;
  return {
    steps,
    crisisContacts: crisisContacts.map((contact) => ({ ...contact })),
    lastReviewed: null,
    updatedAt: '',
    revision: 0,
  };
}

const CURRENT_MEDICATION: ReadonlySet<MedicationEntry['status']> = new Set([
  'active',
  'on-hold',
  'unknown',
]);

// Opioid analgesics, OUD agonists and naltrexone all carry the naloxone recommendation (FDA
// 2020, ref. B11). Naloxone itself is the answer, not a reason to ask.
const OPIOID_CLASS = /opioid|^oud/i;
const OPIOID_INGREDIENTS =
  /\b(buprenorphine|methadone|naltrexone|morphine|oxycodone|hydrocodone|hydromorphone|oxymorphone|fentanyl|codeine|tramadol|tapentadol|meperidine|levorphanol)\b/i;

function isOpioidMedication(medication: MedicationEntry): boolean {
  if (!CURRENT_MEDICATION.has(medication.status)) return false;
  const ingredient = medication.ingredient ?? '';
  if (OPIOID_INGREDIENTS.test(ingredient)) return true;
  return (
    medication.class !== null && OPIOID_CLASS.test(medication.class) && ingredient !== 'naloxone'
  );
}

/** Opioid or OUD medication in current use, or an active opioid-related disorder (ICD-10-CM F11). */
export function needsNaloxone(context: PatientContext): boolean {
  const opioidDisorder = context.conditions.some(
    (condition) =>
      condition.status !== 'resolved' &&
      condition.system === 'ICD-10-CM' &&
      condition.code !== null &&
      /^F11(\.|$)/i.test(condition.code.trim()),
  );
  return opioidDisorder || context.medications.some(isOpioidMedication);
}

export function requiredSteps(context: PatientContext): SafetyPlanStepId[] {
  return needsNaloxone(context) ? [...STANLEY_BROWN_STEPS, 'naloxone'] : [...STANLEY_BROWN_STEPS];
}

function stepAddressed(step: SafetyPlanStep | undefined): boolean {
  if (!step) return false;
  return step.done || step.entries.some((entry) => entry.trim() !== '');
}

export interface SafetyPlanAssessment {
  status: SafetyPlanStatus;
  /** Step ids still to fill in, in plan order (plus `crisis-contacts` when the list is empty). */
  missing: string[];
  /** When the next review with the patient is due; null while there is nothing to review. */
  reviewDue: IsoDate | null;
}

export function assessSafetyPlan(
  plan: SafetyPlan | null,
  context: PatientContext,
  now: IsoDate,
  options: { reviewIntervalDays?: number } = {},
): SafetyPlanAssessment {
  const required = requiredSteps(context);
  if (!plan) return { status: 'missing', missing: required, reviewDue: null };

  const missing: string[] = required.filter((id) => !stepAddressed(plan.steps[id]));
  if (plan.crisisContacts.length === 0) missing.push('crisis-contacts');
  const nothingWritten = STANLEY_BROWN_STEPS.every((id) => !stepAddressed(plan.steps[id]));
  if (nothingWritten) return { status: 'missing', missing, reviewDue: null };

  const interval = options.reviewIntervalDays ?? DEFAULT_SAFETY_PLAN_REVIEW_DAYS;
  // A plan never reviewed counts from when it was written; one with neither date is due now.
  const reviewedOn =
    (plan.lastReviewed ? parseIsoDate(plan.lastReviewed) : null) ?? parseIsoDate(plan.updatedAt);
  const reviewDue = reviewedOn ? addDays(reviewedOn, interval) : now;
  if (missing.length > 0) return { status: 'incomplete', missing, reviewDue };
  const status: SafetyPlanStatus = compareIsoDates(now, reviewDue) >= 0 ? 'review-due' : 'complete';
  return { status, missing, reviewDue };
}

/** Code system for the plan's steps in FHIR exports; a URN, because no public system exists. */
export const SAFETY_PLAN_CODE_SYSTEM = 'urn:careside:safety-plan-step';
export const SAFETY_PLAN_LAST_REVIEWED_EXTENSION = 'urn:careside:safety-plan-last-reviewed';

// Code displays belong to the code system (exchanged data), not to the sidebar's UI text.
const STEP_DISPLAY: Record<SafetyPlanStepId, string> = {
  'warning-signs': 'Warning signs',
  'internal-coping': 'Internal coping strategies',
  'social-distraction': 'Social contacts and settings for distraction',
  'family-friends-help': 'Family or friends to ask for help',
  'professional-contacts': 'Professionals and agencies to contact in a crisis',
  'means-safety': 'Making the environment safe (lethal-means counseling)',
  naloxone: 'Naloxone on hand',
};

type FhirJson = Record<string, unknown>;

/**
 * The plan as a FHIR R4 CarePlan. A CarePlan rather than a QuestionnaireResponse: the safety plan
 * is the patient's plan of action, kept and revised over time, and there is no standard
 * Questionnaire for it to answer; each step becomes an activity coded by step, so a receiving
 * system can read the steps without knowing a form.
 */
export function safetyPlanToFhir(plan: SafetyPlan, patientRef: string): FhirJson {
  const activity = SAFETY_PLAN_STEP_IDS.flatMap((id) => {
    const step = plan.steps[id];
    const code = {
      coding: [{ system: SAFETY_PLAN_CODE_SYSTEM, code: id, display: STEP_DISPLAY[id] }],
    };
    const entries = step.entries.filter((entry) => entry.trim() !== '');
    if (entries.length === 0) {
      return [{ detail: { code, status: step.done ? 'completed' : 'not-started' } }];
    }
    return entries.map((entry) => ({
      detail: { code, status: step.done ? 'completed' : 'in-progress', description: entry },
    }));
  });
  // Crisis services are organizations with a phone and a text number: contained Organizations
  // keep them structured (telecom) instead of flattening them into prose.
  const contained = plan.crisisContacts.map((contact, index) => {
    const telecom = [
      contact.phone && { system: 'phone', value: contact.phone },
      contact.text && { system: 'sms', value: contact.text },
      contact.url && { system: 'url', value: contact.url },
    ].filter(Boolean);
    const organization: FhirJson = {
      resourceType: 'Organization',
      id: `crisis-contact-${index + 1}`,
      name: contact.label,
      telecom,
    };
    return organization;
  });
  const contacts = contained.map((organization) => ({
    detail: {
      code: {
        coding: [
          { system: SAFETY_PLAN_CODE_SYSTEM, code: 'crisis-contact', display: 'Crisis contact' },
        ],
      },
      status: 'completed',
      performer: [{ reference: `#${organization.id}` }],
    },
  }));
  const resource: FhirJson = {
    resourceType: 'CarePlan',
    contained,
    status: 'active',
    intent: 'plan',
    title: 'Safety plan (Stanley–Brown Safety Planning Intervention)',
    category: [
      {
        coding: [{ system: SAFETY_PLAN_CODE_SYSTEM, code: 'safety-plan', display: 'Safety plan' }],
      },
    ],
    subject: { reference: patientRef },
    activity: [...activity, ...contacts],
  };
  if (plan.updatedAt) {
    resource.meta = { versionId: String(plan.revision), lastUpdated: plan.updatedAt };
  }
  if (plan.lastReviewed) {
    resource.extension = [
      { url: SAFETY_PLAN_LAST_REVIEWED_EXTENSION, valueDate: plan.lastReviewed },
    ];
  }
  return resource;
}
