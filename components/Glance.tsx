/**
 * The glance (issue 23): the collapsed tab's summary and the open sidebar's "at a glance" block,
 * both drawn from `glanceOf`, so the tab and the block always say the same thing.
 */
import type { Glance, KeyScore, SafetyPlanGlance } from '../utils/clinical/glance';
import type { CrisisContact } from '../utils/clinical/safety-plan';
import type { Translate } from '../utils/i18n';
import { CrisisContacts } from './CrisisContacts';
import { formatDate, formatNumber } from './format';
import { CriticalIcon, IndicatorIcon, WarningIcon } from './icons';
import { labelFor } from './labels';

const PLAN_KEY: Record<SafetyPlanGlance, string> = {
  missing: 'glanceSafetyPlanMissing',
  incomplete: 'glanceSafetyPlanIncomplete',
  due: 'glanceSafetyPlanDue',
  current: 'glanceSafetyPlanCurrent',
};

/** One short word each, for the narrow tab, where the full phrase is for screen readers. */
const PLAN_SHORT_KEY: Record<SafetyPlanGlance, string> = {
  missing: 'glanceSafetyPlanMissingShort',
  incomplete: 'glanceSafetyPlanIncompleteShort',
  due: 'glanceSafetyPlanDueShort',
  current: 'glanceSafetyPlanCurrentShort',
};

/** Missing and due are as urgent as a warning prompt; incomplete too; current is good news. */
const PLAN_TONE: Record<SafetyPlanGlance, 'warning' | 'good'> = {
  missing: 'warning',
  incomplete: 'warning',
  due: 'warning',
  current: 'good',
};

export function safetyPlanText(state: SafetyPlanGlance, t: Translate): string {
  return t('glanceSafetyPlan', { state: t(PLAN_KEY[state]) });
}

/** "PHQ-9 14 moderate, ↓6 since Mar 3, 2026": every word from the catalogue, numbers by Intl. */
export function keyScoreText(score: KeyScore, t: Translate, locale: string): string {
  const value = score.band
    ? t('glanceScore', {
        instrument: score.instrument,
        score: formatNumber(score.score, locale),
        band: labelFor(t, 'sidebarBand', score.band),
      })
    : t('glanceScoreNoBand', {
        instrument: score.instrument,
        score: formatNumber(score.score, locale),
      });
  if (score.change === null || score.since === null) {
    return t('glanceScoreOn', { score: value, date: formatDate(score.date, locale) });
  }
  const since = formatDate(score.since, locale);
  const points = formatNumber(Math.abs(score.change), locale);
  if (score.change < 0) return t('glanceScoreDown', { score: value, points, date: since });
  if (score.change > 0) return t('glanceScoreUp', { score: value, points, date: since });
  return t('glanceScoreSame', { score: value, date: since });
}

/**
 * What the collapsed tab shows under its name. Every part is text (the initials, the counts, the
 * plan's word) with its meaning spelled out for a screen reader beside it, so nothing relies on
 * colour or an icon's shape; `confirmed` is whether the clinician confirmed who this is.
 */
export function GlanceTab({
  glance,
  confirmed,
  t,
  locale,
}: {
  glance: Glance;
  confirmed: boolean;
  t: Translate;
  locale: string;
}) {
  return (
    <>
      {glance.initials && (
        <span class="cs-tab-patient" data-testid="tab-initials">
          <span aria-hidden="true">{glance.initials}</span>
          <span class="cs-visually-hidden">
            {t('glanceTabInitials', { initials: glance.initials.split('').join(' ') })}
          </span>
          {confirmed ? (
            <span class="cs-tab-confirmed" data-testid="tab-confirmed">
              <span aria-hidden="true">✓</span>
              <span class="cs-visually-hidden">{t('glanceTabConfirmed')}</span>
            </span>
          ) : (
            <span class="cs-visually-hidden">{t('glanceTabNotConfirmed')}</span>
          )}
        </span>
      )}
      {/* Counts and the plan only once the clinician has confirmed the patient: the open sidebar
          shows nothing clinical before that either. */}
      {confirmed && (
        <>
          <span class="cs-tab-count cs-tab-count-critical" data-testid="tab-critical">
            <CriticalIcon />
            <span aria-hidden="true">{formatNumber(glance.critical, locale)}</span>
            <span class="cs-visually-hidden">
              {t('glanceTabCritical', { count: formatNumber(glance.critical, locale) })}
            </span>
          </span>
          <span class="cs-tab-count cs-tab-count-warning" data-testid="tab-warning">
            <WarningIcon />
            <span aria-hidden="true">{formatNumber(glance.warning, locale)}</span>
            <span class="cs-visually-hidden">
              {t('glanceTabWarning', { count: formatNumber(glance.warning, locale) })}
            </span>
          </span>
          <span
            class={`cs-tab-plan cs-tab-plan-${PLAN_TONE[glance.safetyPlan]}`}
            data-testid="tab-plan"
            data-plan={glance.safetyPlan}
          >
            <span aria-hidden="true">{t(PLAN_SHORT_KEY[glance.safetyPlan])}</span>
            <span class="cs-visually-hidden">{safetyPlanText(glance.safetyPlan, t)}</span>
          </span>
        </>
      )}
    </>
  );
}

/**
 * The first thing under the banner: at most three lines — the latest key score, the most severe
 * prompt, the safety plan — and the crisis contacts one click away. When a critical item is on
 * record the pinned critical block below shows the contacts open, so they are not repeated here.
 */
export function GlanceBlock({
  glance,
  crisisContacts,
  contactsPinned,
  t,
  locale,
}: {
  glance: Glance;
  crisisContacts: CrisisContact[];
  contactsPinned: boolean;
  t: Translate;
  locale: string;
}) {
  return (
    <section class="cs-glance" aria-labelledby="cs-glance-title" data-testid="glance">
      <h2 id="cs-glance-title" class="cs-visually-hidden">
        {t('glanceTitle')}
      </h2>
      <ul class="cs-glance-lines">
        <li data-testid="glance-score">
          {glance.keyScore ? keyScoreText(glance.keyScore, t, locale) : t('glanceNoScores')}
        </li>
        <li data-testid="glance-prompt" class="cs-glance-prompt">
          {glance.topPrompt ? (
            <>
              <IndicatorIcon indicator={glance.topPrompt.indicator} />
              <span class="cs-visually-hidden">
                {labelFor(t, 'sidebarIndicator', glance.topPrompt.indicator)}:
              </span>{' '}
              <span>{glance.topPrompt.summary}</span>
            </>
          ) : (
            t('glanceNoPrompts')
          )}
        </li>
        <li
          data-testid="glance-plan"
          class={`cs-glance-plan cs-glance-plan-${PLAN_TONE[glance.safetyPlan]}`}
        >
          {safetyPlanText(glance.safetyPlan, t)}
        </li>
      </ul>
      {!contactsPinned && (
        <details class="cs-glance-contacts">
          <summary>{t('sidebarCrisisContacts')}</summary>
          <CrisisContacts contacts={crisisContacts} t={t} />
        </details>
      )}
    </section>
  );
}
