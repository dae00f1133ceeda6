import {
  assessSafetyPlan,
  emptySafetyPlan,
  needsNaloxone,
  type SafetyPlan,
} from '../../utils/clinical/safety-plan';
import { buildSidebarContent } from '../../utils/clinical/sidebar-content';
import type { IsoDate, PatientContext, ScoreEntry } from '../../utils/clinical/types';
import type { MergedChart } from '../../utils/ehr/frame-merge';
import { t } from '../../utils/i18n/browser';
import type { MedicationMarker, PatientView } from '../../utils/messaging';
import type { CaresideStorage } from '../../utils/storage';
import { type TopTiming, waitingWords } from './frames';
import type { SettingsService } from './settings';
import type { TabPatient } from './tabs';

/** The clinician's calendar date, in the browser's time zone. */
export function localToday(now = new Date()): IsoDate {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function medicationMarkers(context: PatientContext): MedicationMarker[] {
  return context.medications
    .filter((medication) => medication.startDate !== null)
    .map((medication) => ({
      date: medication.startDate as IsoDate,
      label: t('sidebarMarkerStarted', { medication: medication.ingredient ?? medication.text }),
    }));
}

/**
 * Builds what the sidebar shows for the patient a tab is on. Stored data (entered scores, the
 * safety plan, dismissals) is loaded only for an identity that is confirmed — by the reader or by
 * the clinician — because an unconfirmed reading might be the wrong patient.
 */
export function createPatientService(storage: CaresideStorage, settings: SettingsService) {
  async function patientKeyOf(tab: TabPatient): Promise<string | null> {
    const confirmed = tab.reading.identityConfirmed || tab.confirmedByUser;
    if (!confirmed) return null;
    return storage.patientKey(tab.origin, tab.reading.context.identity);
  }

  /**
   * `frames` is the tab's chart merged from its frames (background/frames.ts). Only the top
   * document's scores are kept for the trend: a frame's data shows while the frame shows it.
   */
  async function view(
    tab: TabPatient,
    options: { record?: boolean; frames?: (MergedChart & { top: TopTiming }) | null } = {},
  ): Promise<PatientView> {
    const { effective } = await settings.current();
    const today = localToday();
    const key = await patientKeyOf(tab);
    const problems = [...tab.reading.problems];
    let context = options.frames?.context ?? tab.reading.context;
    let stored: { plan: SafetyPlan; revision: number } | null = null;

    if (key) {
      if (options.record) {
        await storage.rememberPatient(key, tab.origin, context.identity);
        const fromPage = tab.reading.context.scores.filter((score) => score.date !== null);
        if (fromPage.length > 0) await storage.addScores(key, fromPage).catch(() => undefined);
      }
      const scores = await storage.loadScores(key);
      if (scores.unreadable.length > 0) problems.push(t('sidebarStoredScoresUnreadable'));
      context = { ...context, scores: mergeScores(context.scores, scores.entries) };
      stored = await storage.loadSafetyPlan<SafetyPlan>(key);
    }

    const safetyPlan = key ? (stored?.plan ?? emptySafetyPlan()) : null;
    const assessment = assessSafetyPlan(stored?.plan ?? null, context, today, {
      reviewIntervalDays: effective.safetyPlanReviewDays,
    });
    const content = buildSidebarContent(context, {
      now: today,
      t,
      ruleSettings: effective.rules,
      safetyPlan: stored?.plan ?? null,
    });
    if (key) {
      const dismissed = await storage.loadDismissals(key);
      content.prompts = content.prompts.filter(
        (prompt) =>
          !dismissed.some((d) => d.ruleId === prompt.id && d.factsKey === prompt.factsKey),
      );
      if (options.record) await storage.audit({ type: 'shown', patientKey: key });
    }

    return {
      fingerprint: tab.fingerprint,
      adapter: tab.reading.adapter,
      identityConfirmed: tab.reading.identityConfirmed || tab.confirmedByUser,
      problems,
      content,
      safetyPlan,
      safetyPlanStatus: assessment.status,
      safetyPlanReviewDue: assessment.reviewDue,
      naloxoneApplicable: needsNaloxone(context),
      medicationMarkers: medicationMarkers(context),
      crisisContacts: effective.crisisContacts,
      layout: { mode: effective.layout.mode, width: effective.layout.width, collapsed: false },
      today,
      waitingFor: options.frames ? waitingWords(options.frames.held) : [],
      identityChangedAt: options.frames?.top.identityChangedAt ?? null,
    };
  }

  return { view, patientKeyOf };
}

/** Page scores and stored scores together; the same administration from both counts once. */
function mergeScores(page: ScoreEntry[], stored: ScoreEntry[]): ScoreEntry[] {
  const seen = new Set(page.map((score) => `${score.instrument}|${score.date}|${score.total}`));
  return [
    ...page,
    ...stored.filter((score) => !seen.has(`${score.instrument}|${score.date}|${score.total}`)),
  ];
}

export type PatientService = ReturnType<typeof createPatientService>;
