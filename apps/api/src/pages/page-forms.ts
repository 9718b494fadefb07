import { UnsupportedMediaTypeException } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

const API_PREFIX = '/api/';

type Parsed = (error: Error | null, body?: Record<string, string>) => void;

const unsupported = (): Error => new UnsupportedMediaTypeException('API’et læser kun application/json.');

/**
 * A page's form as field → value (a repeated field keeps its last value). Only the pages take forms: under
 * /api a form is refused as before, so a form posted from another site never reaches a command.
 */
export const parsePageForm = (request: FastifyRequest, body: string | Buffer, done: Parsed): void => {
  if (request.url.toLowerCase().startsWith(API_PREFIX)) return done(unsupported());
  done(null, Object.fromEntries(new URLSearchParams(body.toString())));
};
