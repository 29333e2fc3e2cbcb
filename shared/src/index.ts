export * from './audit/index.js';
export * from './domain/index.js';
export * from './evidence/types.js';
export * from './outcome/index.js';
export * from './revisions/index.js';
export * from './schema/index.js';
export * from './script/index.js';
