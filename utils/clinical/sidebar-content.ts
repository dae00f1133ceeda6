/**
 * Everything the sidebar shows for one patient, computed in one place (the background, the
 * `evaluate` command and the tests all call this): identity, measurement trends, current
 * medications, alignment prompts and the safety-plan status.
 */
import type { Translate } from '../i18n';
import { evaluateRules } from './rules';
import type { RuleSettings } from './rules/types';
import { assessSafetyPlan, type CrisisContact, type SafetyPlan } from './safety-plan';
import { computeTrends } from './trends';
import type {
  IsoDate,
  MedicationEntry,
  MedicationSummary,
  PatientContext,
  SidebarContent,
} from './types';

export interface SidebarContentOptions {
  now: IsoDate;
  t: Translate;
  ruleSettings?: RuleSettings;
  safetyPlan?: SafetyPlan | null;
  /** The clinic's crisis contacts; they stand in for a plan that lists none of its own. */
  crisisContacts?: CrisisContact[];
  /** Clinic setting: days between safety-plan reviews (see `DEFAULT_SAFETY_PLAN_REVIEW_DAYS`). */
  safetyPlanReviewDays?: number;
}

// Stopped and completed orders are history; a status the chart does not state stays visible,
// because hiding a drug the patient may still take is the worse mistake.
const HISTORY: ReadonlySet<MedicationEntry['status']> = new Set(['stopped', 'completed']);

/**
 * The medication list as the clinician needs it at a glance: current entries only, one line per
 * drug text (a FHIR export repeats the same order for every refill).
 */
export function currentMedications(medications: MedicationEntry[]): MedicationSummary[] {
  const seen = new Set<string>();
  const summaries: MedicationSummary[] = [];
  for (const medication of medications) {
    if (HISTORY.has(medication.status)) continue;
    const key = medication.text.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    summaries.push({
      text: medication.text,
      ingredient: medication.ingredient,
      rxnorm: medication.rxnorm,
      class: medication.class,
    });
  }
  return summaries;
}

export function buildSidebarContent(
  context: PatientContext,
  options: SidebarContentOptions,
): SidebarContent {
  const { now, t } = options;
  const measures = computeTrends(context.scores, now, t, { sex: context.identity.sex });
  const plan =
    options.safetyPlan && options.safetyPlan.crisisContacts.length === 0 && options.crisisContacts
      ? { ...options.safetyPlan, crisisContacts: options.crisisContacts }
      : (options.safetyPlan ?? null);
  const safetyPlan = assessSafetyPlan(plan, context, now, {
    ...(options.safetyPlanReviewDays === undefined
      ? {}
      : { reviewIntervalDays: options.safetyPlanReviewDays }),
  });
  const prompts = evaluateRules(context, {
    now,
    t,
    trends: measures,
    safetyPlanStatus: safetyPlan.status,
    ...(options.ruleSettings ? { settings: options.ruleSettings } : {}),
  });
  return {
    patient: {
      name: context.identity.name,
      birthDate: context.identity.birthDate,
      identifiers: context.identity.identifiers,
    },
    measures,
    medications: currentMedications(context.medications),
    prompts,
    safetyPlan: { status: safetyPlan.status, missing: safetyPlan.missing },
  };
}
