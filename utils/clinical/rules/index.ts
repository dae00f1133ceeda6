/**
 * The rule registry and its evaluation into CDS Hooks–shaped prompt cards.
 *
 * Every family file exports its rules; adding a family means adding it to `FAMILIES` below, and
 * the meta-test then demands a test file and catalogue texts for it.
 */
import { catalogueLocaleOf, type Translate } from '../../i18n';
import { parseIsoDate } from '../dates';
import type {
  Indicator,
  IsoDate,
  MeasureTrend,
  PatientContext,
  PromptCard,
  SafetyPlanStatus,
} from '../types';
import { PROMPT_CATEGORIES } from '../types';
import { AGE_RULES } from './age';
import { ANTIPSYCHOTIC_RULES } from './antipsychotic';
import { BENZODIAZEPINE_RULES } from './benzodiazepine';
import { BIPOLAR_RULES } from './bipolar';
import { BUPROPION_RULES } from './bupropion';
import { CARBAMAZEPINE_RULES } from './carbamazepine';
import { CLOZAPINE_RULES } from './clozapine';
import { ageFrom, currentMedications } from './facts';
import { LAMOTRIGINE_RULES } from './lamotrigine';
import { LITHIUM_RULES } from './lithium';
import { MEASUREMENT_RULES } from './measurement';
import { METHADONE_RULES } from './methadone';
import { PREGNANCY_RULES } from './pregnancy';
import { QT_RULES } from './qt';
import { RESPONSE_RULES } from './response';
import { SAFETY_RULES } from './safety';
import { SEROTONERGIC_RULES } from './serotonergic';
import { STIMULANT_RULES } from './stimulant';
import { SUBSTANCE_USE_RULES } from './substance-use';
import { THERAPY_ALIGNMENT_RULES } from './therapy-alignment';
import { thresholdInRange, thresholdSpec } from './threshold-units';
import type {
  EvidenceLine,
  MessageParam,
  MessageParams,
  Rule,
  RuleFacts,
  RuleFinding,
  RuleSettings,
} from './types';
import { ruleKeys } from './types';
import { VALPROATE_RULES } from './valproate';

const FAMILIES: Rule[][] = [
  SAFETY_RULES,
  RESPONSE_RULES,
  MEASUREMENT_RULES,
  LITHIUM_RULES,
  BIPOLAR_RULES,
  VALPROATE_RULES,
  LAMOTRIGINE_RULES,
  CARBAMAZEPINE_RULES,
  ANTIPSYCHOTIC_RULES,
  CLOZAPINE_RULES,
  STIMULANT_RULES,
  METHADONE_RULES,
  QT_RULES,
  SEROTONERGIC_RULES,
  BENZODIAZEPINE_RULES,
  BUPROPION_RULES,
  AGE_RULES,
  PREGNANCY_RULES,
  SUBSTANCE_USE_RULES,
  THERAPY_ALIGNMENT_RULES,
];

export const RULES: Rule[] = FAMILIES.flat();
export const RULE_FAMILIES: string[] = [...new Set(RULES.map((rule) => rule.family))];

export const SUMMARY_MAX_LENGTH = 140;

const INDICATOR_ORDER: Record<Indicator, number> = { critical: 0, warning: 1, info: 2 };

export interface EvaluateRulesOptions {
  now: IsoDate;
  t: Translate;
  trends: MeasureTrend[];
  safetyPlanStatus?: SafetyPlanStatus;
  settings?: RuleSettings;
  /** BCP 47 locale for numbers and dates in card texts; by default the language of `t`. */
  locale?: string;
}

/**
 * Problems with clinic settings, in plain words, so the options page and the policy loader can
 * show them. Evaluation ignores an invalid override and keeps the rule's default.
 */
export function validateRuleSettings(settings: RuleSettings): string[] {
  const problems: string[] = [];
  const families = new Set(RULE_FAMILIES);
  const ids = new Set(RULES.map((rule) => rule.id));
  for (const family of settings.disabledFamilies ?? []) {
    if (!families.has(family)) problems.push(`unknown rule family '${family}'`);
  }
  for (const id of settings.disabledRules ?? []) {
    if (!ids.has(id)) problems.push(`unknown rule '${id}'`);
  }
  for (const [key, value] of Object.entries(settings.thresholds ?? {})) {
    const [ruleId, name] = splitThresholdKey(key);
    const rule = RULES.find((candidate) => candidate.id === ruleId);
    if (!rule || name === null || !(name in (rule.thresholds ?? {}))) {
      problems.push(`unknown threshold '${key}'`);
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      problems.push(
        `threshold '${key}' must be a number of zero or more, got ${JSON.stringify(value)}`,
      );
    } else if (!thresholdInRange(name, value)) {
      const spec = thresholdSpec(name);
      problems.push(
        `threshold '${key}' must be from ${spec?.min} to ${spec?.max} ${spec?.unit}, got ${value}`,
      );
    }
  }
  return problems;
}

function splitThresholdKey(key: string): [string, string | null] {
  const dot = key.lastIndexOf('.');
  return dot < 0 ? [key, null] : [key.slice(0, dot), key.slice(dot + 1)];
}

function thresholdsFor(rule: Rule, settings: RuleSettings | undefined): Record<string, number> {
  const resolved = { ...(rule.thresholds ?? {}) };
  if (!settings?.thresholds) return resolved;
  for (const name of Object.keys(resolved)) {
    const override = settings?.thresholds?.[`${rule.id}.${name}`];
    if (typeof override === 'number' && thresholdInRange(name, override)) {
      resolved[name] = override;
    }
  }
  return resolved;
}

function isEnabled(rule: Rule, settings: RuleSettings | undefined): boolean {
  return (
    !settings?.disabledFamilies?.includes(rule.family) &&
    !settings?.disabledRules?.includes(rule.id)
  );
}

interface Formatters {
  t: Translate;
  number: Intl.NumberFormat;
  date: Intl.DateTimeFormat;
  list: Intl.ListFormat;
  /**
   * Texts already formatted in this evaluation. A long medication list repeats the same drugs,
   * doses and start dates across pairs and cards, and `Intl` formatting is the costly part.
   */
  dates: Map<string, string>;
  evidence: Map<EvidenceLine, string>;
}

function formatDate(text: IsoDate, format: Formatters): string {
  let formatted = format.dates.get(text);
  if (formatted === undefined) {
    const date = parseIsoDate(text);
    formatted = date ? format.date.format(new Date(`${date}T00:00:00Z`)) : text;
    format.dates.set(text, formatted);
  }
  return formatted;
}

function formatParam(value: MessageParam, format: Formatters): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return format.number.format(value);
  if ('date' in value) return formatDate(value.date, format);
  if ('list' in value) return format.list.format(value.list);
  if ('messageList' in value)
    return format.list.format(value.messageList.map((key) => format.t(key)));
  const nested: Record<string, string> = {};
  for (const [name, inner] of Object.entries(value.params ?? {})) {
    nested[name] =
      typeof inner === 'number'
        ? format.number.format(inner)
        : typeof inner === 'string'
          ? inner
          : format.list.format(inner.list);
  }
  return format.t(value.message, nested);
}

function formatParams(
  params: MessageParams | undefined,
  format: Formatters,
): Record<string, string> {
  const formatted: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    formatted[name] = formatParam(value, format);
  }
  return formatted;
}

/** Rules share one evidence line per medication, so each is formatted once per evaluation. */
function formatEvidence(line: EvidenceLine, format: Formatters): string {
  let text = format.evidence.get(line);
  if (text === undefined) {
    text = format.t(line.key, formatParams(line.params, format));
    format.evidence.set(line, text);
  }
  return text;
}

/** FNV-1a over a canonical JSON text: short, stable across runs and locales. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * JSON with object keys sorted and undefined members left out. The text is what stored dismissals
 * were keyed on, so it must never change; only the way it is built may.
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The fingerprint of a finding's facts: the same facts give the same key in any locale. It is
 * `canonical({ evidence, ruleId })` (keys in sorted order), assembled from the canonical texts of
 * the evidence lines so that a line shared by many cards is written once: `lines` holds those
 * already built in this evaluation.
 */
export function factsKeyOf(
  ruleId: string,
  evidence: EvidenceLine[],
  lines: Map<EvidenceLine, string> = new Map(),
): string {
  let text = '{"evidence":[';
  for (let index = 0; index < evidence.length; index += 1) {
    const line = evidence[index] as EvidenceLine;
    let lineText = lines.get(line);
    if (lineText === undefined) {
      lineText = canonical(line);
      lines.set(line, lineText);
    }
    if (index > 0) text += ',';
    text += lineText;
  }
  return fingerprint(`${text}],"ruleId":${canonical(ruleId)}}`);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function buildFacts(
  context: PatientContext,
  options: Pick<EvaluateRulesOptions, 'now' | 'trends' | 'safetyPlanStatus'>,
): Omit<RuleFacts, 'thresholds'> {
  const chartedInstruments = new Set<string>();
  for (const score of context.scores) chartedInstruments.add(score.instrument);
  return {
    context,
    now: options.now,
    age: ageFrom(context, options.now),
    medications: currentMedications(context, options.now),
    trends: options.trends,
    chartedInstruments,
    safetyPlanStatus: options.safetyPlanStatus ?? null,
  };
}

/** Intl formatters cost far more to build than to use: one set per locale. */
type LocaleFormatters = Pick<Formatters, 'number' | 'date' | 'list'>;
const formattersByLocale = new Map<string, LocaleFormatters>();
function formattersFor(locale: string): LocaleFormatters {
  let formatters = formattersByLocale.get(locale);
  if (!formatters) {
    formatters = {
      number: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }),
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
      list: new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }),
    };
    formattersByLocale.set(locale, formatters);
  }
  return formatters;
}

export function evaluateRules(
  context: PatientContext,
  options: EvaluateRulesOptions,
): PromptCard[] {
  const now = parseIsoDate(options.now);
  if (now === null)
    throw new RangeError(
      `evaluateRules: 'now' must be an ISO date, got ${JSON.stringify(options.now)}`,
    );
  const base = buildFacts(context, { ...options, now });
  const locale = options.locale ?? catalogueLocaleOf(options.t);
  const format: Formatters = {
    t: options.t,
    ...formattersFor(locale),
    dates: new Map(),
    evidence: new Map(),
  };
  const canonicalLines = new Map<EvidenceLine, string>();

  const fired: Array<{ rule: Rule; finding: RuleFinding }> = [];
  for (const rule of RULES) {
    if (!isEnabled(rule, options.settings)) continue;
    const finding = rule.evaluate({ ...base, thresholds: thresholdsFor(rule, options.settings) });
    if (finding) fired.push({ rule, finding });
  }

  const superseded = new Set(fired.flatMap(({ rule }) => rule.supersedes ?? []));
  const categoryOrder = (category: string) => PROMPT_CATEGORIES.indexOf(category as never);

  return fired
    .filter(({ rule }) => !superseded.has(rule.id))
    .map(({ rule, finding }): PromptCard => {
      const keys = ruleKeys(rule.id);
      const params = formatParams(finding.params, format);
      return {
        id: rule.id,
        category: rule.category,
        indicator: rule.indicator,
        summary: truncate(options.t(keys.summary, params), SUMMARY_MAX_LENGTH),
        detail: options.t(keys.detail, params),
        source: { ...rule.source },
        evidence: finding.evidence.map((line) => formatEvidence(line, format)),
        factsKey: factsKeyOf(rule.id, finding.evidence, canonicalLines),
      };
    })
    .sort(
      (a, b) =>
        INDICATOR_ORDER[a.indicator] - INDICATOR_ORDER[b.indicator] ||
        categoryOrder(a.category) - categoryOrder(b.category) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}
