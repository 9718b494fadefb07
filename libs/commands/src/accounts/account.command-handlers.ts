import { AccountCommand, accountDecider } from '@app/domain';
import { v5 as uuidv5 } from 'uuid';
import { CommandContext, CommandResult } from '../command-handling/command-context';
import { CommandDependencies, CommandHandlers } from '../command-handling/command-request';

/** Namespace of account ids, which come from the e-mail address: one address, one stream, one account. */
const ACCOUNT_NAMESPACE = '0b8f3f4e-2a61-4c1d-9a7e-5d3c2b1a0f9e';

export const accountIdOf = (email: string): string => uuidv5(email.trim().toLowerCase(), ACCOUNT_NAMESPACE);

const onAccount = (
  { runner }: CommandDependencies,
  accountId: string,
  context: CommandContext,
  command: (now: string) => AccountCommand,
): Promise<CommandResult> => runner.run({ decider: accountDecider, streamId: `account-${accountId}`, id: accountId, context, command: (_state, now) => command(now) });

const knownForumIds = ({ forums }: CommandDependencies): string[] => forums.map((forum) => forum.id);

export const accountCommandHandlers: CommandHandlers<'create-account' | 'grant-account-role' | 'change-account-password' | 'disable-account'> = {
  'create-account': (input, context, dependencies) => {
    const email = input.email.trim().toLowerCase();
    const accountId = accountIdOf(email);
    return onAccount(dependencies, accountId, context, (now) => ({ type: 'CreateAccount', ...input, email, accountId, knownForumIds: knownForumIds(dependencies), now }));
  },
  'grant-account-role': (input, context, dependencies) =>
    onAccount(dependencies, input.accountId, context, (now) => ({ type: 'GrantAccountRole', ...input, knownForumIds: knownForumIds(dependencies), now })),
  'change-account-password': (input, context, dependencies) => onAccount(dependencies, input.accountId, context, (now) => ({ type: 'ChangeAccountPassword', ...input, now })),
  'disable-account': (input, context, dependencies) => onAccount(dependencies, input.accountId, context, (now) => ({ type: 'DisableAccount', ...input, now })),
};
