export * from './process-managers/process-managers.module';
export * from './imports/minutes-imports';
export * from './imports/minutes-imports.module';
