import { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { InvalidInputError } from './invalid-input.error';

/**
 * How deep a JSON body may nest objects and arrays. The deepest body of a command has three levels (a
 * follow-up's owners); a few thousand overflow the stack of class-transformer and of JSON.stringify.
 */
export const MAX_BODY_DEPTH = 32;

/** Walked with a stack of its own, as the body may be nested far deeper than the call stack allows. */
const nestedDeeperThan = (body: unknown, limit: number): boolean => {
  const stack: [unknown, number][] = [[body, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [value, depth] = next;
    if (value === null || typeof value !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
};

/**
 * Refuses a body nested deeper than MAX_BODY_DEPTH as soon as it is parsed: the idempotency hash and the
 * validation walk it by recursion, before any rule of a field could refuse it.
 */
export const refuseDeepBodies = (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
  if (!nestedDeeperThan(request.body, MAX_BODY_DEPTH)) return done();
  done(new InvalidInputError([{ field: 'body', reason: `body må højst indlejre objekter og lister ${MAX_BODY_DEPTH} niveauer dybt` }]));
};
