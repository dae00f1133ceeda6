/**
 * `inspect --suggest-pack` on every page of the test gallery (issue 21, item 2): the pack
 * suggested from the generic reader's reading, loaded as real managed policy the way
 * `inspect --policy` loads one, reads at least as many fields as the generic reader did, every
 * identity field it showed, and values that agree with the page's ground truth.
 *
 * One Chromium reads every page with no pack and suggests its pack; the packs go into one policy
 * (written by pack-policy, read back as `inspect --policy` reads a file); a second Chromium reads
 * every page again with them. The policy is machine-wide while it exists (root, as CI runs), and
 * each pack's `matches` names its own gallery port only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type InspectOptions,
  inspectPage,
  loadTranslator,
  policyPacks,
  readPolicySettings,
} from '../../scripts/inspect';
import {
  extensionPolicy,
  type InstalledPolicy,
  installChromiumPolicy,
  isRoot,
} from '../../scripts/lib/chromium-policy';
import { copyExtensionEnabledOn, type EnabledExtension } from '../../scripts/lib/enable-origin';
import { packPolicyFiles } from '../../scripts/lib/pack-policy';
import type { PatientContext } from '../../utils/clinical/types';
import type { SelectorPack } from '../../utils/ehr/packs/format';
import { validateSelectorPack } from '../../utils/ehr/packs/validate';
import { type Gallery, startGallery } from '../gallery/server';
import type { PatientTruth } from '../gallery/types';
import { EXTENSION_DIR, EXTENSION_ID, type LaunchedBrowser, launchChromium } from './browser';

const t = loadTranslator();

interface Read {
  adapter: string;
  chart: PatientContext;
}

/** Values read: the identity's name, date of birth and record number, and every chart entry. */
function fieldCount(chart: PatientContext): number {
  const { identity } = chart;
  const mrn = identity.identifiers.some((identifier) => identifier.type === 'MR');
  return (
    [identity.name, identity.birthDate].filter((value) => value !== null).length +
    (mrn ? 1 : 0) +
    chart.medications.length +
    chart.conditions.length +
    chart.scores.length
  );
}

const mrnOf = (chart: PatientContext) =>
  chart.identity.identifiers.find((identifier) => identifier.type === 'MR')?.value ?? null;

function options(target: string, suggest: boolean): InspectOptions {
  // No patient change here: the first reading is the one compared.
  const then = null;
  return {
    target,
    policyFile: null,
    timeoutMs: 30_000,
    then,
    click: null,
    suggestPack: suggest ? 'suggested.json' : null,
  };
}

async function withBrowser<T>(run: (browser: LaunchedBrowser) => Promise<T>): Promise<T> {
  let extension: EnabledExtension | null = null;
  let browser: LaunchedBrowser | null = null;
  try {
    // One grant covers every gallery EHR, each on its own loopback port.
    extension = copyExtensionEnabledOn(EXTENSION_DIR, new URL('http://127.0.0.1/'));
    browser = await launchChromium({ extensionDir: extension.directory });
    return await run(browser);
  } finally {
    await browser?.close();
    extension?.remove();
  }
}

/** The page's first patient: the ground truth of what it shows. */
const firstPatient = (gallery: Gallery, id: string): { url: string; truth: PatientTruth } => {
  const page = gallery.pages.find((candidate) => candidate.id === id);
  const truth = page?.truth.patients[0];
  if (!page || !truth) throw new Error(`no gallery page ${id}`);
  return { url: `${page.url}${truth.entry}`, truth };
};

let gallery: Gallery;
const zeroConfig = new Map<string, Read | null>();
const suggested = new Map<string, SelectorPack>();
const withPack = new Map<string, Read | null>();
const timings: string[] = [];

beforeAll(async () => {
  gallery = await startGallery({ lagMs: [0, 50] });
}, 30_000);
afterAll(async () => {
  await gallery?.close();
  if (timings.length > 0) console.log(`suggest-pack e2e: ${timings.join(', ')}`);
});

describe('inspect --suggest-pack on the test gallery', () => {
  it.runIf(isRoot())(
    'suggests a valid pack for every page the generic reader reads',
    async () => {
      const started = Date.now();
      await withBrowser(async (browser) => {
        for (const page of gallery.pages) {
          const { url } = firstPatient(gallery, page.id);
          const result = await inspectPage(browser, url, options(url, true), [], t).catch(
            () => null,
          );
          const chart = (result?.report.context as PatientContext | undefined) ?? null;
          zeroConfig.set(
            page.id,
            chart ? { adapter: String(result?.report.adapter), chart } : null,
          );
          if (result?.suggestion?.ok) suggested.set(page.id, result.suggestion.pack);
          else if (chart?.identity.name)
            throw new Error(`${page.id}: no pack suggested: ${JSON.stringify(result?.suggestion)}`);
        }
      });
      timings.push(`zero-config and suggestions ${Math.round((Date.now() - started) / 1000)} s`);
      expect(suggested.size).toBeGreaterThanOrEqual(gallery.pages.length - 1);
      for (const pack of suggested.values()) {
        expect(validateSelectorPack(pack).ok, pack.id).toBe(true);
      }
    },
    300_000,
  );

  it.runIf(isRoot())(
    'each suggested pack, loaded as managed policy, reads at least what the generic reader read, and truly',
    async () => {
      expect(suggested.size).toBeGreaterThan(0);
      const folder = mkdtempSync(path.join(tmpdir(), 'careside-suggest-'));
      const policyFile = path.join(folder, 'careside-packs-chrome.json');
      writeFileSync(
        policyFile,
        packPolicyFiles([...suggested.values()], {
          chromeId: EXTENSION_ID,
          firefoxId: 'careside@careside.example',
        }).chromeJson,
      );
      // Read back as `inspect --policy FILE` reads it: the same checks, the same packs.
      const settings = readPolicySettings(policyFile, t);
      const packs = policyPacks(settings);
      expect(packs.map((pack) => pack.id).sort()).toEqual(
        [...suggested.values()].map((pack) => pack.id).sort(),
      );
      let policy: InstalledPolicy | null = null;
      const started = Date.now();
      try {
        policy = installChromiumPolicy(
          `careside-suggest-${process.pid}`,
          extensionPolicy(EXTENSION_ID, settings),
        );
        await withBrowser(async (browser) => {
          for (const [id, pack] of suggested) {
            const { url } = firstPatient(gallery, id);
            const result = await inspectPage(browser, url, options(url, false), [pack], t);
            const chart = result.report.context as PatientContext;
            withPack.set(id, { adapter: String(result.report.adapter), chart });
            // Every part of a pack suggested from this very page applies to it.
            expect.soft(result.report.notApplied, id).toEqual([]);
          }
        });
      } finally {
        policy?.remove();
        rmSync(folder, { recursive: true, force: true });
      }
      timings.push(`with the packs as policy ${Math.round((Date.now() - started) / 1000)} s`);

      for (const [id, pack] of suggested) {
        const { truth } = firstPatient(gallery, id);
        const before = zeroConfig.get(id)?.chart as PatientContext;
        const after = withPack.get(id);
        expect(after?.adapter, id).toBe(pack.id);
        const chart = after?.chart as PatientContext;
        timings.push(`${id} ${fieldCount(before)} → ${fieldCount(chart)} fields`);
        expect.soft(fieldCount(chart), id).toBeGreaterThanOrEqual(fieldCount(before));
        // Every identity field the generic reader showed, the pack reads, and the same.
        if (before.identity.name) expect.soft(chart.identity.name, id).toBe(before.identity.name);
        if (before.identity.birthDate)
          expect.soft(chart.identity.birthDate, id).toBe(truth.birthDate);
        if (mrnOf(before)) expect.soft(mrnOf(chart), id).toBe(mrnOf(before));
        // And what it reads is the page's truth.
        expect.soft(chart.identity.name, id).toBe(truth.header);
        const ingredients = truth.medications.map((medication) => medication.ingredient);
        for (const medication of chart.medications) {
          expect.soft(ingredients, `${id}: ${medication.text}`).toContain(medication.ingredient);
        }
        for (const score of chart.scores) {
          expect.soft(truth.scores, `${id}: ${score.instrument}`).toContainEqual({
            instrument: score.instrument,
            date: score.date,
            score: score.total,
          });
        }
        for (const condition of chart.conditions) {
          expect
            .soft(
              truth.conditions.some(
                (known) => condition.text.includes(known.text) || condition.code === known.code,
              ),
              `${id}: ${condition.text}`,
            )
            .toBe(true);
        }
      }
    },
    300_000,
  );
});
