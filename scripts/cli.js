#!/usr/bin/env node
// `npm run cli -- <command>` (and `npm run import -- <file>`): the command line as built into dist/, so it runs
// where only the production dependencies are installed. In a checkout whose sources are newer than the build,
// it builds first, as `npm start` does.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
const sources = ['apps', 'libs'].map((folder) => join(root, folder)).filter(existsSync);

const newestChange = (folder) =>
  readdirSync(folder, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(folder, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }, 0);

const stale = () => !existsSync(entry) || (sources.length > 0 && Math.max(...sources.map(newestChange)) > statSync(entry).mtimeMs);

if (stale()) {
  if (sources.length === 0) {
    console.error(`${entry} is missing and there are no sources to build it from.`);
    process.exit(1);
  }
  console.error('Building the command line first (npm run build)...');
  // The compiler's messages go to stderr: stdout is the command's own (a token, a --json report).
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const cli = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(cli.status ?? 1);
