/** The single-page gallery EHRs' scripts, bundled with esbuild once per process. */
import { build } from 'esbuild';

const bundles = new Map<string, Promise<string>>();

export function bundle(entry: string): Promise<string> {
  let pending = bundles.get(entry);
  if (!pending) {
    pending = build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'iife',
      minify: true,
      target: 'chrome120',
      jsx: 'automatic',
      jsxImportSource: 'react',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0]?.text ?? '');
    bundles.set(entry, pending);
  }
  return pending;
}
