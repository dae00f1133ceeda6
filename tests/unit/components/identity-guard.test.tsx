// @vitest-environment happy-dom
/**
 * The guard in front of every render of patient data: the sidebar asks whether the page still
 * shows the patient (the controller reads the page's identity again) and shows nothing of that
 * patient when it does not.
 */
import { h, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../../entrypoints/ehr.content/App';
import { createSidebarModel } from '../../../entrypoints/ehr.content/model';
import { content, patientView, TODAY } from './helpers';

const view = patientView({ layout: { mode: 'overlay', width: 360, collapsed: false } });

let container: HTMLElement;
beforeEach(() => {
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

function mountApp(pageShows: (fingerprint: string) => boolean) {
  const model = createSidebarModel();
  model.setActions({
    currentFingerprint: () => 'fp-avery',
    pageShows,
    send: vi.fn() as never,
  });
  render(h(App, { model }), container);
  return model;
}

const patientName = () => content().patient.name ?? '';
/** Preact renders a model change on its next tick. */
const rendered = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('every render of patient data is guarded by the page identity', () => {
  it('shows the patient while the page shows that patient', async () => {
    const model = mountApp(() => true);
    model.showView(view);
    await rendered();
    expect(container.textContent).toContain(patientName());
  });

  it('shows nothing of the patient once the page no longer shows them', async () => {
    let pageShowsAvery = true;
    const pageShows = vi.fn(() => pageShowsAvery);
    const model = mountApp(pageShows);
    model.showView(view);
    await rendered();
    expect(container.textContent).toContain(patientName());
    // The page swapped its header; the next render (any model change) must not show Avery.
    pageShowsAvery = false;
    model.showNotice('saved');
    await rendered();
    expect(pageShows).toHaveBeenLastCalledWith('fp-avery');
    expect(container.textContent).not.toContain(patientName());
  });

  it('guards the banner put up from the page before the view arrives, too', async () => {
    const model = mountApp(() => false);
    model.showLoading(content().patient, TODAY);
    await rendered();
    expect(container.textContent).not.toContain(patientName());
  });
});

describe('the collapsed tab follows the same guard', () => {
  const collapsed = patientView({ layout: { mode: 'overlay', width: 360, collapsed: true } });
  const initials = () => container.querySelector('[data-testid="tab-initials"]');

  it('shows the initials while the page shows the patient, and drops them once it does not', async () => {
    let pageShowsAvery = true;
    const model = mountApp(() => pageShowsAvery);
    model.showView(collapsed);
    await rendered();
    expect(initials()?.textContent).toContain('AQ');
    pageShowsAvery = false;
    model.showNotice('saved');
    await rendered();
    expect(container.querySelector('.cs-tab')).not.toBeNull();
    expect(initials()).toBeNull();
    expect(container.textContent).not.toContain('AQ');
  });
});
