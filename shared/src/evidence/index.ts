export * from './anchor.js';
export * from './resolve.js';
export * from './types.js';
export * from './yscript.js';
