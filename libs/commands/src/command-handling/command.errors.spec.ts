import { CommandRequest } from './command-request';
import { commandsInMemory } from './commands-in-memory.testing';
import { IdempotencyKeyReusedError, StaleRevisionError } from './command.errors';

/** As a failure is recorded and logged: the error's name, then its message. */
const asRecorded = (error: unknown): string => `${(error as Error).name}: ${(error as Error).message}`;

describe('the errors a command fails with besides a refusal, as an operator reads them', () => {
  const { execute } = commandsInMemory();

  it('given If-Match names a revision the case has moved past, then the error says which revision it is at and what to do', async () => {
    const { id: caseId } = await execute(new CommandRequest('propose-case', { forumId: 'styregruppen', title: 'Takstanalyse', kind: 'decision' }, {}));
    await execute(new CommandRequest('withdraw-case', { caseId, reason: 'Trukket' }, { expectedRevision: 0 }));

    const error: unknown = await execute(new CommandRequest('close-case', { caseId }, { expectedRevision: 0 })).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(StaleRevisionError);
    expect(asRecorded(error)).toBe('StaleRevisionError: Revisionen er 1, ikke 0: nogen har ændret den imens. Hent den igen.');
  });

  it('given an Idempotency-Key is sent again with another request, then the error says the key is used', async () => {
    const propose = (title: string) =>
      execute(new CommandRequest('propose-case', { forumId: 'styregruppen', title, kind: 'decision' }, { idempotencyKey: 'one-key', requestHash: `propose ${title}` }));
    await propose('Takstanalyse');

    const error: unknown = await propose('Kapacitet på botilbud').catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
    expect(asRecorded(error)).toBe('IdempotencyKeyReusedError: Idempotency-Key er allerede brugt til en anden forespørgsel.');
  });
});
