import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { buildManagedSchema } from '../../../utils/policy/managed-schema';
import {
  EHR_ORIGIN_PATTERN,
  SETTING_KEYS,
  SETTINGS,
  SettingsInputSchema,
} from '../../../utils/policy/schema';

const committed = JSON.parse(
  readFileSync(resolve(process.cwd(), 'public/managed_schema.json'), 'utf8'),
) as unknown;

/** The attributes Chrome's policy schema parser accepts for each type (components/policy). */
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  array: ['type', 'title', 'description', 'items', 'id'],
  boolean: ['type', 'title', 'description', 'id'],
  integer: ['type', 'title', 'description', 'enum', 'minimum', 'maximum', 'id'],
  number: ['type', 'title', 'description', 'id'],
  object: ['type', 'title', 'description', 'properties', 'additionalProperties', 'required', 'id'],
  string: ['type', 'title', 'description', 'enum', 'pattern', 'id'],
};

function checkChromeSubset(schema: Record<string, unknown>, path: string): string[] {
  const type = schema.type;
  if (typeof type !== 'string' || !(type in ALLOWED_ATTRIBUTES))
    return [`${path}: type ${String(type)}`];
  const errors = Object.keys(schema)
    .filter((attribute) => !ALLOWED_ATTRIBUTES[type]?.includes(attribute))
    .map((attribute) => `${path}: ${attribute} is not allowed on ${type}`);
  if (type === 'array') {
    errors.push(...checkChromeSubset(schema.items as Record<string, unknown>, `${path}.items`));
  }
  for (const [name, child] of Object.entries(
    (schema.properties ?? {}) as Record<string, unknown>,
  )) {
    errors.push(...checkChromeSubset(child as Record<string, unknown>, `${path}.${name}`));
  }
  if (schema.additionalProperties) {
    errors.push(
      ...checkChromeSubset(schema.additionalProperties as Record<string, unknown>, `${path}.*`),
    );
  }
  return errors;
}

describe('managed_schema.json', () => {
  it('is up to date with the settings descriptions (regenerate: npx tsx scripts/generate-managed-schema.ts)', () => {
    expect(committed).toEqual(buildManagedSchema());
  });

  it('declares every admin setting at the top level, which Chrome requires to be a plain object', () => {
    const schema = buildManagedSchema();
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(SETTING_KEYS);
    expect(schema).not.toHaveProperty('additionalProperties');
    expect(JSON.stringify(schema)).not.toContain('$ref');
  });

  it('uses only what Chrome’s schema dialect supports', () => {
    expect(
      checkChromeSubset(buildManagedSchema() as unknown as Record<string, unknown>, ''),
    ).toEqual([]);
  });

  it('gives Chrome the same origin pattern valibot checks', () => {
    const pattern = new RegExp(EHR_ORIGIN_PATTERN);
    const cases: [string, boolean][] = [
      ['https://ehr.example.org/*', true],
      ['http://localhost:5173/chart/*', true],
      ['https://*.clinic.example.org/*', true],
      ['https://[::1]/*', true],
      ['<all_urls>', false],
      ['*://*/*', false],
      ['https://*/*', false],
      ['https://*.org/*', false],
      ['file:///home/*', false],
      ['https://ehr.example.org', false],
      ['https://ehr example.org/*', false],
    ];
    for (const [origin, valid] of cases) {
      expect({ origin, valid: pattern.test(origin) }).toEqual({ origin, valid });
      expect({
        origin,
        valid: v.safeParse(SETTINGS.ehrOrigins.shape.schema, [origin]).success,
      }).toEqual({ origin, valid });
    }
  });
});

describe('the settings model as one valibot schema', () => {
  it('accepts the full example policy and refuses the invalid one', () => {
    const examples = resolve(process.cwd(), 'docs/examples');
    const full = JSON.parse(readFileSync(resolve(examples, 'policy-full.json'), 'utf8'));
    const invalid = JSON.parse(readFileSync(resolve(examples, 'policy-invalid.json'), 'utf8'));
    expect(v.safeParse(SettingsInputSchema, full).issues).toBeUndefined();
    expect(v.safeParse(SettingsInputSchema, invalid).success).toBe(false);
  });
});
