/**
 * `tsx tests/gallery/write-truth.ts` writes each page's truth.json from its definition; the
 * gallery test checks that the committed files are current.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GALLERY_PAGES } from './pages';

const here = path.dirname(fileURLToPath(import.meta.url));
for (const page of GALLERY_PAGES) {
  writeFileSync(
    path.join(here, 'pages', page.id, 'truth.json'),
    `${JSON.stringify(page.truth(), null, 2)}\n`,
  );
}
