export * from './outcome.js';
export * from './ranges.js';
