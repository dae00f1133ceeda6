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

/** Every positive critical item (PHQ-9 item 9, EPDS item 10, C-SSRS …), newest first. */
export function criticalFindings(measures: MeasureTrend[]): CriticalItemFinding[] {
  return measures
    .flatMap((measure) => measure.critical)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
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
