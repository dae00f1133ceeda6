/**
 * An `EhrAdapter` built from a validated selector pack: the pack says where each field is, this
 * file reads who the page shows the same way for every pack, and pack-sections.ts the chart.
 */
import { framePlace, inFrame } from '../frames/where';
import { identityDraft } from '../identity/draft';
import type { IdentifierCandidate, IdentityCandidate } from '../identity/resolve';
import { labelFinder } from '../sections/registry';
import type { EhrAdapter, ReadingDraft, ReadingProblem } from '../types';
import type { FieldSource, FrameField, SelectorPack } from './format';
import { matchesAnyUrl } from './match-pattern';
import { queryAll, queryFirst } from './query';
import { PATTERN_INPUT_LIMIT } from './safe-regex';

/** A value at a place the clinic named: as sure as a reader gets. */
const SELECTOR_CONFIDENCE = 1;
/** A value next to a label the clinic named: the label could also appear elsewhere. */
const LABEL_CONFIDENCE = 0.9;

// A pack's selectors find elements in the page, and in its open shadow roots when the page itself
// has none (query.ts); the name stays exported here for the readers that import it from here.
export { queryAll };

function applyPattern(text: string, pattern: string | undefined): string | null {
  if (pattern === undefined) return text;
  // An identity field is short; a pattern never runs over more than that (packs/safe-regex.ts).
  return new RegExp(pattern).exec(text.slice(0, PATTERN_INPUT_LIMIT))?.[1] ?? null;
}

function sourceCandidates(
  document: Document,
  source: FieldSource,
  via: string,
): IdentityCandidate[] {
  const texts =
    source.selector !== undefined
      ? queryAll(document, source.selector).map((element) => element.textContent ?? '')
      : // The label finder comes with the pack reader's bundle, loaded before the page is read.
        labelFinder()(document.body ?? document, [source.label ?? '']).map(({ value }) => value);
  return texts
    .map((text) => applyPattern(text, source.pattern))
    .filter((text): text is string => text !== null)
    .map((text) => ({ text, via }));
}

function sourceConfidence(source: FieldSource): number {
  return source.selector !== undefined ? SELECTOR_CONFIDENCE : LABEL_CONFIDENCE;
}

function describeSource(pack: SelectorPack, source: FieldSource): string {
  return `${pack.id} ${source.selector ?? `label "${source.label}"`}`;
}

/** The chart parts of a pack, each with the frame it may live in. */
function sectionSpecs(pack: SelectorPack): { frame?: FrameField; selector: string }[] {
  return [
    ...(pack.medications
      ? [{ frame: pack.medications.frame, selector: pack.medications.item }]
      : []),
    ...(pack.problems ? [{ frame: pack.problems.frame, selector: pack.problems.item }] : []),
    ...(pack.scores ?? []).map((table) => ({ frame: table.frame, selector: table.row })),
    ...(pack.labs ? [{ frame: pack.labs.frame, selector: pack.labs.row }] : []),
    ...(pack.vitals ? [{ frame: pack.vitals.frame, selector: pack.vitals.row }] : []),
    ...(pack.therapies ? [{ frame: pack.therapies.frame, selector: pack.therapies.item }] : []),
  ];
}

function readPackIdentity(pack: SelectorPack, document: Document): ReadingDraft {
  const problems: ReadingProblem[] = [];
  const format = pack.dateFormat ?? 'auto';
  const { identity } = pack;

  const sexText = identity.sex
    ? sourceCandidates(document, identity.sex, describeSource(pack, identity.sex))[0]?.text
    : undefined;
  const identifierCandidates: IdentifierCandidate[] = (identity.identifiers ?? []).flatMap(
    (source) =>
      sourceCandidates(document, source, describeSource(pack, source)).map((candidate) => ({
        ...candidate,
        system: source.system,
        type: source.type ?? null,
      })),
  );
  const mrnSource = identity.identifiers?.find((source) => source.type === 'MR');
  return identityDraft(
    pack.id,
    {
      names: sourceCandidates(document, identity.name, describeSource(pack, identity.name)),
      nameConfidence: sourceConfidence(identity.name),
      birthDates: sourceCandidates(
        document,
        identity.birthDate,
        describeSource(pack, identity.birthDate),
      ).map((candidate) => ({ ...candidate, format: identity.birthDate.dateFormat ?? format })),
      birthDateConfidence: sourceConfidence(identity.birthDate),
      identifiers: identifierCandidates,
      identifierConfidence: mrnSource ? sourceConfidence(mrnSource) : 0,
      sex: sexText ?? null,
    },
    { problems },
  );
}

/** The patient key a pack names in the URL (`?pid=123`), or null. */
export function packPatientKey(pack: SelectorPack, url: URL): string | null {
  return pack.patientKeyParam ? url.searchParams.get(pack.patientKeyParam) : null;
}

/** An adapter for a pack that `validateSelectorPack` accepted. */
export function packAdapter(pack: SelectorPack): EhrAdapter {
  const identitySelectors =
    typeof pack.identityElement === 'string' ? [pack.identityElement] : [...pack.identityElement];
  return {
    id: pack.id,
    name: pack.name,
    matches: [...pack.matches],
    identitySelectors,
    // A banner drawn by web components is out of reach of the selectors' own look-up: its
    // elements are watched as found in the page's open shadow roots.
    identityElements: (document) =>
      identitySelectors.flatMap((selector) =>
        document.querySelector(selector) === null ? queryAll(document, selector) : [],
      ),
    detect: (document, url) => {
      if (!matchesAnyUrl(pack.matches, url)) return false;
      if (queryFirst(document, pack.detect) !== null) return true;
      // A frame that holds one of the pack's fields is the pack's, banner or not.
      const place = framePlace(document.defaultView);
      return sectionSpecs(pack).some(
        ({ frame }) => frame !== undefined && inFrame(frame, url, place),
      );
    },
    readIdentity: (document) => readPackIdentity(pack, document),
    sections: 'pack',
    pack,
    patientKey: (_document, url) => packPatientKey(pack, url),
    sectionSelectors: sectionSpecs(pack).map(({ selector }) => selector),
  };
}
