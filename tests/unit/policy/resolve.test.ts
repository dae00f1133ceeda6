import { describe, expect, it } from 'vitest';
import { RULE_FAMILIES, RULES } from '../../../utils/clinical/rules';
import type { SelectorPack } from '../../../utils/ehr/packs/format';
import { DEFAULT_RETENTION_DAYS } from '../../../utils/policy/defaults';
import {
  CARESIDE_KNOWLEDGE,
  type PolicyKnowledge,
  resolveSettings,
} from '../../../utils/policy/resolve';
import { SETTING_KEYS } from '../../../utils/policy/schema';

const knowledge: PolicyKnowledge = {
  ruleFamilies: ['monitoring', 'safety'],
  ruleIds: ['lithium-level-due', 'phq9-item9-positive'],
  thresholdIds: ['lithium-level-due.months'],
  validateSelectorPacks: (json, root) => {
    // A stand-in validator: anything with an id passes as a pack.
    const packs: SelectorPack[] = [];
    const errors: string[] = [];
    (json as unknown[]).forEach((pack, index) => {
      const parsed = typeof pack === 'string' ? JSON.parse(pack) : pack;
      if (typeof parsed?.id === 'string') packs.push(parsed);
      else errors.push(`${root}[${index}] has no id`);
    });
    return { packs, errors };
  },
};

describe('resolveSettings defaults', () => {
  it('is safe with no policy and no user settings: no origins, every rule on, 988 listed', () => {
    const { effective, sources, locked, problems } = resolveSettings(undefined, undefined);
    expect(effective.ehrOrigins).toEqual([]);
    expect(effective.rules).toEqual({ disabledFamilies: [], disabledRules: [], thresholds: {} });
    expect(effective.endpoints).toEqual({});
    expect(effective.retentionDays).toBe(DEFAULT_RETENTION_DAYS);
    expect(effective.crisisContacts[0]).toMatchObject({ phone: '988', text: '988' });
    expect(effective.crisisContacts[0]?.label).toContain('988 Suicide & Crisis Lifeline');
    expect(effective.crisisContacts[1]).toMatchObject({ phone: '988', text: '838255' });
    expect(effective.layout).toEqual({ mode: 'push', width: 360, side: 'right' });
    expect(problems).toEqual([]);
    for (const key of SETTING_KEYS) {
      expect(sources[key]).toBe('default');
      expect(locked[key]).toBe(false);
    }
  });

  it('labels the default crisis lines through the translator it is given', () => {
    const { effective } = resolveSettings(null, null, { t: (key) => `[${key}]` });
    expect(effective.crisisContacts.map((contact) => contact.label)).toEqual([
      '[policyDefaultCrisisLifeline]',
      '[policyDefaultCrisisVeterans]',
    ]);
  });
});

describe('resolveSettings precedence and locking', () => {
  it('takes a policy value over the user value and locks the key', () => {
    const resolved = resolveSettings({ retentionDays: 30 }, { retentionDays: 365 });
    expect(resolved.effective.retentionDays).toBe(30);
    expect(resolved.sources.retentionDays).toBe('policy');
    expect(resolved.locked.retentionDays).toBe(true);
    expect(resolved.problems).toEqual([]);
  });

  it('lets the user override a policy value listed in userMayChange', () => {
    const resolved = resolveSettings(
      { retentionDays: 30, layout: { mode: 'overlay' }, userMayChange: ['layout'] },
      { retentionDays: 365, layout: { mode: 'push', width: 400 } },
    );
    expect(resolved.effective.layout).toEqual({ mode: 'push', width: 400, side: 'right' });
    expect(resolved.sources.layout).toBe('user');
    expect(resolved.locked.layout).toBe(false);
    expect(resolved.effective.retentionDays).toBe(30);
    expect(resolved.locked.retentionDays).toBe(true);
  });

  it('uses the policy value as the starting value of a user-changeable key the user left alone', () => {
    const resolved = resolveSettings({ layout: { width: 500 }, userMayChange: ['layout'] }, {});
    expect(resolved.effective.layout).toEqual({ mode: 'push', width: 500, side: 'right' });
    expect(resolved.sources.layout).toBe('policy');
    expect(resolved.locked.layout).toBe(false);
  });

  it('leaves keys the policy does not set to the user, then the defaults', () => {
    const resolved = resolveSettings({ retentionDays: 30 }, { safetyPlanReviewDays: 60 });
    expect(resolved.effective.safetyPlanReviewDays).toBe(60);
    expect(resolved.sources.safetyPlanReviewDays).toBe('user');
    expect(resolved.locked.safetyPlanReviewDays).toBe(false);
    expect(resolved.sources.endpoints).toBe('default');
    expect(resolved.locked.endpoints).toBe(false);
  });

  it('never reads userMayChange from the user', () => {
    const resolved = resolveSettings({ retentionDays: 30 }, { userMayChange: ['retentionDays'] });
    expect(resolved.locked.retentionDays).toBe(true);
    expect(resolved.effective.userMayChange).toEqual([]);
    expect(resolved.problems.map((problem) => problem.key)).toEqual(['userMayChange']);
  });

  it('fills a partly set group from the defaults', () => {
    const resolved = resolveSettings(
      { rules: { disabledRules: ['phq9-item9-positive'] }, endpoints: {} },
      {},
      { knowledge },
    );
    expect(resolved.effective.rules).toEqual({
      disabledFamilies: [],
      disabledRules: ['phq9-item9-positive'],
      thresholds: {},
    });
    expect(resolved.effective.endpoints).toEqual({});
  });
});

describe('resolveSettings with invalid values', () => {
  it('ignores an invalid policy value with a plain message and applies the rest of the policy', () => {
    const resolved = resolveSettings(
      { retentionDays: 4000.5, layout: { mode: 'overlay' } },
      { retentionDays: 10 },
    );
    expect(resolved.effective.retentionDays).toBe(DEFAULT_RETENTION_DAYS);
    expect(resolved.sources.retentionDays).toBe('default');
    expect(resolved.locked.retentionDays).toBe(true);
    expect(resolved.effective.layout.mode).toBe('overlay');
    expect(resolved.problems).toEqual([
      {
        key: 'retentionDays',
        message:
          'Policy value for retentionDays is not a whole number between 1 and 3,650; using the default (90).',
      },
    ]);
  });

  it('falls back to the user value when the invalid policy key is one users may change', () => {
    const resolved = resolveSettings(
      { retentionDays: 'thirty', userMayChange: ['retentionDays'] },
      { retentionDays: 14 },
    );
    expect(resolved.effective.retentionDays).toBe(14);
    expect(resolved.sources.retentionDays).toBe('user');
    expect(resolved.problems[0]?.message).toMatch(/using the user’s own setting/);
  });

  it('formats numbers in messages for the locale it is given', () => {
    const resolved = resolveSettings({ retentionDays: 0 }, null, { locale: 'de-DE' });
    expect(resolved.problems[0]?.message).toContain('between 1 and 3.650');
  });

  it('reports an invalid saved user value and uses the default', () => {
    const resolved = resolveSettings({}, { layout: { width: 2000 } });
    expect(resolved.effective.layout.width).toBe(360);
    expect(resolved.sources.layout).toBe('default');
    expect(resolved.problems).toHaveLength(1);
    expect(resolved.problems[0]?.message).toMatch(/^Saved value for layout is not/);
  });

  it('drops each refused EHR origin on its own and keeps the others', () => {
    const resolved = resolveSettings(
      {
        ehrOrigins: [
          'https://ehr.example.org/*',
          '<all_urls>',
          '*://*/*',
          'https://*/*',
          'https://*.org/*',
          'ftp://files.example.org/*',
          'https://*.clinic.example.org/chart/*',
          'http://127.0.0.1:8080/*',
        ],
      },
      null,
    );
    expect(resolved.effective.ehrOrigins).toEqual([
      'https://ehr.example.org/*',
      'https://*.clinic.example.org/chart/*',
      'http://127.0.0.1:8080/*',
    ]);
    expect(resolved.sources.ehrOrigins).toBe('policy');
    expect(resolved.problems).toHaveLength(5);
    expect(resolved.problems[0]).toEqual({
      key: 'ehrOrigins',
      message: expect.stringContaining('Policy entry "<all_urls>" in ehrOrigins is not'),
    });
  });

  it('keeps the default crisis lines when no policy contact can be reached', () => {
    const resolved = resolveSettings({ crisisContacts: [{ label: 'Clinic on-call' }] }, null);
    expect(resolved.effective.crisisContacts[0]?.phone).toBe('988');
    expect(resolved.sources.crisisContacts).toBe('default');
    expect(resolved.problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('Policy entry {"label":"Clinic on-call"} in crisisContacts'),
      expect.stringContaining('Policy value for crisisContacts is not a list of at least one'),
    ]);
  });

  it('refuses plain-http endpoints except on this computer', () => {
    const remote = resolveSettings(
      { endpoints: { fhirBaseUrl: 'http://fhir.example.org/r4' } },
      null,
    );
    expect(remote.effective.endpoints).toEqual({});
    expect(remote.problems[0]?.key).toBe('endpoints');
    const loopback = resolveSettings(
      {
        endpoints: {
          fhirBaseUrl: 'http://localhost:8080/fhir',
          cdsServiceUrl: 'https://cds.example.org/cds-services',
        },
      },
      null,
    );
    expect(loopback.effective.endpoints).toEqual({
      fhirBaseUrl: 'http://localhost:8080/fhir',
      cdsServiceUrl: 'https://cds.example.org/cds-services',
    });
    expect(loopback.problems).toEqual([]);
  });

  it('names unknown keys and unknown group properties without dropping the rest', () => {
    const resolved = resolveSettings(
      { retention: 30, layout: { widht: 400, mode: 'overlay' } },
      null,
    );
    expect(resolved.effective.layout).toEqual({ mode: 'overlay', width: 360, side: 'right' });
    expect(resolved.problems.map((problem) => problem.key)).toEqual(['retention', 'layout']);
    expect(resolved.problems[1]?.message).toContain('layout.widht');
  });

  it('ignores a policy that is not an object and says so', () => {
    const resolved = resolveSettings(['retentionDays', 30], { retentionDays: 14 });
    expect(resolved.effective.retentionDays).toBe(14);
    expect(resolved.problems).toEqual([{ key: 'policy', message: expect.any(String) }]);
  });
});

describe('resolveSettings with the rule catalogue and pack validator', () => {
  it('reports unknown rule families, rule ids and thresholds as invalid and keeps the known ones', () => {
    const resolved = resolveSettings(
      {
        rules: {
          disabledFamilies: ['monitoring', 'astrology'],
          disabledRules: ['lithium-level-due', 'lithium-levle-due'],
          thresholds: { 'lithium-level-due.months': 6, 'made-up.days': 3 },
        },
      },
      null,
      { knowledge },
    );
    expect(resolved.effective.rules).toEqual({
      disabledFamilies: ['monitoring'],
      disabledRules: ['lithium-level-due'],
      thresholds: { 'lithium-level-due.months': 6 },
    });
    expect(resolved.sources.rules).toBe('policy');
    const messages = resolved.problems.map((problem) => problem.message);
    expect(messages).toHaveLength(3);
    expect(messages[0]).toContain('"astrology" in rules.disabledFamilies');
    expect(messages[0]).toContain('monitoring, safety');
    expect(messages[1]).toContain('"lithium-levle-due" in rules.disabledRules');
    expect(messages[2]).toContain('"made-up.days" in rules.thresholds');
  });

  it('runs the packs through the pack validator and keeps the ones it accepts', () => {
    const resolved = resolveSettings(
      { selectorPacks: [{ id: 'acme-ehr' }, JSON.stringify({ id: 'text-pack' }), { name: 'x' }] },
      null,
      { knowledge },
    );
    expect(resolved.effective.selectorPacks).toEqual([{ id: 'acme-ehr' }, { id: 'text-pack' }]);
    expect(resolved.sources.selectorPacks).toBe('policy');
    expect(resolved.problems).toEqual([
      {
        key: 'selectorPacks',
        message:
          'Policy selector pack refused: selectorPacks[2] has no id. The other packs still apply.',
      },
    ]);
  });
});

describe('resolveSettings with Careside’s own rules and pack validator', () => {
  it('knows every rule family, rule id and threshold the rule catalogue has', () => {
    expect(CARESIDE_KNOWLEDGE.ruleFamilies).toEqual(RULE_FAMILIES);
    expect(CARESIDE_KNOWLEDGE.ruleIds).toEqual(RULES.map((rule) => rule.id));
    const rule = RULES.find((candidate) => Object.keys(candidate.thresholds ?? {}).length > 0);
    if (!rule) throw new Error('the rule catalogue has no tunable threshold');
    const threshold = `${rule.id}.${Object.keys(rule.thresholds ?? {})[0]}`;
    const resolved = resolveSettings(
      {
        rules: { disabledRules: [rule.id], thresholds: { [threshold]: 1, 'no-such-rule.days': 2 } },
      },
      null,
    );
    expect(resolved.effective.rules.disabledRules).toEqual([rule.id]);
    expect(resolved.effective.rules.thresholds).toEqual({ [threshold]: 1 });
    expect(resolved.problems).toHaveLength(1);
  });

  it('refuses a pack the pack validator refuses, naming where it is wrong', () => {
    const resolved = resolveSettings({ selectorPacks: ['{"format": 1', { format: 2 }] }, null);
    expect(resolved.effective.selectorPacks).toEqual([]);
    const messages = resolved.problems.map((problem) => problem.message).join('\n');
    expect(messages).toContain('selectorPacks[0]');
    expect(messages).toContain('selectorPacks[1]');
  });
});

describe('thresholds outside their range', () => {
  it('are refused, named with their range and unit, and the rule keeps its default', () => {
    const resolved = resolveSettings(
      {
        rules: {
          thresholds: {
            'lithium-level-toxic.toxicLevel': 40,
            'lithium-level-toxic.recentDays': 0,
            'lithium-level-due.maintenanceDays': 120,
          },
        },
      },
      null,
    );
    expect(resolved.effective.rules.thresholds).toEqual({
      'lithium-level-due.maintenanceDays': 120,
    });
    const messages = resolved.problems.map((problem) => problem.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('40');
    expect(messages[0]).toContain('from 0 to 5 mmol/L');
    expect(messages[1]).toContain('from 1 to 3,650 days');
  });

  it('are refused in the user’s own settings too', () => {
    const resolved = resolveSettings(null, {
      rules: { thresholds: { 'bipolar-screen-before-antidepressant.recentStartDays': 1.5 } },
    });
    expect(resolved.effective.rules.thresholds).toEqual({});
    expect(resolved.problems).toHaveLength(1);
  });
});
