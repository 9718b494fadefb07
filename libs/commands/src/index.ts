export * from './command-handling/command-context';
export * from './command-handling/command.errors';
export * from './command-handling/command-runner';
export * from './command-handling/clock';
export * from './meetings/meeting.command-handlers';
export * from './cases/case.command-handlers';
export * from './follow-ups/follow-up.command-handlers';
export * from './commands.module';
