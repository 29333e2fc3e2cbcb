export * from './domain/index.js';
export * from './schema/index.js';
export * from './script/index.js';
