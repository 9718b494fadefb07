/**
 * The raw peer of `npm run bench:http`: node:http and the SQLite adapter, no Nest. It answers the three
 * measured routes with the work that belongs to them and nothing of a framework: the bearer token checked with
 * the product's own signature, the body parsed, the case's stream read and folded, the decider's CaseProposed
 * appended at the revision read, the details folded as GET /api/cases/:id folds them.
 *
 * Environment: PORT, DATA_DIR, BENCH_TOKEN_SECRET (the secret the bench signed its token with).
 */
import { readToken } from '@app/access';
import { CaseEvent, caseDecider, caseStreamId, isRefusal, ProposeCaseInput } from '@app/domain';
import { SqliteEventStore } from '@app/event-store';
import { evolveCaseDetails } from '@app/read-side';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

const BODY_LIMIT = 1024 * 1024;
const KINDS = new Set(['decision', 'discussion', 'information']);

const port = Number(process.env.PORT);
const dataDir = process.env.DATA_DIR as string;
const secret = process.env.BENCH_TOKEN_SECRET as string;
const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  response.end(text);
};

const signedIn = (request: IncomingMessage): string => {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  const claims = token ? readToken(secret, token, Date.now()) : undefined;
  if (!claims) throw new HttpError(401, 'auth.required');
  return claims.accountId;
};

const jsonBody = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new HttpError(413, 'http.payload_too_large');
    chunks.push(chunk);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // Answered below, as a body that is no object.
  }
  throw new HttpError(400, 'input.invalid');
};

const proposeCase = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
  const userId = signedIn(request);
  const { forumId, title, kind } = await jsonBody(request);
  if (typeof forumId !== 'string' || typeof title !== 'string' || typeof kind !== 'string' || !KINDS.has(kind)) throw new HttpError(400, 'input.invalid');
  const caseId = randomUUID();
  const streamId = caseStreamId(caseId);
  const events = await store.readStream(streamId);
  const state = events.reduce((current, event) => caseDecider.evolve(current, { type: event.type, data: event.data } as CaseEvent), caseDecider.initialState());
  const revision = events.length === 0 ? -1 : events[events.length - 1].revision;
  const decision = caseDecider.decide({ type: 'ProposeCase', caseId, forumId, title, kind: kind as ProposeCaseInput['kind'], now: new Date().toISOString() }, state);
  if (isRefusal(decision)) throw new HttpError(409, decision.code);
  const metadata = { correlationId: randomUUID(), userId };
  const appended = await store.append(
    streamId,
    decision.map(({ type, data }) => ({ type, data, metadata })),
    { expectedRevision: revision === -1 ? 'no_stream' : revision },
  );
  send(response, 201, { id: caseId, revision: appended.nextRevision, position: appended.position });
};

const caseDetails = async (request: IncomingMessage, response: ServerResponse, caseId: string): Promise<void> => {
  signedIn(request);
  const details = (await store.readStream(caseStreamId(caseId))).reduce(evolveCaseDetails, undefined);
  if (!details) throw new HttpError(404, 'case.not_found');
  send(response, 200, details, { ETag: `"${details.revision}"` });
};

const health = async (response: ServerResponse): Promise<void> => {
  send(response, 200, { status: 'ok', eventStore: 'up', head: await store.headPosition() });
};

const route = (request: IncomingMessage, response: ServerResponse): Promise<void> => {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method === 'POST' && path === '/api/cases') return proposeCase(request, response);
  const caseId = request.method === 'GET' ? /^\/api\/cases\/([^/]+)$/.exec(path)?.[1] : undefined;
  if (caseId) return caseDetails(request, response, decodeURIComponent(caseId));
  if (request.method === 'GET' && path === '/health') return health(response);
  throw new HttpError(404, 'route.not_found');
};

const server = createServer((request, response) => {
  Promise.resolve()
    .then(() => route(request, response))
    .catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      send(response, status, { statusCode: status, code: error instanceof HttpError ? error.code : 'internal' });
    });
});

server.listen(port, () => process.send?.({ listening: port }));

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void store.close().then(() => process.exit(0));
});
