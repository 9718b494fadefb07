import { Role } from '@app/domain';

/** The signed-in account, as every check of what it may do sees it. */
export interface Principal {
  accountId: string;
  email: string;
  name: string;
  role: Role;
  forumIds: readonly string[];
}

/** The secretariat sees every forum; a chair or member the forums of their account. */
export const seesForum = (principal: Principal, forumId: string): boolean => principal.role === 'secretariat' || principal.forumIds.includes(forumId);

/** A case is seen by whoever sees one of the forums it has been in. */
export const seesAnyForum = (principal: Principal, forumIds: readonly string[]): boolean => principal.role === 'secretariat' || forumIds.some((forumId) => principal.forumIds.includes(forumId));

/** A follow-up is a member's own where one of its owners has the member's e-mail address. */
export const ownsFollowUp = (principal: Principal, ownerEmails: readonly (string | undefined)[]): boolean =>
  ownerEmails.some((email) => email !== undefined && email.trim().toLowerCase() === principal.email);
