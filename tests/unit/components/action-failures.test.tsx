// @vitest-environment happy-dom
/**
 * Every action of the clinician's says in the sidebar when it did not go through, the way a
 * safety plan that could not be saved does: the background's refusal in its words, or, when no
 * answer came at all, that it did not happen.
 */
import { h, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../../entrypoints/ehr.content/App';
import { createSidebarModel } from '../../../entrypoints/ehr.content/model';
import { emptySafetyPlan } from '../../../utils/clinical/safety-plan';
import { patientView } from './helpers';

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

/** The App with a background that answers each message as `send` says. */
function mountApp(send: (type: string) => Promise<unknown>, fingerprint = () => 'fp-avery') {
  const model = createSidebarModel();
  model.setActions({ currentFingerprint: fingerprint, pageShows: () => true, send: send as never });
  render(h(App, { model }), container);
  return model;
}

/** The button whose accessible name starts with that key (the print buttons, one per language). */
async function buttonNamed(key: string): Promise<HTMLButtonElement> {
  for (let tries = 0; tries < 50; tries += 1) {
    const found = container.querySelector<HTMLButtonElement>(`button[aria-label^="${key}"]`);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no button named ${key}`);
}

/** Preact renders a model change on its next tick; an action's answer takes one more. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The button of that label, once drawn (the sections below the first screen come a frame later). */
async function button(label: string): Promise<HTMLButtonElement> {
  for (let tries = 0; tries < 50; tries += 1) {
    const found = [...container.querySelectorAll('button')].find((candidate) =>
      candidate.textContent?.includes(label),
    );
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no button ${label}`);
}

const notice = () => container.querySelector('.cs-notice')?.textContent ?? '';

describe('an action that fails is said in the sidebar', () => {
  it('printing the safety plan, refused by the background', async () => {
    // Only the print is answered (refused); a save the print starts stays pending.
    const send = vi.fn((type: string) =>
      type === 'safety-plan:print' ? Promise.resolve({ ok: false }) : new Promise(() => undefined),
    );
    const model = mountApp(send);
    model.showView(patientView({ safetyPlan: emptySafetyPlan() }));
    (await buttonNamed('sidebarSafetyPrintIn')).click();
    await settled();
    await settled();
    expect(send).toHaveBeenCalledWith('safety-plan:print', {
      fingerprint: 'fp-avery',
      language: 'en',
    });
    expect(notice()).toContain('sidebarActionFailed');
  });

  it('confirming the identity with no answer from the background', async () => {
    const model = mountApp(() => Promise.reject(new Error('Receiving end does not exist')));
    model.showView(patientView({ identityConfirmed: false }));
    await settled();
    expect(notice()).toBe('');
    (await button('sidebarIdentityConfirm')).click();
    await settled();
    await settled();
    expect(notice()).toContain('sidebarActionFailed');
  });

  it('says nothing once the page has moved to another patient', async () => {
    let shown = 'fp-avery';
    let answer: (value: unknown) => void = () => undefined;
    const model = mountApp(
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
      () => shown,
    );
    model.showView(patientView({ identityConfirmed: false }));
    await settled();
    (await button('sidebarIdentityConfirm')).click();
    shown = 'fp-blake';
    answer(Promise.reject(new Error('gone')));
    await settled();
    await settled();
    expect(notice()).toBe('');
  });
});
