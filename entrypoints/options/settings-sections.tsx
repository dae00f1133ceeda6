/**
 * The options page's settings, in the clinic's words: EHR sites, rules and their thresholds,
 * crisis contacts, the sidebar's layout, and the settings as JSON under "Advanced". Each section
 * shows the effective value, says where it came from, and shows a value the organization's policy
 * sets as "Set by your organization (locked)", as text, with no control to change it.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { RULE_FAMILIES, RULES } from '../../utils/clinical/rules';
import {
  THRESHOLD_UNIT_KEYS,
  thresholdInRange,
  thresholdSpec,
} from '../../utils/clinical/rules/threshold-units';
import { ruleKeys } from '../../utils/clinical/rules/types';
import type { CrisisContact } from '../../utils/clinical/safety-plan';
import { t, uiLocale } from '../../utils/i18n/browser';
import type { SettingRow, SettingsView } from '../../utils/messaging';
import {
  EHR_ORIGIN_PATTERN,
  LAYOUT_WIDTH,
  type LayoutPolicy,
  type RulePolicy,
  USER_CHANGEABLE_KEYS,
} from '../../utils/policy/schema';

export interface SectionProps {
  view: SettingsView;
  /** Saves one setting as the user's own; resolves to an error message, or null once saved. */
  save(key: string, value: unknown): Promise<string | null>;
}

export function rowOf(view: SettingsView, key: string): SettingRow | undefined {
  return view.rows.find((row) => row.key === key);
}

const SOURCE_LABEL: Record<SettingRow['source'], string> = {
  policy: 'optionsSourcePolicy',
  user: 'optionsSourceUser',
  default: 'optionsSourceDefault',
};

/** Where the value came from: "Set by you", "Default", or "Set by your organization (locked)". */
function SourceNote({ row }: { row: SettingRow }) {
  return (
    <p class="source" data-testid="source">
      {t(SOURCE_LABEL[row.source])}
      {row.locked && <strong class="locked"> {t('optionsLocked')}</strong>}
    </p>
  );
}

/** One setting's section: a heading, what it does, where its value came from, its controls. */
function SettingSection({
  row,
  title,
  explain,
  children,
}: {
  row: SettingRow;
  title: string;
  explain: string;
  children: ComponentChildren;
}) {
  const id = `setting-${row.key}-title`;
  return (
    <section class="setting" aria-labelledby={id} data-setting={row.key}>
      <h2 id={id}>{title}</h2>
      <p>{explain}</p>
      <SourceNote row={row} />
      {children}
    </section>
  );
}

function Status({ message }: { message: string | null }) {
  return (
    <output class="status" aria-live="polite">
      {message}
    </output>
  );
}

const number = (value: number) => new Intl.NumberFormat(uiLocale()).format(value);

// ---------------------------------------------------------------------------------------------

const ehrOriginPattern = new RegExp(EHR_ORIGIN_PATTERN);

/**
 * An address as a clinic types it ("ehr.example.org", "https://ehr.example.org/chart") becomes
 * the site's match pattern ("https://ehr.example.org/*"); null when it is no web address.
 */
export function sitePattern(typed: string): string | null {
  const trimmed = typed.trim();
  if (trimmed === '') return null;
  if (ehrOriginPattern.test(trimmed) && trimmed.endsWith('*')) return trimmed;
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    const pattern = `${url.protocol}//${url.host}/*`;
    return ehrOriginPattern.test(pattern) ? pattern : null;
  } catch {
    return null;
  }
}

export function SitesSection({ view, save }: SectionProps) {
  const row = rowOf(view, 'ehrOrigins');
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  if (!row) return null;
  const sites = (row.value as string[]) ?? [];

  const add = async (event: Event) => {
    event.preventDefault();
    const pattern = sitePattern(typed);
    if (!pattern) {
      setMessage(t('optionsSitesInvalid'));
      return;
    }
    if (sites.includes(pattern)) {
      setMessage(t('optionsSitesAlready'));
      return;
    }
    // Asked in the click's own task: the browser grants a permission only from a user gesture.
    const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
    if (!granted) {
      setMessage(t('optionsSitesDenied'));
      return;
    }
    const error = await save('ehrOrigins', [...sites, pattern]);
    setMessage(error ?? t('optionsSitesAdded', { site: pattern }));
    if (!error) setTyped('');
  };
  const remove = async (pattern: string) => {
    const error = await save(
      'ehrOrigins',
      sites.filter((site) => site !== pattern),
    );
    if (!error) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
    setMessage(error ?? t('optionsSitesRemoved', { site: pattern }));
  };

  return (
    <SettingSection row={row} title={t('optionsSitesTitle')} explain={t('optionsSitesExplain')}>
      {sites.length === 0 ? (
        <p>{t('optionsSitesNone')}</p>
      ) : (
        <ul class="rows">
          {sites.map((site) => (
            <li key={site}>
              <code>{site}</code>
              {!row.locked && (
                <button
                  type="button"
                  aria-label={t('optionsSitesRemoveLabel', { site })}
                  onClick={() => remove(site)}
                >
                  {t('optionsRemove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!row.locked && (
        <form onSubmit={add} class="inline">
          <label for="site-add">{t('optionsSitesAddLabel')}</label>
          <input
            id="site-add"
            type="text"
            inputMode="url"
            placeholder={t('optionsSitesAddPlaceholder')}
            value={typed}
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
          <button type="submit">{t('optionsSitesAdd')}</button>
        </form>
      )}
      <Status message={message} />
    </SettingSection>
  );
}

// ---------------------------------------------------------------------------------------------

/** A rule's summary as the catalogue words it, with its values ("{drug}") shown as "…". */
function ruleDescription(ruleId: string): string {
  return t(ruleKeys(ruleId).summary).replace(/\{\w+\}/g, '…');
}

function familyLabel(family: string): string {
  const key = `ruleFamilyName${family
    .split(/[^a-z0-9]+/i)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')}`;
  const text = t(key);
  return text === key ? family : text;
}

function thresholdLabel(name: string): string {
  const key = `thresholdName${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  const text = t(key);
  return text === key ? name : text;
}

/** A switch: a checkbox with the switch role, so it is announced as on / off. */
function Switch({
  id,
  checked,
  disabled,
  onChange,
  children,
}: {
  id: string;
  checked: boolean;
  disabled: boolean;
  onChange(on: boolean): void;
  children: ComponentChildren;
}) {
  return (
    <label class="switch" for={id}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        aria-checked={checked}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <span>{children}</span>
    </label>
  );
}

function ThresholdInput({
  ruleId,
  name,
  defaultValue,
  value,
  locked,
  onSave,
}: {
  ruleId: string;
  name: string;
  defaultValue: number;
  value: number | undefined;
  locked: boolean;
  onSave(value: number | null): Promise<string | null>;
}) {
  const spec = thresholdSpec(name);
  const [draft, setDraft] = useState(String(value ?? defaultValue));
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setDraft(String(value ?? defaultValue)), [value, defaultValue]);
  if (!spec) return null;
  const id = `threshold-${ruleId}.${name}`;
  const unit = t(THRESHOLD_UNIT_KEYS[spec.unit]);
  const range = t('optionsThresholdRange', { min: number(spec.min), max: number(spec.max), unit });
  if (locked) {
    return (
      <p class="threshold">
        {thresholdLabel(name)}: {number(value ?? defaultValue)} {unit}
      </p>
    );
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    const parsed = Number(draft.replace(',', '.'));
    if (draft.trim() === '' || !thresholdInRange(name, parsed)) {
      setMessage(t('optionsThresholdInvalid', { range }));
      return;
    }
    const error = await onSave(parsed === defaultValue ? null : parsed);
    setMessage(error ?? t('optionsSaved'));
  };
  return (
    // Checked here rather than by the browser, so the message names the range and the unit.
    <form class="threshold" noValidate onSubmit={submit} data-threshold={`${ruleId}.${name}`}>
      <label for={id}>
        {thresholdLabel(name)} ({unit})
      </label>
      <input
        id={id}
        type="number"
        min={spec.min}
        max={spec.max}
        step={spec.whole ? 1 : 'any'}
        value={draft}
        aria-describedby={`${id}-range`}
        onInput={(event) => setDraft(event.currentTarget.value)}
      />
      <button type="submit">{t('optionsSave')}</button>
      <span id={`${id}-range`} class="hint">
        {range} · {t('optionsThresholdDefault', { value: number(defaultValue) })}
      </span>
      <Status message={message} />
    </form>
  );
}

export function RulesSection({ view, save }: SectionProps) {
  const row = rowOf(view, 'rules');
  const [message, setMessage] = useState<string | null>(null);
  if (!row) return null;
  const rules = row.value as RulePolicy;
  const saveRules = async (next: RulePolicy) => {
    const error = await save('rules', next);
    setMessage(error ?? t('optionsSaved'));
    return error;
  };
  const toggle = (list: string[], item: string, off: boolean) =>
    off ? [...new Set([...list, item])] : list.filter((entry) => entry !== item);

  return (
    <SettingSection row={row} title={t('optionsRulesTitle')} explain={t('optionsRulesExplain')}>
      <Status message={message} />
      {RULE_FAMILIES.map((family) => {
        const familyOn = !rules.disabledFamilies.includes(family);
        const familyRules = RULES.filter((rule) => rule.family === family);
        return (
          <fieldset key={family} class="family" data-family={family}>
            <legend>
              <Switch
                id={`family-${family}`}
                checked={familyOn}
                disabled={row.locked}
                onChange={(on) =>
                  void saveRules({
                    ...rules,
                    disabledFamilies: toggle(rules.disabledFamilies, family, !on),
                  })
                }
              >
                {familyLabel(family)}
              </Switch>
            </legend>
            <details>
              <summary>{t('optionsRulesOfFamily', { count: number(familyRules.length) })}</summary>
              <ul class="rules">
                {familyRules.map((rule) => (
                  <li key={rule.id} data-rule={rule.id}>
                    <Switch
                      id={`rule-${rule.id}`}
                      checked={familyOn && !rules.disabledRules.includes(rule.id)}
                      disabled={row.locked || !familyOn}
                      onChange={(on) =>
                        void saveRules({
                          ...rules,
                          disabledRules: toggle(rules.disabledRules, rule.id, !on),
                        })
                      }
                    >
                      {ruleDescription(rule.id)}
                    </Switch>
                    <p class="hint">
                      {t('optionsRuleSource')}{' '}
                      <a href={rule.source.url} target="_blank" rel="noreferrer">
                        {rule.source.label}
                      </a>
                    </p>
                    {Object.entries(rule.thresholds ?? {}).map(([name, defaultValue]) => (
                      <ThresholdInput
                        key={name}
                        ruleId={rule.id}
                        name={name}
                        defaultValue={defaultValue}
                        value={rules.thresholds[`${rule.id}.${name}`]}
                        locked={row.locked}
                        onSave={(value) => {
                          const thresholds = { ...rules.thresholds };
                          if (value === null) delete thresholds[`${rule.id}.${name}`];
                          else thresholds[`${rule.id}.${name}`] = value;
                          return saveRules({ ...rules, thresholds });
                        }}
                      />
                    ))}
                  </li>
                ))}
              </ul>
            </details>
          </fieldset>
        );
      })}
    </SettingSection>
  );
}

// ---------------------------------------------------------------------------------------------

const CONTACT_FIELDS = [
  ['label', 'optionsContactLabel'],
  ['phone', 'optionsContactPhone'],
  ['text', 'optionsContactText'],
  ['url', 'optionsContactUrl'],
] as const;

export function ContactsSection({ view, save }: SectionProps) {
  const row = rowOf(view, 'crisisContacts');
  const saved = (row?.value as CrisisContact[] | undefined) ?? [];
  const [drafts, setDrafts] = useState<CrisisContact[]>(saved);
  const [message, setMessage] = useState<string | null>(null);
  const savedText = JSON.stringify(saved);
  // The saved list, compared as its text: a new array with the same contacts keeps the drafts.
  useEffect(() => setDrafts(saved), [savedText]);
  if (!row) return null;

  if (row.locked) {
    return (
      <SettingSection
        row={row}
        title={t('optionsContactsTitle')}
        explain={t('optionsContactsExplain')}
      >
        <ul class="rows">
          {saved.map((contact) => (
            <li key={contact.label}>
              {[contact.label, contact.phone, contact.text, contact.url]
                .filter(Boolean)
                .join(' · ')}
            </li>
          ))}
        </ul>
      </SettingSection>
    );
  }

  const edit = (index: number, field: keyof CrisisContact, value: string) =>
    setDrafts(
      drafts.map((contact, at) => {
        if (at !== index) return contact;
        const next = { ...contact, [field]: value };
        if (field !== 'label' && value.trim() === '') delete next[field];
        return next;
      }),
    );

  return (
    <SettingSection
      row={row}
      title={t('optionsContactsTitle')}
      explain={t('optionsContactsExplain')}
    >
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const error = await save('crisisContacts', drafts);
          setMessage(error ?? t('optionsSaved'));
        }}
      >
        {drafts.map((contact, index) => (
          <fieldset key={index} class="contact">
            <legend>{t('optionsContactRow', { number: number(index + 1) })}</legend>
            {CONTACT_FIELDS.map(([field, label]) => (
              <span class="field" key={field}>
                <label for={`contact-${index}-${field}`}>{t(label)}</label>
                <input
                  id={`contact-${index}-${field}`}
                  type="text"
                  inputMode={field === 'url' ? 'url' : field === 'label' ? 'text' : 'tel'}
                  value={contact[field] ?? ''}
                  onInput={(event) => edit(index, field, event.currentTarget.value)}
                />
              </span>
            ))}
            <button
              type="button"
              aria-label={t('optionsContactRemoveLabel', { number: number(index + 1) })}
              onClick={() => setDrafts(drafts.filter((_, at) => at !== index))}
            >
              {t('optionsRemove')}
            </button>
          </fieldset>
        ))}
        <div class="actions">
          <button type="button" onClick={() => setDrafts([...drafts, { label: '' }])}>
            {t('optionsContactAdd')}
          </button>
          <button type="submit">{t('optionsContactsSave')}</button>
        </div>
      </form>
      <Status message={message} />
    </SettingSection>
  );
}

// ---------------------------------------------------------------------------------------------

export function LayoutSection({ view, save }: SectionProps) {
  const row = rowOf(view, 'layout');
  const layout = row?.value as LayoutPolicy | undefined;
  const [width, setWidth] = useState(String(layout?.width ?? ''));
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setWidth(String(layout?.width ?? '')), [layout?.width]);
  if (!row || !layout) return null;
  const saveLayout = async (next: LayoutPolicy) => {
    const error = await save('layout', next);
    setMessage(error ?? t('optionsSaved'));
  };
  const range = t('optionsThresholdRange', {
    min: number(LAYOUT_WIDTH.minimum),
    max: number(LAYOUT_WIDTH.maximum),
    unit: t('optionsLayoutPixels'),
  });
  return (
    <SettingSection row={row} title={t('optionsLayoutTitle')} explain={t('optionsLayoutExplain')}>
      <fieldset disabled={row.locked}>
        <legend>{t('optionsLayoutMode')}</legend>
        {(['push', 'overlay'] as const).map((mode) => (
          <label key={mode} class="choice">
            <input
              type="radio"
              name="layout-mode"
              value={mode}
              checked={layout.mode === mode}
              onChange={() => void saveLayout({ ...layout, mode })}
            />
            {t(mode === 'push' ? 'optionsLayoutPush' : 'optionsLayoutOverlay')}
          </label>
        ))}
      </fieldset>
      <form
        class="inline"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const value = Number(width);
          if (
            !Number.isInteger(value) ||
            value < LAYOUT_WIDTH.minimum ||
            value > LAYOUT_WIDTH.maximum
          ) {
            setMessage(t('optionsThresholdInvalid', { range }));
            return;
          }
          void saveLayout({ ...layout, width: value });
        }}
      >
        <label for="layout-width">
          {t('optionsLayoutWidth')} ({t('optionsLayoutPixels')})
        </label>
        <input
          id="layout-width"
          type="number"
          min={LAYOUT_WIDTH.minimum}
          max={LAYOUT_WIDTH.maximum}
          step={1}
          value={width}
          disabled={row.locked}
          aria-describedby="layout-width-range"
          onInput={(event) => setWidth(event.currentTarget.value)}
        />
        {!row.locked && <button type="submit">{t('optionsSave')}</button>}
        <span id="layout-width-range" class="hint">
          {range}
        </span>
      </form>
      <Status message={message} />
    </SettingSection>
  );
}

// ---------------------------------------------------------------------------------------------

/**
 * Every other setting, shown read-only in words (retention, the review interval, selector packs,
 * endpoints), and the user's settings as JSON to copy to another computer or paste from one.
 */
export function AdvancedSection({ view, save }: SectionProps) {
  const changeable = view.rows.filter(
    (row) => !row.locked && (USER_CHANGEABLE_KEYS as readonly string[]).includes(row.key),
  );
  const asJson = JSON.stringify(
    Object.fromEntries(changeable.map((row) => [row.key, row.value])),
    null,
    2,
  );
  const [draft, setDraft] = useState(asJson);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setDraft(asJson), [asJson]);
  const others = view.rows.filter((row) =>
    ['selectorPacks', 'retentionDays', 'safetyPlanReviewDays', 'endpoints'].includes(row.key),
  );

  const apply = async (event: Event) => {
    event.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(draft);
    } catch {
      setMessage(t('optionsInvalidJson'));
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      setMessage(t('optionsInvalidJson'));
      return;
    }
    const errors: string[] = [];
    for (const [key, value] of Object.entries(parsed)) {
      const error = await save(key, value);
      if (error) errors.push(error);
    }
    setMessage(errors.length > 0 ? errors.join(' ') : t('optionsSaved'));
  };

  return (
    <section aria-labelledby="advanced-title" class="advanced">
      <h2 id="advanced-title">{t('optionsAdvancedTitle')}</h2>
      <dl class="others">
        {others.map((row) => (
          <div key={row.key} data-setting={row.key}>
            <dt>{t(`optionsSettingName${row.key.charAt(0).toUpperCase()}${row.key.slice(1)}`)}</dt>
            <dd>
              <code>{JSON.stringify(row.value)}</code> — {t(SOURCE_LABEL[row.source])}
              {row.locked && <strong> {t('optionsLocked')}</strong>}
            </dd>
          </div>
        ))}
      </dl>
      <details>
        <summary>{t('optionsAdvancedJson')}</summary>
        <p>{t('optionsAdvancedExplain')}</p>
        <form onSubmit={apply}>
          <label for="settings-json">{t('optionsAdvancedJsonLabel')}</label>
          <textarea
            id="settings-json"
            rows={14}
            value={draft}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
          <button type="submit">{t('optionsAdvancedApply')}</button>
        </form>
        <Status message={message} />
      </details>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

/**
 * Whether the popup offers "Teach Careside this page" (issue 21): off by default, and usually
 * set by the organization's policy for the people who onboard an EHR, which locks it.
 */
export function PackAuthorsSection({ view, save }: SectionProps) {
  const row = rowOf(view, 'packAuthors');
  const [message, setMessage] = useState<string | null>(null);
  if (!row) return null;
  return (
    <SettingSection
      row={row}
      title={t('optionsPackAuthorsTitle')}
      explain={t('optionsPackAuthorsExplain')}
    >
      <label class="choice">
        <input
          type="checkbox"
          checked={row.value === true}
          disabled={row.locked}
          onChange={async (event) => {
            const error = await save('packAuthors', event.currentTarget.checked);
            setMessage(error ?? t('optionsSaved'));
          }}
        />
        {t('optionsPackAuthorsLabel')}
      </label>
      <Status message={message} />
    </SettingSection>
  );
}
