/**
 * Why a selector pack, or a part of it, was not applied on a page: its `matches` or `detect` miss
 * the page, a part's `frame` matches none of the page's frames, a list selector finds nothing, or
 * it also takes the table's heading row. `npm run inspect` and the options page's "Check a pack"
 * both say it from what each frame showed of the pack's selectors (`FrameFacts`), collected in the
 * browser; the judgement here is plain code, tested without one.
 */
import type { Translate } from '../../i18n';
import { type FrameSpec, inFrame } from '../frames/where';
import type { SelectorPack } from './format';
import { matchesAnyUrl } from './match-pattern';

/** One list of a pack: medications, problems, a score table, labs, vitals or therapies. */
export interface PackPart {
  /** Its place in the pack, as validation names it: `medications`, `scores[1]`. */
  part: string;
  /** The selector of one item or row. */
  list: string;
  frame?: FrameSpec;
}

export function packParts(pack: SelectorPack): PackPart[] {
  const parts: PackPart[] = [];
  const add = (part: string, list: string, frame: FrameSpec | undefined) => {
    parts.push(frame ? { part, list, frame } : { part, list });
  };
  if (pack.medications) add('medications', pack.medications.item, pack.medications.frame);
  if (pack.problems) add('problems', pack.problems.item, pack.problems.frame);
  for (const [index, table] of (pack.scores ?? []).entries()) {
    add(`scores[${index}]`, table.row, table.frame);
  }
  if (pack.labs) add('labs', pack.labs.row, pack.labs.frame);
  if (pack.vitals) add('vitals', pack.vitals.row, pack.vitals.frame);
  if (pack.therapies) add('therapies', pack.therapies.item, pack.therapies.frame);
  return parts;
}

/** What one frame of the page (the top document included) shows of the packs' selectors. */
export interface FrameFacts {
  url: string;
  isTop: boolean;
  /** Frame names from the top document down (`[]` for the top document; null: not readable). */
  namePath: string[] | null;
  /** Per pack id: whether its `detect` selector finds an element here. */
  detect: Record<string, boolean>;
  /** Per list selector: how many elements it takes here, and how many of them are heading rows. */
  lists: Record<string, { matched: number; headings: number }>;
}

/** Every selector the page must be asked about for `packs`. */
export function selectorsToCheck(packs: SelectorPack[]): { detect: string[]; lists: string[] } {
  return {
    detect: [...new Set(packs.map((pack) => pack.detect))],
    lists: [...new Set(packs.flatMap((pack) => packParts(pack).map(({ list }) => list)))],
  };
}

function frameText(frame: FrameSpec): string {
  return [
    frame.urlMatch === undefined ? null : `urlMatch “${frame.urlMatch}”`,
    frame.name === undefined ? null : `name ${JSON.stringify(frame.name)}`,
  ]
    .filter((item) => item !== null)
    .join(', ');
}

/**
 * Why each pack, or a part of it, was not applied on the page the facts describe, one plain
 * sentence each; nothing when everything applied.
 */
export function notApplied(packs: SelectorPack[], frames: FrameFacts[], t: Translate): string[] {
  const reasons: string[] = [];
  const top = frames.find((frame) => frame.isTop);
  for (const pack of packs) {
    const covered = frames.filter((frame) => matchesAnyUrl(pack.matches, new URL(frame.url)));
    if (covered.length === 0) {
      reasons.push(
        t('inspectNotAppliedMatches', {
          id: pack.id,
          matches: pack.matches.join(', '),
          url: top?.url ?? frames[0]?.url ?? '',
        }),
      );
      continue;
    }
    const detected = covered.filter((frame) => frame.detect[pack.id]);
    if (detected.length === 0) {
      reasons.push(t('inspectNotAppliedDetect', { id: pack.id, selector: pack.detect }));
    }
    for (const { part, list, frame: spec } of packParts(pack)) {
      // Where the part is read: its own frame(s), or wherever the pack itself applies.
      const where = spec
        ? covered.filter((frame) =>
            inFrame(spec, new URL(frame.url), { isTop: frame.isTop, namePath: frame.namePath }),
          )
        : detected;
      if (spec && where.length === 0) {
        reasons.push(
          t('inspectNotAppliedFrame', {
            id: pack.id,
            part,
            frame: frameText(spec),
            frames:
              frames
                .filter((frame) => !frame.isTop)
                .map((frame) => `${JSON.stringify(frame.namePath)} ${frame.url}`)
                .join('; ') || t('inspectNoFrames'),
          }),
        );
        continue;
      }
      if (where.length === 0) continue;
      const counts = where.map((frame) => frame.lists[list] ?? { matched: 0, headings: 0 });
      const matched = counts.reduce((sum, count) => sum + count.matched, 0);
      const headings = counts.reduce((sum, count) => sum + count.headings, 0);
      if (matched === 0) {
        reasons.push(t('inspectNotAppliedEmpty', { id: pack.id, part, selector: list }));
      } else if (headings > 0) {
        reasons.push(
          t('inspectNotAppliedHeading', {
            id: pack.id,
            part,
            selector: list,
            count: String(headings),
          }),
        );
      }
    }
  }
  return reasons;
}
