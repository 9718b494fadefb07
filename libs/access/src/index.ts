export * from './access-policy';
export * from './access.decorators';
export * from './access.errors';
export * from './access.module';
export * from './access.service';
export * from './accounts-bootstrap';
export * from './passwords';
export * from './tokens';
