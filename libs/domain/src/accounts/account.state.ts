import { AccountEvent, Role } from './account.events';

export type AccountState = { status: 'none' } | { status: 'active' | 'disabled'; accountId: string; email: string; role: Role; forumIds: string[] };

export const initialAccountState = (): AccountState => ({ status: 'none' });

export const evolveAccount = (state: AccountState, event: AccountEvent): AccountState => {
  switch (event.type) {
    case 'AccountCreated': {
      const { accountId, email, role, forumIds } = event.data;
      return { status: 'active', accountId, email, role, forumIds };
    }
    case 'AccountRoleGranted':
      return state.status === 'none' ? state : { ...state, role: event.data.role, forumIds: event.data.forumIds };
    case 'AccountPasswordChanged':
      return state;
    case 'AccountDisabled':
      return state.status === 'none' ? state : { ...state, status: 'disabled' };
  }
};
