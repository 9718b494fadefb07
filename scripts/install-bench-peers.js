// The store benchmark's peer (Emmett's SQLite store, which builds sqlite3 from source) is installed here, on
// the first `npm run bench:store`, rather than by every `npm ci` of the product.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

const peers = resolve(__dirname, '../test/bench/peers');
// BENCH_ONLY without an emmett lane (e.g. "lean,raw,ours") needs no peer.
const only = process.env.BENCH_ONLY?.split(',').map((lane) => lane.trim());
const wantsPeer = !only || only.some((lane) => lane.startsWith('emmett'));
if (wantsPeer && !existsSync(join(peers, 'node_modules', '@event-driven-io', 'emmett-sqlite'))) {
  console.log('Installing the benchmark peer (Emmett) into test/bench/peers, once: about a minute or two');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: peers, stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
