export * from './app-config';
export * from './forums-file';
export * from './directory-file';
export * from './config.module';
export * from './reminders-file';
export * from './persisted-secret';
export * from './logging';
