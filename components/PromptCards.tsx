import { useState } from 'preact/hooks';
import { OVERRIDE_REASONS, type OverrideReason } from '../utils/clinical/override-reasons';
import {
  type Indicator,
  PROMPT_CATEGORIES,
  type PromptCard,
  type PromptCategory,
} from '../utils/clinical/types';
import { type Translate, translatePlural } from '../utils/i18n';
import { IndicatorIcon } from './icons';
import { labelFor, safeHttpsUrl } from './labels';

export const SNOOZE_DAYS: readonly number[] = [1, 7, 30];

export type DismissPrompt = (
  id: string,
  factsKey: string,
  reason: OverrideReason,
  snoozeDays?: number,
) => void;

export interface PromptCardsProps {
  prompts: PromptCard[];
  t: Translate;
  /** The catalogue's locale, for counted words ("1 day", "7 days"). */
  locale: string;
  onDismissPrompt: DismissPrompt;
}

const SEVERITY: Record<Indicator, number> = { critical: 0, warning: 1, info: 2 };

export interface PromptGroup {
  category: PromptCategory;
  prompts: PromptCard[];
}

/**
 * Groups in the fixed category vocabulary, each sorted critical → warning → info; the group with
 * the most severe card comes first, so a critical card is never below a page of infos.
 */
export function groupPrompts(prompts: PromptCard[]): PromptGroup[] {
  const groups = PROMPT_CATEGORIES.map((category) => ({
    category,
    prompts: prompts
      .filter((prompt) => prompt.category === category)
      .sort((a, b) => SEVERITY[a.indicator] - SEVERITY[b.indicator]),
  })).filter((group) => group.prompts.length > 0);
  const worst = (group: PromptGroup) => SEVERITY[group.prompts[0]?.indicator ?? 'info'];
  // Array.prototype.sort is stable, so equal severities keep the vocabulary order.
  return groups.sort((a, b) => worst(a) - worst(b));
}

function indicatorLabel(t: Translate, indicator: Indicator): string {
  return labelFor(t, 'sidebarIndicator', indicator);
}

function DismissForm({
  prompt,
  mode,
  t,
  locale,
  onDismissPrompt,
  onCancel,
}: {
  prompt: PromptCard;
  mode: 'dismiss' | 'snooze';
  t: Translate;
  locale: string;
  onDismissPrompt: DismissPrompt;
  onCancel(): void;
}) {
  const [reason, setReason] = useState<OverrideReason | null>(null);
  const [snoozeDays, setSnoozeDays] = useState<number>(SNOOZE_DAYS[1] ?? 7);
  const name = `cs-reason-${prompt.id}`;
  return (
    <form
      class="cs-dismiss"
      onSubmit={(event) => {
        event.preventDefault();
        if (!reason) return;
        if (mode === 'snooze') onDismissPrompt(prompt.id, prompt.factsKey, reason, snoozeDays);
        else onDismissPrompt(prompt.id, prompt.factsKey, reason);
      }}
    >
      <fieldset>
        <legend>
          {mode === 'snooze' ? t('sidebarPromptSnoozeReason') : t('sidebarPromptDismissReason')}
        </legend>
        {OVERRIDE_REASONS.map((option) => (
          <label key={option} class="cs-radio">
            <input
              type="radio"
              name={name}
              value={option}
              checked={reason === option}
              onChange={() => setReason(option)}
            />
            {labelFor(t, 'sidebarReason', option)}
          </label>
        ))}
      </fieldset>
      {mode === 'snooze' && (
        <label class="cs-field">
          {t('sidebarPromptSnoozeFor')}
          <select
            value={String(snoozeDays)}
            onChange={(event) => setSnoozeDays(Number(event.currentTarget.value))}
          >
            {SNOOZE_DAYS.map((days) => (
              <option key={days} value={String(days)}>
                {translatePlural(t, locale, 'sidebarPromptSnoozeDays', days)}
              </option>
            ))}
          </select>
        </label>
      )}
      <div class="cs-actions">
        <button type="submit" class="cs-button cs-button-primary" disabled={!reason}>
          {mode === 'snooze' ? t('sidebarPromptSnoozeConfirm') : t('sidebarPromptDismissConfirm')}
        </button>
        <button type="button" class="cs-button" onClick={onCancel}>
          {t('sidebarCancel')}
        </button>
      </div>
    </form>
  );
}

export function PromptCardView({
  prompt,
  t,
  locale,
  onDismissPrompt,
}: {
  prompt: PromptCard;
  t: Translate;
  locale: string;
  onDismissPrompt: DismissPrompt;
}) {
  const [overriding, setOverriding] = useState<'dismiss' | 'snooze' | null>(null);
  const sourceUrl = safeHttpsUrl(prompt.source.url);
  return (
    <li class={`cs-card cs-card-${prompt.indicator}`} data-prompt-id={prompt.id}>
      <p class="cs-card-indicator">
        <IndicatorIcon indicator={prompt.indicator} />
        <span>{indicatorLabel(t, prompt.indicator)}</span>
      </p>
      <p class="cs-card-summary">{prompt.summary}</p>
      <details class="cs-card-details">
        <summary>{t('sidebarPromptMore')}</summary>
        {prompt.detail && <p>{prompt.detail}</p>}
        {prompt.evidence.length > 0 && (
          <>
            <h4 class="cs-subheading">{t('sidebarPromptWhy')}</h4>
            <ul class="cs-evidence">
              {prompt.evidence.map((fact) => (
                <li key={fact}>{fact}</li>
              ))}
            </ul>
          </>
        )}
        <p class="cs-card-source">
          {t('sidebarPromptSource')}{' '}
          {sourceUrl ? (
            <a href={sourceUrl} target="_blank" rel="noopener noreferrer">
              {prompt.source.label}
            </a>
          ) : (
            <span>{prompt.source.label}</span>
          )}
        </p>
      </details>
      {overriding ? (
        <DismissForm
          prompt={prompt}
          mode={overriding}
          t={t}
          locale={locale}
          onDismissPrompt={onDismissPrompt}
          onCancel={() => setOverriding(null)}
        />
      ) : (
        <div class="cs-actions">
          <button type="button" class="cs-button" onClick={() => setOverriding('dismiss')}>
            {t('sidebarPromptDismiss')}
          </button>
          <button type="button" class="cs-button" onClick={() => setOverriding('snooze')}>
            {t('sidebarPromptSnooze')}
          </button>
        </div>
      )}
    </li>
  );
}

export function PromptCards({ prompts, t, locale, onDismissPrompt }: PromptCardsProps) {
  if (prompts.length === 0) return <p class="cs-muted">{t('sidebarPromptNone')}</p>;
  return (
    <div class="cs-prompts">
      {groupPrompts(prompts).map((group) => (
        <section
          key={group.category}
          class="cs-prompt-group"
          aria-labelledby={`cs-prompts-${group.category}`}
          data-category={group.category}
        >
          <h3 id={`cs-prompts-${group.category}`} class="cs-group-title">
            {labelFor(t, 'sidebarCategory', group.category)}
          </h3>
          <ul class="cs-cards">
            {group.prompts.map((prompt) => (
              <PromptCardView
                key={`${prompt.id}-${prompt.factsKey}`}
                prompt={prompt}
                t={t}
                locale={locale}
                onDismissPrompt={onDismissPrompt}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
