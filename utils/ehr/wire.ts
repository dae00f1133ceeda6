/**
 * A page reading as it crosses the message channel. Every entry of a reading carries its
 * provenance (reader, selector, frame URL, time of the read), and on a large chart the same few
 * provenances repeat over a thousand entries — half of a 340 KB reading. Extension messages are
 * serialised as JSON on both sides, so the reading travels with each distinct provenance once and
 * entries pointing at it; the background restores the reading before anything else sees it.
 */
import type { PatientContext, Provenance } from '../clinical/types';
import type { PageReading } from './types';

type EntryLists = {
  [K in keyof PatientContext as PatientContext[K] extends { provenance: Provenance }[]
    ? K
    : never]: PatientContext[K];
};
type ListKey = keyof EntryLists;

const LISTS = [
  'medications',
  'conditions',
  'scores',
  'monitoring',
  'therapies',
] as const satisfies readonly ListKey[];

type Packed<T> = T extends { provenance: Provenance }
  ? Omit<T, 'provenance'> & { provenance: number }
  : T;

export type WireReading = Omit<PageReading, 'context'> & {
  context: Omit<PatientContext, ListKey> & {
    [K in ListKey]: Packed<EntryLists[K][number]>[];
  };
  /** The distinct provenances; an entry's `provenance` is an index into this list. */
  provenances: Provenance[];
};

export function packReading(reading: PageReading): WireReading {
  const provenances: Provenance[] = [];
  const indexOf = new Map<string, number>();
  const refer = (provenance: Provenance): number => {
    const key = JSON.stringify(provenance);
    let index = indexOf.get(key);
    if (index === undefined) {
      index = provenances.push(provenance) - 1;
      indexOf.set(key, index);
    }
    return index;
  };
  const context = { ...reading.context } as unknown as WireReading['context'];
  for (const list of LISTS) {
    (context[list] as unknown[]) = reading.context[list].map((entry) => ({
      ...entry,
      provenance: refer(entry.provenance),
    }));
  }
  return { ...reading, context, provenances };
}

/**
 * The reading back from its wire form. A reference to no provenance (a malformed or hostile
 * message) fails the whole reading rather than leaving an entry whose origin is unknown.
 */
export function unpackReading(wire: WireReading): PageReading {
  const { provenances, ...rest } = wire;
  if (!Array.isArray(provenances)) throw new Error('reading without its provenance list');
  const context = { ...wire.context } as unknown as PatientContext;
  for (const list of LISTS) {
    (context[list] as unknown[]) = wire.context[list].map((entry) => {
      const provenance = provenances[entry.provenance];
      if (provenance === undefined) {
        throw new Error(
          `reading entry points at provenance ${entry.provenance}, which is not there`,
        );
      }
      return { ...entry, provenance };
    });
  }
  return { ...rest, context };
}
