/**
 * Measurement trends per instrument: the series, what was rejected and why, baseline and latest,
 * change, response, remission, reliable change and when the next measurement is due.
 *
 * "Insufficient data" is its own state: with one score in the episode, change, response,
 * remission and reliable change are all null, never false.
 */
import { catalogueLocaleOf, type Translate } from '../i18n';
import { addDays, compareIsoDates, dayNumber, formatIsoDate } from './dates';
import { INSTRUMENT_NAMES, INSTRUMENTS, type Instrument, reportedLoinc } from './instruments';
import {
  type AdministrationResult,
  formatNumber,
  type ScoredAdministration,
  type ScoringOptions,
  scoreAdministration,
} from './scoring';
import type {
  AdministrativeSex,
  BandedScore,
  CriticalItemFinding,
  IsoDate,
  MeasureScale,
  MeasureTrend,
  RejectedScore,
  ReliableChange,
  ScoreEntry,
} from './types';

/**
 * A gap longer than this between two administrations starts a new episode, and the first score
 * after it is the new baseline. CMS159 still compares a follow-up PHQ-9 with its index score up to
 * 12 months ± 60 days later (ref. C, eCQI CMS159v12–v14), so anything inside that window is the
 * same episode; the long window is deliberate, so that a missed visit or two never resets the
 * baseline and hides a lack of response. The same window is used for every instrument: the
 * reference defines an episode for none of the others.
 */
export const EPISODE_GAP_DAYS = 365 + 60;

/** Higher scores mean worse symptoms on every registered instrument, so a fall is improvement. */
function reliableChangeOf(instrument: Instrument, change: number): ReliableChange {
  const points = instrument.reliableChangePoints;
  if (points === null) return null;
  if (change <= -points) return 'improved';
  if (change >= points) return 'worsened';
  return 'none';
}

/** Scores from the start of the most recent episode; `scores` are sorted by date. */
function currentEpisode(scores: ScoredAdministration[]): ScoredAdministration[] {
  let start = 0;
  let previousDay = Number.NaN;
  for (let index = 0; index < scores.length; index += 1) {
    const day = dayNumber((scores[index] as ScoredAdministration).date);
    if (day - previousDay > EPISODE_GAP_DAYS) start = index;
    previousDay = day;
  }
  return scores.slice(start);
}

function banded(score: ScoredAdministration | undefined): BandedScore | null {
  return score ? { date: score.date, score: score.score, band: score.band } : null;
}

/**
 * Response and remission need a baseline that was not already in remission: a fall from 3 to 1 on
 * the PHQ-9 is neither (CMS159 counts only index scores above 9; NCQA DRR-E an elevated score).
 */
function responseOf(instrument: Instrument, baseline: number, latest: number): boolean | null {
  if (instrument.responseFraction === null || baseline <= 0) return null;
  if (instrument.remissionBelow !== null && baseline < instrument.remissionBelow) return null;
  if (instrument.indexAtLeast !== undefined && baseline < instrument.indexAtLeast) return null;
  return (baseline - latest) / baseline >= instrument.responseFraction;
}

function remissionOf(instrument: Instrument, baseline: number, latest: number): boolean | null {
  if (instrument.remissionBelow === null || baseline < instrument.remissionBelow) return null;
  if (instrument.indexAtLeast !== undefined && baseline < instrument.indexAtLeast) return null;
  return latest < instrument.remissionBelow;
}

/**
 * Identical date + score pairs are one administration read twice (e.g. an Observation and the
 * QuestionnaireResponse it was derived from); different scores on one day are both kept and noted.
 */
function deduplicate(
  scores: ScoredAdministration[],
  t: Translate,
): { scores: ScoredAdministration[]; notes: string[] } {
  // Keyed lookups rather than searches: a five-year weekly chart has hundreds of administrations.
  const kept: ScoredAdministration[] = [];
  const byDateAndScore = new Map<string, ScoredAdministration>();
  const byDate = new Map<string, ScoredAdministration[]>();
  for (const score of scores) {
    const twin = byDateAndScore.get(`${score.date}|${score.score}`);
    if (!twin) {
      const copy = { ...score, notes: [...score.notes], critical: [...score.critical] };
      kept.push(copy);
      byDateAndScore.set(`${score.date}|${score.score}`, copy);
      byDate.set(score.date, [...(byDate.get(score.date) ?? []), copy]);
      continue;
    }
    for (const note of score.notes) if (!twin.notes.includes(note)) twin.notes.push(note);
    for (const finding of score.critical) {
      if (!twin.critical.some((known) => known.item === finding.item)) twin.critical.push(finding);
    }
    if (twin.band === null) twin.band = score.band;
  }
  const notes: string[] = [];
  for (const [date, sameDay] of byDate) {
    if (sameDay.length > 1) {
      notes.push(
        t('measureNoteSameDayConflict', {
          date: formatIsoDate(date, catalogueLocaleOf(t)),
          scores: sameDay.map((score) => formatNumber(score.score, t)).join(', '),
        }),
      );
    }
  }
  return { scores: kept, notes };
}

function notesOf(scores: ScoredAdministration[], conflictNotes: string[]): string[] {
  const notes: string[] = [];
  for (const score of scores) for (const note of score.notes) notes.push(note);
  for (const note of conflictNotes) notes.push(note);
  return notes;
}

function sortCritical(findings: CriticalItemFinding[]): CriticalItemFinding[] {
  const unique = new Map<string, CriticalItemFinding>();
  for (const finding of findings) unique.set(`${finding.date}|${finding.item}`, finding);
  return [...unique.values()].sort(
    (a, b) => compareIsoDates(b.date, a.date) || a.item.localeCompare(b.item),
  );
}

/**
 * The range and bands a chart draws. Bands whose cut-off depends on sex (AUDIT-C) are drawn only
 * when the patient's sex is known: one background for both would be wrong for one of them.
 */
export function measureScale(
  instrument: Instrument,
  sex: AdministrativeSex | null = null,
): MeasureScale | null {
  if (instrument.totalMin === null || instrument.totalMax === null) return null;
  const sexSpecific = instrument.bands.some((band) => band.sex !== undefined);
  const bands = instrument.bands.filter(
    (band) => !sexSpecific || ((sex === 'female' || sex === 'male') && band.sex === sex),
  );
  return {
    min: instrument.totalMin,
    max: instrument.totalMax,
    bands: [...bands]
      .sort((a, b) => a.min - b.min)
      .map(({ name, min, max }) => ({ name, min, max })),
  };
}

function trendFor(
  instrument: Instrument,
  results: AdministrationResult[],
  now: IsoDate,
  t: Translate,
  sex: AdministrativeSex | null,
): MeasureTrend {
  // One pass rather than one per field: a five-year weekly chart has hundreds of results.
  const accepted: ScoredAdministration[] = [];
  const rejected: RejectedScore[] = [];
  const findings: CriticalItemFinding[] = [];
  for (const result of results) {
    if (result.ok) accepted.push(result);
    else rejected.push({ date: result.date, value: result.value, reason: result.reason });
    for (const finding of result.critical) findings.push(finding);
  }
  accepted.sort((a, b) => compareIsoDates(a.date, b.date));
  const { scores, notes: conflictNotes } = deduplicate(accepted, t);
  const episode = currentEpisode(scores);
  const baseline = episode[0];
  const latest = scores[scores.length - 1];
  const enough = baseline !== undefined && latest !== undefined && episode.length > 1;
  const change = enough ? latest.score - baseline.score : null;

  let due: boolean | null = null;
  let dueDate: IsoDate | null = null;
  if (instrument.intervalDays !== null) {
    dueDate = latest ? addDays(latest.date, instrument.intervalDays) : now;
    due = compareIsoDates(now, dueDate) >= 0;
  }

  return {
    instrument: instrument.name,
    loinc: reportedLoinc(instrument),
    series: scores.map((score) => ({ date: score.date, score: score.score })),
    rejected,
    latest: banded(latest),
    baseline: banded(baseline),
    change,
    response: enough ? responseOf(instrument, baseline.score, latest.score) : null,
    remission: enough ? remissionOf(instrument, baseline.score, latest.score) : null,
    reliableChange: change === null ? null : reliableChangeOf(instrument, change),
    due,
    dueDate,
    critical: sortCritical(findings),
    notes: notesOf(scores, conflictNotes),
    scale: measureScale(instrument, sex),
  };
}

/**
 * One trend per instrument that has any data (charted or rejected), in registry order. A score
 * whose instrument is not recognised is not dropped: it is listed under the name the chart gave,
 * with everything rejected and the reason.
 */
export function computeTrends(
  scores: ScoreEntry[],
  now: IsoDate,
  t: Translate,
  options: ScoringOptions = {},
): MeasureTrend[] {
  const byInstrument = new Map<string, AdministrationResult[]>();
  const unrecognised = new Map<string, AdministrationResult[]>();
  for (const entry of scores) {
    const result = scoreAdministration(entry, t, options);
    const target = result.instrument === null ? unrecognised : byInstrument;
    const key = result.instrument ?? String(entry.instrument);
    const list = target.get(key);
    if (list) list.push(result);
    else target.set(key, [result]);
  }

  const trends = INSTRUMENT_NAMES.flatMap((name) => {
    const results = byInstrument.get(name);
    return results ? [trendFor(INSTRUMENTS[name], results, now, t, options.sex ?? null)] : [];
  });
  for (const [name, results] of unrecognised) {
    trends.push({
      instrument: name,
      loinc: null,
      series: [],
      rejected: results.map((result) => ({
        date: result.date,
        value: result.ok ? result.score : result.value,
        reason: result.ok ? '' : result.reason,
      })),
      latest: null,
      baseline: null,
      change: null,
      response: null,
      remission: null,
      reliableChange: null,
      due: null,
      dueDate: null,
      critical: [],
      notes: [],
      scale: null,
    });
  }
  return trends;
}
