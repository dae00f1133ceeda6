import { describe, expect, it } from 'vitest';
import { RULES, validateRuleSettings } from '../../../utils/clinical/rules';
import { thresholdInRange, thresholdSpec } from '../../../utils/clinical/rules/threshold-units';

const thresholds = RULES.flatMap((rule) =>
  Object.entries(rule.thresholds ?? {}).map(([name, value]) => ({ rule: rule.id, name, value })),
);

describe('threshold units and ranges', () => {
  it('gives every threshold of every rule a unit and a range that holds its default', () => {
    expect(thresholds.length).toBeGreaterThan(50);
    const outside = thresholds.filter(
      ({ name, value }) => thresholdSpec(name) === null || !thresholdInRange(name, value),
    );
    expect(outside).toEqual([]);
  });

  it.each([
    ['toxicLevel', 1.2, true],
    ['toxicLevel', 5.5, false],
    ['recentDays', 0, false],
    ['recentDays', 30.5, false],
    ['qtcLimitMs', 470, true],
    ['qtcLimitMs', 47, false],
    ['auditPositiveMale', 13, false],
    ['taperMaxPercent', 101, false],
    ['somethingElse', 3, false],
  ])('%s = %s is allowed: %s', (name, value, allowed) => {
    expect(thresholdInRange(name, value)).toBe(allowed);
  });

  it('makes the rule settings validator refuse an out-of-range threshold', () => {
    expect(
      validateRuleSettings({ thresholds: { 'lithium-level-toxic.toxicLevel': 40 } }),
    ).toHaveLength(1);
    expect(validateRuleSettings({ thresholds: { 'lithium-level-toxic.toxicLevel': 1.4 } })).toEqual(
      [],
    );
  });
});
