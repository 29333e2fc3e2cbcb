export * from './blocks.js';
export * from './colours.js';
export * from './diff.js';
export * from './lis.js';
export * from './query.js';
export * from './text.js';
export * from './types.js';
