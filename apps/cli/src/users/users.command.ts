import { AccessService, hashPassword } from '@app/access';
import { accountIdOf, CommandRequest, CommandResult } from '@app/commands';
import { CreateAccountInput, RefusedError, Role, ROLES } from '@app/domain';
import { CommandBus } from '@nestjs/cqrs';
import { randomBytes, randomUUID } from 'node:crypto';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CliFailure, EXIT } from '../exit-codes';
import { withApplication } from '../work-context';
import { UsersCliModule } from './users-cli.module';

const MIN_PASSWORD_LENGTH = 12;
const MAX_TOKEN_HOURS = 8760;

interface Accounts {
  access: AccessService;
  execute: (request: CommandRequest) => Promise<CommandResult>;
}

/** The accounts, and the command bus to change them, in an application context made for this one command. */
const withAccounts = <Result>(work: (accounts: Accounts) => Promise<Result>): Promise<Result> =>
  withApplication(UsersCliModule, async (app) => {
    const commands = app.get(CommandBus);
    const execute = async (request: CommandRequest): Promise<CommandResult> => {
      try {
        return await commands.execute(request);
      } catch (error) {
        if (error instanceof RefusedError) throw new CliFailure(`Afvist (${error.code}): ${error.message}`, EXIT.failed);
        throw error;
      }
    };
    return work({ access: app.get(AccessService), execute });
  });

const context = () => ({ userId: 'cli', correlationId: randomUUID() });

const role = (value: string): Role => {
  if (!(ROLES as readonly string[]).includes(value)) throw new CliFailure(`--role skal være ${ROLES.join(', ')}, ikke "${value}"`, EXIT.usage);
  return value as Role;
};

const forumsOption = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The password from standard input (its last line break dropped), or a new one, shown once. */
const passwordFrom = async (fromStdin: boolean | undefined): Promise<{ password: string; made: boolean }> => {
  if (!fromStdin) return { password: randomBytes(15).toString('base64url'), made: true };
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const password = text.replace(/\r?\n$/, '');
  if (password.length < MIN_PASSWORD_LENGTH) throw new CliFailure(`Adgangskoden skal være mindst ${MIN_PASSWORD_LENGTH} tegn.`, EXIT.usage);
  return { password, made: false };
};

@SubCommand({ name: 'list', description: 'Vis alle konti: e-mail, rolle, fora, og om kontoen er lukket' })
export class ListUsersCommand extends CommandRunner {
  async run(_args: string[], options: { json?: boolean }): Promise<void> {
    await withAccounts(async ({ access }) => {
      const accounts = access
        .accounts()
        .map(({ accountId, email, name, role: accountRole, forumIds, disabled }) => ({ accountId, email, name, role: accountRole, forumIds, disabled: Boolean(disabled) }))
        .sort((a, b) => a.email.localeCompare(b.email));
      if (options.json) {
        console.log(JSON.stringify(accounts, null, 2));
        return;
      }
      if (accounts.length === 0) console.log('Der er ingen konti endnu.');
      for (const account of accounts) {
        console.log([account.email, account.role, account.forumIds.join(',') || '-', account.disabled ? 'lukket' : 'åben', account.name].join('\t'));
      }
    });
  }

  @Option({ flags: '--json', description: 'som JSON' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'create',
  arguments: '<email>',
  description: 'Opret en konto med en rolle; uden --password-stdin laves en adgangskode, som vises én gang',
})
export class CreateUserCommand extends CommandRunner {
  async run([email]: string[], options: { name: string; role: Role; forum?: string[]; passwordStdin?: boolean }): Promise<void> {
    const { password, made } = await passwordFrom(options.passwordStdin);
    await withAccounts(async ({ execute }) => {
      const input: CreateAccountInput = { email, name: options.name, role: options.role, forumIds: options.forum ?? [], passwordHash: await hashPassword(password) };
      const result = await execute(new CommandRequest('create-account', input, context()));
      console.log(`Kontoen ${email.trim().toLowerCase()} er oprettet (${result.id}).`);
      if (made) console.log(`Adgangskode: ${password}\n(vises kun nu; skift den med "users set-password")`);
    });
  }

  @Option({ flags: '--name <navn>', description: 'personens navn', required: true })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--role <rolle>', description: `rollen: ${ROLES.join(', ')}`, required: true })
  parseRole(value: string): Role {
    return role(value);
  }

  @Option({ flags: '--forum <id>', description: 'et forum, kontoen er med i (gentag for flere)' })
  parseForum(value: string, previous?: string[]): string[] {
    return forumsOption(value, previous);
  }

  @Option({ flags: '--password-stdin', description: `læs adgangskoden (mindst ${MIN_PASSWORD_LENGTH} tegn) fra standard input` })
  parsePasswordStdin(): boolean {
    return true;
  }
}

@SubCommand({ name: 'grant', arguments: '<email>', description: 'Giv en konto en anden rolle og andre fora' })
export class GrantUserCommand extends CommandRunner {
  async run([email]: string[], options: { role: Role; forum?: string[] }): Promise<void> {
    await withAccounts(async ({ execute }) => {
      await execute(new CommandRequest('grant-account-role', { accountId: accountIdOf(email), role: options.role, forumIds: options.forum ?? [] }, context()));
      console.log(`${email.trim().toLowerCase()} har nu rollen ${options.role}${options.forum?.length ? ` i ${options.forum.join(', ')}` : ''}.`);
    });
  }

  @Option({ flags: '--role <rolle>', description: `rollen: ${ROLES.join(', ')}`, required: true })
  parseRole(value: string): Role {
    return role(value);
  }

  @Option({ flags: '--forum <id>', description: 'et forum, kontoen er med i (gentag for flere)' })
  parseForum(value: string, previous?: string[]): string[] {
    return forumsOption(value, previous);
  }
}

@SubCommand({
  name: 'set-password',
  arguments: '<email>',
  description: 'Sæt en ny adgangskode (uden --password-stdin laves en, som vises én gang); tokens udstedt før holder op med at virke',
})
export class SetUserPasswordCommand extends CommandRunner {
  async run([email]: string[], options: { passwordStdin?: boolean }): Promise<void> {
    const { password, made } = await passwordFrom(options.passwordStdin);
    await withAccounts(async ({ execute }) => {
      await execute(new CommandRequest('change-account-password', { accountId: accountIdOf(email), passwordHash: await hashPassword(password) }, context()));
      console.log(`Adgangskoden til ${email.trim().toLowerCase()} er skiftet.`);
      if (made) console.log(`Adgangskode: ${password}\n(vises kun nu)`);
    });
  }

  @Option({ flags: '--password-stdin', description: `læs adgangskoden (mindst ${MIN_PASSWORD_LENGTH} tegn) fra standard input` })
  parsePasswordStdin(): boolean {
    return true;
  }
}

@SubCommand({ name: 'disable', arguments: '<email>', description: 'Luk en konto: den kan ikke logge ind, og dens tokens virker ikke' })
export class DisableUserCommand extends CommandRunner {
  async run([email]: string[], options: { reason?: string }): Promise<void> {
    await withAccounts(async ({ execute }) => {
      await execute(new CommandRequest('disable-account', { accountId: accountIdOf(email), reason: options.reason }, context()));
      console.log(`Kontoen ${email.trim().toLowerCase()} er lukket.`);
    });
  }

  @Option({ flags: '--reason <tekst>', description: 'hvorfor' })
  parseReason(value: string): string {
    return value;
  }
}

@SubCommand({
  name: 'token',
  arguments: '<email>',
  description: 'Udsted et personligt API-token til en åben konto (skrives alene på stdout, udløbet på stderr)',
})
export class IssueUserTokenCommand extends CommandRunner {
  async run([email]: string[], options: { hours?: number }): Promise<void> {
    await withAccounts(async ({ access }) => {
      const wanted = email.trim().toLowerCase();
      const account = access.accounts().find((candidate) => candidate.email === wanted);
      if (!account) throw new CliFailure(`Kontoen ${wanted} findes ikke.`, EXIT.failed);
      if (account.disabled) throw new CliFailure(`Kontoen ${wanted} er lukket.`, EXIT.failed);
      const issued = access.issue(account, options.hours);
      console.log(issued.token);
      console.error(`Gyldigt til ${issued.expiresAt} for ${wanted} (${account.role}).`);
    });
  }

  @Option({ flags: '--hours <timer>', description: `hvor længe tokenet gælder, 1 til ${MAX_TOKEN_HOURS} timer (standard: TOKEN_TTL_HOURS)` })
  parseHours(value: string): number {
    const hours = Number(value);
    if (!/^\d+$/.test(value) || hours < 1 || hours > MAX_TOKEN_HOURS) throw new CliFailure(`--hours skal være et helt tal fra 1 til ${MAX_TOKEN_HOURS}, ikke "${value}"`, EXIT.usage);
    return hours;
  }
}

export const USERS_SUBCOMMANDS = [ListUsersCommand, CreateUserCommand, GrantUserCommand, SetUserPasswordCommand, DisableUserCommand, IssueUserTokenCommand];

@Command({ name: 'users', description: 'Konti: vis, opret, giv rolle, sæt adgangskode, luk, udsted API-token', subCommands: USERS_SUBCOMMANDS })
export class UsersCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help({ error: true });
  }
}
