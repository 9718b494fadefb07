import { GroupedProjection } from '../projection-runner/projection';
import { FollowUpRecord, followUpsProjection } from './follow-ups.projection';

/**
 * The follow-ups still open, and only those, by forum: after ten years most follow-ups are done, and the open
 * and overdue lists that chairs look at every day, mostly of their own forum, should not walk past all of them.
 */
export const openFollowUpsProjection: GroupedProjection<FollowUpRecord> = {
  name: 'open-follow-ups',
  version: 1,
  keyOf: followUpsProjection.keyOf,
  evolve(record, event) {
    // Most follow-ups end this way: no need to build the closed record only to drop it.
    if (event.type === 'FollowUpCompleted' || event.type === 'FollowUpCancelled') return undefined;
    const next = followUpsProjection.evolve(record, event);
    return next?.status === 'open' ? next : undefined;
  },
  groupsOf: (record) => [record.forumId],
};
