import { existsSync, readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/** Fastify's entry for a request, as it hands it to a server factory. */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Every interface, as in a container. */
export const API_HOST = '0.0.0.0';

/** The API starts in seconds; a client asks again soon. */
const RETRY_AFTER_SECONDS = 1;
const LIVENESS = /^\/health\/live(\/|\?|$)/i;
const JSON_PATHS = /^\/(api|admin|health)(\/|\?|$)/i;
const PORT = /^\d{1,15}$/;
const MESSAGE = 'API’et starter og svarer om et øjeblik.';
const STARTING_BODY = JSON.stringify({ statusCode: 503, code: 'api.starting', message: MESSAGE });
const LIVE_BODY = JSON.stringify({ status: 'ok', info: { process: { status: 'up' } }, error: {}, details: { process: { status: 'up' } } });
const STARTING_PAGE = `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Vent lidt – systemet starter</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem;"><h1>Vent lidt</h1><p>Systemet starter og er klar om et øjeblik.</p><p>Siden henter sig selv igen.</p></body></html>`;

/** While the app loads, each request gets this: alive to a liveness probe, 503 with Retry-After to everything else. */
const answerStarting: RequestHandler = (request, response) => {
  request.resume();
  const path = request.url ?? '/';
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  if (LIVENESS.test(path)) {
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end(LIVE_BODY);
    return;
  }
  response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  if (JSON_PATHS.test(path)) {
    response.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8' }).end(STARTING_BODY);
    return;
  }
  response.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', Refresh: String(RETRY_AFTER_SECONDS) }).end(STARTING_PAGE);
};

/**
 * The API's port, opened before the application's modules load, so that a client, a load balancer or a
 * supervisor gets an answer within a fraction of a second of the process starting, not a refused
 * connection for the seconds Nest and its dependencies take to load. The same server is then handed to
 * Fastify: there is no moment between the two when the port is closed.
 */
export class FrontDoor {
  private handler: RequestHandler = answerStarting;
  private app: RequestHandler | undefined;
  readonly server: Server = createServer((request, response) => this.handler(request, response));

  private constructor() {}

  /** Listens on port and host, or rejects with the server's error (a port in use: EADDRINUSE). */
  static async open(port: number, host: string): Promise<FrontDoor> {
    const door = new FrontDoor();
    await new Promise<void>((resolve, reject) => {
      door.server.once('error', reject);
      door.server.listen(port, host, () => {
        door.server.off('error', reject);
        resolve();
      });
    });
    return door;
  }

  /** For Fastify's `serverFactory`: keeps Fastify's handler until `handOver`, and gives Fastify this server. */
  readonly serverFactory = (handler: RequestHandler): Server => {
    this.app = handler;
    return this.server;
  };

  /** From now on the application answers every request. */
  handOver(): void {
    if (!this.app) throw new Error('The front door was never given to Fastify as its server factory');
    this.handler = this.app;
  }
}

/**
 * The port the configuration will name, read without loading it: the process's PORT over the project's .env,
 * 3000 where neither sets it. Undefined where PORT is not a port; the configuration then refuses it and says why.
 */
export const configuredPort = (env: NodeJS.ProcessEnv, projectRoot: string): number | undefined => {
  const envFile = join(projectRoot, '.env');
  const value = env.PORT ?? (existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')).PORT : undefined);
  if (value === undefined) return 3000;
  return PORT.test(value) && Number(value) >= 1 && Number(value) <= 65535 ? Number(value) : undefined;
};
