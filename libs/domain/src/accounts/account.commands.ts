import { IsoDateTime } from '../shared/time';
import { Role } from './account.events';

/** The password arrives hashed: hashing takes a random salt and time, which a decider does not. */
export interface CreateAccountInput {
  email: string;
  name: string;
  role: Role;
  forumIds: string[];
  passwordHash: string;
}
export interface GrantAccountRoleInput {
  accountId: string;
  role: Role;
  forumIds: string[];
}
export interface ChangeAccountPasswordInput {
  accountId: string;
  passwordHash: string;
}
export interface DisableAccountInput {
  accountId: string;
  reason?: string;
}

/** Facts a command carries: the forums there are, so an account is never given one that does not exist. */
interface KnownForums {
  knownForumIds: string[];
}

export type CreateAccount = { type: 'CreateAccount'; accountId: string; now: IsoDateTime } & CreateAccountInput & KnownForums;
export type GrantAccountRole = { type: 'GrantAccountRole'; now: IsoDateTime } & GrantAccountRoleInput & KnownForums;
export type ChangeAccountPassword = { type: 'ChangeAccountPassword'; now: IsoDateTime } & ChangeAccountPasswordInput;
export type DisableAccount = { type: 'DisableAccount'; now: IsoDateTime } & DisableAccountInput;

export type AccountCommand = CreateAccount | GrantAccountRole | ChangeAccountPassword | DisableAccount;
