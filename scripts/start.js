#!/usr/bin/env node
// `npm start`: the API and the worker as two processes on one embedded store, stopped together.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const apps = [
  { name: 'API', main: 'api' },
  { name: 'worker', main: 'worker' },
].map(({ name, main }) => ({
  name,
  child: spawn(process.execPath, [join(__dirname, '..', 'dist', 'apps', main, 'src', 'main.js')], { stdio: 'inherit', env: process.env }),
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
    if (apps.every((app) => app.child.exitCode !== null || app.child.signalCode !== null)) process.exit(exitCode);
  }),
);
