import { RecordedEvent } from '@app/event-store';
import { foldEvents } from '../projection-runner/projection';
import { accountsProjection } from './accounts.projection';

const recorded = (revision: number, type: string, data: object): RecordedEvent => ({
  id: `e${revision}`,
  streamId: 'account-acc-1',
  type,
  data,
  metadata: {},
  revision,
  position: revision + 1,
  recordedAt: new Date('2026-01-05T08:00:00Z'),
});

const created = recorded(0, 'AccountCreated', { accountId: 'acc-1', email: 'formand@k17.example', name: 'Formand', role: 'chair', forumIds: ['k17'], passwordHash: 'h0', createdAt: '2026-01-05T09:00:00+01:00' });
const changed = recorded(1, 'AccountPasswordChanged', { accountId: 'acc-1', passwordHash: 'h1', changedAt: '2026-01-06T09:00:00+01:00' });
const granted = recorded(2, 'AccountRoleGranted', { accountId: 'acc-1', role: 'member', forumIds: ['styregruppen'], grantedAt: '2026-01-07T09:00:00+01:00' });
const disabled = recorded(3, 'AccountDisabled', { accountId: 'acc-1', disabledAt: '2026-01-08T09:00:00+01:00' });

describe('accounts projection', () => {
  it('follows an account through a new password, a new role and its end', () => {
    expect(foldEvents(accountsProjection, [created, changed, granted, disabled]).get('acc-1')).toEqual({
      accountId: 'acc-1',
      email: 'formand@k17.example',
      name: 'Formand',
      role: 'member',
      forumIds: ['styregruppen'],
      passwordHash: 'h1',
      credentialsVersion: 1,
      disabled: true,
    });
  });

  it('gives the same account when an event is handed over again, so a token is not ended by a redelivery', () => {
    const once = foldEvents(accountsProjection, [created, changed, granted]);
    const twice = foldEvents(accountsProjection, [created, changed, changed, granted, granted]);
    expect(twice).toEqual(once);
  });
});
