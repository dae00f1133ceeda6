/**
 * The scale a chart draws for an instrument, taken from the instrument registry so the bands
 * behind a line are the same ones the engine used to name `latest.band`.
 */
import { bandFor, findInstrument } from '../utils/clinical/instruments';

export interface BandRange {
  name: string;
  min: number;
  max: number;
}

export interface InstrumentScale {
  min: number;
  max: number;
  bands: BandRange[];
}

/**
 * Range and bands for an instrument. Bands that depend on the patient's sex (AUDIT-C) are not
 * drawn: a single background would be wrong for one sex, and the latest score's band is still
 * named in text. An instrument with no total range (C-SSRS, or a name the registry does not know)
 * gets a range fitted to its scores and no bands, rather than bands someone made up.
 */
export function scaleFor(instrument: string, scores: number[] = []): InstrumentScale {
  const entry = findInstrument(instrument);
  const finite = scores.filter(Number.isFinite);
  if (!entry || entry.totalMin === null || entry.totalMax === null) {
    return { min: Math.min(0, ...finite), max: Math.max(1, ...finite), bands: [] };
  }
  const sexSpecific = entry.bands.some((band) => band.sex !== undefined);
  const bands = sexSpecific
    ? []
    : [...entry.bands]
        .sort((a, b) => a.min - b.min)
        .map(({ name, min, max }) => ({ name, min, max }));
  return { min: entry.totalMin, max: entry.totalMax, bands };
}

/** The band of a total, as the engine would name it with the patient's sex unknown. */
export function bandOf(instrument: string, score: number): string | null {
  const entry = findInstrument(instrument);
  return entry ? bandFor(entry, score) : null;
}
