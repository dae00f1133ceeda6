// @vitest-environment happy-dom
/**
 * The patient's printed copy of the safety plan, in the language picked when printing: plain
 * words, the crisis lines as the clinic's policy states them (the Spanish menu option and text
 * keyword only where the policy gives them), and nothing clinical the patient did not write.
 */
import { h } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SafetyPlanPanel } from '../../../components/SafetyPlanPanel';
import { SafetyPlanPrintView } from '../../../components/SafetyPlanPrintView';
import {
  type CrisisContact,
  emptySafetyPlan,
  type SafetyPlan,
} from '../../../utils/clinical/safety-plan';
import { LOCALE_ES, tEs } from '../i18n/spanish';
import { click, LOCALE, mount, TODAY, t, unmount } from './helpers';

afterEach(unmount);

/** A policy's Lifeline entry with the Spanish service the clinic has checked and written in. */
const lifelineWithSpanish: CrisisContact = {
  label: '988 Suicide & Crisis Lifeline',
  phone: '988',
  text: '988',
  url: 'https://988lifeline.org',
  spanish: { label: '988 Lifeline en español', phoneOption: '2', textWord: 'AYUDA' },
};
const onCall: CrisisContact = { label: 'Riverside on-call clinician', phone: '+1 555 010 0199' };

function plan(contacts: CrisisContact[]): SafetyPlan {
  const made = emptySafetyPlan(contacts);
  made.steps['warning-signs'].entries = ['no puedo dormir', 'I stop answering my phone'];
  made.steps['family-friends-help'].entries = ['Tía Rosa'];
  made.lastReviewed = '2024-05-01';
  return made;
}

function printed(language: 'en' | 'es', contacts: CrisisContact[]) {
  return mount(
    h(SafetyPlanPrintView, {
      plan: plan(contacts),
      patientName: 'Avery Quinn',
      crisisContacts: [],
      printedOn: TODAY,
      language,
      t: language === 'es' ? tEs : t,
      locale: language === 'es' ? LOCALE_ES : LOCALE,
    }),
  );
}

const lines = (el: Element, selector: string) =>
  [...el.querySelectorAll(selector)].map((node) => node.textContent?.trim());

describe("the patient's printed copy", () => {
  it('in Spanish: headings, date, the patient’s own words and the Spanish crisis service', () => {
    const el = printed('es', [lifelineWithSpanish, onCall]);
    expect(el.querySelector('main')?.getAttribute('lang')).toBe('es');
    expect(el.querySelector('h1')?.textContent).toBe('Mi plan de seguridad');
    expect(el.textContent).toContain('Impreso el 20 jun 2024');
    expect(lines(el, '.cs-print-step h2')).toEqual([
      'Señales de que puede estar empezando una crisis',
      'Cosas que puedo hacer por mi cuenta para dejar de pensar en mis problemas',
      'Personas y lugares que me ayudan a distraerme',
      'Personas a quienes puedo pedir ayuda',
      'Profesionales y servicios a los que puedo llamar en una crisis',
      'Cómo hacer seguro mi entorno',
    ]);
    // What the patient wrote is printed as written, in whatever language they wrote it.
    expect(el.querySelector('.cs-print-step')?.textContent).toContain('no puedo dormir');
    expect(el.querySelector('.cs-print-step')?.textContent).toContain('I stop answering my phone');
    const crisis = el.querySelector('.cs-print-crisis');
    expect(crisis?.querySelector('h2')?.textContent).toBe(
      'Si estoy en crisis, puedo comunicarme con',
    );
    expect(lines(crisis as Element, 'li strong')).toEqual([
      '988 Lifeline en español',
      'Riverside on-call clinician',
    ]);
    expect(lines(crisis as Element, '.cs-print-way')).toEqual([
      'Llame al 988 y marque 2 para español',
      'Envíe AYUDA por mensaje de texto al 988',
      'https://988lifeline.org/',
      'Llamar al +1 555 010 0199',
    ]);
  });

  it('in English: the same plan with the English service and no Spanish menu option', () => {
    const el = printed('en', [lifelineWithSpanish, onCall]);
    expect(el.querySelector('h1')?.textContent).toBe('My safety plan');
    expect(el.textContent).toContain('Printed Jun 20, 2024');
    expect(lines(el, '.cs-print-step h2')[0]).toBe('Warning signs that a crisis may be starting');
    expect(lines(el.querySelector('.cs-print-crisis') as Element, '.cs-print-way')).toEqual([
      'Call 988',
      'Text 988',
      'https://988lifeline.org/',
      'Call +1 555 010 0199',
    ]);
    expect(el.textContent).not.toContain('AYUDA');
    expect(el.textContent).not.toMatch(/español|Spanish/);
  });

  it('names Careside’s default contacts in the patient’s language, and adds no Spanish menu option', () => {
    // The plan was started in an English sidebar, so its contacts carry English labels.
    const el = printed('es', [
      {
        label: '988 Suicide & Crisis Lifeline: call or text 988',
        phone: '988',
        text: '988',
        url: 'https://988lifeline.org',
      },
    ]);
    const crisis = el.querySelector('.cs-print-crisis') as Element;
    expect(lines(crisis, 'li strong')).toEqual([
      '988 Suicide & Crisis Lifeline: llame o envíe un mensaje de texto al 988',
    ]);
    expect(lines(crisis, '.cs-print-way')).toEqual([
      'Llamar al 988',
      'Mensaje de texto al 988',
      'https://988lifeline.org/',
    ]);
    expect(crisis.textContent).not.toMatch(/marque|AYUDA/);
  });

  it.each([
    'en',
    'es',
  ] as const)('in %s prints nothing clinical: no score, prompt or review date', (language) => {
    const el = printed(language, [lifelineWithSpanish]);
    const text = el.textContent ?? '';
    expect(text).not.toMatch(/PHQ|GAD|C-SSRS|score|puntuaci|riesgo|risk|2024-05-01|revis|review/i);
    expect(el.querySelector('button, input, textarea')).toBeNull();
  });
});

describe('choosing the language of the patient’s copy', () => {
  it('offers every catalogue language, named in the clinician’s language, and prints in the one picked', () => {
    const onPrintSafetyPlan = vi.fn();
    const el = mount(
      h(SafetyPlanPanel, {
        plan: plan([onCall]),
        assessment: { status: 'complete', missing: [] },
        saveStatus: 'idle',
        crisisContacts: [],
        today: TODAY,
        t,
        locale: LOCALE,
        onSaveSafetyPlan: vi.fn(),
        onPrintSafetyPlan,
      }),
    );
    const buttons = [...el.querySelectorAll('.cs-print-choice button')];
    expect(buttons.map((button) => button.getAttribute('aria-label'))).toEqual([
      'Print patient copy in English',
      'Print patient copy in Spanish',
    ]);
    click(buttons[1] ?? null);
    expect(onPrintSafetyPlan).toHaveBeenCalledWith(expect.anything(), 'es');
  });

  it('in a Spanish sidebar names the languages in Spanish', () => {
    const el = mount(
      h(SafetyPlanPanel, {
        plan: plan([onCall]),
        assessment: { status: 'complete', missing: [] },
        saveStatus: 'idle',
        crisisContacts: [],
        today: TODAY,
        t: tEs,
        locale: LOCALE_ES,
        onSaveSafetyPlan: vi.fn(),
        onPrintSafetyPlan: vi.fn(),
      }),
    );
    expect(
      [...el.querySelectorAll('.cs-print-choice button')].map((b) => b.textContent?.trim()),
    ).toEqual(['Inglés', 'Español']);
  });
});
