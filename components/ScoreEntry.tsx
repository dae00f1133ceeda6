import { useEffect, useRef, useState } from 'preact/hooks';
import { parseIsoDate } from '../utils/clinical/dates';
import type { CrisisContact } from '../utils/clinical/safety-plan';
import {
  liveScore,
  type ScoreEntryDefinition,
  type ScoreEntryInstrument,
} from '../utils/clinical/score-entry';
import type { IsoDate } from '../utils/clinical/types';
import type { Translate } from '../utils/i18n';
import { CrisisContacts } from './CrisisContacts';
import { formatNumber } from './format';
import { CriticalIcon } from './icons';
import { labelFor } from './labels';

export type EntryInstrument = ScoreEntryInstrument;

export interface EnteredScore {
  instrument: EntryInstrument;
  date: IsoDate;
  items: number[];
}

export interface ScoreEntryProps {
  /** The visit date offered by default; components never read the clock for clinical values. */
  today: IsoDate;
  /** The instruments offered, with their items, bands and critical items (`PatientView.scoreEntry`). */
  definitions: ScoreEntryDefinition[];
  crisisContacts: CrisisContact[];
  t: Translate;
  locale: string;
  onEnterScore(entry: EnteredScore): void;
  onCancel?(): void;
  initialInstrument?: EntryInstrument;
}

/** Catalogue key of an item's wording: PHQ-2 asks PHQ-9 items 1 and 2 word for word. */
function itemKey(instrument: EntryInstrument, item: number): string {
  return instrument === 'GAD-7' ? `sidebarScoreGad7Item${item}` : `sidebarScorePhq9Item${item}`;
}

function emptyAnswers(definition: ScoreEntryDefinition | undefined): (number | null)[] {
  return Array.from({ length: definition?.items ?? 0 }, () => null);
}

/**
 * Item-by-item entry, fast from the keyboard: the first item has focus, a digit answers the item
 * that has focus and moves to the next, Backspace goes back one item. Total, band and critical
 * items update as answers arrive; Save stays disabled until every item and the date are valid.
 */
export function ScoreEntry(props: ScoreEntryProps) {
  const { today, definitions, crisisContacts, t, locale } = props;
  const definitionOf = (name: EntryInstrument) =>
    definitions.find((candidate) => candidate.instrument === name);
  const [instrument, setInstrument] = useState<EntryInstrument>(
    props.initialInstrument ?? definitions[0]?.instrument ?? 'PHQ-9',
  );
  const [date, setDate] = useState<IsoDate>(today);
  const [answers, setAnswers] = useState<(number | null)[]>(() =>
    emptyAnswers(definitionOf(instrument)),
  );
  const itemsRef = useRef<HTMLDivElement>(null);
  const definition = definitionOf(instrument);

  const focusItem = (index: number) => {
    const group = itemsRef.current?.querySelector<HTMLElement>(`[data-item="${index}"]`);
    const target =
      group?.querySelector<HTMLInputElement>('input:checked') ??
      group?.querySelector<HTMLInputElement>('input');
    target?.focus();
  };

  useEffect(() => {
    focusItem(0);
  }, [instrument]);

  if (!definition) return null;
  const answered = answers.filter((value): value is number => value !== null);
  const validDate = parseIsoDate(date) === date && date <= today;
  // The same total, band and critical items the engine will chart once the entry is saved; the
  // critical items show as soon as they are answered, before the rest.
  const { total, complete, band, critical } = liveScore(definition, answers);

  const answer = (index: number, value: number) => {
    setAnswers((current) => current.map((old, i) => (i === index ? value : old)));
  };

  // On the form rather than on each radio: a digit typed on any answer of any item counts, while
  // keys typed in the date or instrument fields (outside an item) keep their usual meaning.
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    const group = target?.closest<HTMLElement>('[data-item]');
    if (!group) return;
    const index = Number(group.dataset.item);
    if (/^\d$/.test(event.key)) {
      const value = Number(event.key);
      if (value < definition.min || value > definition.max) return;
      event.preventDefault();
      answer(index, value);
      if (index + 1 < answers.length) focusItem(index + 1);
      return;
    }
    if (event.key === 'Backspace' && index > 0) {
      event.preventDefault();
      focusItem(index - 1);
    }
  };

  const changeInstrument = (next: EntryInstrument) => {
    setInstrument(next);
    setAnswers(emptyAnswers(definitionOf(next)));
  };

  const answerValues = Array.from(
    { length: definition.max - definition.min + 1 },
    (_, i) => definition.min + i,
  );

  return (
    <form
      class="cs-score-entry"
      aria-labelledby="cs-score-entry-title"
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        if (!complete || !validDate) return;
        props.onEnterScore({ instrument, date, items: answered });
      }}
    >
      <h3 id="cs-score-entry-title" class="cs-subheading">
        {t('sidebarScoreTitle')}
      </h3>
      <div class="cs-score-head">
        <label class="cs-field">
          {t('sidebarScoreInstrument')}
          <select
            value={instrument}
            onChange={(event) => changeInstrument(event.currentTarget.value as EntryInstrument)}
          >
            {definitions.map(({ instrument: name }) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label class="cs-field">
          {t('sidebarScoreDate')}
          <input
            type="date"
            value={date}
            max={today}
            required
            aria-invalid={!validDate}
            onInput={(event) => setDate(event.currentTarget.value)}
          />
        </label>
      </div>
      <p class="cs-muted">{t('sidebarScoreKeyboardHelp')}</p>
      <div ref={itemsRef} class="cs-score-items">
        {answers.map((value, index) => {
          const item = index + 1;
          const name = `cs-score-${instrument}-${item}`;
          return (
            <fieldset key={name} class="cs-score-item" data-item={String(index)}>
              <legend>
                <span class="cs-item-number">{formatNumber(item, locale)}.</span>{' '}
                {t(itemKey(instrument, item))}
              </legend>
              <div class="cs-answers">
                {answerValues.map((option) => (
                  <label key={option} class="cs-answer">
                    <input
                      type="radio"
                      name={name}
                      value={String(option)}
                      checked={value === option}
                      onChange={() => answer(index, option)}
                    />
                    <span class="cs-answer-value">{formatNumber(option, locale)}</span>
                    <span class="cs-answer-label">{t(`sidebarScoreAnswer${option}`)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
      </div>
      <p class="cs-score-total" aria-live="polite" data-testid="score-total">
        {complete
          ? t('sidebarScoreTotal', {
              total: formatNumber(total, locale),
              max: formatNumber(definition.items * definition.max, locale),
            })
          : t('sidebarScorePartial', {
              total: formatNumber(total, locale),
              answered: formatNumber(answered.length, locale),
              count: formatNumber(answers.length, locale),
            })}
        {band && (
          <>
            {' · '}
            <span class="cs-measure-band" data-testid="score-band">
              {labelFor(t, 'sidebarBand', band)}
            </span>
          </>
        )}
      </p>
      {critical.length > 0 && (
        <div class="cs-critical cs-score-critical" role="alert">
          <p class="cs-critical-title">
            <CriticalIcon class="cs-icon-critical" />
            <strong>
              {t('sidebarIndicatorCritical')}:{' '}
              {t('sidebarScoreCriticalItem', {
                items: critical.join(', '),
              })}
            </strong>
          </p>
          <CrisisContacts contacts={crisisContacts} t={t} />
        </div>
      )}
      <div class="cs-actions">
        <button
          type="submit"
          class="cs-button cs-button-primary"
          disabled={!complete || !validDate}
        >
          {t('sidebarScoreSave')}
        </button>
        {props.onCancel && (
          <button type="button" class="cs-button" onClick={props.onCancel}>
            {t('sidebarCancel')}
          </button>
        )}
      </div>
    </form>
  );
}
