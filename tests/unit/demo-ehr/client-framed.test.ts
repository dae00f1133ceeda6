// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DemoEhr, startDemoEhr } from '../../../demo-ehr/server';
import { fetchFromServer, openPage } from './client-support';

const FRAME_DELAY_MS = 300;
let ehr: DemoEhr;

const bannerName = () => document.querySelector('#patient-banner .pt-name')?.textContent ?? null;
const framePids = () =>
  Array.from(document.querySelectorAll('iframe'), (frame) =>
    new URL(frame.src).searchParams.get('pid'),
  );

beforeAll(async () => {
  ehr = await startDemoEhr({ port: 0, today: '2025-06-16', frameDelayMs: FRAME_DELAY_MS });
  await openPage(ehr.url, '/framed/?pid=1004');
  fetchFromServer(ehr.url);
  await import('../../../demo-ehr/client.js');
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await ehr.close();
});

describe('demo EHR client: tabbed view', () => {
  it('changes the banner first and reloads every frame with the new pid after the delay', async () => {
    expect(framePids()).toEqual(['1004', '1004', '1004']);
    const select = document.querySelector<HTMLSelectElement>('form.switch-patient select');
    if (!select) throw new Error('no patient switcher');
    select.value = '1005';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(bannerName()).toBe('Hannah Kowalski'));
    const bannerChangedAt = Date.now();
    expect(location.search).toBe('?pid=1005');
    expect(framePids()).toEqual(['1004', '1004', '1004']);
    await vi.waitFor(() => expect(framePids()).toEqual(['1005', '1005', '1005']), {
      timeout: 3_000,
    });
    expect(Date.now() - bannerChangedAt).toBeGreaterThanOrEqual(FRAME_DELAY_MS - 50);
    const appointments = document.querySelector<HTMLIFrameElement>('#frame-appointments');
    expect(new URL(appointments?.src ?? '').origin).toBe(ehr.frameOrigin);
  });

  it('goes back to the previous patient on popstate, banner first, frames after', async () => {
    history.replaceState(null, '', '/framed/?pid=1004');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.waitFor(() => expect(bannerName()).toBe('Thomas Reyes'));
    expect(framePids()).toEqual(['1005', '1005', '1005']);
    await vi.waitFor(() => expect(framePids()).toEqual(['1004', '1004', '1004']), {
      timeout: 3_000,
    });
  });

  it('shows one tab frame at a time', () => {
    const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('.tabs [role="tab"]'));
    tabs[1]?.click();
    const visible = Array.from(document.querySelectorAll('iframe'))
      .filter((frame) => !frame.hidden)
      .map((frame) => frame.id);
    expect(visible).toEqual(['frame-forms']);
    expect(tabs.map((tab) => tab.getAttribute('aria-selected'))).toEqual([
      'false',
      'true',
      'false',
    ]);
  });
});
