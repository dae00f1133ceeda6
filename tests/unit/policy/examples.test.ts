import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../utils/policy/resolve';
import { SETTING_KEYS } from '../../../utils/policy/schema';

function exampleText(name: string): string {
  return readFileSync(resolve(process.cwd(), 'docs/examples', name), 'utf8');
}

function example(name: string): unknown {
  return JSON.parse(exampleText(name));
}

describe('the example policies in docs/examples', () => {
  it('policy-full.json sets every setting, validly, with nothing to report', () => {
    const policy = example('policy-full.json') as Record<string, unknown>;
    expect(Object.keys(policy).sort()).toEqual([...SETTING_KEYS].sort());
    const resolved = resolveSettings(policy, null);
    expect(resolved.problems).toEqual([]);
    for (const key of SETTING_KEYS) expect(resolved.sources[key]).toBe('policy');
    expect(resolved.locked.layout).toBe(false);
    expect(resolved.locked.ehrOrigins).toBe(true);
    expect(resolved.effective.selectorPacks).toHaveLength(1);
  });

  it('policy-invalid.json is reported key by key while its valid parts still apply', () => {
    const resolved = resolveSettings(example('policy-invalid.json'), null);
    expect(resolved.effective.ehrOrigins).toEqual(['https://ehr.riverside-clinic.example.org/*']);
    expect(resolved.effective.safetyPlanReviewDays).toBe(30);
    expect(resolved.sources.retentionDays).toBe('default');
    expect(resolved.locked.retentionDays).toBe(true);
    expect(resolved.problems.map((problem) => problem.key)).toEqual([
      'userMayChange',
      'ehrOrigins',
      'ehrOrigins',
      'crisisContacts',
      'crisisContacts',
      'retentionDays',
      'endpoints',
      'layout',
    ]);
    expect(resolved.problems.find((problem) => problem.key === 'retentionDays')?.message).toBe(
      'Policy value for retentionDays is not a whole number between 1 and 3,650; using the default (90).',
    );
  });

  it('docs/deploy.md shows policy-full.json exactly as it is', () => {
    const deploy = readFileSync(resolve(process.cwd(), 'docs/deploy.md'), 'utf8');
    expect(deploy).toContain(`\`\`\`json\n${exampleText('policy-full.json')}\`\`\``);
  });
});
