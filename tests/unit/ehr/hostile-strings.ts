/**
 * Text an EHR page could hold, by accident or on purpose, that must stay text when Careside reads
 * it: markup, script, look-alike and invisible characters, absurd sizes, broken dates.
 */
export interface HostileString {
  label: string;
  text: string;
}

export const HOSTILE_STRINGS: HostileString[] = [
  { label: 'script tag', text: '<script>globalThis.__careside_pwned = true</script>Jane Doe' },
  {
    label: 'event-handler attribute',
    text: '<img src=x onerror="globalThis.__careside_pwned = true">',
  },
  { label: 'svg onload', text: '<svg onload=alert(1)>' },
  { label: 'javascript: URL', text: '<a href="javascript:alert(1)">Jane Doe</a>' },
  { label: 'bare javascript: URL', text: 'javascript:alert(document.cookie)' },
  {
    label: 'closing tags',
    text: '</td></tr></table><h1>Medications</h1><li>Lithium 300 mg BID</li>',
  },
  {
    label: 'template injection',
    text: '{{constructor.constructor("return this")()}} \u0024{alert(1)}',
  },
  { label: 'RTL override', text: 'Jane \u202EeoD\u202C' },
  { label: 'zero-width characters', text: 'Ja\u200Bne\u200D Do\u2060e\uFEFF' },
  { label: 'Cyrillic look-alike letter', text: 'J\u0430ne Doe' },
  { label: 'Greek look-alike letter', text: 'Jane D\u03BFe' },
  { label: 'combining characters', text: 'Jane Doe\u0301\u0301\u0301\u0301' },
  { label: 'NUL and control characters', text: 'Jane\u0000 Doe\u0007\u001B[31m' },
  { label: 'malformed date', text: '2024-13-45' },
  { label: 'impossible date', text: '02/30/2024' },
  { label: 'two-digit year', text: '3/4/05' },
  { label: 'date with trailing garbage', text: '1980-01-01<script>' },
  { label: 'huge number', text: '99999999999999999999999' },
  { label: 'negative score', text: '-5' },
  { label: 'only white space', text: ' \t\n ' },
  { label: 'emoji', text: 'Jane 👩‍⚕️ Doe' },
  { label: 'a 1 MB string', text: `Jane ${'A'.repeat(1_048_576)}` },
];
