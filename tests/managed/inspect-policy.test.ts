/**
 * `npm run inspect -- FILE --policy POLICY` writes the settings as real Chromium managed policy
 * for the run (root, like any machine-wide policy) and removes it after: a managed-policy test.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspect, managedPolicyFiles, mrnOf, seriesOf } from '../e2e/inspect-run';

describe('npm run inspect --policy', () => {
  it('applies a selector pack given with --policy as real managed policy, and removes it after', async () => {
    const pack = {
      ...JSON.parse(readFileSync(path.resolve('docs/examples/riverbend-pack.json'), 'utf8')),
      matches: ['http://127.0.0.1/riverbend-chart.html'],
    };
    const policyFile = path.join(mkdtempSync(path.join(tmpdir(), 'careside-inspect-')), 'p.json');
    writeFileSync(policyFile, JSON.stringify({ selectorPacks: [JSON.stringify(pack)] }));
    const before = managedPolicyFiles();

    const result = await inspect(
      path.resolve('docs/examples/riverbend-chart.html'),
      '--policy',
      policyFile,
    );

    expect(result.adapter).toBe('riverbend-ehr');
    expect(result.identityConfirmed).toBe(true);
    expect(result.sidebar.patient.name).toBe('Lopez, Ana M');
    expect(result.sidebar.patient.birthDate).toBe('1991-04-17');
    expect(mrnOf(result.sidebar)).toBe('204518');
    expect(result.sidebar.medications.map((medication) => medication.ingredient)).toEqual(
      expect.arrayContaining(['escitalopram', 'hydroxyzine']),
    );
    expect(seriesOf(result.sidebar, 'PHQ-9')).toEqual([
      { date: '2024-01-09', score: 16 },
      { date: '2024-03-05', score: 9 },
    ]);
    expect(result.problems).toEqual([]);
    expect(managedPolicyFiles()).toEqual(before);
    rmSync(path.dirname(policyFile), { recursive: true, force: true });
  });
});
