import { accountIdOf } from './account.command-handlers';

/** An account's id is its stream's name: the same address must find the same account before and after an upgrade. */
describe('the id of an account', () => {
  it.each(['formand@styregruppen.example', 'Formand@Styregruppen.Example', '  FORMAND@STYREGRUPPEN.EXAMPLE\t'])(
    'is the one earlier releases gave the address, also written as %j',
    (email) => {
      expect(accountIdOf(email)).toBe('971d4f59-aea6-5296-9a4f-b2046ec5786a');
    },
  );
});
