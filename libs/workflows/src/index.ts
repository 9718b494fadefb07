export * from './process-managers/process-managers.module';
