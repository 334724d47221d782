// Bundles src/index.ts twice: an ES module for bundlers and a minified IIFE (global `Cpaas`)
// for a plain <script> tag. Type declarations are emitted separately by tsc.
import { build } from 'esbuild';

const common = {
  entryPoints: ['src/index.ts'],
  bundle: true,
  platform: 'browser',
  target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
  sourcemap: true,
  logLevel: 'info',
};

await Promise.all([
  build({ ...common, format: 'esm', outfile: 'dist/index.js' }),
  build({ ...common, format: 'iife', globalName: 'Cpaas', minify: true, outfile: 'dist/cpaas.min.js' }),
]);
