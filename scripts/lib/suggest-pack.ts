/**
 * `inspect --suggest-pack FILE`: a draft selector pack from what the generic reader read on the
 * page. The reading (what the sidebar got, and the frame each value came from) says which values
 * to look for; in each frame that showed some, utils/ehr/packs/suggest.ts finds the elements the
 * generic reader read them from and proposes selectors; suggest-pack.ts joins the frames into one
 * pack, which is validated as the policy validates it.
 *
 * The in-page part runs as a script bundled here with esbuild and evaluated in each frame's
 * document by Playwright: it reads the page and changes nothing in it.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Frame, Page } from 'playwright-core';
import type { PatientContext } from '../../utils/clinical/types';
import type { SelectorPack } from '../../utils/ehr/packs/format';
import type { DocumentSuggestion, ShownInDocument } from '../../utils/ehr/packs/suggest';
import { assembleSuggestedPack, type SuggestedDocument } from '../../utils/ehr/packs/suggest-pack';
import { validateSelectorPack } from '../../utils/ehr/packs/validate';
import type { Translate } from '../../utils/i18n';

const IN_PAGE_ENTRY = fileURLToPath(new URL('../../utils/ehr/packs/suggest.ts', import.meta.url));
const GLOBAL = '__caresideSuggestPack';

let inPageScript: Promise<string> | null = null;

/** The in-page suggester as one script that defines a global, built once per run. */
function inPageSource(): Promise<string> {
  inPageScript ??= build({
    entryPoints: [IN_PAGE_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: GLOBAL,
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return inPageScript;
}

export type PackSuggestion =
  | { ok: true; pack: SelectorPack; missed: string[] }
  | { ok: false; errors: string[]; missed: string[] };

/** The frame names from the top document down to `frame`. */
function namePathOf(frame: Frame): string[] {
  const names: string[] = [];
  for (let current: Frame | null = frame; current?.parentFrame(); current = current.parentFrame()) {
    names.unshift(current.name());
  }
  return names;
}

/** What the reading showed from the document at `url` (values without a frame: the top page). */
function shownIn(chart: PatientContext, url: string, topUrl: string): ShownInDocument {
  const from = (frame: string | undefined) => (frame ?? topUrl) === url;
  const isTop = url === topUrl;
  const mrn = chart.identity.identifiers.find((identifier) => identifier.type === 'MR')?.value;
  return {
    identity: isTop
      ? { name: chart.identity.name, birthDate: chart.identity.birthDate, mrn: mrn ?? null }
      : null,
    medications: chart.medications
      .filter((medication) => from(medication.provenance.frame))
      .map((medication) => ({ text: medication.text, ingredient: medication.ingredient ?? null })),
    problems: chart.conditions
      .filter((condition) => from(condition.provenance.frame))
      .map((condition) => ({ text: condition.text, code: condition.code })),
    scores: chart.scores
      .filter((score) => from(score.provenance.frame))
      .map((score) => ({ instrument: score.instrument, total: score.total, date: score.date })),
  };
}

const showsSomething = (shown: ShownInDocument) =>
  shown.identity !== null ||
  shown.medications.length + shown.problems.length + shown.scores.length > 0;

/**
 * A draft pack for the page `page` shows, from the chart the reading got (`chart`, as inspect
 * prints it under `context`). Names what it could not place (`missed`), and the validation's
 * messages when the draft does not pass.
 */
export async function suggestPack(
  page: Page,
  chart: PatientContext,
  t: Translate,
): Promise<PackSuggestion> {
  const script = await inPageSource();
  const topUrl = page.url();
  const documents: SuggestedDocument[] = [];
  const missed = new Set<string>();
  for (const frame of page.frames()) {
    const url = frame.url();
    const shown = shownIn(chart, url, topUrl);
    if (!showsSomething(shown)) continue;
    const suggestion = (await frame
      .evaluate(
        `(() => { ${script}; return ${GLOBAL}.suggestFromDocument(document, ${JSON.stringify(shown)}); })()`,
      )
      .catch(() => null)) as DocumentSuggestion | null;
    if (!suggestion) {
      missed.add(url);
      continue;
    }
    for (const field of suggestion.missed) missed.add(field);
    documents.push({
      url,
      isTop: frame === page.mainFrame(),
      namePath: namePathOf(frame),
      suggestion,
    });
  }
  const mrn = chart.identity.identifiers.find((identifier) => identifier.type === 'MR')?.value;
  const assembled = assembleSuggestedPack({
    documents,
    mrn: mrn ?? null,
    name: t('suggestPackName', { host: new URL(topUrl).host }),
  });
  if (!assembled.ok) {
    return { ok: false, errors: [t('suggestPackNoName')], missed: [...missed] };
  }
  // The draft must pass what the policy will check, or it is no draft to hand out.
  const validation = validateSelectorPack(assembled.pack, 'suggestedPack');
  return validation.ok
    ? { ok: true, pack: validation.pack, missed: [...missed] }
    : { ok: false, errors: validation.errors, missed: [...missed] };
}
