#!/usr/bin/env node
// `npm start`: the API and the worker as two processes on one embedded store, stopped together.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const apps = ['api', 'worker'].map((name) =>
  spawn(process.execPath, [join(__dirname, '..', 'dist', 'apps', name, 'src', 'main.js')], { stdio: 'inherit', env: process.env }),
);

let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  apps.forEach((child) => child.exitCode === null && child.kill(signal));
};

['SIGINT', 'SIGTERM'].forEach((signal) => process.on(signal, () => stop(signal)));
apps.forEach((child) =>
  child.on('exit', (code) => {
    stop('SIGTERM');
    if (apps.every((other) => other.exitCode !== null || other.signalCode !== null)) process.exit(code ?? 0);
  }),
);
