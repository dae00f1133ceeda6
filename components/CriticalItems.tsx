import type { CrisisContact } from '../utils/clinical/safety-plan';
import type { CriticalItemFinding, MeasureTrend } from '../utils/clinical/types';
import type { Translate } from '../utils/i18n';
import { CrisisContacts } from './CrisisContacts';
import { formatDate, formatNumber } from './format';
import { CriticalIcon } from './icons';

export interface CriticalItemsProps {
  measures: MeasureTrend[];
  crisisContacts: CrisisContact[];
  t: Translate;
  locale: string;
}

/**
 * The date of an instrument's newest administration, charted or not: a rejected total (say, a
 * total out of range) is still an administration whose item answers count.
 */
function latestAdministration(measure: MeasureTrend): string | null {
  const dates = [
    ...measure.series.map((point) => point.date),
    ...measure.rejected.flatMap((rejected) => (rejected.date ? [rejected.date] : [])),
    ...measure.critical.map((finding) => finding.date),
  ];
  return dates.reduce<string | null>(
    (newest, date) => (newest && newest > date ? newest : date),
    null,
  );
}

/**
 * The positive critical items (PHQ-9 item 9, EPDS item 10, C-SSRS …) of each instrument's latest
 * administration, newest first. An item 9 that was positive at intake and has been 0 since is
 * history, not a current finding: pinning it would cry wolf at every visit and train clinicians
 * to look past the pinned block. Older positives stay listed under the instrument's trend.
 */
export function criticalFindings(measures: MeasureTrend[]): CriticalItemFinding[] {
  return measures
    .flatMap((measure) => {
      const latest = latestAdministration(measure);
      return measure.critical.filter((finding) => finding.date === latest);
    })
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/** Positive critical items from before the latest administration: shown with the trend, not pinned. */
export function earlierCriticalFindings(measure: MeasureTrend): CriticalItemFinding[] {
  const latest = latestAdministration(measure);
  return measure.critical.filter((finding) => finding.date !== latest);
}

/** Pinned above everything else: a positive suicide-risk item must not scroll out of sight. */
export function CriticalItems({ measures, crisisContacts, t, locale }: CriticalItemsProps) {
  const findings = criticalFindings(measures);
  if (findings.length === 0) return null;
  return (
    <section class="cs-critical" aria-labelledby="cs-critical-title">
      <h2 id="cs-critical-title" class="cs-critical-title">
        <CriticalIcon class="cs-icon-critical" />
        <span>
          {t('sidebarIndicatorCritical')}: {t('sidebarCriticalTitle')}
        </span>
      </h2>
      <ul class="cs-critical-list">
        {findings.map((finding) => (
          <li key={`${finding.instrument}-${finding.item}-${finding.date}`}>
            {t('sidebarCriticalFinding', {
              item: finding.item,
              value: formatNumber(finding.value, locale),
              date: formatDate(finding.date, locale),
            })}
          </li>
        ))}
      </ul>
      <h3 class="cs-subheading">{t('sidebarCrisisContacts')}</h3>
      <CrisisContacts contacts={crisisContacts} t={t} />
    </section>
  );
}
