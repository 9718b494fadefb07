import { assertNever, Decider, Decision, refuse, refuseAsNotFound, Refusal } from '../shared/decider';
import { AccountCommand } from './account.commands';
import { AccountEvent, Role } from './account.events';
import { AccountState, evolveAccount, initialAccountState } from './account.state';

/** A chair or member without a forum could see nothing; the secretariat sees every forum without naming them. */
const checkForums = (role: Role, forumIds: string[], knownForumIds: string[]): Refusal | undefined => {
  const unknown = forumIds.filter((forumId) => !knownForumIds.includes(forumId));
  if (unknown.length > 0) return refuse('account.unknown_forum', `Forummet findes ikke: ${unknown.join(', ')}.`);
  if (role !== 'secretariat' && forumIds.length === 0) return refuse('account.no_forum', 'En formand eller et medlem skal høre til mindst ét forum.');
  return undefined;
};

export const decideAccount = (command: AccountCommand, state: AccountState): Decision<AccountEvent> => {
  const { now } = command;
  if (command.type === 'CreateAccount') {
    if (state.status !== 'none') return refuse('account.exists', 'Der findes allerede en konto med den e-mailadresse.');
    const { accountId, email, name, role, passwordHash } = command;
    const forumIds = role === 'secretariat' ? [] : [...new Set(command.forumIds)];
    const refusal = checkForums(role, forumIds, command.knownForumIds);
    if (refusal) return refusal;
    return [{ type: 'AccountCreated', data: { accountId, email, name, role, forumIds, passwordHash, createdAt: now } }];
  }
  if (state.status === 'none') return refuseAsNotFound('account.not_found', 'Kontoen findes ikke.');
  if (state.status === 'disabled') return refuse('account.disabled', 'Kontoen er lukket.');
  const { accountId } = state;
  switch (command.type) {
    case 'GrantAccountRole': {
      const forumIds = command.role === 'secretariat' ? [] : [...new Set(command.forumIds)];
      const refusal = checkForums(command.role, forumIds, command.knownForumIds);
      if (refusal) return refusal;
      return [{ type: 'AccountRoleGranted', data: { accountId, role: command.role, forumIds, grantedAt: now } }];
    }
    case 'ChangeAccountPassword':
      return [{ type: 'AccountPasswordChanged', data: { accountId, passwordHash: command.passwordHash, changedAt: now } }];
    case 'DisableAccount':
      return [{ type: 'AccountDisabled', data: { accountId, ...(command.reason ? { reason: command.reason } : {}), disabledAt: now } }];
    default:
      return assertNever(command);
  }
};

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: initialAccountState,
  evolve: evolveAccount,
  decide: decideAccount,
};
