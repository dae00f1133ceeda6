/**
 * What `npm run inspect` says about a pack that was not applied, and how it judges the sidebar's
 * states across a patient change (issue 21, item 4).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import catalogue from '../../../public/_locales/en/messages.json';
import {
  type ChangeSample,
  changeStates,
  type FrameFacts,
  notApplied,
  packParts,
  packsThatReadNothing,
  selectorsToCheck,
} from '../../../scripts/lib/inspect-explain';
import type { SelectorPack } from '../../../utils/ehr/packs/format';
import { validateSelectorPack } from '../../../utils/ehr/packs/validate';
import { createTranslator, type Messages } from '../../../utils/i18n';

const t = createTranslator(catalogue as Messages);

function riverbend(change: (pack: Record<string, unknown>) => void = () => undefined) {
  const raw = JSON.parse(
    readFileSync(path.resolve('docs/examples/riverbend-pack.json'), 'utf8'),
  ) as Record<string, unknown>;
  raw.matches = ['https://ehr.riverbend.example/chart/*'];
  change(raw);
  const checked = validateSelectorPack(raw);
  if (!checked.ok) throw new Error(checked.errors.join('\n'));
  return checked.pack;
}

const TOP = 'https://ehr.riverbend.example/chart/view?patient=204518';

/** The facts of a page where every selector of `pack` takes `matched` elements, no headings. */
function facts(pack: SelectorPack, overrides: Partial<FrameFacts> = {}): FrameFacts {
  const { lists } = selectorsToCheck([pack]);
  return {
    url: TOP,
    isTop: true,
    namePath: [],
    detect: { [pack.id]: true },
    lists: Object.fromEntries(lists.map((list) => [list, { matched: 3, headings: 0 }])),
    ...overrides,
  };
}

describe('inspect: why a pack was not applied', () => {
  it('says nothing when the pack applies everywhere', () => {
    const pack = riverbend();
    expect(notApplied([pack], [facts(pack)], t)).toEqual([]);
  });

  it('names a pack whose matches miss the page', () => {
    const pack = riverbend();
    const reasons = notApplied([pack], [facts(pack, { url: 'https://other.example/chart' })], t);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('riverbend-ehr');
    expect(reasons[0]).toContain('https://ehr.riverbend.example/chart/*');
    expect(reasons[0]).toContain('https://other.example/chart');
  });

  it('names a detect selector that finds nothing', () => {
    const pack = riverbend();
    const reasons = notApplied([pack], [facts(pack, { detect: { [pack.id]: false } })], t);
    expect(reasons[0]).toContain('detect');
    expect(reasons[0]).toContain('#rb-banner');
  });

  it('names a frame part that matches no frame, and lists the frames there are', () => {
    const pack = riverbend((raw) => {
      (raw.labs as Record<string, unknown>).frame = { name: ['results'] };
    });
    const frames = [
      facts(pack),
      facts(pack, {
        url: 'https://ehr.riverbend.example/chart/meds.php?patient=204518',
        isTop: false,
        namePath: ['meds'],
        detect: {},
      }),
    ];
    const reasons = notApplied([pack], frames, t);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('labs');
    expect(reasons[0]).toContain('["results"]');
    expect(reasons[0]).toContain('["meds"] https://ehr.riverbend.example/chart/meds.php');
  });

  it('reads a frame part in its frame only, with no detect needed there', () => {
    const pack = riverbend((raw) => {
      (raw.labs as Record<string, unknown>).frame = { name: ['chart', 'results'] };
    });
    const top = facts(pack);
    top.lists[pack.labs?.row ?? ''] = { matched: 0, headings: 0 };
    const results = facts(pack, {
      url: 'https://ehr.riverbend.example/chart/results.php',
      isTop: false,
      namePath: ['chart', 'results'],
      detect: {},
    });
    expect(notApplied([pack], [top, results], t)).toEqual([]);
    results.lists[pack.labs?.row ?? ''] = { matched: 0, headings: 0 };
    const reasons = notApplied([pack], [top, results], t);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('labs');
    expect(reasons[0]).toContain('finds nothing');
  });

  it('names a row selector that also takes the heading row', () => {
    const pack = riverbend((raw) => {
      (raw.scores as Record<string, unknown>[])[0] = {
        ...(raw.scores as Record<string, unknown>[])[0],
        row: 'table.rb-scores tr',
      };
    });
    const page = facts(pack);
    page.lists['table.rb-scores tr'] = { matched: 4, headings: 1 };
    const reasons = notApplied([pack], [page], t);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('scores[0]');
    expect(reasons[0]).toContain('heading');
  });

  it('lists every list of a pack by its place in the pack', () => {
    expect(packParts(riverbend()).map(({ part }) => part)).toEqual([
      'medications',
      'problems',
      'scores[0]',
      'labs',
      'vitals',
      'therapies',
    ]);
  });

  it('tells packs that gave the chart nothing from those that did', () => {
    const pack = riverbend();
    const other = riverbend((raw) => {
      raw.id = 'other-ehr';
    });
    const chart = {
      identity: { name: 'Lopez, Ana M' },
      medications: [{ text: 'Escitalopram', provenance: { via: 'riverbend-ehr #rb-meds tr' } }],
    };
    expect(packsThatReadNothing([pack, other], chart)).toEqual(['other-ehr']);
    expect(packsThatReadNothing([pack], { medications: [] })).toEqual(['riverbend-ehr']);
  });
});

describe('inspect: the sidebar across a patient change', () => {
  const previous = { name: 'Lopez, Ana M', mrn: '204518' };
  const next = { name: 'Okafor, James', mrn: '310022' };
  const sample = (atMs: number, state: string | null, text: string): ChangeSample => ({
    atMs,
    mounted: state !== null,
    state,
    text,
  });

  it('keeps the distinct states and flags none when the sidebar blanks before the next patient', () => {
    const states = changeStates(
      [
        sample(0, 'ready', 'Lopez, Ana M MRN 204518'),
        sample(50, 'ready', 'Lopez, Ana M MRN 204518'),
        sample(100, 'blank', 'Loading the chart'),
        sample(150, 'ready', 'Okafor, James MRN 310022'),
      ],
      previous,
      next,
    );
    expect(states.map(({ state, shows }) => [state, shows])).toEqual([
      ['ready', 'previous'],
      ['blank', 'none'],
      ['ready', 'next'],
    ]);
    expect(states.some((state) => state.showsPrevious)).toBe(false);
  });

  it('flags the previous patient shown again after the sidebar had moved on', () => {
    const states = changeStates(
      [
        sample(0, 'ready', 'Lopez, Ana M'),
        sample(50, 'blank', ''),
        sample(100, 'ready', 'Lopez, Ana M'),
        sample(150, 'ready', 'Okafor, James'),
      ],
      previous,
      next,
    );
    expect(states.filter((state) => state.showsPrevious).map(({ atMs }) => atMs)).toEqual([100]);
  });

  it('flags a sidebar that never leaves the previous patient, by record number too', () => {
    const states = changeStates(
      [sample(0, 'ready', 'MRN 204518'), sample(400, 'ready', 'MRN 204518')],
      previous,
      next,
    );
    expect(states).toHaveLength(1);
    expect(states[0]?.showsPrevious).toBe(true);
  });
});
