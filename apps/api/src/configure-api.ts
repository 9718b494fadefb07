import { ProjectionRunner } from '@app/read-side';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { refuseDeepBodies } from './http/body-depth';
import { ErrorsFilter } from './http/errors.filter';
import { ReadAfterInterceptor } from './http/read-after';
import { validationPipe } from './http/validation.pipe';

/** Everything main.ts does to the app besides listening, so the end-to-end tests run the same app. */
export const configureApi = (app: INestApplication): INestApplication => {
  // Minutes run to a few hundred kilobytes; the import refuses what is larger than any minutes, with a reason.
  (app as NestExpressApplication).useBodyParser('json', { limit: '20mb' });
  app.use(refuseDeepBodies);
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
