/**
 * Writes public/managed_schema.json from the settings descriptions in utils/policy/schema.ts,
 * formatted the way `npm run format` leaves it. Run after changing a setting:
 * `npx tsx scripts/generate-managed-schema.ts`.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { buildManagedSchema } from '../utils/policy/managed-schema';

const target = fileURLToPath(new URL('../public/managed_schema.json', import.meta.url));
const schema = buildManagedSchema();
const current = await readFile(target, 'utf8')
  .then((text) => JSON.parse(text) as unknown)
  .catch(() => null);

if (isDeepStrictEqual(current, schema)) {
  console.log('public/managed_schema.json is up to date.');
} else {
  await writeFile(target, `${JSON.stringify(schema, null, 2)}\n`);
  execFileSync('npx', ['biome', 'format', '--write', target], { stdio: 'inherit' });
  console.log('Wrote public/managed_schema.json.');
}
