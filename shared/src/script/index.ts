export * from './cues.js';
export * from './flow.js';
export * from './heading.js';
export * from './numbering.js';
export * from './outline.js';
export * from './punctuation.js';
export * from './runtime.js';
