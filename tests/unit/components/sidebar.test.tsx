// @vitest-environment happy-dom
import { h, render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Sidebar, type SidebarProps, type SidebarState } from '../../../components/Sidebar';
import type { CriticalItemFinding } from '../../../utils/clinical/types';
import {
  buttonByText,
  click,
  content,
  fire,
  LOCALE,
  mount,
  phq9Trend,
  pressKey,
  prompt,
  SCORE_ENTRY,
  TODAY,
  t,
  unmount,
} from './helpers';

const crisisContacts = [{ label: '988 Suicide & Crisis Lifeline', phone: '988', text: '988' }];

function props(state: Partial<SidebarState> = {}, extra: Partial<SidebarProps> = {}): SidebarProps {
  return {
    state: { kind: 'ready', content: content(), identityConfirmed: true, problems: [], ...state },
    safetyPlan: null,
    safetyPlanSaveStatus: 'idle',
    crisisContacts,
    medicationMarkers: [],
    scoreEntry: SCORE_ENTRY,
    today: TODAY,
    t,
    locale: LOCALE,
    layout: { mode: 'push', width: 360, collapsed: false },
    onConfirmIdentity: vi.fn(),
    onSaveSafetyPlan: vi.fn(),
    onDismissPrompt: vi.fn(),
    onEnterScore: vi.fn(),
    onLayoutChange: vi.fn(),
    onClose: vi.fn(),
    ...extra,
  };
}

afterEach(unmount);

describe('identity banner', () => {
  it('shows name, date of birth with age and MRN for a confirmed patient', () => {
    const el = mount(h(Sidebar, props()));
    const banner = el.querySelector('.cs-banner');
    expect(banner?.querySelector('h2')?.textContent).toBe('Avery Quinn');
    expect(el.querySelector('[data-testid="birth-date"]')?.textContent).toBe(
      'Jul 4, 1985 (age 38)',
    );
    expect(el.querySelector('[data-testid="mrn"]')?.textContent).toBe('MRN-448812');
    expect(el.textContent).not.toContain('Patient not confirmed');
    expect(el.querySelector('[data-instrument="PHQ-9"]')).not.toBeNull();
  });

  it('asks to confirm an unconfirmed patient, says what was found, and shows nothing clinical', () => {
    const onConfirmIdentity = vi.fn();
    const el = mount(
      h(
        Sidebar,
        props(
          {
            identityConfirmed: false,
            problems: ['no MRN on the page'],
            adapterName: 'generic',
            content: content({
              patient: { name: 'Avery Quinn', birthDate: null, identifiers: [] },
            }),
          },
          { onConfirmIdentity },
        ),
      ),
    );
    expect(el.textContent).toContain('Patient not confirmed');
    expect(el.textContent).toContain('Avery Quinn');
    expect(el.textContent).toContain('no MRN on the page');
    expect(el.querySelector('[data-testid="mrn"]')?.textContent).toBe('not found');
    expect(el.querySelector('[data-instrument]')).toBeNull();
    expect(el.querySelector('[data-testid="safety-plan"]')).toBeNull();
    click(buttonByText(el, 'Confirm this is the patient'));
    expect(onConfirmIdentity).toHaveBeenCalledTimes(1);
  });

  it('renders nothing of the previous patient while the patient is changing', () => {
    const el = mount(h(Sidebar, props()));
    expect(el.textContent).toContain('MRN-448812');
    // The previous content is still passed in: the component must not render it.
    mount(h(Sidebar, props({ kind: 'changing' })));
    const text = el.textContent ?? '';
    for (const leaked of ['Avery Quinn', 'MRN-448812', 'Jul 4, 1985', 'PHQ-9', 'Sertraline']) {
      expect(text).not.toContain(leaked);
    }
    expect(el.querySelector('.cs-banner')).toBeNull();
    expect(el.querySelector('[data-state="changing"]')).not.toBeNull();
  });

  it('while loading, shows only the banner of the patient the page shows, and nothing clinical', () => {
    const el = mount(h(Sidebar, props()));
    expect(el.textContent).toContain('Sertraline');
    const pagePatient = {
      name: 'Jordan Lee',
      birthDate: '1990-02-03',
      identifiers: [{ system: 'MRN', type: 'MR' as const, value: 'MRN-1234' }],
    };
    // The previous patient's content is still passed in: only the page's patient may show.
    mount(h(Sidebar, props({ kind: 'loading', patient: pagePatient })));
    const text = el.textContent ?? '';
    expect(el.querySelector('.cs-banner-name')?.textContent).toBe('Jordan Lee');
    expect(el.querySelector('[data-testid="mrn"]')?.textContent).toBe('MRN-1234');
    expect(text).toContain(t('sidebarStateLoading'));
    for (const leaked of ['Avery Quinn', 'MRN-448812', 'PHQ-9', 'Sertraline']) {
      expect(text).not.toContain(leaked);
    }
    expect(el.querySelector('.cs-section')).toBeNull();
  });

  it('while loading without a confirmed page patient, shows no banner at all', () => {
    const el = mount(h(Sidebar, props({ kind: 'loading' })));
    expect(el.querySelector('.cs-banner')).toBeNull();
    expect(el.textContent).not.toContain('Avery Quinn');
    expect(el.textContent).toContain(t('sidebarStateLoading'));
  });

  it('shows the error message instead of a chart', () => {
    const el = mount(h(Sidebar, props({ kind: 'error', message: 'background unavailable' })));
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('background unavailable');
    expect(el.textContent).not.toContain('Avery Quinn');
  });
});

describe('critical items', () => {
  it('pins positive critical items with their date and crisis contacts above the scrolling body', () => {
    const critical: CriticalItemFinding[] = [
      { instrument: 'PHQ-9', date: '2024-04-02', item: 'PHQ-9 item 9', value: 2 },
    ];
    const el = mount(
      h(Sidebar, props({ content: content({ measures: [phq9Trend({ critical })] }) })),
    );
    const pinned = el.querySelector('.cs-critical');
    expect(pinned).not.toBeNull();
    expect(pinned?.closest('.cs-scroll')).toBeNull();
    expect(pinned?.textContent).toContain('Critical');
    expect(pinned?.textContent).toContain('PHQ-9 item 9: answered 2 on Apr 2, 2024');
    expect(pinned?.querySelector('a[href="tel:988"]')?.textContent).toBe('Call 988');
    const order = [...el.querySelectorAll('.cs-critical, .cs-section')];
    expect(order[0]).toBe(pinned);
  });

  it('shows no critical block when nothing is positive', () => {
    const el = mount(h(Sidebar, props()));
    expect(el.querySelector('.cs-critical')).toBeNull();
  });
});

describe('layout', () => {
  it('resizes from the keyboard, clamped to the allowed widths', () => {
    const onLayoutChange = vi.fn();
    const el = mount(h(Sidebar, props({}, { onLayoutChange })));
    const handle = el.querySelector('.cs-resize');
    expect(handle?.getAttribute('aria-valuenow')).toBe('360');
    (handle as HTMLElement).focus();
    pressKey('ArrowLeft', handle);
    expect(onLayoutChange).toHaveBeenLastCalledWith({ mode: 'push', width: 376, collapsed: false });
    pressKey('Home', handle);
    expect(onLayoutChange).toHaveBeenLastCalledWith({ mode: 'push', width: 280, collapsed: false });
  });

  it('resizes by dragging: moving left widens the sidebar', () => {
    const onLayoutChange = vi.fn();
    const el = mount(h(Sidebar, props({}, { onLayoutChange })));
    const handle = el.querySelector('.cs-resize') as HTMLElement;
    const pointer = (type: string, clientX: number) =>
      new PointerEvent(type, { clientX, pointerId: 1, bubbles: true, cancelable: true });
    fire(handle, pointer('pointerdown', 900));
    fire(handle, pointer('pointermove', 860));
    expect(el.querySelector('aside')?.style.width).toBe('400px');
    expect(onLayoutChange).not.toHaveBeenCalled();
    fire(handle, pointer('pointerup', 860));
    expect(onLayoutChange).toHaveBeenLastCalledWith({ mode: 'push', width: 400, collapsed: false });
  });

  it('toggles overlay, collapses to a tab and closes', () => {
    const onLayoutChange = vi.fn();
    const onClose = vi.fn();
    const el = mount(h(Sidebar, props({}, { onLayoutChange, onClose })));
    click(buttonByText(el, 'Overlay the page'));
    expect(onLayoutChange).toHaveBeenLastCalledWith({
      mode: 'overlay',
      width: 360,
      collapsed: false,
    });
    click(el.querySelector('button[aria-label="Collapse the sidebar"]'));
    expect(onLayoutChange).toHaveBeenLastCalledWith({ mode: 'push', width: 360, collapsed: true });
    click(el.querySelector('button[aria-label="Close the sidebar"]'));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('collapsed, shows only a tab that expands again and counts critical items', () => {
    const onLayoutChange = vi.fn();
    const critical: CriticalItemFinding[] = [
      { instrument: 'PHQ-9', date: '2024-04-02', item: 'PHQ-9 item 9', value: 1 },
    ];
    const el = mount(
      h(
        Sidebar,
        props(
          { content: content({ measures: [phq9Trend({ critical })] }) },
          { layout: { mode: 'push', width: 360, collapsed: true }, onLayoutChange },
        ),
      ),
    );
    expect(el.textContent).not.toContain('Avery Quinn');
    expect(el.querySelector('[data-testid="tab-critical"]')?.textContent).toContain('Critical: 1');
    click(el.querySelector('.cs-tab'));
    expect(onLayoutChange).toHaveBeenLastCalledWith({ mode: 'push', width: 360, collapsed: false });
  });

  it('is a labelled landmark with its width applied', () => {
    const el = mount(h(Sidebar, props()));
    const aside = el.querySelector('aside');
    expect(aside?.getAttribute('aria-label')).toBe('Careside integrated-care sidebar');
    expect((aside as HTMLElement).style.width).toBe('360px');
  });
});

describe('a patient’s first paint', () => {
  /** Preact runs effects after the browser's next frame; happy-dom's frames are timers. */
  const nextFrames = () => new Promise((resolve) => setTimeout(resolve, 150));

  it('holds banner, prompts and trends; the safety plan and medications follow a frame later', async () => {
    const onViewComplete = vi.fn();
    const el = document.createElement('div');
    document.body.append(el);
    try {
      // Rendered as the content script does, outside `act`, so effects wait for a frame.
      render(h(Sidebar, props({}, { onViewComplete })), el);
      expect(el.querySelector('.cs-banner h2')?.textContent).toBe('Avery Quinn');
      expect(el.querySelector('#cs-section-prompts')).not.toBeNull();
      expect(el.querySelector('[data-instrument="PHQ-9"]')).not.toBeNull();
      expect(el.querySelector('#cs-section-safety')).toBeNull();
      expect(el.textContent).not.toContain('Sertraline');
      expect(onViewComplete).not.toHaveBeenCalled();

      await nextFrames();
      expect(el.querySelector('#cs-section-safety')).not.toBeNull();
      expect(el.textContent).toContain('Sertraline 100 mg daily');
      expect(onViewComplete).toHaveBeenCalledTimes(1);

      // The same patient again (a recomputed view): nothing held back, told once.
      render(h(Sidebar, props({}, { onViewComplete })), el);
      expect(el.querySelector('#cs-section-safety')).not.toBeNull();
      await nextFrames();
      expect(onViewComplete).toHaveBeenCalledTimes(1);

      // Another patient: their own first paint, and the previous patient's list is gone with it.
      const other = content({
        patient: { name: 'Rowan Ellery', birthDate: '1990-01-02', identifiers: [] },
        medications: [{ text: 'Lithium 300 mg', ingredient: 'lithium', rxnorm: null, class: null }],
      });
      render(h(Sidebar, props({ content: other }, { onViewComplete })), el);
      expect(el.querySelector('.cs-banner h2')?.textContent).toBe('Rowan Ellery');
      expect(el.textContent).not.toContain('Sertraline');
      expect(el.querySelector('#cs-section-safety')).toBeNull();
      await nextFrames();
      expect(el.textContent).toContain('Lithium 300 mg');
      expect(onViewComplete).toHaveBeenCalledTimes(2);
    } finally {
      render(null, el);
      el.remove();
    }
  });
});

describe('sections the page does not show', () => {
  const nextFrames = () => new Promise((resolve) => setTimeout(resolve, 150));
  it('says the medication list is not on this screen rather than none', async () => {
    const el = document.createElement('div');
    document.body.append(el);
    try {
      const state = {
        content: content({ medications: [] }),
        notOnScreen: ['medications' as const],
      };
      render(h(Sidebar, props(state)), el);
      await nextFrames();
      const medications =
        el.querySelector('#cs-section-medications')?.parentElement?.textContent ?? '';
      expect(medications).toContain('Not on this screen.');
      expect(medications).not.toContain(t('sidebarMedicationsNone'));
    } finally {
      render(null, el);
      el.remove();
    }
  });

  it('says none when the page shows an empty medication list', async () => {
    const el = document.createElement('div');
    document.body.append(el);
    try {
      render(h(Sidebar, props({ content: content({ medications: [] }), notOnScreen: [] })), el);
      await nextFrames();
      const medications =
        el.querySelector('#cs-section-medications')?.parentElement?.textContent ?? '';
      expect(medications).toContain(t('sidebarMedicationsNone'));
    } finally {
      render(null, el);
      el.remove();
    }
  });
});

describe('the glance', () => {
  const collapsed = { mode: 'push', width: 360, collapsed: true } as const;
  const tab = (el: HTMLElement, id: string) => el.querySelector(`[data-testid="${id}"]`);

  it('collapsed: initials with a check once confirmed, both counts and the plan, each named', () => {
    const el = mount(
      h(
        Sidebar,
        props(
          {
            content: content({
              prompts: [
                prompt({ id: 'qt', indicator: 'critical' }),
                prompt({ id: 'w1', indicator: 'warning' }),
                prompt({ id: 'w2', indicator: 'warning' }),
              ],
              safetyPlan: { status: 'missing', missing: [] },
            }),
          },
          { layout: collapsed },
        ),
      ),
    );
    expect(tab(el, 'tab-initials')?.textContent).toBe('AQPatient A Q✓identity confirmed');
    expect(tab(el, 'tab-critical')?.textContent).toBe('1Critical: 1');
    expect(tab(el, 'tab-warning')?.textContent).toBe('2Warnings: 2');
    expect(tab(el, 'tab-plan')?.getAttribute('data-plan')).toBe('missing');
    expect(tab(el, 'tab-plan')?.textContent).toContain('Safety plan: missing');
  });

  it('collapsed and not confirmed: initials without a check, and nothing clinical', () => {
    const el = mount(h(Sidebar, props({ identityConfirmed: false }, { layout: collapsed })));
    expect(tab(el, 'tab-initials')?.textContent).toContain('identity not confirmed');
    expect(tab(el, 'tab-confirmed')).toBeNull();
    expect(tab(el, 'tab-critical')).toBeNull();
    expect(tab(el, 'tab-plan')).toBeNull();
  });

  it('collapsed while the patient changes: no initials at all', () => {
    const el = mount(
      h(Sidebar, props({ kind: 'changing', identityConfirmed: false }, { layout: collapsed })),
    );
    expect(tab(el, 'tab-initials')).toBeNull();
  });

  it('open: three lines under the banner, before the prompts, with the contacts folded away', () => {
    const el = mount(
      h(
        Sidebar,
        props({
          content: content({
            prompts: [
              prompt({ id: 'i', indicator: 'info', summary: 'An info prompt' }),
              prompt({ id: 'w', indicator: 'warning', summary: 'Lithium level overdue' }),
            ],
            safetyPlan: { status: 'review-due', missing: [] },
          }),
        }),
      ),
    );
    const glance = el.querySelector('[data-testid="glance"]');
    expect(glance?.querySelectorAll('.cs-glance-lines > li')).toHaveLength(3);
    expect(tab(el, 'glance-score')?.textContent).toBe('PHQ-9 6 mild, ↓12 since Jan 10, 2024');
    expect(tab(el, 'glance-prompt')?.textContent).toBe('Warning: Lithium level overdue');
    expect(tab(el, 'glance-plan')?.textContent).toBe('Safety plan: review due');
    // Right after the banner, and before every section.
    expect(el.querySelector('.cs-banner')?.nextElementSibling).toBe(glance);
    const contacts = glance?.querySelector('details');
    expect(contacts?.open).toBe(false);
    expect(contacts?.textContent).toContain('988');
  });

  it('open with a critical item on record: the contacts are pinned below, not folded here', () => {
    const critical: CriticalItemFinding[] = [
      { instrument: 'PHQ-9', date: '2024-04-02', item: 'PHQ-9 item 9', value: 2 },
    ];
    const el = mount(
      h(Sidebar, props({ content: content({ measures: [phq9Trend({ critical })] }) })),
    );
    expect(el.querySelector('[data-testid="glance"] details')).toBeNull();
    expect(el.querySelector('.cs-critical')?.textContent).toContain('988');
  });

  it('open with no scores and no prompts says so', () => {
    const el = mount(h(Sidebar, props({ content: content({ measures: [], prompts: [] }) })));
    expect(tab(el, 'glance-score')?.textContent).toBe('No scores on record');
    expect(tab(el, 'glance-prompt')?.textContent).toBe('No prompts');
  });
});
