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
