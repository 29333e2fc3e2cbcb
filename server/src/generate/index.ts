/** Seeded generator of realistic audience data (issue #4): the demo shows it, benchmarks use it. */
export { GENERATE_USAGE, type GenerateSummary, runGenerate } from './command.js';
export { BURST_TEXT, THEMES, type ThemeId } from './corpus.js';
export { demoEpisodes } from './episodes.js';
export { burstEpisode, type FeedbackOptions, type GeneratedRow, generateFeedback, rowsPerEpisode } from './feedback.js';
export { type GeneratedMetrics, type GeneratedRetention, generateMetrics, generateRetention, retentionCurve } from './metrics.js';
export { type EpisodeMoments, episodeMoments, type GenEpisode, isPaywallEpisode } from './moments.js';
export { Random } from './random.js';
export { FEEDBACK_CSV_HEADER, feedbackLines, type GenFormat, looplineRecord, metricsLines, retentionLines, writeLines } from './writers.js';
