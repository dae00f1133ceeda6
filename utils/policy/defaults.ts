/**
 * What Careside does when neither the organization's policy nor the user set a value. Defaults
 * are the safe choice: no EHR origin is enabled (Careside reads nothing until someone enables
 * a site), every rule is on, nothing leaves the computer, and the 988 Lifeline is listed.
 */
import { DEFAULT_SAFETY_PLAN_REVIEW_DAYS } from '../clinical/safety-plan';
import type { Translate } from '../i18n';
import type { CrisisContact, Settings } from './schema';

/**
 * Ninety days: long enough to carry a treatment episode's scores from visit to visit, short
 * enough that a shared clinic computer does not keep a year of patients. The EHR remains the
 * record; this is a local working copy.
 */
export const DEFAULT_RETENTION_DAYS = 90;

export const DEFAULT_LAYOUT = { mode: 'push', width: 360, side: 'right' } as const;

/**
 * The 988 Suicide & Crisis Lifeline (live since July 16, 2022: call, text or chat) and its
 * Veterans line (dial 988 then press 1, or text 838255) — FCC / SAMHSA / VA, as listed in the
 * clinical reference.
 */
export function defaultCrisisContacts(t: Translate): CrisisContact[] {
  return [
    {
      label: t('policyDefaultCrisisLifeline'),
      phone: '988',
      text: '988',
      url: 'https://988lifeline.org',
    },
    {
      label: t('policyDefaultCrisisVeterans'),
      phone: '988',
      text: '838255',
      url: 'https://www.veteranscrisisline.net',
    },
  ];
}

export function defaultSettings(t: Translate): Settings {
  return {
    ehrOrigins: [],
    selectorPacks: [],
    rules: { disabledFamilies: [], disabledRules: [], thresholds: {} },
    crisisContacts: defaultCrisisContacts(t),
    retentionDays: DEFAULT_RETENTION_DAYS,
    endpoints: {},
    layout: { ...DEFAULT_LAYOUT },
    safetyPlanReviewDays: DEFAULT_SAFETY_PLAN_REVIEW_DAYS,
    language: 'browser',

    noteTemplate: '',
    clinicianName: '',
    packAuthors: false,
    userMayChange: [],
  };
}
