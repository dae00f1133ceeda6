/**
 * One message catalogue for every user-facing string: `public/_locales/<lang>/messages.json`,
 * the extension platform's own format. A second language is a new file there, not a code change.
 *
 * Messages use `{name}` placeholders, filled by `translate`; numbers and dates are formatted by the
 * caller through `Intl` (see `format.ts`) before they are substituted.
 */
export type Messages = Record<string, { message: string; description?: string }>;
export type Translate = (key: string, substitutions?: Record<string, string | number>) => string;

export function fillPlaceholders(
  template: string,
  substitutions: Record<string, string | number> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in substitutions ? String(substitutions[name]) : whole,
  );
}

/** A translator over a loaded catalogue (command line, tests, or a catalogue passed in). */
export function createTranslator(messages: Messages): Translate {
  return (key, substitutions) => {
    const entry = messages[key];
    // A missing key shows itself rather than an empty string, so a gap in a catalogue is visible.
    return entry ? fillPlaceholders(entry.message, substitutions) : key;
  };
}
