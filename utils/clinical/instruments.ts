/**
 * The measurement-instrument registry: items, ranges, LOINC codes, severity bands, critical items,
 * response / remission / reliable-change thresholds and measurement intervals.
 *
 * Every number comes from the project's clinical reference (`clinical-reference.md`); the
 * `source` next to it names the reference row and its primary source. Facts the reference marks
 * ⚠ unverified are not used as thresholds: such a field is `null` and the comment says why.
 */
import type { AdministrativeSex } from './types';

export const INSTRUMENT_NAMES = [
  'PHQ-9',
  'PHQ-2',
  'PHQ-A',
  'GAD-7',
  'PCL-5',
  'AUDIT-C',
  'EPDS',
  'C-SSRS',
  'MDQ',
  'ASRS-A',
  'CRAVING',
] as const;
export type InstrumentName = (typeof INSTRUMENT_NAMES)[number];

/** LOINC, or a local code where no verified LOINC term exists (marked as such). */
export interface InstrumentCode {
  system: 'LOINC' | 'local';
  code: string;
}

export interface SeverityBand {
  /** Lower case, exactly as the clinical reference names it. */
  name: string;
  min: number;
  max: number;
  /** Only for instruments whose cut-off differs by sex (AUDIT-C). */
  sex?: Extract<AdministrativeSex, 'female' | 'male'>;
  source: string;
}

export interface CriticalItemRule {
  item: number;
  /** A positive answer is a value at or above this. */
  positiveAtLeast: number;
  source: string;
}

/** An item that is asked but does not count toward the total (e.g. PHQ-9 item 10, difficulty). */
export interface UnscoredItem {
  item: number;
  min: number;
  max: number;
  about: string;
}

export type InstrumentScoring =
  /** Sum of the scored items. */
  | 'sum'
  /** No total by design: the risk level comes from the highest item endorsed (C-SSRS). */
  | 'highest-item';

export interface Instrument {
  name: InstrumentName;
  fullName: string;
  /** Names and abbreviations a chart or a FHIR resource may use for it. */
  aliases: string[];
  purpose: 'monitoring' | 'screening';
  panel: InstrumentCode | null;
  total: InstrumentCode | null;
  /** Per-item LOINC codes by 1-based item number, where the reference gives them. */
  itemLoinc: Record<number, string>;
  /** A LOINC code seen in the wild but unverified: recorded, never used to identify data. */
  unverifiedLoinc?: string;
  itemCount: number;
  itemMin: number;
  itemMax: number;
  unscoredItems: UnscoredItem[];
  /**
   * Items whose printed answer order runs high-to-low. Stored answers are the item's scored value
   * (see `scoredValueFromAnswerPosition`), so scoring never reverses them again.
   */
  reverseScoredItems: number[];
  scoring: InstrumentScoring;
  totalMin: number | null;
  totalMax: number | null;
  bands: SeverityBand[];
  critical: CriticalItemRule[];
  /** Response = reduction from baseline of at least this fraction; null when there is no standard. */
  responseFraction: number | null;
  /** Remission = latest score strictly below this; null when there is no standard. */
  remissionBelow: number | null;
  /**
   * Response and remission are judged only from an index score at least this high (CMS159 and
   * CBE 1884/1885 count index PHQ-9 scores above 9); absent = any baseline above remission.
   */
  indexAtLeast?: number;
  /** A change of at least this many points is reliable for an individual; null when none. */
  reliableChangePoints: number | null;
  /** The minimal important difference, when it differs from reliable change (shown as such). */
  minimalImportantDifference?: number;
  /** Days between administrations in measurement-based care; null = no visit interval. */
  intervalDays: number | null;
  sources: {
    codes: string;
    items: string;
    bands: string | null;
    response: string | null;
    remission: string | null;
    reliableChange: string | null;
    interval: string | null;
  };
}

const PHQ9_BANDS_SOURCE = 'Kroenke 2001 JGIM; LOINC LL382-3 answer list (ref. A1)';

function phqDepressionBands(source: string): SeverityBand[] {
  return [
    { name: 'minimal', min: 0, max: 4, source },
    { name: 'mild', min: 5, max: 9, source },
    { name: 'moderate', min: 10, max: 14, source },
    { name: 'moderately severe', min: 15, max: 19, source },
    { name: 'severe', min: 20, max: 27, source },
  ];
}

const PHQ9_ITEM_LOINC: Record<number, string> = {
  // Items 1, 2 and 9: ref. A0 (PHQ-2 items 44250-9 / 44255-8; item 9 44260-8, loinc.org LL358-3).
  // Items 3–8: HL7 US Core 9.0.0 Questionnaire phq-9-example, whose linkIds are these LOINC codes.
  1: '44250-9',
  2: '44255-8',
  3: '44259-0',
  4: '44254-1',
  5: '44251-7',
  6: '44258-2',
  7: '44252-5',
  8: '44253-3',
  9: '44260-8',
};

export const INSTRUMENTS: Record<InstrumentName, Instrument> = {
  'PHQ-9': {
    name: 'PHQ-9',
    fullName: 'Patient Health Questionnaire 9 item',
    aliases: [
      'PHQ-9',
      'PHQ9',
      'PHQ 9',
      'Patient Health Questionnaire 9',
      'Patient Health Questionnaire-9',
    ],
    purpose: 'monitoring',
    panel: { system: 'LOINC', code: '44249-1' },
    total: { system: 'LOINC', code: '44261-6' },
    itemLoinc: PHQ9_ITEM_LOINC,
    itemCount: 9,
    itemMin: 0,
    itemMax: 3,
    unscoredItems: [{ item: 10, min: 0, max: 3, about: 'functional difficulty' }],
    reverseScoredItems: [],
    scoring: 'sum',
    totalMin: 0,
    totalMax: 27,
    bands: phqDepressionBands(PHQ9_BANDS_SOURCE),
    critical: [
      {
        item: 9,
        positiveAtLeast: 1,
        source: 'PHQ-9 scoring instructions: any positive item 9 needs follow-up (ref. A1)',
      },
    ],
    responseFraction: 0.5,
    remissionBelow: 5,
    indexAtLeast: 10,
    // NHS Talking Therapies: 6 points is reliable change; Löwe 2004's 5 points is the MID.
    reliableChangePoints: 6,
    minimalImportantDifference: 5,
    intervalDays: 14,
    sources: {
      codes: 'cdn.loinc.org/44261-6, loinc.org/LL358-3 (ref. A0)',
      items: 'Kroenke 2001 JGIM; LOINC 44261-6 (ref. A1)',
      bands: PHQ9_BANDS_SOURCE,
      response: 'NCQA HEDIS DRR-E; CMS CBE 1884/1885 (ref. A1)',
      remission: 'NCQA DRR-E; CMS159 (ref. A1)',
      reliableChange:
        'NHS Talking Therapies Manual (2023): reliable change ≥ 6 points; MID 5 points, Löwe et al., Med Care 2004;42:1194 (ref. D5)',
      interval: 'LOINC 44249-1 term description: "e.g., every 2 weeks" (ref. A1)',
    },
  },
  'PHQ-2': {
    name: 'PHQ-2',
    fullName: 'Patient Health Questionnaire 2 item',
    aliases: [
      'PHQ-2',
      'PHQ2',
      'PHQ 2',
      'Patient Health Questionnaire 2',
      'Patient Health Questionnaire-2',
    ],
    purpose: 'screening',
    panel: { system: 'LOINC', code: '55757-9' },
    total: { system: 'LOINC', code: '55758-7' },
    itemLoinc: { 1: '44250-9', 2: '44255-8' },
    itemCount: 2,
    itemMin: 0,
    itemMax: 3,
    unscoredItems: [],
    reverseScoredItems: [],
    scoring: 'sum',
    totalMin: 0,
    totalMax: 6,
    // ≥3 is Kroenke's published cut-off (◐); ≥2 is more sensitive (Arroll 2010 ✅) and a clinic
    // may prefer it, but the screen is followed by a full PHQ-9 either way.
    bands: [
      { name: 'negative', min: 0, max: 2, source: 'Kroenke 2003 Med Care, cut-off ≥3 (ref. A2)' },
      { name: 'positive', min: 3, max: 6, source: 'Kroenke 2003 Med Care, cut-off ≥3 (ref. A2)' },
    ],
    critical: [],
    responseFraction: null,
    remissionBelow: null,
    reliableChangePoints: null,
    // Screening only, not for monitoring (Kroenke 2003; ref. A2): never "due".
    intervalDays: null,
    sources: {
      codes: 'cdn.loinc.org/55757-9 (ref. A0)',
      items: 'Kroenke 2003 Med Care (ref. A2)',
      bands: 'Kroenke 2003 Med Care (ref. A2)',
      response: null,
      remission: null,
      reliableChange: null,
      interval: null,
    },
  },
  'PHQ-A': {
    name: 'PHQ-A',
    fullName: 'Patient Health Questionnaire-9: Modified for Teens',
    aliases: [
      'PHQ-A',
      'PHQA',
      'PHQ-9 Modified for Teens',
      'PHQ-9M',
      'PHQ9M',
      'PHQ-9 Teen',
      'Patient Health Questionnaire-9: Modified for Teens',
      'Patient Health Questionnaire 9 Modified for Teens',
      'PHQ-9 Modified for Adolescents',
    ],
    purpose: 'monitoring',
    panel: { system: 'LOINC', code: '89206-7' },
    total: { system: 'LOINC', code: '89204-2' },
    itemLoinc: {},
    itemCount: 9,
    itemMin: 0,
    itemMax: 3,
    // The four unscored items in the order LOINC 89204-2 lists them (ref. A3); the yes/no items
    // are stored as 0 = no, 1 = yes.
    unscoredItems: [
      { item: 10, min: 0, max: 1, about: 'past-year depressed mood (dysthymia)' },
      { item: 11, min: 0, max: 3, about: 'functional difficulty' },
      { item: 12, min: 0, max: 1, about: 'past-month serious thoughts of ending life' },
      { item: 13, min: 0, max: 1, about: 'lifetime suicide attempt' },
    ],
    reverseScoredItems: [],
    scoring: 'sum',
    totalMin: 0,
    totalMax: 27,
    bands: phqDepressionBands('Same bands as PHQ-9: HEDIS DSF-E; GLAD-PC toolkit (ref. A3)'),
    critical: [
      {
        item: 9,
        positiveAtLeast: 1,
        source: 'PHQ-9 Modified for Teens scoring instructions (ref. A3)',
      },
      {
        item: 12,
        positiveAtLeast: 1,
        source: 'PHQ-9 Modified for Teens scoring instructions (ref. A3)',
      },
      {
        item: 13,
        positiveAtLeast: 1,
        source: 'PHQ-9 Modified for Teens scoring instructions (ref. A3)',
      },
    ],
    responseFraction: 0.5,
    remissionBelow: 5,
    // Löwe 2004 derived the 5-point figure in adults on the PHQ-9; nothing in the reference
    // extends it to the teen version, so no reliable-change threshold here.
    reliableChangePoints: null,
    intervalDays: 14,
    sources: {
      codes: 'loinc.org/89204-2 (ref. A0)',
      items: 'LOINC 89204-2 (ref. A3)',
      bands: 'HEDIS DSF-E; GLAD-PC toolkit (ref. A3)',
      response: 'CMS CBE 1884/1885: PHQ-9/PHQ-9M reduced ≥50% (ref. C)',
      remission: 'CMS159: PHQ-9/PHQ-9M <5, ages ≥12 (ref. C)',
      reliableChange: null,
      interval:
        'LOINC 44249-1 (every 2 weeks, ref. A1); AACAP: every 2 weeks after the first month (ref. B13)',
    },
  },
  'GAD-7': {
    name: 'GAD-7',
    fullName: 'Generalized anxiety disorder 7 item',
    aliases: [
      'GAD-7',
      'GAD7',
      'GAD 7',
      'Generalized Anxiety Disorder 7',
      'Generalized Anxiety Disorder-7',
    ],
    purpose: 'monitoring',
    panel: { system: 'LOINC', code: '69737-5' },
    total: { system: 'LOINC', code: '70274-6' },
    itemLoinc: {
      1: '69725-0',
      2: '68509-9',
      3: '69733-4',
      4: '69734-2',
      5: '69735-9',
      6: '69689-8',
      7: '69736-7',
    },
    itemCount: 7,
    itemMin: 0,
    itemMax: 3,
    unscoredItems: [],
    reverseScoredItems: [],
    scoring: 'sum',
    totalMin: 0,
    totalMax: 21,
    bands: [
      { name: 'minimal', min: 0, max: 4, source: 'Spitzer 2006 Arch Intern Med (ref. A4)' },
      { name: 'mild', min: 5, max: 9, source: 'Spitzer 2006 Arch Intern Med (ref. A4)' },
      { name: 'moderate', min: 10, max: 14, source: 'Spitzer 2006 Arch Intern Med (ref. A4)' },
      { name: 'severe', min: 15, max: 21, source: 'Spitzer 2006 Arch Intern Med (ref. A4)' },
    ],
    critical: [],
    // No official response or remission standard for GAD-7 (ref. A4, ⚠): borrowed PHQ-9
    // conventions are not used as thresholds.
    responseFraction: null,
    remissionBelow: null,
    reliableChangePoints: 4,
    // "Each visit, or every 2–4 weeks": the upper end, so "due" means the outer limit passed.
    intervalDays: 28,
    sources: {
      codes: 'loinc.org/69729-2 (total); panel ◐ (ref. A0)',
      items: 'Spitzer 2006 Arch Intern Med (ref. A4)',
      bands: 'Spitzer 2006; INSPQ sheet (ref. A4)',
      response: null,
      remission: null,
      reliableChange: 'NHS Talking Therapies Manual (2023): reliable change ≥ 4 points (ref. D5)',
      interval: 'MBC convention, Kennedy Forum/AIMS: every 2–4 weeks (ref. A4)',
    },
  },
  'PCL-5': {
    name: 'PCL-5',
    fullName: 'PTSD Checklist for DSM-5',
    aliases: ['PCL-5', 'PCL5', 'PCL 5', 'PTSD Checklist for DSM-5', 'PTSD PCL-5'],
    purpose: 'monitoring',
    panel: { system: 'LOINC', code: '101697-1' },
    total: { system: 'LOINC', code: '101698-9' },
    itemLoinc: {},
    // One repository uses 96762-0 for the PCL-5; the reference calls it likely wrong (ref. A0).
    unverifiedLoinc: '96762-0',
    itemCount: 20,
    itemMin: 0,
    itemMax: 4,
    unscoredItems: [],
    reverseScoredItems: [],
    scoring: 'sum',
    totalMin: 0,
    totalMax: 80,
    bands: [
      {
        name: 'below cut-off',
        min: 0,
        max: 30,
        source: 'NCPTSD "Using the PCL-5": 31–33 = probable PTSD (ref. A5)',
      },
      {
        name: 'probable ptsd',
        min: 31,
        max: 80,
        source: 'NCPTSD "Using the PCL-5": 31–33 = probable PTSD (ref. A5)',
      },
    ],
    critical: [],
    responseFraction: null,
    // Marx 2022's "≤28" is an endpoint for clinically significant change, not a remission
    // definition, so it is not reported as remission.
    remissionBelow: null,
    reliableChangePoints: 15,
    // "About monthly (past-month recall)".
    intervalDays: 30,
    sources: {
      codes: 'findacode.com and healthassure LOINC mirrors ◐ (ref. A0)',
      items: 'Weathers 2013; Blevins 2015 J Trauma Stress (ref. A5)',
      bands: 'NCPTSD "Using the PCL-5" (ref. A5)',
      response: null,
      remission: null,
      reliableChange: 'Marx et al., Psychol Assess 2022: reliable change ≥15 (ref. A5)',
      interval: 'VA/DoD PTSD CPG 2023; about monthly (ref. A5)',
    },
  },
  'AUDIT-C': {
    name: 'AUDIT-C',
    fullName: 'Alcohol Use Disorder Identification Test - Consumption',
    aliases: [
      'AUDIT-C',
      'AUDITC',
      'AUDIT C',
      'Alcohol Use Disorder Identification Test - Consumption',
    ],
    purpose: 'screening',
    panel: { system: 'LOINC', code: '72109-2' },
    total: { system: 'LOINC', code: '75626-2' },
    itemLoinc: {},
    itemCount: 3,
    itemMin: 0,
    itemMax: 4,
    unscoredItems: [],
    reverseScoredItems: [],
    scoring: 'sum',
    totalMin: 0,
    totalMax: 12,
    // The cut-off differs by sex; with sex unknown a score is banded only where both agree.
    // The "≥8 higher risk" band is ⚠ convention and not used.
    bands: [
      {
        name: 'negative',
        min: 0,
        max: 3,
        sex: 'male',
        source: 'LOINC 75626-2 (Bradley 2003) (ref. A6)',
      },
      {
        name: 'positive',
        min: 4,
        max: 12,
        sex: 'male',
        source: 'LOINC 75626-2 (Bradley 2003) (ref. A6)',
      },
      {
        name: 'negative',
        min: 0,
        max: 2,
        sex: 'female',
        source: 'LOINC 75626-2 (Bradley 2003) (ref. A6)',
      },
      {
        name: 'positive',
        min: 3,
        max: 12,
        sex: 'female',
        source: 'LOINC 75626-2 (Bradley 2003) (ref. A6)',
      },
    ],
    critical: [],
    responseFraction: null,
    remissionBelow: null,
    reliableChangePoints: null,
    // Annual screening, poorly sensitive to short-term change (ref. A6): never "due" per visit.
    intervalDays: null,
    sources: {
      codes: 'loinc.org/75626-2 (ref. A0)',
      items: 'Bush 1998; LOINC 75626-2 (ref. A6)',
      bands: 'LOINC 75626-2 term description (Bradley 2003) (ref. A6)',
      response: null,
      remission: null,
      reliableChange: null,
      interval: null,
    },
  },
  EPDS: {
    name: 'EPDS',
    fullName: 'Edinburgh Postnatal Depression Scale',
    aliases: ['EPDS', 'Edinburgh Postnatal Depression Scale', 'Edinburgh Depression Scale'],
    purpose: 'screening',
    panel: { system: 'LOINC', code: '71354-5' },
    total: { system: 'LOINC', code: '99046-5' },
    // Item 10's LOINC code is unverified (ref. A0), so no item codes.
    itemLoinc: {},
    itemCount: 10,
    itemMin: 0,
    itemMax: 3,
    unscoredItems: [],
    // EHRs and FHIR answer lists store each EPDS answer as its scored value 0–3, already reversed
    // for these items; only a form that records the printed answer position needs to reverse them.
    reverseScoredItems: [3, 5, 6, 7, 8, 9, 10],
    scoring: 'sum',
    totalMin: 0,
    totalMax: 30,
    bands: [
      {
        name: 'below cut-off',
        min: 0,
        max: 9,
        source: 'HEDIS DSF-E positive threshold ≥10 (ref. A11)',
      },
      {
        name: 'possible depression',
        min: 10,
        max: 12,
        source: 'HEDIS DSF-E positive threshold ≥10 (ref. A11)',
      },
      {
        name: 'probable depression',
        min: 13,
        max: 30,
        source: 'Cox 1987; NSW Health SAFE START: ≥13 probable depression (ref. A11)',
      },
    ],
    critical: [
      {
        item: 10,
        positiveAtLeast: 1,
        source: 'NSW Health; EPDS guidance: item 10 >0 → immediate evaluation (ref. A11)',
      },
    ],
    responseFraction: null,
    remissionBelow: null,
    reliableChangePoints: null,
    // A perinatal screen (ACOG CO 757); the 2-week repeat applies only to borderline scores.
    intervalDays: null,
    sources: {
      codes: 'LOINC 71354-5 ✅; total 99046-5 ◐ (ref. A0)',
      items: 'Cox 1987 Br J Psychiatry (ref. A11)',
      bands: 'Cox 1987; NSW Health SAFE START; HEDIS (ref. A11)',
      response: null,
      remission: null,
      reliableChange: null,
      interval: null,
    },
  },
  'C-SSRS': {
    name: 'C-SSRS',
    fullName: 'Columbia Suicide Severity Rating Scale, screener',
    aliases: [
      'C-SSRS',
      'CSSRS',
      'C SSRS',
      'C-SSRS Screener',
      'Columbia Suicide Severity Rating Scale',
      'Columbia - suicide severity rating scale screener',
    ],
    purpose: 'screening',
    panel: { system: 'LOINC', code: '93373-9' },
    total: null,
    // Item 1 "possibly 93246-7" is ⚠ (ref. A0): not used.
    itemLoinc: {},
    // Items 1–6 are yes/no (0/1); item 7 is the follow-up to item 6, "within the past 3 months?".
    itemCount: 6,
    itemMin: 0,
    itemMax: 1,
    unscoredItems: [{ item: 7, min: 0, max: 1, about: 'behaviour within the past 3 months' }],
    reverseScoredItems: [],
    scoring: 'highest-item',
    totalMin: null,
    totalMax: null,
    bands: [],
    critical: [3, 4, 5, 6].map((item) => ({
      item,
      positiveAtLeast: 1,
      source: 'Columbia clinical triage guidelines using the C-SSRS (ref. A7)',
    })),
    responseFraction: null,
    remissionBelow: null,
    reliableChangePoints: null,
    intervalDays: null,
    sources: {
      codes: 'LOINC 93373-9 ◐ (ref. A0)',
      items: 'Columbia Lighthouse; NINDS CDE (ref. A7)',
      bands: 'Columbia "Clinical triage guidelines using the C-SSRS" (ref. A7)',
      response: null,
      remission: null,
      reliableChange: null,
      interval: null,
    },
  },
  MDQ: {
    name: 'MDQ',
    fullName: 'Mood Disorder Questionnaire',
    aliases: ['MDQ', 'Mood Disorder Questionnaire'],
    purpose: 'screening',
    panel: { system: 'LOINC', code: '85102-2' },
    total: { system: 'LOINC', code: '84773-1' },
    itemLoinc: {},
    // 13 yes/no symptom items (the total counts the yes answers); item 14 = clustering (yes/no),
    // item 15 = problem caused: 0 none, 1 minor, 2 moderate, 3 serious.
    itemCount: 13,
    itemMin: 0,
    itemMax: 1,
    unscoredItems: [
      { item: 14, min: 0, max: 1, about: 'symptoms in the same period' },
      { item: 15, min: 0, max: 3, about: 'how much of a problem' },
    ],
    reverseScoredItems: [],
    scoring: 'sum',
    totalMin: 0,
    totalMax: 13,
    // Positive needs ≥7 yes AND clustering AND a moderate/serious problem: see `mdqBand` in
    // scoring.ts; a total alone can only rule the screen out.
    bands: [],
    critical: [],
    responseFraction: null,
    remissionBelow: null,
    reliableChangePoints: null,
    // A one-time screen (ref. A12).
    intervalDays: null,
    sources: {
      codes: 'cdn.loinc.org/85102-2 (ref. A0)',
      items: 'LOINC 85102-2 term description (Hirschfeld 2000) (ref. A12)',
      bands: 'LOINC 85102-2 term description (Hirschfeld 2000) (ref. A12)',
      response: null,
      remission: null,
      reliableChange: null,
      interval: null,
    },
  },
  'ASRS-A': {
    name: 'ASRS-A',
    fullName: 'Adult ADHD Self-Report Scale v1.1, Part A',
    aliases: [
      'ASRS-A',
      'ASRS A',
      'ASRS Part A',
      'ASRS v1.1 Part A',
      'ASRS v1.1 Screener',
      'ASRS Screener',
      'ASRS-6',
    ],
    purpose: 'screening',
    panel: null,
    // 62750-5 is known only from a Wikipedia infobox and may be a PhenX protocol panel (ref. A0 ⚠).
    total: { system: 'local', code: 'careside-asrs-a' },
    unverifiedLoinc: '62750-5',
    itemLoinc: {},
    itemCount: 6,
    itemMin: 0,
    itemMax: 4,
    unscoredItems: [],
    reverseScoredItems: [],
    scoring: 'sum',
    totalMin: 0,
    totalMax: 24,
    // The item-specific "shaded box" thresholds and the 0–24 bands are ⚠ (ref. A8): no bands.
    bands: [],
    critical: [],
    responseFraction: null,
    remissionBelow: null,
    reliableChangePoints: null,
    // Screener only, not a change measure (ref. A8).
    intervalDays: null,
    sources: {
      codes: 'no verified LOINC code; local code (ref. A0 ⚠)',
      items: 'WHO ASRS v1.1; Kessler 2005 Psychol Med (ref. A8)',
      bands: null,
      response: null,
      remission: null,
      reliableChange: null,
      interval: null,
    },
  },
  CRAVING: {
    name: 'CRAVING',
    fullName: 'Craving, visual analogue scale 0–10',
    aliases: ['CRAVING', 'Craving VAS', 'Craving scale', 'Craving 0-10', 'Craving score'],
    purpose: 'monitoring',
    panel: null,
    // Not a standardized LOINC instrument (ref. A0, A10): a local code.
    total: { system: 'local', code: 'careside-craving-vas' },
    itemLoinc: {},
    itemCount: 1,
    itemMin: 0,
    itemMax: 10,
    unscoredItems: [],
    reverseScoredItems: [],
    scoring: 'sum',
    totalMin: 0,
    totalMax: 10,
    // No validated bands or thresholds: shown as a trend only (ref. A10).
    bands: [],
    critical: [],
    responseFraction: null,
    remissionBelow: null,
    reliableChangePoints: null,
    intervalDays: null,
    sources: {
      codes: 'local code; no LOINC (ref. A10)',
      items: 'single-item analog scale (ref. A10)',
      bands: null,
      response: null,
      remission: null,
      reliableChange: null,
      interval: null,
    },
  },
};

/** Lower case, punctuation to spaces, and a space between letters and digits ("phq9" → "phq 9"). */
function normalizeName(text: string): string {
  return text
    .toLowerCase()
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

interface AliasEntry {
  normalized: string;
  instrument: Instrument;
}

// Longest first, so that "PHQ-9 Modified for Teens" wins over "PHQ-9" inside the same text.
const ALIASES: AliasEntry[] = Object.values(INSTRUMENTS)
  .flatMap((instrument) =>
    [instrument.name, instrument.fullName, ...instrument.aliases].map((alias) => ({
      normalized: normalizeName(alias),
      instrument,
    })),
  )
  .sort((a, b) => b.normalized.length - a.normalized.length);

const BY_CODE = new Map<string, Instrument>();
for (const instrument of Object.values(INSTRUMENTS)) {
  for (const code of [instrument.panel, instrument.total]) {
    if (code) BY_CODE.set(code.code, instrument);
  }
}

/** The instrument whose panel or total score has this code (LOINC or local); item codes excluded. */
export function findInstrumentByCode(code: string): Instrument | null {
  return BY_CODE.get(code.trim()) ?? null;
}

function resolveInstrument(query: string): Instrument | null {
  if (typeof query !== 'string' || query.trim() === '') return null;
  const byCode = findInstrumentByCode(query);
  if (byCode) return byCode;
  const normalized = normalizeName(query);
  const exact = ALIASES.find((alias) => alias.normalized === normalized);
  if (exact) return exact.instrument;
  const padded = ` ${normalized} `;
  return ALIASES.find((alias) => padded.includes(` ${alias.normalized} `))?.instrument ?? null;
}

// Nearly every score arrives under a registered name; resolving those once spares a large chart
// the text normalisation per administration.
const BY_REGISTERED_NAME = new Map<string, Instrument | null>(
  INSTRUMENT_NAMES.map((name) => [name, resolveInstrument(name)]),
);

/**
 * The instrument a name, abbreviation, LOINC panel/total code or descriptive title refers to:
 * "phq9", "PHQ-9", "44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score".
 * A title is matched by the instrument names it contains, the most specific name first.
 */
export function findInstrument(query: string): Instrument | null {
  const registered = BY_REGISTERED_NAME.get(query);
  return registered === undefined ? resolveInstrument(query) : registered;
}

export function getInstrument(name: InstrumentName): Instrument {
  return INSTRUMENTS[name];
}

/** The code a trend reports as `loinc`: the LOINC total (or panel when there is no total). */
export function reportedLoinc(instrument: Instrument): string | null {
  const code = instrument.total ?? instrument.panel;
  return code?.system === 'LOINC' ? code.code : null;
}

/** The allowed range of an item (scored or unscored), or null when the item does not exist. */
export function itemRange(
  instrument: Instrument,
  item: number,
): { min: number; max: number; scored: boolean } | null {
  if (Number.isInteger(item) && item >= 1 && item <= instrument.itemCount) {
    return { min: instrument.itemMin, max: instrument.itemMax, scored: true };
  }
  const unscored = instrument.unscoredItems.find((entry) => entry.item === item);
  return unscored ? { min: unscored.min, max: unscored.max, scored: false } : null;
}

/**
 * For a form that records which printed answer was ticked (0 = first printed answer): the scored
 * value of that answer. EPDS items 3 and 5–10 print their answers from 3 down to 0 (Cox 1987).
 */
export function scoredValueFromAnswerPosition(
  instrument: Instrument,
  item: number,
  position: number,
): number {
  return instrument.reverseScoredItems.includes(item) ? instrument.itemMax - position : position;
}

/**
 * The severity band of a total. With sex-specific cut-offs and sex unknown, the band is given
 * only when both sexes' bands agree (unknown is null, never a guess).
 */
export function bandFor(
  instrument: Instrument,
  score: number,
  sex: AdministrativeSex | null = null,
): string | null {
  const matching = instrument.bands.filter((band) => score >= band.min && score <= band.max);
  const sexSpecific = matching.some((band) => band.sex !== undefined);
  if (!sexSpecific) return matching[0]?.name ?? null;
  if (sex === 'female' || sex === 'male') {
    return matching.find((band) => band.sex === sex)?.name ?? null;
  }
  const names = new Set(matching.map((band) => band.name));
  return names.size === 1 ? (matching[0]?.name ?? null) : null;
}
