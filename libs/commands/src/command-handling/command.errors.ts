import { Refusal } from '@app/domain';

/** The domain said no: an illegal move (HTTP 409). */
export class CommandRefusedError extends Error {
  override readonly name = 'CommandRefusedError';
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
  get code(): string {
    return this.refusal.code;
  }
}

/** The command names a case, meeting or follow-up that does not exist (HTTP 404). */
export class UnknownIdError extends Error {
  override readonly name = 'UnknownIdError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The command's input names something that is not there, such as an unknown forum (HTTP 400). */
export class InvalidCommandError extends Error {
  override readonly name = 'InvalidCommandError';
  constructor(readonly details: { field: string; reason: string }[]) {
    super(details.map(({ field, reason }) => `${field}: ${reason}`).join('; '));
  }
}

/** `If-Match` named a revision the stream has moved past (HTTP 412). */
export class StaleRevisionError extends Error {
  override readonly name = 'StaleRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`Revisionen er ${actual}, ikke ${expected}: nogen har ændret den imens. Hent den igen.`);
  }
}

/** An `Idempotency-Key` already used for a different request (HTTP 422). */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor() {
    super('Idempotency-Key er allerede brugt til en anden forespørgsel.');
  }
}
