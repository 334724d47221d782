// Removes the given directories (relative to the package root), if present.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const dir of process.argv.slice(2)) {
  rmSync(resolve(root, dir), { recursive: true, force: true });
}
