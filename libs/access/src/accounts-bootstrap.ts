import { CommandRequest, CommandResult } from '@app/commands';
import { APP_CONFIG, AppConfig, FORUMS } from '@app/config';
import { Forum, RefusedError, Role } from '@app/domain';
import { ProjectionRunner } from '@app/read-side';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessService } from './access.service';
import { hashPassword } from './passwords';

const BOOTSTRAP_USER = 'system:accounts';
const READ_WAIT_MS = 10_000;
export const DEMO_ACCOUNTS_FILE = 'demo-accounts.txt';

interface FirstAccount {
  email: string;
  name: string;
  role: Role;
  forumIds: string[];
  password: string;
}

const demoPassword = (): string => randomBytes(12).toString('base64url');

/**
 * The first accounts, at a start that finds none: the secretariat account of ADMIN_EMAIL and ADMIN_PASSWORD,
 * or, on the embedded default with neither set, one demo account per role, printed and kept in DATA_DIR.
 */
@Injectable()
export class AccountsBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly commands: CommandBus,
    private readonly access: AccessService,
    private readonly readModels: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FORUMS) private readonly forums: Forum[],
  ) {}

  /** Whether there are accounts is known once the read models have caught up; the API serves no one before. */
  onApplicationBootstrap(): void {
    this.readModels.holdReadyUntil(() => this.createFirstAccounts());
  }

  private async createFirstAccounts(): Promise<void> {
    if (this.access.accounts().length > 0) return;
    if (this.config.admin) {
      await this.create([{ ...this.config.admin, name: 'Sekretariatet', role: 'secretariat', forumIds: [] }]);
      this.logger.log(`Secretariat account ${this.config.admin.email} created from ADMIN_EMAIL`);
      return;
    }
    if (this.config.eventStoreConnectionString) {
      this.logger.warn('No account exists, so nobody can sign in: set ADMIN_EMAIL and ADMIN_PASSWORD and start again to create the first secretariat account');
      return;
    }
    const forumId = this.forums[0].id;
    const demo: FirstAccount[] = [
      { email: 'sekretariat@demo.example', name: 'Demo Sekretariat', role: 'secretariat', forumIds: [], password: demoPassword() },
      { email: 'formand@demo.example', name: 'Demo Formand', role: 'chair', forumIds: [forumId], password: demoPassword() },
      { email: 'medlem@demo.example', name: 'Demo Medlem', role: 'member', forumIds: [forumId], password: demoPassword() },
    ];
    const created = await this.create(demo);
    if (created.length === 0) return;
    const lines = created.map(({ email, password, role, forumIds }) => `  ${role.padEnd(11)} ${email}  ${password}${forumIds.length ? `  (${forumIds.join(', ')})` : ''}`);
    mkdirSync(this.config.dataDir, { recursive: true });
    writeFileSync(join(this.config.dataDir, DEMO_ACCOUNTS_FILE), `Demo accounts (role, e-mail, password):\n${lines.join('\n')}\n`, { mode: 0o600 });
    const file = join(this.config.dataDir, DEMO_ACCOUNTS_FILE);
    this.logger.warn(`No account existed: demo accounts created, one per role; their e-mails and passwords are in ${file}`);
    // For the person at the terminal, in full: the log hides e-mail addresses, and stdout may be a JSON log.
    process.stderr.write(`\nDemo accounts for the pages at ${this.config.publicUrl}/log-ind (also in ${file}):\n${lines.join('\n')}\n\n`);
  }

  /** Creates each account, leaving out one another process created first. */
  private async create(accounts: FirstAccount[]): Promise<FirstAccount[]> {
    const created: FirstAccount[] = [];
    let last: CommandResult | undefined;
    for (const { password, ...account } of accounts) {
      try {
        last = await this.commands.execute(new CommandRequest('create-account', { ...account, passwordHash: await hashPassword(password) }, { userId: BOOTSTRAP_USER }));
        created.push({ ...account, password });
      } catch (error) {
        if (!(error instanceof RefusedError && error.code === 'account.exists')) throw error;
      }
    }
    if (last) await this.readModels.waitFor(last.position, READ_WAIT_MS);
    return created;
  }
}
