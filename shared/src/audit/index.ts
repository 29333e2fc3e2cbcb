export * from './audit.js';
export * from './findings.js';
