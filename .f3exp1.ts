import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { launchChromium, extensionWorker, EXTENSION_ID } from '/work/main/tests/e2e/browser';
const dir = '/etc/chromium/policies/managed';
mkdirSync(dir, { recursive: true });
const file = `${dir}/careside-f3-exp.json`;
writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: { retentionDays: 'forever', safetyPlanReviewDays: 30, userMayChange: ['everything'] } } } }));
try {
  const b = await launchChromium({ extensionDir: '/tmp/f3scratch/ext' });
  const w = await extensionWorker(b.context);
  await new Promise((r) => setTimeout(r, 1500));
  console.log(await w.evaluate(() => chrome.storage.managed.get()));
  const p = await b.context.newPage();
  await p.goto('chrome://policy');
  await p.waitForTimeout(1500);
  console.log((await p.locator('body').innerText()).slice(0, 3000));
  await b.close();
} finally { rmSync(file, { force: true }); }
