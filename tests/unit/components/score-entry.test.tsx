// @vitest-environment happy-dom
import { h } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScoreEntry, type ScoreEntryProps } from '../../../components/ScoreEntry';
import {
  buttonByText,
  click,
  fire,
  LOCALE,
  mount,
  pressKey,
  SCORE_ENTRY,
  TODAY,
  t,
  unmount,
} from './helpers';

afterEach(unmount);

function renderEntry(overrides: Partial<ScoreEntryProps> = {}) {
  const onEnterScore = vi.fn();
  const el = mount(
    h(ScoreEntry, {
      today: TODAY,
      definitions: SCORE_ENTRY,
      crisisContacts: [{ label: '988 Suicide & Crisis Lifeline', phone: '988' }],
      t,
      locale: LOCALE,
      onEnterScore,
      ...overrides,
    }),
  );
  return { el, onEnterScore };
}

/** The 0-based index of the item whose answer has focus. */
function focusedItem(): number | null {
  const group = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-item]');
  return group ? Number(group.dataset.item) : null;
}

function typeAnswers(digits: string) {
  for (const digit of digits) pressKey(digit);
}

describe('score entry', () => {
  it('starts with focus on the first item of a PHQ-9, dated today', () => {
    const { el } = renderEntry();
    expect(focusedItem()).toBe(0);
    expect(el.querySelectorAll('[data-item]')).toHaveLength(9);
    expect((el.querySelector('input[type="date"]') as HTMLInputElement).value).toBe(TODAY);
  });

  it('fills items from typed digits, moving to the next item each time', () => {
    const { el } = renderEntry();
    typeAnswers('21');
    expect(focusedItem()).toBe(2);
    const checked = [...el.querySelectorAll<HTMLInputElement>('input[type="radio"]:checked')];
    expect(checked.map((input) => [input.name, input.value])).toEqual([
      ['cs-score-PHQ-9-1', '2'],
      ['cs-score-PHQ-9-2', '1'],
    ]);
    expect(el.querySelector('[data-testid="score-total"]')?.textContent).toBe(
      '2 of 9 answered, 3 so far',
    );
  });

  it('ignores digits above the item maximum', () => {
    const { el } = renderEntry();
    typeAnswers('7');
    expect(focusedItem()).toBe(0);
    expect(el.querySelector('input[type="radio"]:checked')).toBeNull();
  });

  it('goes back one item with Backspace, and a digit there replaces the answer', () => {
    const { el } = renderEntry();
    typeAnswers('23');
    pressKey('Backspace');
    expect(focusedItem()).toBe(1);
    typeAnswers('0');
    const second = el.querySelector<HTMLInputElement>('input[name="cs-score-PHQ-9-2"]:checked');
    expect(second?.value).toBe('0');
  });

  it('enables Save only when every item is answered, then shows total and band', () => {
    const { el, onEnterScore } = renderEntry();
    const save = buttonByText(el, 'Save score');
    typeAnswers('11111111');
    expect(save.disabled).toBe(true);
    typeAnswers('0');
    expect(save.disabled).toBe(false);
    expect(el.querySelector('[data-testid="score-total"]')?.textContent).toBe(
      'Total 8 of 27 · mild',
    );
    click(save);
    expect(onEnterScore).toHaveBeenCalledWith({
      instrument: 'PHQ-9',
      date: TODAY,
      items: [1, 1, 1, 1, 1, 1, 1, 1, 0],
    });
  });

  it('flags PHQ-9 item 9 above zero with the crisis contacts, as soon as it is answered', () => {
    const { el } = renderEntry();
    typeAnswers('00000000');
    expect(el.querySelector('[role="alert"]')).toBeNull();
    typeAnswers('1');
    const alert = el.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('PHQ-9 item 9: positive answer');
    expect(alert?.querySelector('a[href="tel:988"]')).not.toBeNull();
  });

  it('keeps Save disabled for a date in the future or an empty date', () => {
    const { el } = renderEntry();
    typeAnswers('000000000');
    const save = buttonByText(el, 'Save score');
    expect(save.disabled).toBe(false);
    const date = el.querySelector('input[type="date"]') as HTMLInputElement;
    for (const value of ['2024-06-21', '']) {
      date.value = value;
      fire(date, new Event('input', { bubbles: true }));
      expect(save.disabled).toBe(true);
    }
  });

  it('switches to GAD-7 with seven items and its own bands', () => {
    const { el, onEnterScore } = renderEntry();
    const select = el.querySelector('select') as HTMLSelectElement;
    select.value = 'GAD-7';
    fire(select, new Event('change', { bubbles: true }));
    expect(el.querySelectorAll('[data-item]')).toHaveLength(7);
    expect(focusedItem()).toBe(0);
    typeAnswers('3333333');
    expect(el.querySelector('[data-testid="score-band"]')?.textContent).toBe('severe');
    click(buttonByText(el, 'Save score'));
    expect(onEnterScore).toHaveBeenCalledWith({
      instrument: 'GAD-7',
      date: TODAY,
      items: [3, 3, 3, 3, 3, 3, 3],
    });
  });

  it('bands a PHQ-2 as a screen and raises no suicide flag (it has no such item)', () => {
    const { el } = renderEntry({ initialInstrument: 'PHQ-2' });
    typeAnswers('21');
    expect(el.querySelector('[data-testid="score-band"]')?.textContent).toBe('screen positive');
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });
});
