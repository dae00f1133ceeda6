/**
 * The scale a chart draws for a trend, as the engine sent it with the trend (`MeasureTrend.scale`,
 * from the instrument registry), so the bands behind a line are the ones the engine used to name
 * `latest.band` and the sidebar carries no copy of the registry.
 */
import type { MeasureScale, MeasureTrend } from '../utils/clinical/types';

/**
 * The trend's range and bands. A trend with no total range (C-SSRS, or a name the registry does
 * not know) gets a range fitted to its scores and no bands, rather than bands someone made up.
 */
export function scaleFor(measure: MeasureTrend): MeasureScale {
  if (measure.scale) return measure.scale;
  const finite = measure.series.map((point) => point.score).filter(Number.isFinite);
  return { min: Math.min(0, ...finite), max: Math.max(1, ...finite), bands: [] };
}

/** The band a total falls in on this scale, or null when no band holds it. */
export function bandOf(scale: MeasureScale, score: number): string | null {
  return scale.bands.find((band) => score >= band.min && score <= band.max)?.name ?? null;
}
