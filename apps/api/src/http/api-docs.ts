import { applyDecorators, HttpStatus, Type } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, OpenAPIObject } from '@nestjs/swagger';
import { CommandResultDto } from './command-result.dto';
import { ErrorBody, platformErrorBody, RETRY_AFTER_SECONDS } from './error-body';
import { REQUEST_ID_HEADER } from './request-id';

type Example = Omit<ErrorBody, 'statusCode'>;
type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;
type ResponseObject = { headers?: Record<string, unknown> };

/** The answers every route may give, as the errors filter writes them. */
const COMMON = {
  invalid: {
    code: 'input.invalid',
    message: 'Ugyldige oplysninger i forespørgslen.',
    details: [{ field: 'startsAt', reason: 'startsAt skal være et tidspunkt efter ISO 8601 med tidszone, fx 2025-08-08T11:00:00+02:00' }],
  },
  signIn: { code: 'auth.required', message: 'Log ind først: send Authorization: Bearer <token>.' },
  forbidden: { code: 'auth.forbidden', message: 'Din rolle giver ikke adgang til dette.' },
  stale: { code: 'revision.stale', message: 'Revisionen er 4, ikke 3: nogen har ændret den imens. Hent den igen.' },
  keyReused: { code: 'idempotency.key_reused', message: 'Idempotency-Key er allerede brugt til en anden forespørgsel.' },
  storageFull: { code: 'storage.full', message: 'Der er ikke plads på disken til flere hændelser, så intet blev gemt. Prøv igen, når der er gjort plads.' },
  behind: { code: 'read_models.behind', message: 'Visningerne er endnu ikke opdateret til position 1205 (nået: 1204). Prøv igen om lidt.' },
  catchingUp: { code: 'read_models.catching_up', message: 'Systemet er netop startet og indlæser sine data. Prøv igen om lidt.' },
} satisfies Record<string, Example>;

/** The refusals routes document, with the sentences the rules give (ids filled in as an example). */
const REFUSALS: Record<string, string> = {
  'account.disabled': 'Kontoen er lukket.',
  'account.exists': 'Der findes allerede en konto med den e-mailadresse.',
  'account.no_forum': 'En formand eller et medlem skal høre til mindst ét forum.',
  'account.not_found': 'Kontoen findes ikke.',
  'account.unknown_forum': 'Forummet findes ikke: k99',
  'case.already_decided': 'Sagen er allerede besluttet i dette forum.',
  'case.already_exists': 'Sagen findes allerede.',
  'case.already_forwarded': 'Sagen venter allerede i forummet k17.',
  'case.already_scheduled': 'Sagen er allerede på dagsordenen for det møde.',
  'case.closed': 'Sagen er afsluttet.',
  'case.forward_to_same_forum': 'En sag kan ikke videresendes til sit eget forum.',
  'case.not_found': 'Sagen styregruppen-2025-08-08-punkt-3 findes ikke.',
  'case.not_in_forum': 'Sagen er hverken rejst i eller videresendt til dette forum.',
  'case.not_on_meeting': 'Sagen er ikke på dagsordenen for det møde.',
  'case.other_forum': 'Sagen kan kun udsættes til et møde i samme forum.',
  'case.same_meeting': 'Sagen kan ikke udsættes til det samme møde.',
  'case.withdrawn': 'Sagen er trukket tilbage.',
  'follow_up.already_exists': 'Opfølgningen findes allerede.',
  'follow_up.cancelled': 'Opfølgningen er annulleret.',
  'follow_up.done': 'Opfølgningen er allerede udført.',
  'follow_up.due_in_past': 'Fristen for en opfølgning kan ikke ligge i fortiden.',
  'follow_up.no_owner': 'En opfølgning skal have mindst én ansvarlig.',
  'follow_up.not_found': 'Opfølgningen 0196a1b2-0000-7000-8000-000000000002 findes ikke.',
  'follow_up.two_dues': 'Angiv enten en dato eller et møde som frist, ikke begge.',
  'follow_up.unchanged': 'Opfølgningen har allerede den frist.',
  'forum.not_found': 'Forummet k99 findes ikke.',
  'import.committed': 'Referatet er allerede importeret.',
  'import.not_found': 'Importen 0196a1b2-0000-7000-8000-000000000003 findes ikke.',
  'meeting.already_exists': 'Mødet findes allerede.',
  'meeting.cancelled': 'Mødet er aflyst.',
  'meeting.held': 'Mødet er allerede afholdt.',
  'meeting.in_past': 'Et møde kan ikke flyttes til et tidspunkt, der er gået.',
  'meeting.invalid_times': 'Mødet skal slutte efter det begynder.',
  'meeting.not_found': 'Mødet styregruppen-2025-08-08 findes ikke.',
  'meeting.not_started': 'Mødet er ikke begyndt endnu.',
  'meeting.past': 'Mødet er allerede afholdt eller begyndt.',
  'meeting.unchanged': 'Mødet ligger allerede på det tidspunkt.',
};

/** The examples of these refusal codes. */
export const refusals = (...codes: string[]): Example[] =>
  codes.map((code) => {
    const message = REFUSALS[code];
    if (message === undefined) throw new Error(`No example of the refusal ${code}`);
    return { code, message };
  });

export const RETRY_AFTER = { 'Retry-After': { description: `Seconds to wait before asking again (${RETRY_AFTER_SECONDS})`, schema: { type: 'integer' } } };

const errorResponse = (status: number, description: string, examples: Example[]): MethodDecorator =>
  ApiResponse({
    status,
    description,
    type: ErrorBody,
    ...(status === HttpStatus.SERVICE_UNAVAILABLE && { headers: RETRY_AFTER }),
    ...(examples.length === 1
      ? { example: { statusCode: status, ...examples[0] } }
      : { examples: Object.fromEntries(examples.map((example) => [example.code, { summary: example.code, value: { statusCode: status, ...example } }])) }),
  });

export interface ErrorsOf {
  /** The ids the route looks up: 404 with these codes. */
  notFound?: string[];
  /** The illegal moves the route refuses: 409 with these codes. */
  conflicts?: string[];
  /** Answers of the route's own beyond those its kind gives. */
  more?: { status: number; description: string; examples: Example[] }[];
  /** Open without sign-in: no 401 or 403. */
  open?: boolean;
}

const errorsOf = (kind: 'command' | 'query', errors: ErrorsOf): MethodDecorator[] => [
  errorResponse(400, kind === 'command' ? 'A field of the body, a header or the id is invalid: `details` names each and why' : 'A query parameter is invalid: `details` names each and why', [COMMON.invalid]),
  ...(errors.open ? [] : [errorResponse(401, 'No valid token', [COMMON.signIn]), errorResponse(403, 'The role, or the forums of the account, do not allow it', [COMMON.forbidden])]),
  ...(errors.notFound ? [errorResponse(404, 'Unknown id', refusals(...errors.notFound))] : []),
  ...(errors.conflicts ? [errorResponse(409, 'Refused by the rules: nothing was appended', refusals(...errors.conflicts))] : []),
  ...(kind === 'command'
    ? [
        errorResponse(412, 'If-Match named a revision the stream has moved on from', [COMMON.stale]),
        errorResponse(413, 'The body is larger than allowed', [platformErrorBody(413)]),
        errorResponse(415, 'The body is of a type the API does not read', [platformErrorBody(415)]),
        errorResponse(422, 'The Idempotency-Key was used for another request', [COMMON.keyReused]),
        errorResponse(503, "The event store's disk is full, or the read models are still catching up after a start: nothing was appended", [COMMON.storageFull, COMMON.catchingUp]),
      ]
    : [errorResponse(503, 'The read models did not reach `?after=` in time, or are still catching up after a start', [COMMON.behind, COMMON.catchingUp])]),
  ...(errors.more ?? []).map(({ status, description, examples }) => errorResponse(status, description, examples)),
];

const IF_MATCH = ApiHeader({ name: 'If-Match', required: false, description: 'Carry the command out only at this revision of the stream, e.g. "3" (412 otherwise)' });
const IDEMPOTENCY_KEY = ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key answers as the first time and appends nothing (422 when the key was used for another request)' });

/** A command: its summary, its success (201 for one that creates), the headers it honours, and every error it can answer. */
export const CommandDoc = (options: { summary: string; description?: string; created?: boolean; result?: Type<unknown>; resultDescription?: string } & ErrorsOf): MethodDecorator =>
  applyDecorators(
    ApiOperation({ summary: options.summary, description: options.description }),
    ApiResponse({ status: options.created ? 201 : 200, type: options.result ?? CommandResultDto, description: options.resultDescription ?? (options.created ? 'Created' : 'Carried out') }),
    IF_MATCH,
    IDEMPOTENCY_KEY,
    ...errorsOf('command', options),
  );

/** A query: its summary, its answer, and every error it can give. */
export const QueryDoc = (options: { summary: string; description?: string; type: Type<unknown> | [Type<unknown>] | string; produces?: string } & ErrorsOf): MethodDecorator =>
  applyDecorators(
    ApiOperation({ summary: options.summary, description: options.description }),
    typeof options.type === 'string'
      ? ApiResponse({ status: 200, description: options.type, content: { [options.produces ?? 'text/plain']: { schema: { type: 'string' } } } })
      : ApiResponse({ status: 200, type: options.type, description: 'Found' }),
    ...errorsOf('query', options),
  );

/**
 * What holds for every operation, so no route can leave it out: X-Request-Id is taken and answered everywhere,
 * and an operation is open where it does not ask for the bearer token.
 */
export const documentEveryOperation = (document: OpenAPIObject): OpenAPIObject => {
  for (const path of Object.values(document.paths)) {
    for (const value of Object.values(path)) {
      if (typeof value !== 'object' || value === null || !('responses' in value)) continue;
      const operation = value as OperationObject;
      operation.parameters = [
        ...(operation.parameters ?? []),
        { name: REQUEST_ID_HEADER, in: 'header', required: false, description: 'Names the request in the log and as the correlation id of the events it appends; made where absent', schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,200}$' } },
      ];
      for (const response of Object.values(operation.responses) as ResponseObject[]) {
        response.headers = { ...response.headers, [REQUEST_ID_HEADER]: { description: 'The id of the request', schema: { type: 'string' } } };
      }
      // Open where no @ApiBearerAuth() asks for the token: the document says so outright instead of leaving it out.
      operation.security ??= [];
    }
  }
  return document;
};
