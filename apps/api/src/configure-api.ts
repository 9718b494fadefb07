import { AccessService, bearerOf, forbidden, signInRequired } from '@app/access';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as QueueViewAdapter } from '@bull-board/fastify';
import { ProjectionRunner } from '@app/read-side';
import { RemindersStatus } from '@app/workflows';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions, HookHandlerDoneFunction, RawServerDefault } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import { refuseDeepBodies } from './http/body-depth';
import { parsePageForm } from './pages/page-forms';
import { answerNotModified } from './http/conditional-get';
import { logEachAnswer } from './http/access-log';
import { answerWhileCatchingUp } from './http/catching-up';
import { platformErrorBody } from './http/error-body';
import { documentEveryOperation } from './http/api-docs';
import { ErrorsFilter } from './http/errors.filter';
import { ReadAfterPipe } from './http/read-after';
import { requestIdOf } from './http/request-id';
import { setSecurityHeaders } from './http/security-headers';
import { validationPipe } from './http/validation.pipe';

const BODY_LIMIT = 1024 * 1024;
const QUEUE_VIEW_PATH = '/admin/queues';
const IMPORTS_PATH = '/api/imports';
const IMPORT_BODY_LIMIT = 4 * 1024 * 1024;

const withSecurityHeaders = (_request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
  setSecurityHeaders(reply.raw);
  done();
};

/** The HTTP platform under the API, with what every route shares; main.ts gives it the server its front door opened. */
export const httpAdapter = (server: Pick<FastifyServerOptions, 'serverFactory'> = {}): FastifyAdapter =>
  new FastifyAdapter({
    ...server,
    bodyLimit: BODY_LIMIT,
    genReqId: (request: IncomingMessage) => requestIdOf(request),
    // The validation pipe refuses the prototype keys by name, with the API's error body, so a form body keeps them.
    onProtoPoisoning: 'ignore',
    // Paths as clients have always written them: "/api/forums/" and "/API/forums" are "/api/forums"; the signed
    // link in an e-mail is one path segment of a few hundred characters, past the router's default of 100.
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 2048 },
    // The router refuses a URL it cannot decode before any hook runs, so the answer gets its headers and the
    // API's error body here.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const statusCode = error.statusCode ?? 400;
      requestIdOf(request.raw, reply.raw);
      setSecurityHeaders(reply.raw);
      void reply.code(statusCode).send(platformErrorBody(statusCode));
    },
  });

/**
 * The reminder queue as the secretariat can watch it, under /admin/queues, where QUEUE_VIEW=1 and the
 * reminders run. It is a plugin beside Nest's routes, so the global guard does not see it: it asks here.
 */
const mountQueueView = (app: NestFastifyApplication): void => {
  const queue = app.get(RemindersStatus).queue;
  if (!queue) return;
  const serverAdapter = new QueueViewAdapter();
  serverAdapter.setBasePath(QUEUE_VIEW_PATH);
  createBullBoard({ queues: [new BullMQAdapter(queue.queue)], serverAdapter });
  const access = app.get(AccessService);
  const secretariatOnly = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerOf(request.headers.authorization);
    const principal = token ? access.authenticate(token) : undefined;
    const denied = !principal ? signInRequired() : principal.role !== 'secretariat' ? forbidden() : undefined;
    if (!denied) return;
    if (denied.status === 401) reply.header('WWW-Authenticate', 'Bearer');
    await reply.code(denied.status).send({ statusCode: denied.status, code: denied.code, message: denied.message });
  };
  void app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', secretariatOnly);
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_VIEW_PATH });
  });
};

/** Everything main.ts does to the app besides listening, so the end-to-end tests run the same app. */
export const configureApi = (app: NestFastifyApplication): NestFastifyApplication => {
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  // Every answer names its request, also those no route gives (the queue view, a URL the router refuses).
  fastify.addHook('onRequest', (request, reply, done) => {
    requestIdOf(request.raw, reply.raw);
    done();
  });
  fastify.addHook('onRequest', withSecurityHeaders);
  fastify.addHook('onResponse', logEachAnswer(app.get(Logger)));
  fastify.addHook('onRequest', answerWhileCatchingUp(app.get(ProjectionRunner)));
  // Only minutes are long: their routes take a body that holds the longest minutes read (written out as JSON,
  // æøå and escapes included); every other body is far below a megabyte.
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith(IMPORTS_PATH)) route.bodyLimit = IMPORT_BODY_LIMIT;
  });
  // Prototype keys are kept for the validation pipe to refuse by name; an empty body is no body, as a command
  // without fields may be sent with a JSON Content-Type and nothing else.
  const parseJson = fastify.getDefaultJsonParser('ignore', 'ignore');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit: BODY_LIMIT }, (request, body, done) => (body.length === 0 ? done(null, undefined) : parseJson(request, body.toString('utf8'), done)));
  // The pages' forms post form-encoded bodies; the API reads JSON alone, so a form from anywhere gets a 415 there.
  app.useBodyParser<RawServerDefault>('application/x-www-form-urlencoded', { bodyLimit: BODY_LIMIT }, parsePageForm);
  void app.register(fastifyCookie);
  // Minutes as a file, for POST /api/imports/file: one file, as large as the body a minutes route takes.
  void app.register(multipart as unknown as Parameters<NestFastifyApplication['register']>[0], { limits: { fileSize: IMPORT_BODY_LIMIT, files: 1, fields: 10 }, throwFileSizeLimit: true });
  fastify.addHook('preValidation', refuseDeepBodies);
  fastify.addHook('onSend', answerNotModified);
  mountQueueView(app);
  app.useGlobalPipes(validationPipe(), new ReadAfterPipe(app.get(ProjectionRunner)));
  app.useGlobalFilters(new ErrorsFilter());
  app.enableShutdownHooks();
  // Made on the first request for it, not at every start: walking every route's metadata holds up the start.
  const document = () =>
    documentEveryOperation(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('Beslutningsopfølgning – Rammeaftale Sjælland')
          .setDescription('Commands and queries of the decision follow-up engine. Errors: { statusCode, code, message, details? }.')
          .setVersion('1')
          .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A token from POST /api/auth/token' }, 'bearer')
          .build(),
      ),
    );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
};
