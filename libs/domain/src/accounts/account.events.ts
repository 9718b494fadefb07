import { IsoDateTime } from '../shared/time';

/**
 * What a signed-in person may do: the secretariat everything; a chair reads their forums and completes,
 * reschedules and reminds their follow-ups; a member sees their own follow-ups and their forums' agendas.
 */
export type Role = 'secretariat' | 'chair' | 'member';
export const ROLES: readonly Role[] = ['secretariat', 'chair', 'member'];

/** Who signs in, with the scrypt hash of the password (never the password). */
export type AccountCreated = {
  type: 'AccountCreated';
  data: { accountId: string; email: string; name: string; role: Role; forumIds: string[]; passwordHash: string; createdAt: IsoDateTime };
};

/** The account's role and forums from now on, in place of those it had. */
export type AccountRoleGranted = {
  type: 'AccountRoleGranted';
  data: { accountId: string; role: Role; forumIds: string[]; grantedAt: IsoDateTime };
};

/** Tokens issued before this no longer count. */
export type AccountPasswordChanged = {
  type: 'AccountPasswordChanged';
  data: { accountId: string; passwordHash: string; changedAt: IsoDateTime };
};

export type AccountDisabled = {
  type: 'AccountDisabled';
  data: { accountId: string; reason?: string; disabledAt: IsoDateTime };
};

export type AccountEvent = AccountCreated | AccountRoleGranted | AccountPasswordChanged | AccountDisabled;
