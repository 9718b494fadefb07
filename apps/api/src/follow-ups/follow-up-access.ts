import { forbidden, ownsFollowUp, Principal, seesForum } from '@app/access';
import { DIRECTORY } from '@app/config';
import { DirectoryEntry, Owner, RefusedError, refuseAsNotFound, Role } from '@app/domain';
import { followUpsProjection, ProjectionRunner } from '@app/read-side';
import { resolveOwners } from '@app/workflows';
import { Inject, Injectable } from '@nestjs/common';

/** Who may see and act on a follow-up, for the API and the pages alike. */
@Injectable()
export class FollowUpAccess {
  constructor(
    private readonly readModels: ProjectionRunner,
    @Inject(DIRECTORY) private readonly directory: DirectoryEntry[],
  ) {}

  /** A member sees their own follow-ups; a chair their forums'; the secretariat all. */
  mayRead(principal: Principal, followUp: { forumId: string; owners: readonly Owner[] }): boolean {
    if (principal.role === 'member') return this.owns(principal, followUp);
    return seesForum(principal, followUp.forumId);
  }

  /** One of the follow-up's owners is the signed-in person, by address as written or as the directory knows it. */
  owns(principal: Principal, followUp: { owners: readonly Owner[] }): boolean {
    return ownsFollowUp(principal, this.ownerEmails(followUp.owners));
  }

  /** The secretariat acts on any follow-up; the roles named on those they see, once the read models know it. */
  mayAct(principal: Principal, id: string, roles: Role[]): void {
    if (principal.role === 'secretariat') return;
    const followUp = this.readModels.model(followUpsProjection).get(id);
    if (!followUp) throw new RefusedError(refuseAsNotFound('follow_up.not_found', `Opfølgningen ${id} findes ikke.`));
    if (!roles.includes(principal.role) || !this.mayRead(principal, followUp)) throw forbidden();
  }

  /** The owners' addresses, as written or as the directory knows them. */
  private ownerEmails(owners: readonly Owner[]): string[] {
    return [...owners.map((owner) => owner.email ?? ''), ...resolveOwners(owners, this.directory).recipients.map((recipient) => recipient.email)].filter(Boolean);
  }
}
