// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOSTILE_NAME } from '../../../demo-ehr/patients';
import { type DemoEhr, startDemoEhr } from '../../../demo-ehr/server';
import { fetchFromServer, openPage } from './client-support';

let ehr: DemoEhr;
let requested: string[];

const bannerName = () => document.querySelector('#patient-banner .pt-name')?.textContent ?? null;

beforeAll(async () => {
  ehr = await startDemoEhr({ port: 0, today: '2025-06-16' });
  await openPage(ehr.url, '/patients/1002');
  requested = fetchFromServer(ehr.url);
  await import('../../../demo-ehr/client.js');
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await ehr.close();
});

describe('demo EHR client: single-page chart switching', () => {
  it('switches patient in place from the "Switch patient" control, pushing a history entry', async () => {
    expect(bannerName()).toBe('Daniel Okafor');
    const historyLength = history.length;
    const select = document.querySelector<HTMLSelectElement>('form.switch-patient select');
    if (!select) throw new Error('no patient switcher');
    select.value = '1011';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(bannerName()).toBe(HOSTILE_NAME));
    expect(location.pathname).toBe('/patients/1011');
    expect(history.length).toBe(historyLength + 1);
    expect(document.title).toBe(`${HOSTILE_NAME} — Chart — MeadowChart`);
    expect(requested.at(-1)).toBe(`/ui/view?path=${encodeURIComponent('/patients/1011')}`);
  });

  it('builds the swapped chart from text: hostile markup creates no element', () => {
    expect(document.querySelector('img, #app script')).toBeNull();
    const medications = Array.from(
      document.querySelectorAll('#medication-list td'),
      (cell) => cell.textContent,
    );
    expect(medications).toContain(
      'Sertraline 50 mg tablet <script>alert(1)</script> — 1 tab PO daily',
    );
  });

  it('goes back to the list and opens a chart from it by a plain link click, in place', async () => {
    document.querySelector<HTMLAnchorElement>('a.back')?.click();
    await vi.waitFor(() => expect(document.querySelector('.patient-list')).not.toBeNull());
    expect(location.pathname).toBe('/');
    expect(bannerName()).toBeNull();
    const link = Array.from(document.querySelectorAll<HTMLAnchorElement>('a.patient-link')).find(
      (anchor) => anchor.textContent === 'Thomas Reyes',
    );
    link?.click();
    await vi.waitFor(() => expect(bannerName()).toBe('Thomas Reyes'));
    expect(location.pathname).toBe('/patients/1004');
  });

  it('swaps back on back/forward (popstate) without pushing another entry', async () => {
    const historyLength = history.length;
    history.replaceState(null, '', '/patients/1002');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.waitFor(() => expect(bannerName()).toBe('Daniel Okafor'));
    expect(history.length).toBe(historyLength);
  });

  it('leaves modified clicks and links out of the app to the browser', async () => {
    const before = requested.length;
    // Seen after the client's document listener: whether it claimed the click, then stop the
    // browser's own navigation, which would replace the test document.
    const claimed: boolean[] = [];
    const watch = (event: Event) => {
      claimed.push(event.defaultPrevented);
      event.preventDefault();
    };
    window.addEventListener('click', watch);
    const chartLink = document.querySelector<HTMLAnchorElement>('a.back');
    chartLink?.dispatchEvent(
      new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true }),
    );
    document.querySelector<HTMLAnchorElement>('a.tabbed')?.click();
    chartLink?.click();
    window.removeEventListener('click', watch);
    expect(claimed).toEqual([false, false, true]);
    expect(requested.length).toBe(before + 1);
    await vi.waitFor(() => expect(document.querySelector('.patient-list')).not.toBeNull());
  });
});
