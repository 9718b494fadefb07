import { AccountEvent, Role } from '@app/domain';
import { Projection } from '../projection-runner/projection';

/** An account as sign-in needs it: who, what they may do, and what a password and a token are checked against. */
export interface AccountView {
  accountId: string;
  email: string;
  name: string;
  role: Role;
  forumIds: string[];
  passwordHash: string;
  /** The stream revision of the last password set: a token issued under an older one no longer counts. */
  credentialsVersion: number;
  disabled: boolean;
}

const ACCOUNT_EVENTS: ReadonlySet<string> = new Set(['AccountCreated', 'AccountRoleGranted', 'AccountPasswordChanged', 'AccountDisabled']);

/** Accounts by id. */
export const accountsProjection: Projection<AccountView> = {
  name: 'accounts',
  version: 1,
  keyOf: (event) => (ACCOUNT_EVENTS.has(event.type) ? (event.data as { accountId: string }).accountId : undefined),
  evolve: (account, recorded) => {
    const event = { type: recorded.type, data: recorded.data } as AccountEvent;
    switch (event.type) {
      case 'AccountCreated': {
        const { accountId, email, name, role, forumIds, passwordHash } = event.data;
        return account ?? { accountId, email, name, role, forumIds, passwordHash, credentialsVersion: recorded.revision, disabled: false };
      }
      case 'AccountRoleGranted':
        return account && { ...account, role: event.data.role, forumIds: event.data.forumIds };
      case 'AccountPasswordChanged':
        return account && { ...account, passwordHash: event.data.passwordHash, credentialsVersion: recorded.revision };
      case 'AccountDisabled':
        return account && { ...account, disabled: true };
    }
  },
};
