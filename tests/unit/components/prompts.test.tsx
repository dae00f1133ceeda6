// @vitest-environment happy-dom
import { h } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { groupPrompts, PromptCards } from '../../../components/PromptCards';
import { buttonByText, click, fire, LOCALE, mount, prompt, t, unmount } from './helpers';

afterEach(unmount);

const lithium = prompt({ id: 'lithium-level', category: 'monitoring', indicator: 'info' });
const metabolic = prompt({ id: 'metabolic', category: 'monitoring', indicator: 'warning' });
const prompts = [
  lithium,
  prompt({ id: 'cbt-i', category: 'therapy-alignment', indicator: 'info' }),
  metabolic,
  prompt({ id: 'item9', category: 'safety', indicator: 'critical' }),
  prompt({ id: 'safety-plan', category: 'safety', indicator: 'warning' }),
  prompt({ id: 'ecg', category: 'monitoring', indicator: 'critical' }),
];

describe('prompt grouping', () => {
  it('groups by category, most severe group first, cards critical → warning → info', () => {
    const groups = groupPrompts(prompts).map((group) => [
      group.category,
      group.prompts.map((card) => card.id),
    ]);
    expect(groups).toEqual([
      ['safety', ['item9', 'safety-plan']],
      ['monitoring', ['ecg', 'metabolic', 'lithium-level']],
      ['therapy-alignment', ['cbt-i']],
    ]);
  });

  it('renders the groups under category headings with the indicator as icon and word', () => {
    const el = mount(h(PromptCards, { prompts, t, locale: LOCALE, onDismissPrompt: vi.fn() }));
    const headings = [...el.querySelectorAll('.cs-group-title')].map((x) => x.textContent);
    expect(headings).toEqual(['Safety', 'Monitoring', 'Therapy alignment']);
    const monitoring = el.querySelector('[data-category="monitoring"]');
    const indicators = [...(monitoring?.querySelectorAll('.cs-card-indicator') ?? [])].map(
      (x) => x.textContent,
    );
    expect(indicators).toEqual(['Critical', 'Warning', 'Info']);
    expect(monitoring?.querySelector('.cs-card-indicator svg')?.getAttribute('aria-hidden')).toBe(
      'true',
    );
  });
});

describe('prompt card', () => {
  it('keeps detail, evidence and source in an expandable details element', () => {
    const el = mount(
      h(PromptCards, { prompts: [lithium], t, locale: LOCALE, onDismissPrompt: vi.fn() }),
    );
    const details = el.querySelector('details');
    expect(details?.querySelector('summary')?.textContent).toBe('Details');
    expect(details?.textContent).toContain('Detail of lithium-level');
    expect(details?.querySelector('.cs-evidence')?.textContent).toBe('fact for lithium-level');
    const link = details?.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.org/guideline');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('shows a source that is not https as text, never as a link', () => {
    const unsafe = prompt({
      id: 'odd-source',
      source: { label: 'Local protocol', url: 'javascript:alert(1)' },
    });
    const el = mount(
      h(PromptCards, { prompts: [unsafe], t, locale: LOCALE, onDismissPrompt: vi.fn() }),
    );
    expect(el.querySelector('.cs-card-source a')).toBeNull();
    expect(el.querySelector('.cs-card-source')?.textContent).toContain('Local protocol');
  });

  it('shows card text as text, not markup', () => {
    const hostile = prompt({ id: 'hostile', summary: '<img src=x onerror=alert(1)>' });
    const el = mount(
      h(PromptCards, { prompts: [hostile], t, locale: LOCALE, onDismissPrompt: vi.fn() }),
    );
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('.cs-card-summary')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('dismisses only with a reason, and passes id, facts key and reason back', () => {
    const onDismissPrompt = vi.fn();
    const el = mount(h(PromptCards, { prompts: [metabolic], t, locale: LOCALE, onDismissPrompt }));
    click(buttonByText(el, 'Dismiss'));
    const confirm = buttonByText(el, 'Dismiss prompt');
    expect(confirm.disabled).toBe(true);
    const reasons = [...el.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(reasons.map((r) => r.value)).toEqual([
      'not-applicable',
      'patient-at-acceptable-risk',
      'already-addressed',
      'other',
    ]);
    click(reasons[2] ?? null);
    expect(confirm.disabled).toBe(false);
    click(confirm);
    expect(onDismissPrompt).toHaveBeenCalledWith(
      'metabolic',
      'facts-metabolic',
      'already-addressed',
    );
  });

  it('snoozes for the chosen number of days with a reason', () => {
    const onDismissPrompt = vi.fn();
    const el = mount(h(PromptCards, { prompts: [metabolic], t, locale: LOCALE, onDismissPrompt }));
    click(buttonByText(el, 'Snooze'));
    const select = el.querySelector('select') as HTMLSelectElement;
    select.value = '30';
    fire(select, new Event('change', { bubbles: true }));
    click(el.querySelector('input[value="patient-at-acceptable-risk"]'));
    click(buttonByText(el, 'Snooze prompt'));
    expect(onDismissPrompt).toHaveBeenCalledWith(
      'metabolic',
      'facts-metabolic',
      'patient-at-acceptable-risk',
      30,
    );
  });

  it('cancelling the reason picker calls nothing', () => {
    const onDismissPrompt = vi.fn();
    const el = mount(h(PromptCards, { prompts: [metabolic], t, locale: LOCALE, onDismissPrompt }));
    click(buttonByText(el, 'Dismiss'));
    click(buttonByText(el, 'Cancel'));
    expect(el.querySelector('form')).toBeNull();
    expect(onDismissPrompt).not.toHaveBeenCalled();
  });
});
