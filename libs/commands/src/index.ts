export * from './command-handling/command-context';
export * from './command-handling/command.errors';
export * from './command-handling/command-runner';
export * from './command-handling/command-request';
export * from './command-handling/execute-command';
export * from './command-handling/clock';
export * from './commands.module';
export { minutesDigest } from './imports/import.command-handlers';
export { reminderStreamId } from './reminders/reminder.command-handlers';
