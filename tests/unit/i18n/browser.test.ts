/**
 * The extension's translator asks the platform once per message and fills each use's
 * placeholders itself: a sidebar render makes a few hundred lookups, each a call into the
 * browser's extension bindings.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { t } from '../../../utils/i18n/browser';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('t in an extension context', () => {
  it('fetches a message once and fills its placeholders on every use', () => {
    const getMessage = vi
      .spyOn(fakeBrowser.i18n, 'getMessage')
      .mockImplementation((key: string) => (key === 'testCount' ? '{count} scores' : ''));
    expect(t('testCount', { count: '3' })).toBe('3 scores');
    expect(t('testCount', { count: '12' })).toBe('12 scores');
    expect(getMessage).toHaveBeenCalledTimes(1);
  });

  it('shows the key of a message the catalogue lacks, asking once', () => {
    const getMessage = vi.spyOn(fakeBrowser.i18n, 'getMessage').mockReturnValue('');
    expect(t('testMissingMessage')).toBe('testMissingMessage');
    expect(t('testMissingMessage')).toBe('testMissingMessage');
    expect(getMessage).toHaveBeenCalledTimes(1);
  });
});
