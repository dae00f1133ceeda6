// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readPage } from '../../../utils/ehr/sections/all-readers';
import { packReading, unpackReading, type WireReading } from '../../../utils/ehr/wire';
import { loadFixture } from './load';

const URL_OF_CHART = new URL('http://127.0.0.1:4173/patients/1013');

function weeklyReading() {
  return readPage(loadFixture('demo', 'chart-weekly-scores.html'), URL_OF_CHART);
}

describe('the reading on the wire', () => {
  it('comes back exactly as it was read, through JSON as extension messages travel', () => {
    const reading = weeklyReading();
    expect(reading.context.scores.length).toBeGreaterThan(50);
    const wire = JSON.parse(JSON.stringify(packReading(reading))) as WireReading;
    expect(unpackReading(wire)).toEqual(reading);
  });

  it('carries each distinct provenance once', () => {
    const reading = weeklyReading();
    const wire = packReading(reading);
    const entries = reading.context.scores.length + reading.context.medications.length;
    expect(wire.provenances.length).toBeLessThan(entries / 10);
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(reading).length * 0.8);
  });

  it('refuses an entry that points at no provenance rather than lose where it came from', () => {
    const wire = packReading(weeklyReading());
    const [first, ...rest] = wire.context.scores;
    if (!first) throw new Error('no scores');
    const broken: WireReading = {
      ...wire,
      context: { ...wire.context, scores: [{ ...first, provenance: 999 }, ...rest] },
    };
    expect(() => unpackReading(broken)).toThrow(/provenance 999/);
  });
});
