export * from './feedback.js';
export * from './permissions.js';
export * from './types.js';
export * from './evidence.js';
