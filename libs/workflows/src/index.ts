export * from './process-managers/process-managers.module';
export * from './process-managers/worker-health';
export * from './imports/minutes-imports';
export * from './imports/minutes-imports.module';
export * from './reminders/recipients';
export * from './reminders/completion-links';
export * from './reminders/link-secret';
