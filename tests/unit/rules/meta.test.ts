import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONDITION_GROUPS } from '../../../utils/clinical/conditions';
import { DRUG_CLASSES, VOCABULARY } from '../../../utils/clinical/medications/vocabulary';
import {
  evaluateRules,
  factsKeyOf,
  RULE_FAMILIES,
  RULES,
  validateRuleSettings,
} from '../../../utils/clinical/rules';
import { messageKey, ruleKeys } from '../../../utils/clinical/rules/types';
import { PROMPT_CATEGORIES } from '../../../utils/clinical/types';
import { critical, evaluate, icd, lab, med, messages, NOW, patient, t, trend } from './builders';

const root = process.cwd();
const rulesDir = resolve(root, 'utils/clinical/rules');
const ruleSources = readdirSync(rulesDir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => readFileSync(resolve(rulesDir, file), 'utf8'))
  .join('\n');

const MONITORING_KINDS = [
  'lithium-level',
  'valproate-level',
  'creatinine',
  'egfr',
  'tsh',
  'calcium',
  'sodium',
  'a1c',
  'glucose',
  'lipids',
  'ldl',
  'triglycerides',
  'weight',
  'bmi',
  'height',
  'waist',
  'bp-systolic',
  'bp-diastolic',
  'heart-rate',
  'qtc',
  'anc',
  'wbc',
  'platelets',
  'cbc',
  'alt',
  'ast',
  'lft',
  'pregnancy-test',
  'urine-drug-screen',
  'hcv',
  'hiv',
  'ecg',
];

describe('rule registry', () => {
  it('has at least 40 rules with unique ids', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
  });

  it.each(
    RULES.map((rule) => [rule.id, rule] as const),
  )('%s has a source, a category and catalogue texts', (_id, rule) => {
    expect(rule.source.label.trim().length).toBeGreaterThan(10);
    expect(rule.source.url).toMatch(/^https:\/\/[^\s]+$/);
    expect(PROMPT_CATEGORIES).toContain(rule.category);
    expect(['info', 'warning', 'critical']).toContain(rule.indicator);
    const keys = ruleKeys(rule.id);
    expect(messages[keys.summary], keys.summary).toBeDefined();
    expect(messages[keys.detail], keys.detail).toBeDefined();
    for (const value of Object.values(rule.thresholds ?? {})) {
      expect(Number.isFinite(value) && value >= 0).toBe(true);
    }
    for (const superseded of rule.supersedes ?? []) {
      expect(RULES.map((other) => other.id)).toContain(superseded);
    }
  });

  it('never makes an unverified fact critical', () => {
    const offenders = RULES.filter(
      (rule) => rule.status === 'unverified' && rule.indicator !== 'info',
    );
    expect(offenders.map((rule) => rule.id)).toEqual([]);
  });

  it.each(
    RULE_FAMILIES,
  )('family %s has a test file with a firing and a silent scenario for every rule', (family) => {
    const path = resolve(root, 'tests/unit/rules', `${family}.test.ts`);
    expect(existsSync(path), path).toBe(true);
    const source = readFileSync(path, 'utf8');
    expect(source).toContain('itFires(');
    expect(source).toContain('itStaysSilent(');
    for (const rule of RULES.filter((candidate) => candidate.family === family)) {
      const quoted = `'${rule.id}'`;
      expect(
        source.split(quoted).length - 1,
        `${rule.id} in ${family}.test.ts`,
      ).toBeGreaterThanOrEqual(1);
      const fires = new RegExp(`itFires\\(\\s*(['"\`]).*?\\1,\\s*'${rule.id}'`, 's').test(source);
      const silent = new RegExp(`itStaysSilent\\(\\s*(['"\`]).*?\\1,\\s*'${rule.id}'`, 's').test(
        source,
      );
      expect(fires, `${rule.id} fires scenario`).toBe(true);
      expect(silent, `${rule.id} silent scenario`).toBe(true);
    }
  });

  it('has catalogue texts for every evidence line, lab and condition group the rules use', () => {
    const evidenceKeys = new Set(ruleSources.match(/ruleEvidence[A-Z]\w*/g) ?? []);
    for (const key of evidenceKeys) {
      if (key === 'ruleEvidenceSafetyPlan') continue;
      expect(messages[key], key).toBeDefined();
    }
    for (const kind of MONITORING_KINDS)
      expect(messages[messageKey('ruleLab', kind)], kind).toBeDefined();
    for (const group of Object.keys(CONDITION_GROUPS)) {
      expect(messages[messageKey('conditionGroup', group)], group).toBeDefined();
    }
  });

  it('names only classes and ingredients that the vocabulary has', () => {
    const classes = new Set<string>(DRUG_CLASSES);
    const ingredients = new Set(
      VOCABULARY.flatMap((drug) => [drug.ingredient, ...drug.components]),
    );
    for (const call of ruleSources.match(/withClass\(facts,([^)]*)\)/g) ?? []) {
      for (const name of call.match(/'([^']+)'/g) ?? [])
        expect(classes.has(name.slice(1, -1)), name).toBe(true);
    }
    for (const call of ruleSources.match(/withIngredient\(facts,([^)]*)\)/g) ?? []) {
      for (const name of call.match(/'([^']+)'/g) ?? [])
        expect(ingredients.has(name.slice(1, -1)), name).toBe(true);
    }
    for (const name of ruleSources.match(/(?:class|drugClass\(\w+\)) === '([^']+)'/g) ?? []) {
      expect(classes.has(/'([^']+)'/.exec(name)?.[1] ?? ''), name).toBe(true);
    }
  });
});

describe('evaluateRules', () => {
  const busyPatient = () =>
    patient({
      birthDate: '1950-01-01',
      medications: [
        med('citalopram 40 mg daily'),
        med('zolpidem 5 mg qhs'),
        med('lithium 300 mg BID'),
      ],
      monitoring: [lab('lithium-level', '2026-05-28', 0.7)],
      conditions: [icd('F33.1')],
    });

  it('sorts cards critical, then warning, then info', () => {
    const cards = evaluate({ context: busyPatient() });
    const order = cards.map((card) => ({ critical: 0, warning: 1, info: 2 })[card.indicator]);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(cards[0]?.indicator).toBe('critical');
  });

  it('leaves out disabled families and rules', () => {
    const cards = evaluate({
      context: busyPatient(),
      settings: { disabledFamilies: ['qt'], disabledRules: ['beers-benzodiazepine-z-drug'] },
    });
    const ids = cards.map((card) => card.id);
    expect(ids.some((id) => id.startsWith('citalopram'))).toBe(false);
    expect(ids).not.toContain('beers-benzodiazepine-z-drug');
    expect(ids).toContain('insomnia-without-cbt-i');
  });

  it('applies a clinic threshold override and ignores an invalid one', () => {
    const context = patient({ medications: [med('bupropion XL 150 mg 3 tabs daily')] });
    expect(evaluate({ context }).map((card) => card.id)).not.toContain('bupropion-max-dose');
    const tuned = evaluate({
      context,
      settings: { thresholds: { 'bupropion-max-dose.maxDailyMg': 300 } },
    });
    expect(tuned.map((card) => card.id)).toContain('bupropion-max-dose');
    const invalid = evaluate({
      context,
      settings: { thresholds: { 'bupropion-max-dose.maxDailyMg': Number.NaN } },
    });
    expect(invalid.map((card) => card.id)).not.toContain('bupropion-max-dose');
  });

  it('reports invalid settings in plain words', () => {
    expect(
      validateRuleSettings({
        disabledFamilies: ['qt'],
        thresholds: { 'lithium-level-due.maintenanceDays': 120 },
      }),
    ).toEqual([]);
    const problems = validateRuleSettings({
      disabledFamilies: ['astrology'],
      disabledRules: ['no-such-rule'],
      thresholds: { 'lithium-level-due.maintenanceDays': -1, 'lithium-level-due.nonsense': 3 },
    });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toContain("unknown rule family 'astrology'");
  });

  it('keeps the facts key across locales and changes it when the facts change', () => {
    const context = patient({ medications: [med('citalopram 60 mg daily')] });
    const english = evaluate({ context }).find((card) => card.id === 'citalopram-max-dose');
    const german = evaluate({ context, locale: 'de-DE' }).find(
      (card) => card.id === 'citalopram-max-dose',
    );
    const changed = evaluate({
      context: patient({ medications: [med('citalopram 80 mg daily')] }),
    }).find((card) => card.id === 'citalopram-max-dose');
    expect(english?.factsKey).toBe(german?.factsKey);
    expect(changed?.factsKey).not.toBe(english?.factsKey);
    expect(factsKeyOf('a', [{ key: 'k', params: { x: 1, y: 2 } }])).toBe(
      factsKeyOf('a', [{ key: 'k', params: { y: 2, x: 1 } }]),
    );
  });

  it('formats dates and numbers for the locale', () => {
    const cards = evaluateRules(
      patient({
        medications: [med('lithium 300 mg BID', { start: '2026-01-02' })],
        monitoring: [lab('lithium-level', '2026-05-28', 1.75)],
      }),
      { now: NOW, t, trends: [], locale: 'de-DE' },
    );
    expect(cards.find((card) => card.id === 'lithium-level-toxic')?.summary).toContain('1,75');
  });

  it('never copies the patient name or chart text into a card', () => {
    const context = {
      ...patient({
        medications: [med('citalopram 60 mg daily — per Dr Zebediah, pt Quentin Marsh')],
      }),
      identity: {
        name: 'Quentin Marsh',
        birthDate: '1950-01-01',
        sex: 'male' as const,
        identifiers: [],
      },
    };
    const text = JSON.stringify(
      evaluate({
        context,
        trends: [
          trend('PHQ-9', [['2026-05-25', 14]], { critical: [critical('PHQ-9', 9, '2026-05-25')] }),
        ],
      }),
    );
    expect(text).not.toContain('Quentin');
    expect(text).not.toContain('Zebediah');
  });

  it('rejects a clock that is not an ISO date', () => {
    expect(() => evaluateRules(patient(), { now: '01/06/2026', t, trends: [] })).toThrow(
      /ISO date/,
    );
  });
});
