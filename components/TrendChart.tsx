import { useState } from 'preact/hooks';
import { daysBetween } from '../utils/clinical/dates';
import type { MeasureTrend } from '../utils/clinical/types';
import { type Translate, translatePlural } from '../utils/i18n';
import type { MedicationMarker } from '../utils/patient-view';
import { bandOf, scaleFor } from './bands';
import { formatDate, formatNumber, formatShortDate } from './format';
import { LISTED_OUTRIGHT, LongList } from './LongList';
import { labelFor } from './labels';

export interface TrendChartProps {
  measure: MeasureTrend;
  medicationMarkers: MedicationMarker[];
  t: Translate;
  locale: string;
}

const WIDTH = 320;
const HEIGHT = 140;
const PAD = { left: 26, right: 88, top: 8, bottom: 22 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
/** `.cs-band-0` … `.cs-band-4` in sidebar.css. */
const BAND_SHADES = 5;
/**
 * Beyond this many scores the dots (6 px wide) overlap on the 206 px plot and say nothing the line
 * does not; only the latest is dotted. Five years of weekly scores would otherwise be hundreds of
 * elements painted on every chart open (issue 8). Every value stays in the data table.
 */
const MAX_DOTTED_POINTS = 40;
/**
 * About this many characters of the 9 px band labels fit right of the plot. Longer names
 * ("moderadamente grave", "por debajo del punto de corte") go on two lines where the band is tall
 * enough, and are narrowed to fit where it is not.
 */
const BAND_LABEL_CHARS = 17;
const BAND_LABEL_LINE = 10;

/** A band name as one line, or two split at the space nearest its middle. */
function bandLabelLines(label: string): string[] {
  if (label.length <= BAND_LABEL_CHARS) return [label];
  const middle = label.length / 2;
  let split = -1;
  for (let at = label.indexOf(' '); at !== -1; at = label.indexOf(' ', at + 1)) {
    if (split === -1 || Math.abs(at - middle) < Math.abs(split - middle)) split = at;
  }
  return split === -1 ? [label] : [label.slice(0, split), label.slice(split + 1)];
}

/** A medication marker's head is 8 units wide (`cs-marker-head` below). */
const MARKER_HEAD_WIDTH = 8;

/**
 * Medication markers closer together than a marker's head is wide can neither be told apart nor
 * pointed at one by one, so they are drawn as one marker whose title names each change. A
 * five-year chart with a long medication list drew 52 overlapping markers, four elements each,
 * per chart (issue 8); every change is still listed under the chart.
 */
function markerGroups(
  markers: MedicationMarker[],
  x: (date: string) => number,
): { x: number; markers: MedicationMarker[] }[] {
  const groups: { x: number; markers: MedicationMarker[] }[] = [];
  for (const marker of [...markers].sort((a, b) => a.date.localeCompare(b.date))) {
    const at = x(marker.date);
    const group = groups[groups.length - 1];
    if (group && at - group.x < MARKER_HEAD_WIDTH) group.markers.push(marker);
    else groups.push({ x: at, markers: [marker] });
  }
  return groups;
}

/**
 * Every charted score as a table, in a disclosure under the chart: its summary names the count, and
 * the rows are built only when it is opened, so a five-year series costs nothing until someone
 * (a screen-reader user, or anyone wanting the exact values) asks for it.
 */
function ScoreTable({
  measure,
  scale,
  summary,
  t,
  locale,
}: {
  measure: MeasureTrend;
  scale: ReturnType<typeof scaleFor>;
  summary: string;
  t: Translate;
  locale: string;
}) {
  const [open, setOpen] = useState(false);
  const series = measure.series;
  return (
    <details
      class="cs-chart-data"
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>{translatePlural(t, locale, 'sidebarTrendTableShow', series.length)}</summary>
      {open && (
        <table>
          <caption class="cs-visually-hidden">{summary}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sidebarTrendDate')}</th>
              <th scope="col">{t('sidebarTrendScore')}</th>
              <th scope="col">{t('sidebarTrendBand')}</th>
            </tr>
          </thead>
          <tbody>
            {series.map((point) => {
              const band = bandOf(scale, point.score);
              return (
                <tr key={`${point.date}-${point.score}`}>
                  <td>{formatDate(point.date, locale)}</td>
                  <td>{formatNumber(point.score, locale)}</td>
                  <td>{band ? labelFor(t, 'sidebarBand', band) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </details>
  );
}

/**
 * A compact trend: severity bands behind the line, each band named in text so it does not rely on
 * colour, medication start / dose-change markers, and every point in a data table under it. The
 * image's label says how many scores, over what dates, and the latest. Rejected values never reach
 * this component's plot: the engine keeps them in `measure.rejected`, which the panel lists.
 */
function BandLabel({ label, top, bottom }: { label: string; top: number; bottom: number }) {
  const x = PAD.left + PLOT_W + 4;
  const middle = (top + bottom) / 2 + 3;
  const lines = bandLabelLines(label);
  const [first, second] = lines;
  if (second !== undefined && bottom - top >= 2 * BAND_LABEL_LINE) {
    return (
      <text class="cs-band-label" x={x} y={middle - BAND_LABEL_LINE / 2}>
        <tspan x={x}>{first}</tspan>
        <tspan x={x} dy={BAND_LABEL_LINE}>
          {second}
        </tspan>
      </text>
    );
  }
  return label.length > BAND_LABEL_CHARS ? (
    <text
      class="cs-band-label"
      x={x}
      y={middle}
      textLength={PAD.right - 6}
      lengthAdjust="spacingAndGlyphs"
    >
      {label}
    </text>
  ) : (
    <text class="cs-band-label" x={x} y={middle}>
      {label}
    </text>
  );
}

export function TrendChart({ measure, medicationMarkers, t, locale }: TrendChartProps) {
  const series = measure.series;
  if (series.length === 0) return null;
  const scale = scaleFor(measure);
  const first = series[0]?.date ?? '';
  const last = series[series.length - 1]?.date ?? first;
  const span = Math.max(0, daysBetween(first, last));
  const x = (date: string) =>
    span === 0 ? PAD.left + PLOT_W / 2 : PAD.left + (daysBetween(first, date) / span) * PLOT_W;
  const range = scale.max - scale.min || 1;
  const y = (score: number) => {
    const clamped = Math.min(scale.max, Math.max(scale.min, score));
    return PAD.top + PLOT_H - ((clamped - scale.min) / range) * PLOT_H;
  };
  const markers = medicationMarkers.filter((marker) => marker.date >= first && marker.date <= last);
  const dotted = series.length <= MAX_DOTTED_POINTS ? series : series.slice(-1);
  const latest = measure.latest;
  const summary = translatePlural(t, locale, 'sidebarTrendChartSummary', series.length, {
    instrument: measure.instrument,
    from: formatDate(first, locale),
    to: formatDate(last, locale),
    latest: latest ? formatNumber(latest.score, locale) : '—',
  });

  return (
    <figure class="cs-chart">
      <svg class="cs-chart-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        <g class="cs-chart-bands">
          {scale.bands.map((band, index) => {
            const next = scale.bands[index + 1];
            const top = y(next ? next.min : scale.max);
            const bottom = y(band.min);
            const label = labelFor(t, 'sidebarBand', band.name);
            // Shades run from the least to the most severe band whatever their number, so the
            // top band of a four-band scale is as dark as the top band of a five-band one.
            const shade =
              scale.bands.length > 1
                ? Math.round((index * (BAND_SHADES - 1)) / (scale.bands.length - 1))
                : 0;
            return (
              <g key={band.name} data-band={band.name}>
                <rect
                  class={`cs-band cs-band-${shade}`}
                  x={PAD.left}
                  y={top}
                  width={PLOT_W}
                  height={Math.max(0, bottom - top)}
                >
                  <title>{`${label}: ${band.min}–${band.max}`}</title>
                </rect>
                {bottom - top >= 9 && <BandLabel label={label} top={top} bottom={bottom} />}
              </g>
            );
          })}
        </g>
        <g class="cs-chart-axis">
          <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + PLOT_H} />
          <line x1={PAD.left} y1={PAD.top + PLOT_H} x2={PAD.left + PLOT_W} y2={PAD.top + PLOT_H} />
          {[scale.min, ...scale.bands.slice(1).map((band) => band.min), scale.max]
            .filter((value, index, all) => all.indexOf(value) === index)
            .map((value) => (
              <text
                key={value}
                class="cs-axis-label"
                x={PAD.left - 4}
                y={y(value) + 3}
                text-anchor="end"
              >
                {formatNumber(value, locale)}
              </text>
            ))}
          <text class="cs-axis-label" x={PAD.left} y={HEIGHT - 6} text-anchor="start">
            {formatShortDate(first, locale)}
          </text>
          {span > 0 && (
            <text class="cs-axis-label" x={PAD.left + PLOT_W} y={HEIGHT - 6} text-anchor="end">
              {formatShortDate(last, locale)}
            </text>
          )}
        </g>
        <g class="cs-chart-markers">
          {markerGroups(markers, x).map((group) => (
            <g key={`${group.markers[0]?.date}-${group.markers[0]?.label}`} class="cs-marker">
              <line x1={group.x} y1={PAD.top} x2={group.x} y2={PAD.top + PLOT_H} />
              <path
                d={`M${group.x - MARKER_HEAD_WIDTH / 2} ${PAD.top}h${MARKER_HEAD_WIDTH}l-4 6z`}
                class="cs-marker-head"
              />
              <title>
                {group.markers
                  .map((marker) => `${formatDate(marker.date, locale)}: ${marker.label}`)
                  .join('\n')}
              </title>
            </g>
          ))}
        </g>
        {series.length > 1 && (
          <polyline
            class="cs-chart-line"
            points={series.map((point) => `${x(point.date)},${y(point.score)}`).join(' ')}
          />
        )}
        <g class="cs-chart-points">
          {dotted.map((point) => (
            <circle
              key={`${point.date}-${point.score}`}
              class="cs-chart-point"
              cx={x(point.date)}
              cy={y(point.score)}
              r="3"
            >
              <title>{`${formatDate(point.date, locale)}: ${formatNumber(point.score, locale)}`}</title>
            </circle>
          ))}
        </g>
      </svg>
      <ScoreTable measure={measure} scale={scale} summary={summary} t={t} locale={locale} />
      {markers.length > 0 && (
        <figcaption class="cs-chart-legend">
          <span class="cs-muted">{t('sidebarTrendMarkers')}</span>
          <LongList
            items={[...markers].reverse()}
            shown={LISTED_OUTRIGHT}
            more={(count) => translatePlural(t, locale, 'sidebarTrendMarkersMore', count)}
            keyOf={(marker) => `${marker.date}-${marker.label}`}
            render={(marker) => `${formatDate(marker.date, locale)}: ${marker.label}`}
          />
        </figcaption>
      )}
    </figure>
  );
}
