/**
 * Merges the organization's policy, the user's own settings and the defaults into the settings
 * Careside runs with, and says where each value came from and whether the user may change it.
 *
 * Precedence and locking (documented for clinic IT in docs/deploy.md):
 * - A key the policy contains is LOCKED, unless the policy lists it in `userMayChange`.
 * - A locked key takes the policy's value; if that value is invalid, the default (never the
 *   user's value: the organization evidently meant to decide this key).
 * - A key that is not locked takes the user's value, else the policy's (the organization's
 *   starting value), else the default.
 * - `userMayChange` itself is only ever read from the policy.
 * - Each key is checked on its own: one invalid value is reported and ignored, the rest of the
 *   policy still applies. In lists, each entry is checked on its own in the same way.
 */
import * as v from 'valibot';
import englishMessages from '../../public/_locales/en/messages.json';
import { RULE_FAMILIES, RULES } from '../clinical/rules';
import {
  THRESHOLD_UNIT_KEYS,
  thresholdInRange,
  thresholdName,
  thresholdSpec,
} from '../clinical/rules/threshold-units';
import type { SelectorPack } from '../ehr/packs/format';
import { validateSelectorPacks } from '../ehr/packs/validate';
import { createTranslator, type Translate } from '../i18n';
import { defaultSettings } from './defaults';
import {
  type Expectation,
  SETTING_KEYS,
  SETTINGS,
  type SettingKey,
  type Settings,
  type UserChangeableKey,
} from './schema';

export type SettingSource = 'policy' | 'user' | 'default';

export interface PolicyProblem {
  /** The setting the problem is about, or `policy` / `user` for the whole object. */
  key: string;
  message: string;
}

export interface ResolvedSettings {
  effective: Settings;
  sources: Record<SettingKey, SettingSource>;
  locked: Record<SettingKey, boolean>;
  problems: PolicyProblem[];
}

/**
 * What the rest of Careside knows that a policy value must agree with: the rule catalogue and the
 * selector-pack validator. Tests pass a small one; by default it is Careside's own.
 */
export interface PolicyKnowledge {
  ruleFamilies: readonly string[];
  ruleIds: readonly string[];
  /** Tunable thresholds, named `${ruleId}.${thresholdName}`. */
  thresholdIds: readonly string[];
  /** Checks a list of packs (objects or JSON text); messages name `${root}[index]`. */
  validateSelectorPacks: (
    json: unknown,
    root: string,
  ) => { packs: SelectorPack[]; errors: string[] };
}

export const CARESIDE_KNOWLEDGE: PolicyKnowledge = {
  ruleFamilies: RULE_FAMILIES,
  ruleIds: RULES.map((rule) => rule.id),
  thresholdIds: RULES.flatMap((rule) =>
    Object.keys(rule.thresholds ?? {}).map((name) => `${rule.id}.${name}`),
  ),
  validateSelectorPacks,
};

export interface ResolveOptions {
  /** Defaults to the English catalogue; extension pages pass the browser's translator. */
  t?: Translate;
  /** For numbers in messages. */
  locale?: string;
  knowledge?: PolicyKnowledge;
}

type Origin = 'policy' | 'user';
type Reading = { state: 'absent' } | { state: 'valid'; value: unknown } | { state: 'invalid' };

const MESSAGE_KEYS = {
  policy: {
    notObject: 'policyProblemPolicyNotObject',
    unknownKey: 'policyProblemPolicyUnknownKey',
    unknownProperty: 'policyProblemPolicyUnknownProperty',
    entry: 'policyProblemPolicyEntry',
    pack: 'policyProblemPolicyPack',
  },
  user: {
    notObject: 'policyProblemUserNotObject',
    unknownKey: 'policyProblemUserUnknownKey',
    unknownProperty: null,
    entry: 'policyProblemUserEntry',
    pack: 'policyProblemUserPack',
  },
} as const;

const defaultTranslate = createTranslator(englishMessages);

/** The longest piece of an admin's value quoted back in a message. */
const QUOTE_LIMIT = 80;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quote(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT - 1)}…` : text;
}

export function resolveSettings(
  policy: unknown,
  user: unknown,
  options: ResolveOptions = {},
): ResolvedSettings {
  const t = options.t ?? defaultTranslate;
  const numberFormat = new Intl.NumberFormat(options.locale ?? 'en');
  const knowledge = options.knowledge ?? CARESIDE_KNOWLEDGE;
  const defaults = defaultSettings(t);
  const problems: PolicyProblem[] = [];

  const expect = (expectation: Expectation): string =>
    t(
      expectation.key,
      Object.fromEntries(
        Object.entries(expectation.substitutions ?? {}).map(([name, value]) => [
          name,
          typeof value === 'number' ? numberFormat.format(value) : value,
        ]),
      ),
    );

  function readTopLevel(raw: unknown, origin: Origin): Record<string, unknown> {
    if (raw === undefined || raw === null) return {};
    if (!isRecord(raw)) {
      problems.push({ key: origin, message: t(MESSAGE_KEYS[origin].notObject) });
      return {};
    }
    for (const key of Object.keys(raw)) {
      if (!(key in SETTINGS)) {
        problems.push({ key, message: t(MESSAGE_KEYS[origin].unknownKey, { key }) });
      }
    }
    return raw;
  }

  function entryProblem(origin: Origin, key: string, entry: unknown, expectation: string): void {
    problems.push({
      key: key.split('.')[0] ?? key,
      message: t(MESSAGE_KEYS[origin].entry, { key, entry: quote(entry), expectation }),
    });
  }

  /** Keeps the entries of a list that are valid on their own, reporting the others. */
  function keepValidEntries(key: SettingKey, raw: unknown, origin: Origin): unknown {
    const entry = SETTINGS[key].entry;
    if (!entry || !Array.isArray(raw)) return raw;
    return raw.filter((item) => {
      if (v.safeParse(entry.shape.schema, item).success) return true;
      entryProblem(origin, key, item, expect(entry.expectation));
      return false;
    });
  }

  function reportUnknownProperties(key: SettingKey, raw: unknown, origin: Origin): void {
    const managed = SETTINGS[key].shape.managed;
    const message = MESSAGE_KEYS[origin].unknownProperty;
    if (message === null || managed.type !== 'object' || !managed.properties || !isRecord(raw)) {
      return;
    }
    for (const name of Object.keys(raw)) {
      if (!(name in managed.properties)) {
        problems.push({ key, message: t(message, { key: `${key}.${name}` }) });
      }
    }
  }

  /** Drops names the rule catalogue lacks, so a typo cannot pass for a switched-off rule. */
  function keepKnownRuleNames(value: Settings['rules'], origin: Origin): Settings['rules'] {
    const known =
      (list: readonly string[], path: string, expectation: string) =>
      (name: string): boolean => {
        if (list.includes(name)) return true;
        entryProblem(origin, path, name, expectation);
        return false;
      };
    const familyKnown = known(
      knowledge.ruleFamilies,
      'rules.disabledFamilies',
      t('policyExpectRuleFamily', { families: knowledge.ruleFamilies.join(', ') }),
    );
    const ruleKnown = known(knowledge.ruleIds, 'rules.disabledRules', t('policyExpectRuleId'));
    const thresholdKnown = known(
      knowledge.thresholdIds,
      'rules.thresholds',
      t('policyExpectThreshold'),
    );
    // A known threshold outside its range (a level of 40 mmol/L, a review every 0 days) is a
    // typo no clinic means: named and dropped, so the rule keeps its default.
    const thresholdInItsRange = ([key, value]: [string, number]): boolean => {
      const name = thresholdName(key);
      const spec = thresholdSpec(name);
      // Every threshold of Careside's rules has a range (a unit test holds it to that); a test's
      // own catalogue may name thresholds without one.
      if (!spec || thresholdInRange(name, value)) return true;
      entryProblem(
        origin,
        `rules.thresholds.${key}`,
        value,
        t('policyExpectThresholdRange', {
          min: numberFormat.format(spec.min),
          max: numberFormat.format(spec.max),
          unit: t(THRESHOLD_UNIT_KEYS[spec.unit]),
        }),
      );
      return false;
    };
    return {
      disabledFamilies: value.disabledFamilies.filter(familyKnown),
      disabledRules: value.disabledRules.filter(ruleKnown),
      thresholds: Object.fromEntries(
        Object.entries(value.thresholds)
          .filter(([name]) => thresholdKnown(name))
          .filter(thresholdInItsRange),
      ),
    };
  }

  /** Runs the pack validator; a refused pack is named and dropped, the others apply. */
  function keepValidPacks(packs: unknown[], origin: Origin): SelectorPack[] {
    const checked = knowledge.validateSelectorPacks(packs, 'selectorPacks');
    for (const error of checked.errors) {
      problems.push({ key: 'selectorPacks', message: t(MESSAGE_KEYS[origin].pack, { error }) });
    }
    return checked.packs;
  }

  function read(key: SettingKey, source: Record<string, unknown>, origin: Origin): Reading {
    if (!Object.hasOwn(source, key) || source[key] === undefined) return { state: 'absent' };
    const raw = source[key];
    reportUnknownProperties(key, raw, origin);
    const parsed = v.safeParse(SETTINGS[key].shape.schema, keepValidEntries(key, raw, origin));
    if (!parsed.success) return { state: 'invalid' };
    return { state: 'valid', value: complete(key, parsed.output, origin) };
  }

  /** Fills a partial group from the defaults and applies the checks that need knowledge. */
  function complete(key: SettingKey, value: unknown, origin: Origin): unknown {
    switch (key) {
      case 'rules':
        return keepKnownRuleNames({ ...defaults.rules, ...(value as object) }, origin);
      case 'endpoints':
      case 'layout':
        return { ...defaults[key], ...(value as object) };
      case 'selectorPacks':
        return keepValidPacks(value as unknown[], origin);
      default:
        return value;
    }
  }

  function describeDefault(key: SettingKey): string | null {
    const value = defaults[key];
    return typeof value === 'number' ? numberFormat.format(value) : null;
  }

  function invalidProblem(key: SettingKey, origin: Origin, fallback: SettingSource): void {
    const expectation = expect(SETTINGS[key].expectation);
    const shownDefault = describeDefault(key);
    const messageKey =
      origin === 'policy'
        ? fallback === 'user'
          ? 'policyProblemPolicyInvalidUsingUser'
          : shownDefault === null
            ? 'policyProblemPolicyInvalidUsingDefault'
            : 'policyProblemPolicyInvalidUsingDefaultValue'
        : fallback === 'policy'
          ? 'policyProblemUserInvalidUsingPolicy'
          : shownDefault === null
            ? 'policyProblemUserInvalidUsingDefault'
            : 'policyProblemUserInvalidUsingDefaultValue';
    problems.push({
      key,
      message: t(messageKey, { key, expectation, value: shownDefault ?? '' }),
    });
  }

  const policyObject = readTopLevel(policy, 'policy');
  const userObject = readTopLevel(user, 'user');

  // userMayChange first: it decides which of the other keys are locked.
  const userMayChangeReading = read('userMayChange', policyObject, 'policy');
  const userMayChange: UserChangeableKey[] =
    userMayChangeReading.state === 'valid'
      ? (userMayChangeReading.value as UserChangeableKey[])
      : [];
  if (Object.hasOwn(userObject, 'userMayChange')) {
    problems.push({ key: 'userMayChange', message: t('policyProblemUserPolicyOnly') });
  }

  const effective = { ...defaults } as Record<SettingKey, unknown>;
  const sources = {} as Record<SettingKey, SettingSource>;
  const locked = {} as Record<SettingKey, boolean>;

  for (const key of SETTING_KEYS) {
    const fromPolicy =
      key === 'userMayChange' ? userMayChangeReading : read(key, policyObject, 'policy');
    const mayChange = (userMayChange as readonly string[]).includes(key);
    locked[key] = fromPolicy.state !== 'absent' && !mayChange;

    const fromUser: Reading =
      locked[key] || key === 'userMayChange' ? { state: 'absent' } : read(key, userObject, 'user');

    let source: SettingSource = 'default';
    if (fromUser.state === 'valid') {
      source = 'user';
      effective[key] = fromUser.value;
    } else if (fromPolicy.state === 'valid') {
      source = 'policy';
      effective[key] = fromPolicy.value;
    }
    sources[key] = source;

    if (fromPolicy.state === 'invalid') invalidProblem(key, 'policy', source);
    if (fromUser.state === 'invalid') invalidProblem(key, 'user', source);
  }

  return { effective: effective as unknown as Settings, sources, locked, problems };
}
