import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelKey } from '../../../components/labels';
import { INSTRUMENTS } from '../../../utils/clinical/instruments';
import { OVERRIDE_REASONS } from '../../../utils/clinical/override-reasons';
import { SAFETY_PLAN_STEP_IDS } from '../../../utils/clinical/safety-plan';
import { PROMPT_CATEGORIES } from '../../../utils/clinical/types';
import { hasMessage } from './helpers';

// The components and the content script that mounts them (its error and notice texts).
const sources = ['components', 'entrypoints/ehr.content']
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
