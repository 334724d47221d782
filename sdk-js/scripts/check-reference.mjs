// Fails when reference/ (the API reference generated from the types by TypeDoc) is not what the
// current sources generate: run `npm run reference` and commit the result.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const fresh = mkdtempSync(join(tmpdir(), 'sdk-reference-'));
try {
  execFileSync('npx', ['typedoc', '--out', fresh, '--logLevel', 'Error'], { stdio: 'inherit' });
  const files = (dir) => readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
  const listed = (dir) => new Map(files(dir).map((path) => [relative(dir, path), readFileSync(path, 'utf8')]));
  const [expected, committed] = [listed(fresh), listed('reference')];
  const stale = [...new Set([...expected.keys(), ...committed.keys()])].filter((name) => expected.get(name) !== committed.get(name));
  if (stale.length > 0) {
    console.error(`reference/ is out of date (${stale.length} files differ, e.g. ${stale.slice(0, 3).join(', ')}): run npm run reference`);
    process.exit(1);
  }
  console.log(`reference/ matches the types (${expected.size} files)`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
