import { AccessService, bearerOf, forbidden, signInRequired } from '@app/access';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { ProjectionRunner } from '@app/read-side';
import { RemindersStatus } from '@app/workflows';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { refuseDeepBodies } from './http/body-depth';
import { ErrorsFilter } from './http/errors.filter';
import { ReadAfterInterceptor } from './http/read-after';
import { validationPipe } from './http/validation.pipe';

const BODY_LIMIT = '1mb';
const QUEUE_VIEW_PATH = '/admin/queues';
const IMPORT_BODY_LIMIT = '4mb';

/**
 * The reminder queue as the secretariat can watch it, under /admin/queues, where QUEUE_VIEW=1 and the
 * reminders run. It is mounted beside Nest's routes, so the global guard does not see it: it asks here.
 */
const mountQueueView = (app: INestApplication): void => {
  const queue = app.get(RemindersStatus).queue;
  if (!queue) return;
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_VIEW_PATH);
  createBullBoard({ queues: [new BullMQAdapter(queue.queue)], serverAdapter });
  const access = app.get(AccessService);
  const secretariatOnly = (request: Request, response: Response, next: NextFunction): void => {
    const token = bearerOf(request.header('authorization'));
    const principal = token ? access.authenticate(token) : undefined;
    const denied = !principal ? signInRequired() : principal.role !== 'secretariat' ? forbidden() : undefined;
    if (!denied) return next();
    if (denied.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(denied.status).json({ statusCode: denied.status, code: denied.code, message: denied.message });
  };
  app.use(QUEUE_VIEW_PATH, secretariatOnly, serverAdapter.getRouter());
};

/** Everything main.ts does to the app besides listening, so the end-to-end tests run the same app. */
export const configureApi = (app: INestApplication): INestApplication => {
  (app as NestExpressApplication).disable('x-powered-by');
  app.use(helmet());
  // Only minutes are long: their route takes a body that holds the longest minutes read (written out as JSON,
  // æøå and escapes included); every other body is far below a megabyte.
  app.use('/api/imports', json({ limit: IMPORT_BODY_LIMIT }));
  (app as NestExpressApplication).useBodyParser('json', { limit: BODY_LIMIT });
  app.use(refuseDeepBodies);
  mountQueueView(app);
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ErrorsFilter());
  app.useGlobalInterceptors(new ReadAfterInterceptor(app.get(ProjectionRunner)));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Beslutningsopfølgning – Rammeaftale Sjælland')
      .setDescription('Commands and queries of the decision follow-up engine. Errors: { statusCode, code, message, details? }.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
};
