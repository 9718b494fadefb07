/** What every command carries besides its own fields: who asked, why, and under which conditions. */
export interface CommandContext {
  /** From `If-Match`: the stream must still be at this revision. */
  expectedRevision?: number;
  /** From `Idempotency-Key`: a repeat returns the first result and appends nothing. */
  idempotencyKey?: string;
  /** A digest of the request, so a key reused for another request is caught. */
  requestHash?: string;
  correlationId?: string;
  /** The event (or request) this command reacts to. */
  causationId?: string;
  userId?: string;
  /** When the command happened, where that is not now: an import of last year's minutes. */
  now?: string;
}

export interface CommandResult {
  id: string;
  revision: number;
  position: number;
}
