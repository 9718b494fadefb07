import { ArgumentsHost, Logger } from '@nestjs/common';
import { ErrorsFilter } from './errors.filter';

/** An unexpected error answers 500 with the one error body, and what went wrong goes to the log. */
describe('errors filter', () => {
  const answer = { status: jest.fn(), type: jest.fn(), send: jest.fn() };
  const request = { method: 'POST', url: '/api/meetings', raw: { headers: { 'x-request-id': 'kalender-1' } } };
  const host = { switchToHttp: () => ({ getResponse: () => answer, getRequest: () => request }) } as unknown as ArgumentsHost;
  let logged: jest.SpyInstance;

  beforeEach(() => {
    answer.status.mockReturnValue(answer);
    answer.type.mockReturnValue(answer);
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('given an Error, then it logs its message and stack with the request it was met in', () => {
    const error = new Error('The calendar could not be written');
    new ErrorsFilter().catch(error, host);
    expect(answer.status).toHaveBeenCalledWith(500);
    expect(answer.type).toHaveBeenCalledWith('application/json; charset=utf-8');
    expect(answer.send).toHaveBeenCalledWith({ statusCode: 500, code: 'internal', message: 'Der skete en uventet fejl.' });
    const [line] = logged.mock.calls[0];
    expect(line.req).toEqual({ id: 'kalender-1', method: 'POST', url: '/api/meetings' });
    expect(line.msg).toContain('The calendar could not be written');
    expect(line.msg).toContain(error.stack?.split('\n')[1].trim());
  });

  it('given an error object that is no Error instance, as the ics library returns one, then it logs its message, not [object Error]', () => {
    // yup's ValidationError, which ics returns as { error }, calls itself an Error but does not extend it.
    const error = { name: 'ValidationError', message: 'location cannot be null', errors: ['location cannot be null'], [Symbol.toStringTag]: 'Error' };
    new ErrorsFilter().catch(error, host);
    expect(answer.status).toHaveBeenCalledWith(500);
    const [line] = logged.mock.calls[0];
    expect(line.msg).not.toContain('[object Error]');
    expect(line.msg).toContain('location cannot be null');
  });
});
