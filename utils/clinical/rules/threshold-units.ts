/**
 * The unit and the allowed range of every tunable threshold, so the options page can say what a
 * number means ("days", "mmol/L") and the settings validator can refuse a value no clinic could
 * mean (a lithium level of 40 mmol/L, a review every 0 days). The ranges are bounds of what can be
 * measured or counted, not clinical recommendations: the defaults (with their sources) stay on
 * each rule, and the range only keeps a typo from switching a rule off or on for everyone.
 */

export type ThresholdUnit =
  | 'days'
  | 'years'
  | 'mg'
  | 'ms'
  | 'percent'
  | 'mmolPerL'
  | 'cellsPerUl'
  | 'points';

export interface ThresholdSpec {
  unit: ThresholdUnit;
  min: number;
  max: number;
  /** Whole numbers only (days, years, points); a lithium level has decimals. */
  whole: boolean;
}

const BY_UNIT: Record<ThresholdUnit, Omit<ThresholdSpec, 'unit'>> = {
  // A day to ten years: the longest interval any rule counts (pregnancy, annual checks) fits.
  days: { min: 1, max: 3650, whole: true },
  years: { min: 0, max: 120, whole: true },
  mg: { min: 0, max: 5000, whole: false },
  // QTc as ECGs report it.
  ms: { min: 300, max: 700, whole: true },
  percent: { min: 0, max: 100, whole: false },
  // Serum lithium as laboratories report it.
  mmolPerL: { min: 0, max: 5, whole: false },
  // Absolute neutrophil count.
  cellsPerUl: { min: 0, max: 10000, whole: true },
  // Questionnaire totals: up to 27, the PHQ-9's maximum, the widest scale these rules read.
  points: { min: 0, max: 27, whole: true },
};

/** Thresholds whose unit their name does not end in. */
const NAMED: Record<string, ThresholdUnit> = {
  age: 'years',
  normalFrom: 'cellsPerUl',
  moderateBelow: 'cellsPerUl',
  benNormalFrom: 'cellsPerUl',
  benSevereBelow: 'cellsPerUl',
  auditPositiveMale: 'points',
  auditPositiveFemale: 'points',
  indexAtLeast: 'points',
  remissionBelow: 'points',
  reliableChangePoints: 'points',
};

/** AUDIT-C totals run 0–12 (clinical-reference.md, AUDIT-C). */
const NARROWER: Record<string, Partial<ThresholdSpec>> = {
  auditPositiveMale: { max: 12 },
  auditPositiveFemale: { max: 12 },
};

function unitOf(name: string): ThresholdUnit | null {
  const named = NAMED[name];
  if (named) return named;
  if (name.endsWith('Days')) return 'days';
  if (name.endsWith('Age')) return 'years';
  if (name.endsWith('Mg')) return 'mg';
  if (name.endsWith('Ms')) return 'ms';
  if (name.endsWith('Percent')) return 'percent';
  if (name.endsWith('Level')) return 'mmolPerL';
  return null;
}

/** The unit and range of a threshold by its name (`firstLevelDays`), or null for an unknown one. */
export function thresholdSpec(name: string): ThresholdSpec | null {
  const unit = unitOf(name);
  if (!unit) return null;
  return { unit, ...BY_UNIT[unit], ...NARROWER[name] };
}

/** Whether a value is allowed for the threshold with this name. */
export function thresholdInRange(name: string, value: number): boolean {
  const spec = thresholdSpec(name);
  if (!spec || !Number.isFinite(value)) return false;
  if (spec.whole && !Number.isInteger(value)) return false;
  return value >= spec.min && value <= spec.max;
}

/** `lithium-level-due.firstLevelDays` → `firstLevelDays`. */
export function thresholdName(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

/** The catalogue key of each unit's word, for the options page and for problem messages. */
export const THRESHOLD_UNIT_KEYS: Record<ThresholdUnit, string> = {
  days: 'thresholdUnitDays',
  years: 'thresholdUnitYears',
  mg: 'thresholdUnitMg',
  ms: 'thresholdUnitMs',
  percent: 'thresholdUnitPercent',
  mmolPerL: 'thresholdUnitMmolPerL',
  cellsPerUl: 'thresholdUnitCellsPerUl',
  points: 'thresholdUnitPoints',
};
