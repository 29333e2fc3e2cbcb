export * from './audit';
export * from './auth';
export * from './bible';
export * from './episodes';
export * from './http';
export * from './members';
export * from './series';
export * from './users';
