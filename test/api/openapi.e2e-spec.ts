import { ApiUnderTest, startApi } from './api-under-test';

type Schema = Record<string, unknown>;
type Example = { statusCode: number; code: string; message: string };
interface Response {
  description: string;
  content?: Record<string, { schema?: Schema; example?: Example; examples?: Record<string, { value: Example }> }>;
  headers?: Record<string, unknown>;
}
interface Operation {
  summary?: string;
  parameters?: { name: string; in: string }[];
  responses: Record<string, Response>;
  security?: Record<string, string[]>[];
}
type Document = { paths: Record<string, Record<string, Operation>>; components: { securitySchemes?: Record<string, { scheme?: string }> } };

/** Routes open without a token; every other route under /api answers 401 without one. */
const PUBLIC = [/^\/health/, /^\/api\/auth\/token$/];
const isPublic = (path: string): boolean => PUBLIC.some((pattern) => pattern.test(path));
/** Commands read If-Match and Idempotency-Key; signing in is no command. */
const isCommand = (method: string, path: string): boolean => method === 'post' && path !== '/api/auth/token';

const examplesOf = (response: Response): Example[] =>
  Object.values(response.content ?? {}).flatMap((media) => [...(media.example ? [media.example] : []), ...Object.values(media.examples ?? {}).map((each) => each.value)]);

/**
 * The OpenAPI document against the routes the app registered: every operation under /api and /health has a
 * summary, a schema for its answer, a true example of each error it can give, and the headers it honours.
 */
describe('OpenAPI document', () => {
  let api: ApiUnderTest;
  let document: Document;
  let operations: { method: string; path: string; docPath: string; operation: Operation }[];

  beforeAll(async () => {
    api = await startApi();
    document = (await api.http().get('/api/docs-json').expect(200)).body as Document;
    operations = api.routes
      .filter(({ path }) => (path.startsWith('/api/') || path.startsWith('/health')) && !path.startsWith('/api/docs'))
      .map(({ method, path }) => {
        const docPath = path.replace(/:([A-Za-z]+)/g, '{$1}');
        return { method, path, docPath, operation: document.paths[docPath]?.[method] };
      });
  });
  afterAll(() => api.close());

  it('walks the routes: there are some, and the document has each and nothing else', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.filter(({ operation }) => !operation).map(({ method, path }) => `${method} ${path}`)).toEqual([]);
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    expect(documented.sort()).toEqual(operations.map(({ method, docPath }) => `${method} ${docPath}`).sort());
  });

  it('gives every operation a summary in plain words and a schema of its answer', () => {
    for (const { method, path, operation } of operations) {
      expect({ route: `${method} ${path}`, summary: operation.summary }).toEqual({ route: `${method} ${path}`, summary: expect.stringMatching(/^[A-Z][a-z]+( \S+){2,}/) });
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      expect({ route: `${method} ${path}`, success: success.length }).toEqual({ route: `${method} ${path}`, success: 1 });
      const [, answer] = success[0];
      const schemas = Object.values(answer.content ?? {}).map((media) => media.schema);
      expect({ route: `${method} ${path}`, schemas: schemas.length > 0 && schemas.every(Boolean) }).toEqual({ route: `${method} ${path}`, schemas: true });
    }
  });

  it('gives every error each route can answer, each with a true example of the error body', () => {
    for (const { method, path, operation } of operations) {
      const route = `${method} ${path}`;
      const errors = Object.keys(operation.responses).filter((status) => /^[45]/.test(status));
      const expected = [...(isPublic(path) ? [] : ['401', '403']), ...(path.startsWith('/health') ? [] : ['400']), ...(isCommand(method, path) ? ['412', '413', '415', '422', '503'] : [])];
      if (method === 'get' && !path.startsWith('/health')) expected.push('503');
      if (path.includes(':id')) expected.push('404');
      expect({ route, missing: expected.filter((status) => !errors.includes(status)) }).toEqual({ route, missing: [] });
      for (const status of errors) {
        const examples = examplesOf(operation.responses[status]);
        if (path.startsWith('/health')) continue;
        expect({ route, status, examples: examples.length > 0 }).toEqual({ route, status, examples: true });
        for (const example of examples) {
          expect({ route, example }).toEqual({ route, example: expect.objectContaining({ statusCode: Number(status), code: expect.stringMatching(/^[a-z]+(_[a-z]+)*(\.[a-z0-9]+(_[a-z0-9]+)*)+$/), message: expect.any(String) }) });
        }
      }
      if (errors.includes('503')) expect({ route, retryAfter: 'Retry-After' in (operation.responses['503'].headers ?? {}) }).toEqual({ route, retryAfter: true });
    }
  });

  it('declares bearer auth, and needs it on every route but the open ones', () => {
    expect(document.components.securitySchemes?.bearer).toMatchObject({ scheme: 'bearer' });
    for (const { method, path, operation } of operations) {
      expect({ route: `${method} ${path}`, security: operation.security }).toEqual({ route: `${method} ${path}`, security: isPublic(path) ? [] : [{ bearer: [] }] });
    }
  });

  it('names If-Match and Idempotency-Key on the commands alone, and X-Request-Id everywhere', () => {
    for (const { method, path, operation } of operations) {
      const headers = (operation.parameters ?? []).filter((parameter) => parameter.in === 'header').map((parameter) => parameter.name);
      const expected = isCommand(method, path) ? ['If-Match', 'Idempotency-Key', 'X-Request-Id'] : ['X-Request-Id'];
      expect({ route: `${method} ${path}`, headers: headers.sort() }).toEqual({ route: `${method} ${path}`, headers: expected.sort() });
    }
  });

  it('documents the status a command answers with and the query parameters a list takes', () => {
    expect(Object.keys(document.paths['/api/meetings'].post.responses)).toContain('201');
    expect(Object.keys(document.paths['/api/meetings/{id}/cancel'].post.responses)).toContain('200');
    const meetingQuery = (document.paths['/api/meetings'].get.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
    expect(meetingQuery.sort()).toEqual(['after', 'cursor', 'forumId', 'from', 'limit', 'to']);
    const caseQuery = (document.paths['/api/cases'].get.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
    expect(caseQuery.sort()).toEqual(['after', 'aged', 'cursor', 'forumId', 'limit', 'q', 'stage', 'standing', 'status']);
  });

  it('documents the 401 and the 404 each route really answers', async () => {
    for (const { method, path, operation } of operations) {
      if (method !== 'get') continue;
      const url = path.replace(/:[A-Za-z]+/g, 'ukendt-id');
      if (!isPublic(path)) {
        const anonymous = await api.http().set('Authorization', '').get(url);
        expect({ url, status: anonymous.status, documented: examplesOf(operation.responses['401']).map((example) => example.code) }).toEqual({ url, status: 401, documented: [anonymous.body.code] });
      }
      if (path.includes(':id')) {
        const unknown = await api.http().get(url);
        expect({ url, status: unknown.status, documented: examplesOf(operation.responses['404']).map((example) => example.code).includes(unknown.body.code) }).toEqual({ url, status: 404, documented: true });
      }
    }
  });
});
