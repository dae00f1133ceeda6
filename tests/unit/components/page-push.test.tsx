// @vitest-environment happy-dom
/**
 * Push mode: the EHR page makes room for the sidebar once what the sidebar came to show is all
 * on screen — the whole view (a frame after its first paint), what went wrong, or the slim tab
 * when the clinician collapsed the sidebar before the view was complete.
 */
import { h, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../../entrypoints/ehr.content/App';
import { createSidebarModel } from '../../../entrypoints/ehr.content/model';
import { patientView, TODAY } from './helpers';

const view = patientView();

/** Preact runs effects after the browser's next frame; happy-dom's frames are timers. */
const nextFrames = () => new Promise((resolve) => setTimeout(resolve, 150));
const pageMargin = () => document.documentElement.style.marginRight;

let container: HTMLElement;
beforeEach(() => {
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(async () => {
  render(null, container);
  // Unmounting gives the page its margin back, once Preact has run the effects' clean-ups.
  await nextFrames();
  expect(pageMargin()).toBe('');
  container.remove();
});

function mountApp() {
  const model = createSidebarModel();
  model.setActions({
    currentFingerprint: () => 'fp-avery',
    pageShows: () => true,
    send: vi.fn() as never,
  });
  render(h(App, { model }), container);
  return model;
}

describe('the page makes room', () => {
  it('once the whole view is painted, not at its first paint', async () => {
    const model = mountApp();
    model.showView(view);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pageMargin()).toBe('');
    await nextFrames();
    expect(pageMargin()).toBe('360px');
  });

  it('for the slim tab, when the sidebar was collapsed before the view was complete', async () => {
    const model = mountApp();
    model.setLayout({ mode: 'push', width: 360, collapsed: true });
    model.showView(view);
    await nextFrames();
    expect(pageMargin()).toBe('32px');
  });

  it('when the sidebar says what went wrong', async () => {
    const model = mountApp();
    model.showError('the background did not answer');
    await nextFrames();
    expect(pageMargin()).toBe('360px');
  });

  it('not while the banner waits for the view', async () => {
    const model = mountApp();
    model.showLoading(view.content.patient, TODAY);
    await nextFrames();
    expect(pageMargin()).toBe('');
  });
});
