import type { MeasureTrend } from '../utils/clinical/types';
import { type Translate, translatePlural } from '../utils/i18n';
import type { MedicationMarker } from '../utils/patient-view';
import { earlierCriticalFindings } from './CriticalItems';
import { formatChange, formatDate, formatNumber, formatRawValue } from './format';
import { LISTED_OUTRIGHT, LongList } from './LongList';
import { labelFor } from './labels';
import { TrendChart } from './TrendChart';

export interface TrendPanelProps {
  measures: MeasureTrend[];
  medicationMarkers: MedicationMarker[];
  t: Translate;
  locale: string;
}

function Badge({ kind, children }: { kind: string; children: string }) {
  return <span class={`cs-badge cs-badge-${kind}`}>{children}</span>;
}

/** Badges carry their meaning in words ("Reliable change: worse"), never in colour alone. */
function MeasureBadges({
  measure,
  t,
  locale,
}: {
  measure: MeasureTrend;
  t: Translate;
  locale: string;
}) {
  const badges = [];
  if (measure.due) {
    badges.push(
      <Badge key="due" kind="due">
        {measure.dueDate
          ? t('sidebarTrendDueSince', { date: formatDate(measure.dueDate, locale) })
          : t('sidebarTrendDue')}
      </Badge>,
    );
  }
  if (measure.remission) {
    badges.push(
      <Badge key="remission" kind="good">
        {t('sidebarTrendRemission')}
      </Badge>,
    );
  }
  if (measure.response) {
    badges.push(
      <Badge key="response" kind="good">
        {t('sidebarTrendResponse')}
      </Badge>,
    );
  }
  if (measure.reliableChange === 'improved') {
    badges.push(
      <Badge key="reliable" kind="good">
        {t('sidebarTrendReliableImproved')}
      </Badge>,
    );
  } else if (measure.reliableChange === 'worsened') {
    badges.push(
      <Badge key="reliable" kind="bad">
        {t('sidebarTrendReliableWorsened')}
      </Badge>,
    );
  }
  if (badges.length === 0) return null;
  return <p class="cs-badges">{badges}</p>;
}

/**
 * Positives that are no longer current stay in the instrument's history, in words, newest first:
 * the count of the older ones is always visible, and they are one click away.
 */
function EarlierCriticalItems({
  measure,
  t,
  locale,
}: {
  measure: MeasureTrend;
  t: Translate;
  locale: string;
}) {
  const earlier = earlierCriticalFindings(measure);
  if (earlier.length === 0) return null;
  return (
    <div class="cs-earlier-critical">
      <h4 class="cs-subheading">{t('sidebarTrendEarlierCritical')}</h4>
      <LongList
        items={earlier}
        shown={LISTED_OUTRIGHT}
        more={(count) => translatePlural(t, locale, 'sidebarTrendEarlierCriticalMore', count)}
        keyOf={(finding) => `${finding.item}-${finding.date}`}
        render={(finding) =>
          t('sidebarCriticalFinding', {
            item: finding.item,
            value: formatNumber(finding.value, locale),
            date: formatDate(finding.date, locale),
          })
        }
      />
    </div>
  );
}

function slug(instrument: string): string {
  return instrument.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

export function MeasureCard({
  measure,
  medicationMarkers,
  t,
  locale,
}: { measure: MeasureTrend } & Omit<TrendPanelProps, 'measures'>) {
  const id = `cs-measure-${slug(measure.instrument)}`;
  const { latest, baseline } = measure;
  return (
    <article
      class="cs-measure"
      aria-labelledby={`${id}-title`}
      data-instrument={measure.instrument}
    >
      <h3 id={`${id}-title`} class="cs-measure-title">
        {measure.instrument}
      </h3>
      {latest ? (
        <p class="cs-measure-latest">
          <span class="cs-measure-score">{formatNumber(latest.score, locale)}</span>{' '}
          {latest.band && (
            <span class="cs-measure-band">{labelFor(t, 'sidebarBand', latest.band)}</span>
          )}{' '}
          <span class="cs-muted">
            {t('sidebarTrendOn', { date: formatDate(latest.date, locale) })}
          </span>
        </p>
      ) : (
        <p class="cs-muted">{t('sidebarTrendNoScores')}</p>
      )}
      {baseline && latest && measure.series.length > 1 && (
        <p class="cs-measure-change">
          {t('sidebarTrendBaseline', {
            score: formatNumber(baseline.score, locale),
            date: formatDate(baseline.date, locale),
          })}
          {measure.change !== null && (
            <>
              {' · '}
              {t('sidebarTrendChange', { change: formatChange(measure.change, locale) })}
            </>
          )}
        </p>
      )}
      {measure.series.length === 1 && <p class="cs-muted">{t('sidebarTrendInsufficient')}</p>}
      <MeasureBadges measure={measure} t={t} locale={locale} />
      <TrendChart measure={measure} medicationMarkers={medicationMarkers} t={t} locale={locale} />
      {measure.rejected.length > 0 && (
        <div class="cs-rejected">
          <h4 class="cs-subheading">{t('sidebarTrendRejected')}</h4>
          <ul>
            {measure.rejected.map((rejected) => (
              <li key={`${rejected.date}|${formatRawValue(rejected.value)}|${rejected.reason}`}>
                {t('sidebarTrendRejectedValue', {
                  date: rejected.date ? formatDate(rejected.date, locale) : t('sidebarTrendNoDate'),
                  value: formatRawValue(rejected.value),
                  reason: rejected.reason,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <EarlierCriticalItems measure={measure} t={t} locale={locale} />
      {measure.notes.length > 0 && (
        <ul class="cs-notes">
          {measure.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </article>
  );
}

export function TrendPanel({ measures, medicationMarkers, t, locale }: TrendPanelProps) {
  if (measures.length === 0) return <p class="cs-muted">{t('sidebarTrendNone')}</p>;
  return (
    <div class="cs-trends">
      {measures.map((measure) => (
        <MeasureCard
          key={measure.instrument}
          measure={measure}
          medicationMarkers={medicationMarkers}
          t={t}
          locale={locale}
        />
      ))}
    </div>
  );
}
