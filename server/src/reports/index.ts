export * from './chart.js';
export * from './fonts.js';
export * from './html.js';
export * from './labels.js';
export * from './model.js';
export * from './pdf.js';
