/**
 * `npm run pack-policy`: a pack file becomes the policies that carry it, each pack as the JSON
 * text the managed schema wants, and a policy read back gives the same pack (issue 21, item 4).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { objectFormPacks, packPolicyFiles } from '../../../utils/ehr/packs/policy-files';
import { validateSelectorPacks } from '../../../utils/ehr/packs/validate';

const pack = JSON.parse(
  readFileSync(path.resolve('docs/examples/riverbend-pack.json'), 'utf8'),
) as Record<string, unknown>;
const target = {
  chromeId: 'foiekfkefeihhfkdajhfiaiakjpgdnna',
  firefoxId: 'careside@careside.example',
};

/** Reads a `.reg` string value back as regedit does (`\\` and `\"` escapes). */
function regValue(reg: string, key: string, name: string): string {
  const lines = reg.split('\r\n');
  const start = lines.indexOf(`[${key}]`);
  const line = lines.slice(start + 1).find((item) => item.startsWith(`"${name}"=`));
  if (start < 0 || !line) throw new Error(`no ${name} under ${key}`);
  const quoted = line.slice(name.length + 3);
  expect(quoted.startsWith('"') && quoted.endsWith('"')).toBe(true);
  return quoted.slice(1, -1).replace(/\\(["\\])/g, '$1');
}

describe('pack-policy', () => {
  const files = packPolicyFiles([pack], target);

  it('writes the Chrome/Edge policy with each pack as JSON text that validates as the pack', () => {
    const policy = JSON.parse(files.chromeJson);
    const settings = policy['3rdparty'].extensions[target.chromeId];
    expect(settings.selectorPacks).toHaveLength(1);
    expect(typeof settings.selectorPacks[0]).toBe('string');
    const checked = validateSelectorPacks(settings.selectorPacks);
    expect(checked.errors).toEqual([]);
    expect(checked.packs[0]).toEqual(pack);
  });

  it('writes one .reg for Chrome and Edge whose value reads back as the same list', () => {
    expect(files.windowsReg.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
    for (const vendor of ['Google\\Chrome', 'Microsoft\\Edge']) {
      const key = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendor}\\3rdparty\\extensions\\${target.chromeId}\\policy`;
      const list = JSON.parse(regValue(files.windowsReg, key, 'selectorPacks')) as unknown[];
      expect(validateSelectorPacks(list).packs[0]).toEqual(pack);
    }
  });

  it("writes Firefox's policies.json under 3rdparty.Extensions", () => {
    const policy = JSON.parse(files.firefoxPolicies);
    const list = policy.policies['3rdparty'].Extensions[target.firefoxId].selectorPacks;
    expect(validateSelectorPacks(list).packs[0]).toEqual(pack);
  });

  it('names the packs a policy writes as objects, which Chrome would drop silently', () => {
    expect(objectFormPacks({ selectorPacks: [JSON.stringify(pack), pack] })).toEqual([1]);
    expect(objectFormPacks({ selectorPacks: [JSON.stringify(pack)] })).toEqual([]);
    expect(objectFormPacks(null)).toEqual([]);
  });
});
