export * from './nodes.js';
export * from './schema.js';
