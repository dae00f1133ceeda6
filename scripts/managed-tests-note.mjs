// `npm test` leaves out the tests that write a browser's enterprise policy into a system folder
// (they need root, and every browser on the machine reads that folder while they run), and the
// benchmark's smoke test (two minutes, off the critical path); say so. CI runs both (.ci/run).
console.log(
  'Left out: the managed-policy tests (Chromium and Firefox enterprise policy; need root). Run them with: sudo npm run test:managed',
);
console.log('Left out: the benchmark smoke test. Run it with: npm run test:bench-smoke');
