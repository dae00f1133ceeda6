import { defineContentScript } from '#imports';
import { startFrameReporter } from './reporter';

/**
 * The subframe side of an EHR built from frames: it reads the frame's document and reports what
 * it shows; the background joins it to the top document's patient or holds it back. No UI code:
 * the sidebar mounts in the top frame only (entrypoints/ehr.content).
 */
export default defineContentScript({
  // The bundled demo EHR, on any loopback port (its second origin included); clinic origins are
  // registered at runtime (entrypoints/background/origins.ts).
  matches: ['http://127.0.0.1/*'],
  allFrames: true,
  // about:blank and srcdoc frames of an enabled origin, which old EHRs fill from script.
  matchAboutBlank: true,
  matchOriginAsFallback: { chrome: true, edge: true },
  runAt: 'document_end',
  async main(ctx) {
    // The browser injects this script into the top document too (the manifest has no "subframes
    // only"). It carries only the identity half of the readers, whose set-up is a few regular
    // expressions and label sets; the section readers, whose vocabulary tables once cost the top
    // document ≈ 40 ms here, are loaded by a subframe that needs one (sections/loader.ts).
    if (window.top === window) return;
    void startFrameReporter(ctx);
  },
});
