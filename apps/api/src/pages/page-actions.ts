import { CommandContext, CommandRequest, CommandResult, InvalidCommandError, StaleRevisionError } from '@app/commands';
import { CommandInputs, RefusedError } from '@app/domain';
import { ProjectionRunner } from '@app/read-side';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { PageRequest } from './page-frames';

/** A form's command went through, or was refused with a sentence to show beside the form. */
export type Outcome = { done: CommandResult } | { refusal: string };

/** How long a page waits for its own change to reach the read models before it shows the next page. */
const READ_OWN_WRITE_MS = 5000;

/** Sends the pages' commands as the signed-in account, and turns a refusal into what the page shows. */
@Injectable()
export class PageActions {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModels: ProjectionRunner,
  ) {}

  async send<N extends keyof CommandInputs>(request: PageRequest, name: N, input: CommandInputs[N]): Promise<Outcome> {
    const context: CommandContext = { correlationId: randomUUID(), userId: request.principal?.accountId };
    try {
      const done = await this.commands.execute(new CommandRequest(name, input, context));
      // The page shown next must already show the change.
      await this.readModels.waitFor(done.position, READ_OWN_WRITE_MS).catch(() => undefined);
      return { done };
    } catch (error) {
      if (error instanceof RefusedError) return { refusal: error.message };
      if (error instanceof InvalidCommandError) return { refusal: `Udfyld formularen igen: ${error.details.map(({ field, reason }) => `${field} ${reason}`).join('; ')}.` };
      if (error instanceof StaleRevisionError) return { refusal: 'Nogen har ændret det imens. Indlæs siden igen, og prøv igen.' };
      throw error;
    }
  }
}

/** A text field of a form, trimmed; undefined when left empty. */
export const field = (body: unknown, name: string): string | undefined => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** Only a path of this site may follow a sign-in: never another host. */
export const localPath = (path: string | undefined): string | undefined => (path && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : undefined);
