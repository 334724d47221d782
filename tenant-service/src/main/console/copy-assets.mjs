// Installs the console's browser libraries from package-lock.json (once) and copies the files the
// console serves into the build output given as the only argument. Run by Maven (generate-resources).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const target = process.argv[2];
if (!target) {
  console.error('usage: node copy-assets.mjs <target folder>');
  process.exit(2);
}
const locked = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages['node_modules/chart.js'].version;
const installed = existsSync('node_modules/chart.js/package.json')
  ? JSON.parse(readFileSync('node_modules/chart.js/package.json', 'utf8')).version : null;
if (installed !== locked) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
}
mkdirSync(target, { recursive: true });
copyFileSync('node_modules/chart.js/dist/chart.umd.min.js', join(target, 'chart.umd.min.js'));
copyFileSync('node_modules/chart.js/LICENSE.md', join(target, 'chart.js-LICENSE.md'));
