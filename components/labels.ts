import type { Translate } from '../utils/i18n';

/**
 * The catalogue label for a value that comes from data (a band name, a category, a step id):
 * `labelFor(t, 'sidebarBand', 'moderately severe')` reads `sidebarBandModeratelySevere`. A value
 * the catalogue does not know yet is shown as it came, which is still the engine's plain word,
 * instead of a raw catalogue key.
 */
export function labelFor(t: Translate, prefix: string, value: string): string {
  const key = labelKey(prefix, value);
  const text = t(key);
  return text === key ? value : text;
}

/** `labelKey('sidebarReason', 'not-applicable')` is `sidebarReasonNotApplicable`. */
export function labelKey(prefix: string, value: string): string {
  return (
    prefix +
    value
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((word) => word[0]?.toUpperCase() + word.slice(1))
      .join('')
  );
}

/** Only https addresses become links; anything else (javascript:, data:, http:) stays text. */
export function safeHttpsUrl(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
