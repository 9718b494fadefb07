export type MemberRole = 'chair' | 'member' | 'secretary';

export interface ForumMember {
  name: string;
  email: string;
  role: MemberRole;
  organisation?: string;
}

export interface Forum {
  id: string;
  name: string;
  /**
   * Other ways minutes write the forum's name ("styregruppe", "KKR"); the name itself always counts too, so a
   * forum without aliases is still recognised by its name. The forums file always fills it, if only with [].
   */
  aliases?: string[];
  /** The next forum up the escalation chain (Styregruppen → K17 → KKR Sjælland → KL Koordinationsforum). */
  parentId?: string;
  members: ForumMember[];
}

/** The forum and every forum above it, in order; stops at a cycle so a bad configuration cannot hang. */
export const chainFrom = <F extends Pick<Forum, 'id' | 'parentId'>>(forums: readonly F[], forumId: string): F[] => {
  const byId = new Map(forums.map((forum) => [forum.id, forum]));
  const chain: F[] = [];
  for (let forum = byId.get(forumId); forum && !chain.includes(forum); forum = forum.parentId ? byId.get(forum.parentId) : undefined) {
    chain.push(forum);
  }
  return chain;
};
