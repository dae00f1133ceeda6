import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type CrisisContact,
  emptySafetyPlan,
  type SafetyPlan,
  type SafetyPlanStep,
  type SafetyPlanStepId,
  STANLEY_BROWN_STEPS,
} from '../utils/clinical/safety-plan';
import type { IsoDate, SafetyPlanStatus } from '../utils/clinical/types';
import { CATALOGUE_LANGUAGES, type CatalogueLanguage, type Translate } from '../utils/i18n';
import { CrisisContacts } from './CrisisContacts';
import { formatDate, formatNumber } from './format';
import { PrintIcon } from './icons';
import { labelFor } from './labels';

/** Where the last save stands, as the caller (who talks to storage) knows it. */
export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

export const AUTOSAVE_DELAY_MS = 400;

/**
 * A language's name in the clinician's language ("Spanish", "español"), from `Intl`, so the
 * catalogue needs no entry per language.
 */
function languageName(language: CatalogueLanguage, locale: string): string {
  return new Intl.DisplayNames([locale], { type: 'language' }).of(language) ?? language;
}

/** The same name starting a button's label ("Español"). */
function capitalised(name: string, locale: string): string {
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

export interface SafetyPlanPanelProps {
  plan: SafetyPlan | null;
  assessment: { status: SafetyPlanStatus; missing: string[] };
  /** When the next review is due, when the caller knows it. */
  reviewDue?: IsoDate | null;
  /** Opioids or OUD in play: the naloxone item is part of the plan (FDA 2020). */
  naloxoneApplicable?: boolean;
  saveStatus: SaveStatus;
  /** The clinic's crisis contacts, used when the plan has none of its own. */
  crisisContacts: CrisisContact[];
  today: IsoDate;
  t: Translate;
  locale: string;
  onSaveSafetyPlan(plan: SafetyPlan): void;
  /** Prints the patient's copy in the language the clinician picks for the patient. */
  onPrintSafetyPlan?(plan: SafetyPlan, language: CatalogueLanguage): void;
}

export function stepAddressed(step: SafetyPlanStep | undefined): boolean {
  return !!step && (step.done || step.entries.some((entry) => entry.trim() !== ''));
}

/**
 * The steps this patient's plan shows: the six Stanley–Brown steps, and naloxone when it applies
 * — or when something was already written there, which is never hidden.
 */
export function visibleSteps(
  plan: SafetyPlan,
  missing: string[],
  naloxoneApplicable: boolean | undefined,
): SafetyPlanStepId[] {
  const naloxone =
    naloxoneApplicable === true ||
    missing.includes('naloxone') ||
    stepAddressed(plan.steps.naloxone);
  return naloxone ? [...STANLEY_BROWN_STEPS, 'naloxone'] : [...STANLEY_BROWN_STEPS];
}

function samePlanContent(a: SafetyPlan, b: SafetyPlan): boolean {
  const content = (plan: SafetyPlan) =>
    JSON.stringify([plan.steps, plan.crisisContacts, plan.lastReviewed]);
  return content(a) === content(b);
}

function StepEditor({
  id,
  number,
  step,
  missing,
  t,
  locale,
  onChange,
}: {
  id: SafetyPlanStepId;
  number: number;
  step: SafetyPlanStep;
  missing: boolean;
  t: Translate;
  locale: string;
  onChange(step: SafetyPlanStep): void;
}) {
  const [newEntry, setNewEntry] = useState('');
  const label = labelFor(t, 'sidebarSafetyStep', id);
  const headingId = `cs-step-${id}`;
  const add = () => {
    const text = newEntry.trim();
    if (!text) return;
    onChange({ ...step, entries: [...step.entries, text] });
    setNewEntry('');
  };
  return (
    <li class="cs-step" aria-labelledby={headingId} data-step={id}>
      <div class="cs-step-head">
        <label class="cs-check">
          <input
            type="checkbox"
            checked={step.done}
            onChange={(event) => onChange({ ...step, done: event.currentTarget.checked })}
          />
          <span id={headingId} class="cs-step-title">
            {formatNumber(number, locale)}. {label}
          </span>
        </label>
        {missing && <span class="cs-badge cs-badge-due">{t('sidebarSafetyStepMissing')}</span>}
      </div>
      {step.entries.length > 0 && (
        <ul class="cs-entries">
          {step.entries.map((entry, index) => (
            // Unkeyed on purpose: entries are free text that may repeat, and an entry being edited
            // is identified by its place in the step, which is how Preact matches unkeyed items.
            <li class="cs-entry">
              <input
                type="text"
                value={entry}
                aria-label={t('sidebarSafetyEntryLabel', { step: label, number: index + 1 })}
                onInput={(event) =>
                  onChange({
                    ...step,
                    entries: step.entries.map((old, i) =>
                      i === index ? event.currentTarget.value : old,
                    ),
                  })
                }
              />
              <button
                type="button"
                class="cs-button cs-button-small"
                aria-label={t('sidebarSafetyRemoveEntryLabel', { step: label, number: index + 1 })}
                onClick={() =>
                  onChange({ ...step, entries: step.entries.filter((_, i) => i !== index) })
                }
              >
                {t('sidebarSafetyRemoveEntry')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="cs-entry cs-entry-new">
        <input
          type="text"
          value={newEntry}
          aria-label={t('sidebarSafetyAddEntryLabel', { step: label })}
          placeholder={t('sidebarSafetyAddEntryPlaceholder')}
          onInput={(event) => setNewEntry(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" class="cs-button cs-button-small" onClick={add}>
          {t('sidebarSafetyAddEntry')}
        </button>
      </div>
    </li>
  );
}

function SaveIndicator({
  status,
  pending,
  t,
  onRetry,
}: {
  status: SaveStatus;
  pending: boolean;
  t: Translate;
  onRetry(): void;
}) {
  return (
    <p class="cs-save-status" aria-live="polite" data-testid="save-status">
      {status === 'error' && !pending ? (
        <>
          <span class="cs-save-error">{t('sidebarSafetyNotSaved')}</span>{' '}
          <button type="button" class="cs-button cs-button-small" onClick={onRetry}>
            {t('sidebarSafetyRetry')}
          </button>
        </>
      ) : pending || status === 'saving' ? (
        t('sidebarSafetySaving')
      ) : status === 'saved' ? (
        t('sidebarSafetySaved')
      ) : null}
    </p>
  );
}

/**
 * The safety plan checklist. Edits are kept in a local draft and saved after a short pause
 * (debounced), and at once when focus leaves a field or the tab is hidden, so a clinician who
 * types and switches away never loses the last words.
 */
export function SafetyPlanPanel(props: SafetyPlanPanelProps) {
  const { assessment, saveStatus, today, t, locale } = props;
  const [draft, setDraft] = useState<SafetyPlan | null>(props.plan);
  const [pending, setPending] = useState(false);
  const draftRef = useRef<SafetyPlan | null>(props.plan);
  const pendingRef = useRef(false);
  const lastSentRef = useRef<SafetyPlan | null>(null);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(props.onSaveSafetyPlan);
  saveRef.current = props.onSaveSafetyPlan;

  const flush = () => {
    if (timerRef.current !== null) {
      clearTimeout(timerRef.current);
      timerRef.current = null;
    }
    const plan = draftRef.current;
    if (!pendingRef.current || !plan) return;
    pendingRef.current = false;
    setPending(false);
    lastSentRef.current = plan;
    saveRef.current(plan);
  };
  const flushRef = useRef(flush);
  flushRef.current = flush;

  const edit = (next: SafetyPlan) => {
    draftRef.current = next;
    pendingRef.current = true;
    setDraft(next);
    setPending(true);
    if (timerRef.current !== null) clearTimeout(timerRef.current);
    timerRef.current = setTimeout(() => flushRef.current(), AUTOSAVE_DELAY_MS);
  };

  // A plan arriving from storage replaces the draft unless the clinician is mid-edit. When it is
  // our own save coming back with a new revision, later edits move onto that revision; a plan
  // changed elsewhere keeps the draft on the old revision so the save reports the conflict.
  useEffect(() => {
    const incoming = props.plan;
    if (!pendingRef.current) {
      draftRef.current = incoming;
      setDraft(incoming);
      return;
    }
    const sent = lastSentRef.current;
    const current = draftRef.current;
    if (incoming && sent && current && samePlanContent(incoming, sent)) {
      const rebased = { ...current, revision: incoming.revision, updatedAt: incoming.updatedAt };
      draftRef.current = rebased;
      setDraft(rebased);
    }
  }, [props.plan]);

  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flushRef.current();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      if (timerRef.current !== null) clearTimeout(timerRef.current);
    };
  }, []);

  if (!draft) {
    return (
      <div class="cs-safety-plan" data-testid="safety-plan">
        <p>{t('sidebarSafetyNone')}</p>
        <button
          type="button"
          class="cs-button cs-button-primary"
          onClick={() => {
            const contacts = props.crisisContacts;
            const started = contacts.length > 0 ? emptySafetyPlan(contacts) : emptySafetyPlan();
            draftRef.current = started;
            setDraft(started);
          }}
        >
          {t('sidebarSafetyStart')}
        </button>
      </div>
    );
  }

  const steps = visibleSteps(draft, assessment.missing, props.naloxoneApplicable);
  const addressed = steps.filter((id) => stepAddressed(draft.steps[id])).length;
  const contacts = draft.crisisContacts.length > 0 ? draft.crisisContacts : props.crisisContacts;

  return (
    <div class="cs-safety-plan" data-testid="safety-plan" onFocusOut={() => flush()}>
      <p class="cs-safety-summary">
        <span class={`cs-badge cs-badge-${assessment.status}`}>
          {labelFor(t, 'sidebarSafetyStatus', assessment.status)}
        </span>{' '}
        {t('sidebarSafetyCompleteness', {
          done: formatNumber(addressed, locale),
          total: formatNumber(steps.length, locale),
        })}
      </p>
      <p class="cs-safety-review">
        {draft.lastReviewed
          ? t('sidebarSafetyLastReviewed', { date: formatDate(draft.lastReviewed, locale) })
          : t('sidebarSafetyNeverReviewed')}
        {props.reviewDue && (
          <>
            {' · '}
            {t('sidebarSafetyReviewDue', { date: formatDate(props.reviewDue, locale) })}
          </>
        )}{' '}
        <button
          type="button"
          class="cs-button cs-button-small"
          disabled={draft.lastReviewed === today}
          onClick={() => edit({ ...draft, lastReviewed: today })}
        >
          {t('sidebarSafetyMarkReviewed')}
        </button>
      </p>
      <ol class="cs-steps">
        {steps.map((id, index) => (
          <StepEditor
            key={id}
            id={id}
            number={index + 1}
            step={draft.steps[id]}
            missing={assessment.missing.includes(id)}
            t={t}
            locale={locale}
            onChange={(step) => edit({ ...draft, steps: { ...draft.steps, [id]: step } })}
          />
        ))}
      </ol>
      <h3 class="cs-subheading">{t('sidebarCrisisContacts')}</h3>
      <CrisisContacts contacts={contacts} t={t} />
      <div class="cs-actions">
        <SaveIndicator
          status={saveStatus}
          pending={pending}
          t={t}
          onRetry={() => {
            pendingRef.current = true;
            flush();
          }}
        />
        {props.onPrintSafetyPlan && (
          <fieldset class="cs-print-choice">
            <legend>
              <PrintIcon /> {t('sidebarSafetyPrint')}
            </legend>
            {CATALOGUE_LANGUAGES.map((language) => {
              const name = languageName(language, locale);
              return (
                <button
                  key={language}
                  type="button"
                  class="cs-button"
                  lang={language}
                  aria-label={t('sidebarSafetyPrintIn', { language: name })}
                  onClick={() => {
                    flush();
                    props.onPrintSafetyPlan?.(draft, language);
                  }}
                >
                  {capitalised(name, locale)}
                </button>
              );
            })}
          </fieldset>
        )}
      </div>
    </div>
  );
}
