/**
 * docs/clinical-rules.md is generated from the rule registry and its documentation, so the table
 * cannot drift from the rules. After changing a rule: `UPDATE_RULE_DOCS=1 npx vitest run --project
 * unit tests/unit/rules/documentation.test.ts` rewrites it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../utils/clinical/rules';
import { RULE_DOCUMENTATION } from '../../../utils/clinical/rules/documentation';

const DOC = path.resolve(process.cwd(), 'docs/clinical-rules.md');

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function render(): string {
  const lines = [
    '# Clinical rules',
    '',
    'Every rule of the clinical engine (`utils/clinical/rules/`): its severity, what fires it, the',
    'document it cites and what keeps it silent. Generated from the rule registry and',
    '`utils/clinical/rules/documentation.ts` by `tests/unit/rules/documentation.test.ts`, which fails',
    'when this file and the rules disagree (`UPDATE_RULE_DOCS=1` rewrites it). Thresholds are the',
    'defaults; a clinic may override them in its settings.',
    '',
    `${RULES.length} rules.`,
    '',
    '| id | family | severity | trigger | source | silent when |',
    '|---|---|---|---|---|---|',
  ];
  for (const rule of RULES) {
    const docs = RULE_DOCUMENTATION[rule.id];
    lines.push(
      `| \`${rule.id}\` | ${rule.family} | ${rule.indicator} | ${cell(docs?.trigger ?? '')} | [${cell(rule.source.label)}](${rule.source.url}) (${rule.status}) | ${cell(docs?.silentWhen ?? '')} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('docs/clinical-rules.md', () => {
  it('documents every rule, and only rules that exist', () => {
    const ids = RULES.map((rule) => rule.id).sort();
    expect(Object.keys(RULE_DOCUMENTATION).sort()).toEqual(ids);
    for (const docs of Object.values(RULE_DOCUMENTATION)) {
      expect(docs.trigger.length).toBeGreaterThan(0);
      expect(docs.silentWhen.length).toBeGreaterThan(0);
    }
  });

  it('matches the rules', () => {
    const expected = render();
    if (process.env.UPDATE_RULE_DOCS) writeFileSync(DOC, expected);
    expect(readFileSync(DOC, 'utf8')).toBe(expected);
  });
});
