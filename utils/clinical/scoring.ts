/**
 * Scoring one administration of an instrument: validate what the chart says, compute the total
 * from complete item answers, band it, and find positive critical items. A value that cannot be
 * charted is rejected with a reason in plain words; a stated total that disagrees with the item
 * answers is never charted silently.
 */
import { catalogueLocaleOf, type Translate } from '../i18n';
import { parseIsoDate } from './dates';
import {
  bandFor,
  findInstrument,
  type Instrument,
  type InstrumentName,
  itemRange,
} from './instruments';
import type { AdministrativeSex, CriticalItemFinding, IsoDate, ScoreEntry } from './types';

export interface ScoredAdministration {
  ok: true;
  instrument: InstrumentName;
  date: IsoDate;
  score: number;
  band: string | null;
  critical: CriticalItemFinding[];
  notes: string[];
}

export interface RejectedAdministration {
  ok: false;
  /** Null when the instrument name itself is not recognised. */
  instrument: InstrumentName | null;
  date: IsoDate | null;
  value: unknown;
  reason: string;
  /** Positive critical items are reported even when the administration cannot be charted. */
  critical: CriticalItemFinding[];
}

export type AdministrationResult = ScoredAdministration | RejectedAdministration;

export interface ScoringOptions {
  /** Needed for sex-specific cut-offs (AUDIT-C); unknown sex bands only where both sexes agree. */
  sex?: AdministrativeSex | null;
}

/** C-SSRS risk levels in order; the charted "score" of a C-SSRS is the index of its level. */
export const CSSRS_RISK_LEVELS = ['none', 'low', 'moderate', 'high'] as const;
export type CssrsRiskLevel = (typeof CSSRS_RISK_LEVELS)[number];

// Numbers go into messages through Intl, in the language of the catalogue that writes the
// message (`t`), so a Spanish note says "2,5" where an English one says "2.5". Made on first use,
// for the reason given beside `formatIsoDate` (dates.ts).
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, t: Translate): string {
  const locale = catalogueLocaleOf(t);
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

type WholeNumber =
  | { ok: true; value: number }
  | { ok: false; problem: 'not-a-number' | 'not-whole' };

const NUMERIC_TEXT = /^[+-]?\d+(?:\.\d+)?$/;

/** Strict: a finite number, or text that is nothing but a number ("12", "12.0"). */
export function parseWholeNumber(value: unknown): WholeNumber {
  let number: number;
  if (typeof value === 'number') {
    number = value;
  } else if (typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) {
    number = Number(value.trim());
  } else {
    return { ok: false, problem: 'not-a-number' };
  }
  if (!Number.isFinite(number)) return { ok: false, problem: 'not-a-number' };
  if (!Number.isInteger(number)) return { ok: false, problem: 'not-whole' };
  return { ok: true, value: number };
}

function displayValue(value: unknown, t: Translate): string {
  if (typeof value === 'number') return formatNumber(value, t);
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

type ItemAnswers = ReadonlyMap<number, number>;

type ItemReading = { ok: true; answers: ItemAnswers } | { ok: false; reason: string };

// Most charted scores are a bare total: one shared empty reading spares a long chart an
// allocation per administration.
const NO_ANSWERS: ItemAnswers = new Map();
const NO_ITEMS: ItemReading = { ok: true, answers: NO_ANSWERS };

/** Validates every answered item; unanswered (null/undefined/empty) items are left out. */
function readItems(instrument: Instrument, items: ScoreEntry['items'], t: Translate): ItemReading {
  if (!items) return NO_ITEMS;
  const answers = new Map<number, number>();
  const entries = Object.entries(items).sort(([a], [b]) => Number(a) - Number(b));
  for (const [key, raw] of entries) {
    const item = Number(key);
    const range = itemRange(instrument, item);
    if (!range) {
      return {
        ok: false,
        reason: t('measureRejectItemUnknown', { item: key, instrument: instrument.name }),
      };
    }
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
      continue;
    }
    const parsed = parseWholeNumber(raw);
    if (!parsed.ok) {
      const messageKey =
        parsed.problem === 'not-whole'
          ? 'measureRejectItemNotWhole'
          : 'measureRejectItemNotANumber';
      return { ok: false, reason: t(messageKey, { item, value: displayValue(raw, t) }) };
    }
    if (parsed.value < range.min || parsed.value > range.max) {
      return {
        ok: false,
        reason: t('measureRejectItemOutOfRange', {
          item,
          value: formatNumber(parsed.value, t),
          min: formatNumber(range.min, t),
          max: formatNumber(range.max, t),
        }),
      };
    }
    answers.set(item, parsed.value);
  }
  return { ok: true, answers };
}

function criticalFindings(
  instrument: Instrument,
  answers: ItemAnswers,
  date: IsoDate | null,
): CriticalItemFinding[] {
  if (date === null || answers.size === 0) return [];
  return instrument.critical.flatMap((rule) => {
    const value = answers.get(rule.item);
    return value !== undefined && value >= rule.positiveAtLeast
      ? [{ instrument: instrument.name, date, item: `${instrument.name} item ${rule.item}`, value }]
      : [];
  });
}

type TotalReading = { ok: true; value: number } | { ok: false; reason: string } | null;

function readTotal(instrument: Instrument, total: ScoreEntry['total'], t: Translate): TotalReading {
  if (total === null || total === undefined || (typeof total === 'string' && total.trim() === '')) {
    return null;
  }
  const parsed = parseWholeNumber(total);
  if (!parsed.ok) {
    const messageKey =
      parsed.problem === 'not-whole' ? 'measureRejectNotWhole' : 'measureRejectNotANumber';
    return { ok: false, reason: t(messageKey, { value: displayValue(total, t) }) };
  }
  const { totalMin, totalMax } = instrument;
  if (totalMin === null || totalMax === null) return { ok: true, value: parsed.value };
  if (parsed.value < totalMin || parsed.value > totalMax) {
    return {
      ok: false,
      reason: t('measureRejectOutOfRange', {
        value: formatNumber(parsed.value, t),
        instrument: instrument.name,
        min: formatNumber(totalMin, t),
        max: formatNumber(totalMax, t),
      }),
    };
  }
  return { ok: true, value: parsed.value };
}

/**
 * MDQ: positive needs ≥7 symptom items, clustering (item 14) and a moderate or serious problem
 * (item 15 ≥ 2) — LOINC 85102-2 (Hirschfeld 2000), ref. A12. Fewer than 7 rules it out whatever
 * the other answers; otherwise the band stays unknown until items 14 and 15 are answered.
 */
function mdqBand(total: number, answers: ItemAnswers): string | null {
  if (total < 7) return 'negative';
  const clustering = answers.get(14);
  const problem = answers.get(15);
  if (clustering === 0 || (problem !== undefined && problem < 2)) return 'negative';
  if (clustering === 1 && problem !== undefined) return 'positive';
  return null;
}

function bandOf(
  instrument: Instrument,
  score: number,
  answers: ItemAnswers,
  sex: AdministrativeSex | null,
): string | null {
  return instrument.name === 'MDQ' ? mdqBand(score, answers) : bandFor(instrument, score, sex);
}

/**
 * C-SSRS screener triage (Columbia clinical triage guidelines, ref. A7): high = yes to 4 or 5, or
 * behaviour (6) within 3 months; moderate = yes to 3, or behaviour longer ago; low = yes to 1
 * and/or 2 only. Behaviour whose timing (item 7) is not recorded counts as recent, because
 * under-calling suicide risk is the error that cannot be undone.
 */
function scoreCssrs(
  instrument: Instrument,
  entry: ScoreEntry,
  date: IsoDate,
  answers: ItemAnswers,
  t: Translate,
): AdministrationResult {
  const critical = criticalFindings(instrument, answers, date);
  const yes = (item: number) => answers.get(item) === 1;
  const notes: string[] = [];
  if (entry.total !== null && entry.total !== undefined && entry.total !== '') {
    notes.push(t('measureNoteCssrsTotalIgnored', { value: displayValue(entry.total, t) }));
  }
  const behaviourTimingUnknown = yes(6) && !answers.has(7);
  let level: CssrsRiskLevel = 'none';
  if (yes(4) || yes(5) || (yes(6) && answers.get(7) !== 0)) level = 'high';
  else if (yes(3) || yes(6)) level = 'moderate';
  else if (yes(1) || yes(2)) level = 'low';
  if (behaviourTimingUnknown) notes.push(t('measureNoteCssrsTimingUnknown'));

  const required = yes(2) ? [1, 2, 3, 4, 5, 6] : [1, 2, 6];
  const answered = required.filter((item) => answers.has(item)).length;
  if (answered < required.length) {
    if (answers.size === 0 && (entry.total === null || entry.total === undefined)) {
      return reject(instrument, date, entry, t('measureRejectNoScore'), critical);
    }
    if (answers.size === 0) {
      return reject(
        instrument,
        date,
        entry,
        t('measureRejectNoTotalByDesign', { instrument: instrument.name }),
        critical,
      );
    }
    // Unanswered items can only raise the level; "high" is already the top, so it stands.
    if (level !== 'high') {
      return reject(
        instrument,
        date,
        entry,
        t('measureRejectIncomplete', {
          answered: formatNumber(answered, t),
          count: formatNumber(required.length, t),
        }),
        critical,
      );
    }
    notes.push(t('measureNoteCssrsPartialHigh'));
  }
  return {
    ok: true,
    instrument: instrument.name,
    date,
    score: CSSRS_RISK_LEVELS.indexOf(level),
    band: level,
    critical,
    notes,
  };
}

function reject(
  instrument: Instrument | null,
  date: IsoDate | null,
  entry: ScoreEntry,
  reason: string,
  critical: CriticalItemFinding[] = [],
): RejectedAdministration {
  const value = entry.total ?? entry.items ?? null;
  return { ok: false, instrument: instrument?.name ?? null, date, value, reason, critical };
}

export function scoreAdministration(
  entry: ScoreEntry,
  t: Translate,
  options: ScoringOptions = {},
): AdministrationResult {
  const instrument = findInstrument(entry.instrument);
  const date = typeof entry.date === 'string' ? parseIsoDate(entry.date) : null;
  if (!instrument) {
    return reject(
      null,
      date,
      entry,
      t('measureRejectUnknownInstrument', { name: String(entry.instrument) }),
    );
  }
  const itemReading = readItems(instrument, entry.items, t);
  const answers = itemReading.ok ? itemReading.answers : NO_ANSWERS;
  const critical = criticalFindings(instrument, answers, date);
  if (date === null) {
    return reject(instrument, null, entry, t('measureRejectNoDate'), critical);
  }
  if (!itemReading.ok) return reject(instrument, date, entry, itemReading.reason, critical);
  if (instrument.scoring === 'highest-item') {
    return scoreCssrs(instrument, entry, date, answers, t);
  }

  const scoredAnswers =
    answers.size === 0 ? [] : [...answers].filter(([item]) => item <= instrument.itemCount);
  const complete = scoredAnswers.length === instrument.itemCount;
  const total = readTotal(instrument, entry.total, t);
  const notes: string[] = [];
  let score: number;

  if (complete) {
    score = scoredAnswers.reduce((sum, [, value]) => sum + value, 0);
    if (total?.ok === true && total.value !== score) {
      notes.push(
        t('measureNoteTotalDisagrees', {
          stated: formatNumber(total.value, t),
          computed: formatNumber(score, t),
        }),
      );
    } else if (total?.ok === false) {
      notes.push(
        t('measureNoteTotalInvalid', { reason: total.reason, computed: formatNumber(score, t) }),
      );
    }
  } else if (total?.ok === true) {
    score = total.value;
    if (scoredAnswers.length > 0) {
      notes.push(
        t('measureNoteIncompleteItems', {
          answered: formatNumber(scoredAnswers.length, t),
          count: formatNumber(instrument.itemCount, t),
        }),
      );
    }
  } else if (total?.ok === false) {
    return reject(instrument, date, entry, total.reason, critical);
  } else if (scoredAnswers.length > 0) {
    return reject(
      instrument,
      date,
      entry,
      t('measureRejectIncomplete', {
        answered: formatNumber(scoredAnswers.length, t),
        count: formatNumber(instrument.itemCount, t),
      }),
      critical,
    );
  } else {
    return reject(instrument, date, entry, t('measureRejectNoScore'), critical);
  }

  return {
    ok: true,
    instrument: instrument.name,
    date,
    score,
    band: bandOf(instrument, score, answers, options.sex ?? null),
    critical,
    notes,
  };
}
