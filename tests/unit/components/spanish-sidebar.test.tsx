// @vitest-environment happy-dom
/**
 * The sidebar in Spanish: a Spanish browser, or a policy's `language: "es"`, gives the
 * components the Spanish catalogue and the `es` locale, and nothing English is left on screen
 * or in what a screen reader says.
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { h } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Sidebar, type SidebarProps } from '../../../components/Sidebar';
import { emptySafetyPlan } from '../../../utils/clinical/safety-plan';
import type { Messages } from '../../../utils/i18n';
import { LOCALE_ES, spanishMessages, tEs } from '../i18n/spanish';
import { content, mount, phq9Trend, prompt, SCORE_ENTRY, TODAY, unmount } from './helpers';

afterEach(unmount);

const english = JSON.parse(
  readFileSync(resolve(process.cwd(), 'public/_locales/en/messages.json'), 'utf8'),
) as Messages;

/**
 * English sentences that, if seen, mean a string skipped the catalogue: every English message
 * of two words or more, without placeholders, that Spanish words differently.
 */
const englishOnly = Object.entries(english)
  .filter(
    ([key, { message }]) =>
      !message.includes('{') &&
      /\p{L}+\s+\p{L}+/u.test(message) &&
      spanishMessages[key]?.message !== message,
  )
  .map(([, { message }]) => message);

function spanishProps(extra: Partial<SidebarProps> = {}): SidebarProps {
  return {
    state: {
      kind: 'ready',
      content: content({
        measures: [phq9Trend()],
        prompts: [prompt({ id: 'phq9-due', category: 'measurement', indicator: 'warning' })],
      }),
      identityConfirmed: true,
      problems: [],
    },
    safetyPlan: emptySafetyPlan([{ label: 'Línea 988', phone: '988' }]),
    safetyPlanSaveStatus: 'idle',
    crisisContacts: [{ label: 'Línea 988', phone: '988' }],
    medicationMarkers: [],
    scoreEntry: SCORE_ENTRY,
    today: TODAY,
    t: tEs,
    locale: LOCALE_ES,
    layout: { mode: 'push', width: 360, collapsed: false },
    onConfirmIdentity: vi.fn(),
    onSaveSafetyPlan: vi.fn(),
    onPrintSafetyPlan: vi.fn(),
    onDismissPrompt: vi.fn(),
    onEnterScore: vi.fn(),
    onLayoutChange: vi.fn(),
    onClose: vi.fn(),
    ...extra,
  };
}

/** What is on screen and what assistive technology announces. */
function everythingSaid(el: Element): string[] {
  const attributes = [...el.querySelectorAll('*')].flatMap((node) =>
    ['aria-label', 'title', 'placeholder', 'alt'].flatMap((name) => node.getAttribute(name) ?? []),
  );
  return [el.textContent ?? '', ...attributes];
}

describe('the sidebar in Spanish', () => {
  it('writes the date of birth, age, sections and severity band in Spanish', () => {
    const el = mount(h(Sidebar, spanishProps()));
    expect(el.querySelector('[data-testid="birth-date"]')?.textContent).toBe(
      '4 jul 1985 (38 años)',
    );
    const text = el.textContent ?? '';
    for (const heading of ['Avisos', 'Escalas', 'Plan de seguridad', 'Contactos de crisis']) {
      expect(text).toContain(heading);
    }
    // The validated Spanish PHQ-9's band names.
    expect(text).toContain('leve');
    expect(text).toContain('Imprimir la copia del paciente');
    expect(
      el.querySelector('[aria-label="Imprimir la copia del paciente en español"]'),
    ).not.toBeNull();
  });

  it('puts a long Spanish band name on two lines beside the chart instead of cutting it off', () => {
    const el = mount(h(Sidebar, spanishProps()));
    const label = el.querySelector('[data-band="moderately severe"] .cs-band-label');
    expect([...(label?.querySelectorAll('tspan') ?? [])].map((line) => line.textContent)).toEqual([
      'moderadamente',
      'grave',
    ]);
    expect(el.querySelector('[data-band="mild"] .cs-band-label')?.textContent).toBe('leve');
  });

  it('leaves no English sentence from the catalogue on screen or in an accessible name', () => {
    const el = mount(h(Sidebar, spanishProps()));
    const said = everythingSaid(el);
    expect(englishOnly.length).toBeGreaterThan(300);
    expect(englishOnly.filter((message) => said.some((text) => text.includes(message)))).toEqual(
      [],
    );
  });

  it('counts in Spanish: the snooze choices and the scores table', () => {
    const el = mount(h(Sidebar, spanishProps()));
    expect(el.querySelector('.cs-chart details summary')?.textContent).toBe(
      'Las 3 puntuaciones en una tabla',
    );
    const snooze = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Posponer');
    snooze?.click();
    // A re-render happens outside act here; read what the form offers once it is open.
    return Promise.resolve().then(() => {
      const options = [...el.querySelectorAll('select option')].map((o) => o.textContent);
      expect(options[0]).toBe('1 día');
      expect(options.slice(1).every((option) => option?.endsWith(' días'))).toBe(true);
    });
  });
});
