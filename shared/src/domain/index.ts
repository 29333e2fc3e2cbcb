export * from './evidence.js';
export * from './feedback.js';
export * from './permissions.js';
export * from './types.js';
