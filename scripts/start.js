#!/usr/bin/env node
// `npm start`: the API and the worker as two processes on one embedded store, stopped together; where no
// Redis is configured or answers on its usual port, a private redis-server for the reminders, for as long as they run.
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, mkdirSync } = require('node:fs');
const net = require('node:net');
const { join, resolve } = require('node:path');

const DEFAULT_REDIS = { host: '127.0.0.1', port: 6379 };

/** Whether a Redis answers PING at host:port within a second. */
const redisAnswers = ({ host, port }) =>
  new Promise((done) => {
    const socket = net.connect({ host, port });
    const finish = (answers) => {
      socket.destroy();
      done(answers);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => finish(data.toString().startsWith('+PONG')));
  });

const freePort = () =>
  new Promise((done, fail) => {
    const server = net.createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

/**
 * A redis-server of our own, on a free local port, keeping nothing on disk: the event log is the record, and
 * the worker puts every reminder job back from it at start. Undefined where no redis-server is installed.
 */
const startPrivateRedis = async (dataDir) => {
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) return undefined;
  const port = await freePort();
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const server = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  for (let waited = 0; waited < 5000; waited += 100) {
    if (await redisAnswers({ host: '127.0.0.1', port })) return { url: `redis://127.0.0.1:${port}`, server };
    await new Promise((done) => setTimeout(done, 100));
  }
  server.kill();
  return undefined;
};

const root = join(__dirname, '..');

const main = async () => {
  // The apps read .env themselves; it is read here too for the Redis to use and the folder of a private one.
  if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
  const env = { ...process.env };
  let redis;
  if (!env.REDIS_URL && !(await redisAnswers(DEFAULT_REDIS))) {
    redis = await startPrivateRedis(resolve(root, env.DATA_DIR || 'data'));
    if (redis) {
      env.REDIS_URL = redis.url;
      console.log(`No Redis answers at redis://127.0.0.1:6379: started a private one for the reminders at ${redis.url}`);
    }
  }

  const apps = [
    { name: 'API', main: 'api' },
    { name: 'worker', main: 'worker' },
  ].map(({ name, main }) => ({
    name,
    child: spawn(process.execPath, [join(root, 'dist', 'apps', main, 'src', 'main.js')], { stdio: 'inherit', env }),
  }));

  let stopping = false;
  // Non-zero where an app ended by itself (the other half alone is no running product) or did not stop cleanly.
  let exitCode = 0;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    apps.forEach(({ child }) => child.exitCode === null && child.kill(signal));
  };

  ['SIGINT', 'SIGTERM'].forEach((signal) => process.on(signal, () => stop(signal)));
  apps.forEach(({ name, child }) =>
    child.on('exit', (code, signal) => {
      if (!stopping) {
        const others = apps.filter((app) => app.child !== child).map((app) => app.name);
        console.error(`The ${name} stopped ${code === null ? `on ${signal}` : `with exit code ${code}`}; stopping the ${others.join(' and ')} too.`);
      }
      if (!stopping || code) exitCode ||= code || 1;
      stop('SIGTERM');
      if (apps.every((app) => app.child.exitCode !== null || app.child.signalCode !== null)) {
        redis?.server.kill();
        process.exit(exitCode);
      }
    }),
  );
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
