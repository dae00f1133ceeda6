import { startGalleryRun, switchInPage, pageHeader } from './tests/gallery/measure';
import { sidebarSnapshot } from './tests/e2e/fixture';
const run = await startGalleryRun({ lagMs: [0, 150] });
const which = process.argv[2] ?? 'slow';
const p = run.gallery.pages.find((x) => x.id === which)!;
const pts = p.truth.patients as any[];
const page = await run.browser.context.newPage();
page.on('console', (m) => console.log('console:', m.type(), m.text().slice(0, 300)));
page.on('pageerror', (e) => console.log('pageerror', String(e).slice(0, 300)));
await page.goto(`${p.url}${pts[0].entry ?? '/'}`);
for (let i = 0; i < 4; i++) {
  await new Promise((r) => setTimeout(r, 2500));
  console.log('header:', await pageHeader(page), 'host:', await page.evaluate(`!!document.querySelector('careside-sidebar')`), await page.evaluate(`JSON.stringify(performance.getEntriesByType('mark').map((m) => m.name))`));
  console.log('sidebar:', JSON.stringify(await sidebarSnapshot(page)).slice(0, 400));
  const i2 = await run.inspect(page);
  console.log('inspect:', JSON.stringify(i2?.reading?.context?.identity), i2?.reading?.identityConfirmed, JSON.stringify(i2?.reading?.problems)?.slice(0, 300));
  await switchInPage(page, p.truth, pts[(i + 1) % pts.length].id);
}
await run.close();
process.exit(0);
