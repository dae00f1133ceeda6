/**
 * Named groups of diagnosis codes (ICD-10-CM prefixes and SNOMED CT concepts) that the rules ask
 * about: "does this patient have a depressive disorder?", "any history of self-harm?".
 *
 * ICD-10-CM codes match by prefix, so a group entry "F32" covers F32.0–F32.9 and "F43.1" covers
 * F43.10–F43.12. SNOMED entries are only concepts whose identifiers are well established; a
 * descendant concept (e.g. a specific subtype) is recognised through its text instead, which is
 * also how a chart that shows a diagnosis without a code is read.
 */
import type { ConditionEntry, PatientContext } from './types';

export type ConditionGroup =
  | 'depression'
  | 'bipolar'
  | 'anxiety'
  | 'eating-disorder'
  | 'anorexia'
  | 'bulimia'
  | 'insomnia'
  | 'opioid-use-disorder'
  | 'alcohol-use-disorder'
  | 'stimulant-use-disorder'
  | 'ptsd'
  | 'panic'
  | 'agoraphobia'
  | 'adhd'
  | 'dementia'
  | 'schizophrenia'
  | 'pregnancy'
  | 'self-harm'
  | 'long-qt'
  | 'seizure-disorder'
  | 'migraine'
  | 'benign-ethnic-neutropenia'
  | 'bipolar-ii';

export interface ConditionGroupDefinition {
  /** ICD-10-CM code prefixes, written with the dot as in the code set. */
  icd10: string[];
  /** SNOMED CT concept ids. */
  snomed: string[];
  /** Diagnosis wording for charts that show text without a code. */
  text: RegExp;
  /**
   * History counts: a resolved entry still matters (prior bulimia contraindicates bupropion; a
   * past suicide attempt is a risk factor), so resolved entries are included.
   */
  includesHistory: boolean;
}

function range(letter: string, from: number, to: number): string[] {
  return Array.from(
    { length: to - from + 1 },
    (_, i) => `${letter}${String(from + i).padStart(2, '0')}`,
  );
}

export const CONDITION_GROUPS: Record<ConditionGroup, ConditionGroupDefinition> = {
  depression: {
    icd10: ['F32', 'F33', 'F34.1', 'F53.0'],
    // 35489007 depressive disorder; 370143000 major depressive disorder; 78667006 dysthymia
    snomed: ['35489007', '370143000', '78667006'],
    text: /\b(?:major depress\w*|depressive disorder|depression|dysthymi\w*|MDD)\b/i,
    includesHistory: false,
  },
  bipolar: {
    icd10: ['F31'],
    snomed: ['13746004'],
    text: /\b(?:bipolar|manic[-\s]depressive)\b/i,
    includesHistory: true,
  },
  anxiety: {
    icd10: ['F41', 'F40'],
    // 197480006 anxiety disorder; 21897009 generalized anxiety disorder
    snomed: ['197480006', '21897009'],
    text: /\b(?:anxiety disorder|generali[sz]ed anxiety|GAD|panic disorder|social anxiety|agoraphobia)\b/i,
    includesHistory: false,
  },
  'eating-disorder': {
    icd10: ['F50'],
    snomed: ['72366004', '56882008', '78004001'],
    text: /\b(?:eating disorder|anorexia nervosa|bulimi\w*|binge[-\s]eating|ARFID)\b/i,
    includesHistory: true,
  },
  anorexia: {
    icd10: ['F50.0'],
    snomed: ['56882008'],
    text: /\banorexia nervosa\b/i,
    includesHistory: true,
  },
  bulimia: {
    icd10: ['F50.2'],
    snomed: ['78004001'],
    text: /\bbulimi\w*/i,
    includesHistory: true,
  },
  insomnia: {
    icd10: ['F51.0', 'G47.0'],
    snomed: ['193462001'],
    text: /\binsomnia\b/i,
    includesHistory: false,
  },
  'opioid-use-disorder': {
    icd10: ['F11'],
    // 75544000 opioid dependence; 5602001 opioid abuse
    snomed: ['75544000', '5602001'],
    text: /\b(?:opioid use disorder|opioid dependence|opioid abuse|OUD|heroin (?:use|dependence))\b/i,
    includesHistory: true,
  },
  'alcohol-use-disorder': {
    icd10: ['F10'],
    // 66590003 alcohol dependence; 7200002 alcoholism
    snomed: ['66590003', '7200002'],
    text: /\b(?:alcohol use disorder|alcohol dependence|alcohol abuse|alcoholism|AUD)\b/i,
    includesHistory: false,
  },
  'stimulant-use-disorder': {
    icd10: ['F14', 'F15'],
    snomed: [],
    text: /\b(?:stimulant use disorder|cocaine (?:use disorder|dependence|abuse)|(?:meth)?amphetamine (?:use disorder|dependence|abuse))\b/i,
    includesHistory: false,
  },
  ptsd: {
    icd10: ['F43.1'],
    snomed: ['47505003'],
    text: /\b(?:PTSD|post[-\s]?traumatic stress)\b/i,
    includesHistory: false,
  },
  panic: {
    icd10: ['F41.0'],
    snomed: ['371631005'],
    text: /\bpanic disorder\b/i,
    includesHistory: false,
  },
  agoraphobia: {
    icd10: ['F40.0'],
    snomed: ['70691001'],
    text: /\bagoraphobia\b/i,
    includesHistory: false,
  },
  adhd: {
    icd10: ['F90'],
    snomed: ['406506008'],
    text: /\b(?:ADHD|attention[-\s]deficit)\b/i,
    includesHistory: false,
  },
  dementia: {
    icd10: ['F01', 'F02', 'F03', 'G30'],
    // 52448006 dementia; 26929004 Alzheimer's disease
    snomed: ['52448006', '26929004'],
    text: /\b(?:dementia|alzheimer\w*)\b/i,
    includesHistory: true,
  },
  schizophrenia: {
    icd10: ['F20', 'F25'],
    snomed: ['58214004'],
    text: /\b(?:schizophreni\w*|schizoaffective)\b/i,
    includesHistory: true,
  },
  pregnancy: {
    // Pregnancy, childbirth and the puerperium (O00–O9A), Z33 pregnant state, Z34 supervision of
    // normal pregnancy, Z3A weeks of gestation, Z39 postpartum care (reference D2, ICD-10-CM).
    icd10: ['O', 'Z33', 'Z34', 'Z3A', 'Z39'],
    snomed: ['77386006'],
    text: /\b(?:pregnan(?:t|cy)|gravid|weeks? gestation|postpartum|puerperium)\b/i,
    includesHistory: false,
  },
  'self-harm': {
    // R45.851 suicidal ideation; T14.91 suicide attempt; X71–X83 intentional self-harm;
    // Z91.5 personal history of self-harm (Z91.51 suicidal, Z91.52 non-suicidal).
    icd10: ['R45.851', 'T14.91', ...range('X', 71, 83), 'Z91.5'],
    // 82313006 suicide attempt
    snomed: ['82313006'],
    text: /\b(?:suicide attempt|attempted suicide|self[-\s]harm|suicidal ideation|self[-\s]injur\w*|overdose with intent)\b/i,
    includesHistory: true,
  },
  'long-qt': {
    icd10: ['I45.81'],
    snomed: [],
    text: /\b(?:long QT|prolonged QT|LQTS)\b/i,
    includesHistory: true,
  },
  'seizure-disorder': {
    icd10: ['G40'],
    // 84757009 epilepsy; 128613002 seizure disorder
    snomed: ['84757009', '128613002'],
    text: /\b(?:epilep\w*|seizure disorder)\b/i,
    includesHistory: true,
  },
  migraine: {
    icd10: ['G43'],
    snomed: ['37796009'],
    text: /\bmigraine\b/i,
    includesHistory: false,
  },
  // No ICD-10-CM code is specific to it: the clozapine label's term (also "Duffy-null associated
  // neutrophil count") is recognised by its wording.
  'benign-ethnic-neutropenia': {
    icd10: [],
    snomed: [],
    text: /\b(?:benign ethnic neutropenia|duffy[-\s]null)\b/i,
    includesHistory: true,
  },
  // F31.81 bipolar II disorder: antidepressants keep limited second-line roles (CANMAT/ISBD 2018).
  'bipolar-ii': {
    icd10: ['F31.81'],
    snomed: ['83225003'],
    text: /\bbipolar (?:ii|2|type (?:ii|2))\b/i,
    includesHistory: true,
  },
};

// Negated or tentative problem-list wording must not count as the diagnosis. A cue negates what
// follows it in the same clause: "without agoraphobia" negates agoraphobia, while "panic disorder
// without agoraphobia" and "MDD without psychotic features" still name the disorder before it.
const NEGATION_CUE =
  /\b(?:no|denies|negative for|ruled out|r\/o|rule out|history negative|without)\b(?![^,;.]*[,;.])/i;

function negatedAt(text: string, index: number): boolean {
  return NEGATION_CUE.test(text.slice(0, index));
}

function textNames(definition: ConditionGroupDefinition, text: string): boolean {
  const pattern = new RegExp(definition.text.source, `${definition.text.flags.replace('g', '')}g`);
  for (const match of text.matchAll(pattern)) {
    if (!negatedAt(text, match.index ?? 0)) return true;
  }
  return false;
}

function normalizeIcd10(code: string): string {
  return code.trim().toUpperCase().replace(/\./g, '');
}

function matchesIcd10(code: string, prefixes: string[]): boolean {
  const normalized = normalizeIcd10(code);
  return prefixes.some((prefix) => normalized.startsWith(normalizeIcd10(prefix)));
}

export function conditionInGroup(condition: ConditionEntry, group: ConditionGroup): boolean {
  const definition = CONDITION_GROUPS[group];
  if (condition.status === 'resolved' && !definition.includesHistory) return false;
  if (condition.code) {
    if (condition.system === 'ICD-10-CM') {
      if (matchesIcd10(condition.code, definition.icd10)) return true;
      // A group no ICD-10-CM code names on its own is recognised by the diagnosis wording.
      if (definition.icd10.length > 0) return false;
    } else if (condition.system === 'SNOMED') {
      if (definition.snomed.includes(condition.code.trim())) return true;
      // An unlisted SNOMED concept may be a descendant: fall back to its text.
    } else if (/^[A-Z]\d/i.test(condition.code) && matchesIcd10(condition.code, definition.icd10)) {
      // A code with no stated system that has ICD-10-CM shape.
      return true;
    }
  }
  return textNames(definition, condition.text);
}

/** The patient's conditions in a group (resolved ones only where history counts). */
export function conditionsInGroup(
  context: PatientContext,
  group: ConditionGroup,
): ConditionEntry[] {
  return context.conditions.filter((condition) => conditionInGroup(condition, group));
}

export function hasCondition(context: PatientContext, group: ConditionGroup): boolean {
  return conditionsInGroup(context, group).length > 0;
}

/**
 * Pregnant by the chart's explicit flag, by a pregnancy, childbirth or puerperium code, or by the
 * newest pregnancy test being positive (reference D2): qualitative "positive"/"detected", or a
 * quantitative hCG of at least 25 IU/L.
 */
export function isPregnant(context: PatientContext): boolean {
  if (context.pregnant !== null) return context.pregnant;
  return hasCondition(context, 'pregnancy') || newestPregnancyTestPositive(context);
}

export const POSITIVE_HCG_IU_PER_L = 25;

export function newestPregnancyTestPositive(context: PatientContext): boolean {
  let newest: PatientContext['monitoring'][number] | null = null;
  for (const entry of context.monitoring) {
    if (entry.kind !== 'pregnancy-test' || !entry.date) continue;
    if (!newest || (newest.date !== null && entry.date > newest.date)) newest = entry;
  }
  if (!newest) return false;
  if (newest.valueText)
    return (
      /\b(?:positive|detected|reactive)\b/i.test(newest.valueText) &&
      !/\b(?:not detected|non-?reactive)\b/i.test(newest.valueText)
    );
  return newest.value !== null && newest.value >= POSITIVE_HCG_IU_PER_L;
}
