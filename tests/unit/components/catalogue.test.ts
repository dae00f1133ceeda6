import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelKey } from '../../../components/labels';
import { INSTRUMENTS } from '../../../utils/clinical/instruments';
import { OVERRIDE_REASONS } from '../../../utils/clinical/override-reasons';

import { RULE_FAMILIES, RULES } from '../../../utils/clinical/rules';
import { THRESHOLD_UNIT_KEYS } from '../../../utils/clinical/rules/threshold-units';
import { SAFETY_PLAN_STEP_IDS } from '../../../utils/clinical/safety-plan';
import { PROMPT_CATEGORIES } from '../../../utils/clinical/types';
import { hasMessage } from './helpers';

// The components, the content script that mounts them (its error and notice texts) and the
// options page.
const sources = ['components', 'entrypoints/ehr.content', 'entrypoints/options']
  .map((folder) => resolve(process.cwd(), folder))
  .flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.tsx') || name.endsWith('.ts'))
      .map((name) => readFileSync(resolve(folder, name), 'utf8')),
  )
  .join('\n');

describe('sidebar message catalogue', () => {
  it('has every literal key the components ask for', () => {
    const keys = [...sources.matchAll(/\bt\(\s*'([A-Za-z0-9]+)'/g)].map((match) => match[1] ?? '');
    expect(keys.length).toBeGreaterThan(50);
    expect(keys.filter((key) => !hasMessage(key))).toEqual([]);
  });

  it('names every band, category, override reason, plan step and plan status', () => {
    const bandNames = new Set(
      Object.values(INSTRUMENTS).flatMap((instrument) => instrument.bands.map((band) => band.name)),
    );
    const wanted: [string, string][] = [
      ...[...bandNames].map((name): [string, string] => ['sidebarBand', name]),
      ...PROMPT_CATEGORIES.map((c): [string, string] => ['sidebarCategory', c]),
      ...OVERRIDE_REASONS.map((r): [string, string] => ['sidebarReason', r]),
      ...SAFETY_PLAN_STEP_IDS.map((s): [string, string] => ['sidebarSafetyStep', s]),
      ...SAFETY_PLAN_STEP_IDS.map((s): [string, string] => ['sidebarPrintStep', s]),
      ...['missing', 'incomplete', 'complete', 'review-due'].map((s): [string, string] => [
        'sidebarSafetyStatus',
        s,
      ]),
      ...['critical', 'warning', 'info'].map((i): [string, string] => ['sidebarIndicator', i]),
    ];
    // labelFor falls back to the raw value at runtime; here every value must have its own label.
    expect(
      wanted.map(([prefix, value]) => labelKey(prefix, value)).filter((key) => !hasMessage(key)),
    ).toEqual([]);
  });

  it('has the item wording and answers for every instrument the sidebar can enter', () => {
    const keys = [
      ...Array.from({ length: 9 }, (_, i) => `sidebarScorePhq9Item${i + 1}`),
      ...Array.from({ length: 7 }, (_, i) => `sidebarScoreGad7Item${i + 1}`),
      ...[0, 1, 2, 3].map((value) => `sidebarScoreAnswer${value}`),
    ];
    expect(keys.filter((key) => !hasMessage(key))).toEqual([]);
  });
});

describe('options page catalogue', () => {
  it('names every rule family, every threshold and every unit in the clinic’s words', () => {
    const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
    const wanted = [
      ...RULE_FAMILIES.map((family) => `ruleFamilyName${family.split('-').map(capital).join('')}`),
      ...RULES.flatMap((rule) =>
        Object.keys(rule.thresholds ?? {}).map((name) => `thresholdName${capital(name)}`),
      ),
      ...Object.values(THRESHOLD_UNIT_KEYS),
      ...['SelectorPacks', 'RetentionDays', 'SafetyPlanReviewDays', 'Endpoints'].map(
        (key) => `optionsSettingName${key}`,
      ),
    ];
    expect(wanted.filter((key) => !hasMessage(key))).toEqual([]);
  });
});
