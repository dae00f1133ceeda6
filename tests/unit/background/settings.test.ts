/**
 * The background's settings after a browser start: Chromium answers `storage.managed.get` only
 * once its policy service is ready (seconds after a start), so the policy as last read stands in
 * until it answers, for what the sidebar shows. The listeners, which act on settings (origins,
 * retention purge), hear only of settings the browser's answer confirmed or replaced. A first
 * install has nothing to stand in, and waits.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSettingsService } from '../../../entrypoints/background/settings';
import type { ResolvedSettings } from '../../../utils/policy/resolve';
import type { CaresideStorage } from '../../../utils/storage';

const noUserSettings = { loadSettings: async () => ({}) } as unknown as CaresideStorage;

const lastWeek = { crisisContacts: [{ label: 'County Crisis Line', phone: '555-0100' }] };
const today = { crisisContacts: [{ label: 'Regional Crisis Team', phone: '555-0199' }] };

/** `storage.managed.get` that answers only when the test says so. */
function policyServiceStarting() {
  let answer: (policy: Record<string, unknown>) => void = () => undefined;
  const pending = new Promise<Record<string, unknown>>((resolve) => {
    answer = resolve;
  });
  vi.spyOn(fakeBrowser.storage.managed, 'get').mockReturnValue(pending as never);
  return answer;
}

const contacts = (settings: ResolvedSettings) =>
  settings.effective.crisisContacts.map((contact) => contact.label);

beforeEach(() => {
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('settings while the browser’s policy service starts', () => {
  it('uses the policy as last read until the browser answers, then the browser’s', async () => {
    await fakeBrowser.storage.local.set({ lastManagedPolicy: lastWeek });
    const answer = policyServiceStarting();
    const settings = createSettingsService(noUserSettings);
    const heard: string[][] = [];
    settings.onChange((resolved) => heard.push(contacts(resolved)));

    expect(contacts(await settings.current())).toEqual(['County Crisis Line']);
    // Nothing acts on a stand-in.
    expect(heard).toEqual([]);

    answer(today);
    await settle();
    await settle();
    expect(contacts(await settings.current())).toEqual(['Regional Crisis Team']);
    expect(heard).toEqual([['Regional Crisis Team']]);
    // Remembered for the next start.
    expect((await fakeBrowser.storage.local.get('lastManagedPolicy')).lastManagedPolicy).toEqual(
      today,
    );
  });

  it('acts on the stand-in once the browser answers with the same policy', async () => {
    await fakeBrowser.storage.local.set({ lastManagedPolicy: lastWeek });
    const answer = policyServiceStarting();
    const settings = createSettingsService(noUserSettings);
    const heard: string[][] = [];
    settings.onChange((resolved) => heard.push(contacts(resolved)));
    const standIn = await settings.current();
    expect(heard).toEqual([]);
    answer(structuredClone(lastWeek));
    await settle();
    await settle();
    expect(heard).toEqual([['County Crisis Line']]);
    // Confirmed, not resolved again.
    expect(await settings.current()).toBe(standIn);
  });

  it('waits for the browser on a first install, with no policy read before', async () => {
    const answer = policyServiceStarting();
    const settings = createSettingsService(noUserSettings);
    let resolved: ResolvedSettings | null = null;
    void settings.current().then((value) => {
      resolved = value;
    });
    await settle();
    await settle();
    expect(resolved).toBeNull();
    answer(today);
    expect(contacts(await settings.current())).toEqual(['Regional Crisis Team']);
  });

  it('takes a policy the browser announces as changed straight from the browser', async () => {
    await fakeBrowser.storage.local.set({ lastManagedPolicy: lastWeek });
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockResolvedValue(lastWeek as never);
    const settings = createSettingsService(noUserSettings);
    await settings.current();
    const heard: string[][] = [];
    settings.onChange((resolved) => heard.push(contacts(resolved)));

    vi.spyOn(fakeBrowser.storage.managed, 'get').mockResolvedValue(today as never);
    expect(contacts(await settings.refresh({ policyChanged: true }))).toEqual([
      'Regional Crisis Team',
    ]);
    await settle();
    expect(heard).toEqual([['Regional Crisis Team']]);
  });
});

describe('the options page’s first answer (as known, without waiting)', () => {
  const userContacts = {
    loadSettings: async () => ({
      crisisContacts: [{ label: 'My clinic line', phone: '555-0123' }],
    }),
  } as unknown as CaresideStorage;

  it('shows the user’s own settings at once on a first install, and says a policy may follow', async () => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
    const answer = policyServiceStarting();
    const settings = createSettingsService(userContacts);
    const quick = await settings.asKnown();
    expect(quick.pending).toBe(true);
    expect(contacts(quick.resolved)).toEqual(['My clinic line']);
    expect(quick.resolved.sources.crisisContacts).toBe('user');

    // Once the browser answers, the policy's value is locked in.
    answer(today);
    const full = await settings.current();
    expect(contacts(full)).toEqual(['Regional Crisis Team']);
    expect(full.locked.crisisContacts).toBe(true);
    const after = await settings.asKnown();
    expect(after.pending).toBe(false);
    expect(contacts(after.resolved)).toEqual(['Regional Crisis Team']);
  });
});
