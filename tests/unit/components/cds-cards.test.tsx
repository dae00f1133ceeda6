// @vitest-environment happy-dom
import { h } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CdsCards } from '../../../components/CdsCards';
import type { CdsCardView } from '../../../utils/record/cds';
import { fire, mount, t, unmount } from './helpers';

afterEach(unmount);

const card = (uuid: string): CdsCardView => ({
  serviceId: 'collaborative-care',
  uuid,
  summary: 'PHQ-9 of 16: review in the collaborative-care caseload meeting',
  detail: null,
  indicator: 'warning',
  source: { label: 'Clinic collaborative-care service', url: null },
  links: [],
  suggestions: [],
  offeredReasons: [],
});

describe('CDS cards', () => {
  it('shows the service’s source beside the card', () => {
    const el = mount(h(CdsCards, { cards: [card('a')], problem: null, t, onDismiss: vi.fn() }));
    expect(el.querySelector('[data-cds-source]')?.textContent).toContain(
      'Clinic collaborative-care service',
    );
  });

  it('keeps the reason being chosen when the service answers the same card under a new uuid', () => {
    const props = { problem: null, t, onDismiss: vi.fn() };
    const el = mount(h(CdsCards, { ...props, cards: [card('first')] }));
    const select = el.querySelector('select') as HTMLSelectElement;
    select.value = 'already-addressed';
    fire(select, new Event('change', { bubbles: true }));
    mount(h(CdsCards, { ...props, cards: [card('second')] }));
    expect((el.querySelector('select') as HTMLSelectElement).value).toBe('already-addressed');
    expect(el.querySelector('[data-cds-card] button')?.hasAttribute('disabled')).toBe(false);
  });
});
