/**
 * The Chrome / Edge `storage.managed_schema` document, built from the same setting descriptions
 * the run-time checks use (`schema.ts`). `public/managed_schema.json` is this document written
 * out by `npx tsx scripts/generate-managed-schema.ts`; a unit test fails when the committed file
 * says something else.
 */
import { type ManagedJsonSchema, SETTING_KEYS, SETTINGS } from './schema';

export interface ManagedSchemaDocument {
  type: 'object';
  properties: Record<string, ManagedJsonSchema>;
}

export function buildManagedSchema(): ManagedSchemaDocument {
  return {
    type: 'object',
    properties: Object.fromEntries(
      SETTING_KEYS.map((key) => {
        const { shape, title, description } = SETTINGS[key];
        return [key, { ...shape.managed, title, description }];
      }),
    ),
  };
}
