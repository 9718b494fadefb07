import { specFor } from '../shared/decider.testing';
import { CreateAccount } from './account.commands';
import { accountDecider } from './account.decider';
import { AccountCreated } from './account.events';

const given = specFor(accountDecider);

const knownForumIds = ['styregruppen', 'k17', 'kkr-sjaelland'];
const now = '2026-01-05T09:00:00+01:00';
const create: CreateAccount = {
  type: 'CreateAccount',
  accountId: 'acc-1',
  email: 'formand@styregruppen.example',
  name: 'Formanden',
  role: 'chair',
  forumIds: ['styregruppen'],
  passwordHash: 'scrypt$hash',
  knownForumIds,
  now,
};
const created: AccountCreated = {
  type: 'AccountCreated',
  data: { accountId: 'acc-1', email: 'formand@styregruppen.example', name: 'Formanden', role: 'chair', forumIds: ['styregruppen'], passwordHash: 'scrypt$hash', createdAt: now },
};
const disabled = { type: 'AccountDisabled' as const, data: { accountId: 'acc-1', disabledAt: now } };

describe('account decider', () => {
  describe('when none', () => {
    it('creates the account with its role, forums and password hash', () => {
      given([]).when(create).then([created]);
    });
    it('gives the secretariat no forums: it sees them all', () => {
      given([])
        .when({ ...create, role: 'secretariat', forumIds: ['k17'] })
        .then([{ ...created, data: { ...created.data, role: 'secretariat', forumIds: [] } }]);
    });
    it('refuses a chair without a forum', () => {
      given([]).when({ ...create, forumIds: [] }).thenRefuses('account.no_forum');
    });
    it('refuses a forum that does not exist', () => {
      given([]).when({ ...create, forumIds: ['styregruppen', 'folketinget'] }).thenRefuses('account.unknown_forum');
    });
    it('names every forum that does not exist in the refusal', () => {
      const decision = accountDecider.decide({ ...create, forumIds: ['folketinget', 'styregruppen', 'regionsraadet'] }, accountDecider.initialState());
      expect(decision).toMatchObject({ code: 'account.unknown_forum', message: 'Forummet findes ikke: folketinget, regionsraadet.' });
    });
    it('answers any other command with not found', () => {
      given([]).when({ type: 'DisableAccount', accountId: 'acc-1', now }).thenRefuses('account.not_found', 'not_found');
    });
  });

  describe('when active', () => {
    it('refuses a second account with the same e-mail address', () => {
      given([created]).when(create).thenRefuses('account.exists');
    });
    it('grants another role and other forums in place of the old', () => {
      given([created])
        .when({ type: 'GrantAccountRole', accountId: 'acc-1', role: 'member', forumIds: ['k17', 'k17'], knownForumIds, now })
        .then([{ type: 'AccountRoleGranted', data: { accountId: 'acc-1', role: 'member', forumIds: ['k17'], grantedAt: now } }]);
    });
    it('takes the forums away when the secretariat role is granted: it sees them all', () => {
      given([created])
        .when({ type: 'GrantAccountRole', accountId: 'acc-1', role: 'secretariat', forumIds: ['k17'], knownForumIds, now })
        .then([{ type: 'AccountRoleGranted', data: { accountId: 'acc-1', role: 'secretariat', forumIds: [], grantedAt: now } }]);
    });
    it('changes the password', () => {
      given([created])
        .when({ type: 'ChangeAccountPassword', accountId: 'acc-1', passwordHash: 'scrypt$new', now })
        .then([{ type: 'AccountPasswordChanged', data: { accountId: 'acc-1', passwordHash: 'scrypt$new', changedAt: now } }]);
    });
    it('disables the account, with the reason', () => {
      given([created])
        .when({ type: 'DisableAccount', accountId: 'acc-1', reason: 'Fratrådt', now })
        .then([{ type: 'AccountDisabled', data: { accountId: 'acc-1', reason: 'Fratrådt', disabledAt: now } }]);
    });
  });

  describe('when disabled', () => {
    it('refuses every change', () => {
      given([created, disabled]).when({ type: 'ChangeAccountPassword', accountId: 'acc-1', passwordHash: 'scrypt$new', now }).thenRefuses('account.disabled');
      given([created, disabled]).when({ type: 'GrantAccountRole', accountId: 'acc-1', role: 'secretariat', forumIds: [], knownForumIds, now }).thenRefuses('account.disabled');
      given([created, disabled]).when({ type: 'DisableAccount', accountId: 'acc-1', now }).thenRefuses('account.disabled');
    });
  });
});
