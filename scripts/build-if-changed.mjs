// `npm start`'s prestart: compiles TypeScript only when the sources changed since the last build.
// Plain JavaScript on purpose: it runs before every start, where tsx alone would cost ~0.5 s.
// The stamp (dist/.build-stamp) lists every input's path, size and mtime, so an edited, added or
// deleted source, or a changed tsconfig or dependency lock, triggers `npm run build`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const root = path.resolve(import.meta.dirname, '..');
const stampFile = path.join(root, 'dist', '.build-stamp');

/** @param {string} dir @returns {string[]} */
function files(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : [full];
  });
}

const inputs = [
  ...files(path.join(root, 'src')),
  ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => path.join(root, f)).filter((f) => fs.existsSync(f)),
].sort();
const stamp = inputs
  .map((f) => {
    const s = fs.statSync(f);
    return `${path.relative(root, f)} ${s.size} ${s.mtimeMs}`;
  })
  .join('\n');
const built = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';

if (built === stamp && fs.existsSync(path.join(root, 'dist', 'src', 'server.js'))) {
  process.exit(0);
}
process.stderr.write('prestart: sources changed since the last build, compiling (npm run build)' + '\n');
execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
fs.writeFileSync(stampFile, stamp);
