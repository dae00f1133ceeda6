/**
 * Imported first by the content script, so that `careside:start` marks the moment the browser
 * starts running it — before the rest of the bundle's modules are evaluated, not after — on the
 * page's performance timeline, for `npm run bench` (a name only, nothing of the patient). Demo and
 * test builds only: a release marks nothing (utils/build-variant.ts).
 */
import { benchMark } from '../../utils/build-variant';

benchMark('start');
