/**
 * `npm run bench`: builds the extension, runs the performance suite in headless Chromium against
 * the demo EHR, prints a table and writes bench/results.json. `--runs N` changes the repetitions,
 * `--no-build` measures the demo build already in .output/demo/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { FULL_RUN, formatTable, runBench } from './bench/run';

const args = process.argv.slice(2);
const runsIndex = args.indexOf('--runs');
const runs = runsIndex >= 0 ? Number(args[runsIndex + 1]) : FULL_RUN.runs;
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs needs a whole number of at least 1');
  process.exit(2);
}

if (!args.includes('--no-build')) {
  // The demo build: the release's code with the demo EHR's match and the `careside:*` marks.
  execFileSync('npx', ['wxt', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CARESIDE_BUILD: 'demo' },
  });
}

const results = await runBench({ ...FULL_RUN, runs });
console.log(formatTable(results));
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('\nbench/results.json written');
