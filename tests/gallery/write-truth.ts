/**
 * `tsx tests/gallery/write-truth.ts` writes each page's truth.json from its definition (formatted
 * as the linter wants it); the gallery's read test checks that the committed files are current.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GALLERY_PAGES } from './pages';

const here = path.dirname(fileURLToPath(import.meta.url));
const files = GALLERY_PAGES.map((page) => {
  const file = path.join(here, 'pages', page.id, 'truth.json');
  writeFileSync(file, `${JSON.stringify(page.truth(), null, 2)}\n`);
  return file;
});
spawnSync('npx', ['biome', 'format', '--write', ...files], { stdio: 'inherit' });
