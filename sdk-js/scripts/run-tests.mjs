// Runs every compiled *.test.js under the given directory with Node's built-in test runner.
// Fails when there is no test file at all, so a broken test build cannot pass silently.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'build-test';

/** @param {string} d @returns {string[]} */
function findTests(d) {
  return readdirSync(d, { withFileTypes: true }).flatMap((entry) => {
    const path = join(d, entry.name);
    if (entry.isDirectory()) return findTests(path);
    return entry.isFile() && entry.name.endsWith('.test.js') ? [path] : [];
  });
}

const files = findTests(dir).sort();
if (files.length === 0) {
  console.error(`run-tests: no *.test.js files found under ${dir}`);
  process.exit(1);
}

const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', ...files], { stdio: 'inherit' });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
