import { reminderStreamId } from './reminder.command-handlers';

/** The stream of a reminder e-mail is how the worker knows it was sent: its name must outlive an upgrade. */
describe('the stream of a reminder e-mail', () => {
  it('is named as earlier releases named it, however the recipient is written', () => {
    const key = { kind: 'agenda', subjectId: 'styregruppen-2025-12-12', recipient: 'formand@styregruppen.example' };

    expect(reminderStreamId(key)).toBe('reminder-27b481a1fc09afacf411b31b86e814c9db1592ee');
    expect(reminderStreamId({ ...key, recipient: 'Formand@Styregruppen.EXAMPLE' })).toBe('reminder-27b481a1fc09afacf411b31b86e814c9db1592ee');
  });
});
