import { startDemoEhr } from './demo-ehr/server';
import { launchChromium, extensionWorker } from './tests/e2e/browser';
const ehr = await startDemoEhr({ port: 0, framePort: 0 });
const b = await launchChromium();
const w = await extensionWorker(b.context);
for (const id of ['1002', '1013', '1013', '1002', '1013']) {
  const page = await b.context.newPage();
  await page.goto(`${ehr.url}/patients/${id}`);
  await page.waitForFunction(() => performance.getEntriesByName('careside:painted').length > 0, null, { timeout: 20000 });
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]));
  const dcl = await page.evaluate(() => Math.round((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd));
  console.log(id, 'DCL', dcl, JSON.stringify(marks));
  await page.close();
}
await b.close(); await ehr.close();
