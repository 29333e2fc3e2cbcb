import type { Language, LinkStance, LinkState, OutcomeRow, RevisionStatus, SceneStatus } from '@loopline/shared';
import type { ReportBlock, ReportModel } from './model.js';

/**
 * The fixed words of the evidence report in both languages [RP4] (the
 * server has no i18next; these are the report's only strings). Data — titles,
 * headings, quotes, names — is printed as stored.
 */
export interface Labels {
  reportTitle: (m: ReportModel) => string;
  generatedAt: string;
  revisions: string;
  revision: string;
  status: Record<RevisionStatus, string>;
  authors: string;
  summary: string;
  created: string;
  workflow: string;
  step: string;
  by: string;
  when: string;
  comment: string;
  release: string;
  notReleased: string;
  links: string;
  changedScenes: string;
  comparing: (to: string, from: string) => string;
  firstRevision: string;
  noRevision: string;
  noChanges: string;
  sceneStatus: Record<SceneStatus, string>;
  moved: (from: number, to: number) => string;
  renamed: string;
  blockOp: Record<ReportBlock['op'], string>;
  typeChanged: (from: string, to: string) => string;
  formatChanged: string;
  evidence: string;
  noEvidence: string;
  otherEvidence: string;
  allEvidence: (links: number) => string;
  stance: Record<LinkStance, string>;
  state: Record<LinkState, string>;
  weight: string;
  rationale: string;
  linkedBy: string;
  inRevision: string;
  noRevisionYet: string;
  spanQuote: string;
  sceneGone: string;
  sample: string;
  mentions: string;
  distinctViewers: string;
  coordinated: string;
  topSegment: string;
  noSegment: string;
  quotes: (shown: number, total: number) => string;
  likes: string;
  coordinatedItem: string;
  outcome: string;
  outcomeOf: (colour: string) => string;
  metric: string;
  before: string;
  after: string;
  baseline: string;
  change: string;
  metrics: Record<OutcomeRow['metric'], string>;
  /** Under the bars of the rates chart. */
  metricsShort: Record<OutcomeRow['metric'], string>;
  beforeFrom: (label: 'same-episode' | 'previous-episode', episodeNumber: number | null) => string;
  noComparison: string;
  changedRange: (from: number, to: number) => string;
  ratesChart: string;
  retentionChart: string;
  seconds: string;
  noOutcome: string;
  none: string;
}

const zh: Labels = {
  reportTitle: (m) =>
    `证据报告 · ${m.series.title} 第${m.episode.number}集《${m.episode.title}》` +
    (m.kind === 'revision' && m.revisions[0] ? ` · ${m.revisions[0].colour} 修订 #${m.revisions[0].number}` : ''),
  generatedAt: '生成于',
  revisions: '修订',
  revision: '修订',
  status: { draft: '草稿', proposed: '已提交', approved: '已批准', rejected: '已驳回', aired: '已播出' },
  authors: '作者',
  summary: '摘要',
  created: '创建于',
  workflow: '流程记录',
  step: '步骤',
  by: '操作人',
  when: '时间',
  comment: '备注',
  release: '发布',
  notReleased: '尚未发布',
  links: '证据关联',
  changedScenes: '变更的场次',
  comparing: (to, from) => `${to} 对比 ${from}`,
  firstRevision: '这是本集的第一个修订，没有可对比的更早版本。',
  noRevision: '本集还没有修订。',
  noChanges: '与上一个修订相比，没有场次变化。',
  sceneStatus: { added: '新增', removed: '删除', changed: '修改', unchanged: '未改' },
  moved: (from, to) => `移动（第${from + 1}场 → 第${to + 1}场）`,
  renamed: '场景标题改为',
  blockOp: { added: '新增', removed: '删除', changed: '修改' },
  typeChanged: (from, to) => `类型 ${from} → ${to}`,
  formatChanged: '格式改变',
  evidence: '证据',
  noEvidence: '此改动没有关联证据。',
  otherEvidence: '未改动场次上的证据',
  allEvidence: (n) => `全部证据（${n} 条关联）`,
  stance: { motivates: '促成修改', supports: '支持保留', contradicts: '反对修改' },
  state: { anchored: '已锚定', drifted: '已漂移', 'scene-only': '仅场次', orphaned: '已失联（场次已删除）' },
  weight: '权重',
  rationale: '理由',
  linkedBy: '关联人',
  inRevision: '所属修订',
  noRevisionYet: '未纳入修订',
  spanQuote: '引用的剧本片段',
  sceneGone: '场次已删除，原标题',
  sample: '样本',
  mentions: '提及',
  distinctViewers: '独立观众',
  coordinated: '疑似刷量',
  topSegment: '最大分群',
  noSegment: '无分群数据',
  quotes: (shown, total) => `观众原话（化名；显示 ${total} 条中的 ${shown} 条）`,
  likes: '赞',
  coordinatedItem: '疑似刷量',
  outcome: '结果',
  outcomeOf: (colour) => `${colour} 修订的结果`,
  metric: '指标',
  before: '之前',
  after: '之后',
  baseline: '系列基线',
  change: '变化',
  metrics: {
    completionRate: '完播率',
    fiveSecondCompletion: '5 秒完播率',
    retentionOverChangedScenes: '改动场次的留存',
    paywallUnlocks: '付费解锁',
    evidenceComments: '证据相关评论量',
  },
  metricsShort: {
    completionRate: '完播率',
    fiveSecondCompletion: '5 秒完播率',
    retentionOverChangedScenes: '改动场次留存',
    paywallUnlocks: '解锁',
    evidenceComments: '评论',
  },
  beforeFrom: (label, n) => (label === 'same-episode' ? '“之前”取自本集发布前' : `“之前”取自上一集（第${n ?? '?'}集）`),
  noComparison: '没有可对比的集数：“之前”为空。',
  changedRange: (from, to) => `改动时段：第 ${from} – ${to} 秒`,
  ratesChart: '比率：之前 / 之后 / 基线',
  retentionChart: '留存曲线（之前 / 之后），阴影为改动时段',
  seconds: '秒',
  noOutcome: '尚未播出，暂无结果。',
  none: '—',
};

const en: Labels = {
  reportTitle: (m) =>
    `Evidence report · ${m.series.title} episode ${m.episode.number} “${m.episode.title}”` +
    (m.kind === 'revision' && m.revisions[0] ? ` · ${m.revisions[0].colour} revision #${m.revisions[0].number}` : ''),
  generatedAt: 'Generated',
  revisions: 'Revisions',
  revision: 'Revision',
  status: { draft: 'draft', proposed: 'proposed', approved: 'approved', rejected: 'rejected', aired: 'aired' },
  authors: 'Authors',
  summary: 'Summary',
  created: 'Created',
  workflow: 'Workflow',
  step: 'Step',
  by: 'By',
  when: 'When',
  comment: 'Comment',
  release: 'Release',
  notReleased: 'not released',
  links: 'Evidence links',
  changedScenes: 'Changed scenes',
  comparing: (to, from) => `${to} against ${from}`,
  firstRevision: "This is the episode's first revision: there is no earlier version to compare with.",
  noRevision: 'The episode has no revision yet.',
  noChanges: 'No scene changed since the revision before.',
  sceneStatus: { added: 'added', removed: 'removed', changed: 'changed', unchanged: 'unchanged' },
  moved: (from, to) => `moved (scene ${from + 1} → ${to + 1})`,
  renamed: 'heading renamed to',
  blockOp: { added: 'added', removed: 'removed', changed: 'changed' },
  typeChanged: (from, to) => `type ${from} → ${to}`,
  formatChanged: 'format changed',
  evidence: 'Evidence',
  noEvidence: 'No evidence is linked to this change.',
  otherEvidence: 'Evidence on scenes not changed here',
  allEvidence: (n) => `All evidence (${n} links)`,
  stance: { motivates: 'motivates a change', supports: 'supports keeping', contradicts: 'contradicts the change' },
  state: { anchored: 'anchored', drifted: 'drifted', 'scene-only': 'scene only', orphaned: 'orphaned (scene deleted)' },
  weight: 'Weight',
  rationale: 'Rationale',
  linkedBy: 'Linked by',
  inRevision: 'Revision',
  noRevisionYet: 'in no revision',
  spanQuote: 'Quoted script text',
  sceneGone: 'scene deleted; its heading was',
  sample: 'Sample',
  mentions: 'mentions',
  distinctViewers: 'distinct viewers',
  coordinated: 'coordinated',
  topSegment: 'top segment',
  noSegment: 'no segment data',
  quotes: (shown, total) => `Viewer quotes (pseudonymous; ${shown} of ${total} shown)`,
  likes: 'likes',
  coordinatedItem: 'coordinated',
  outcome: 'Outcome',
  outcomeOf: (colour) => `Outcome of ${colour}`,
  metric: 'Metric',
  before: 'Before',
  after: 'After',
  baseline: 'Series baseline',
  change: 'Change',
  metrics: {
    completionRate: 'Completion rate',
    fiveSecondCompletion: '5-second completion',
    retentionOverChangedScenes: 'Retention over the changed scenes',
    paywallUnlocks: 'Paywall unlocks',
    evidenceComments: 'Comments on the linked evidence',
  },
  metricsShort: {
    completionRate: 'Completion',
    fiveSecondCompletion: '5-second completion',
    retentionOverChangedScenes: 'Retention (changed)',
    paywallUnlocks: 'Unlocks',
    evidenceComments: 'Comments',
  },
  beforeFrom: (label, n) =>
    label === 'same-episode' ? '“Before” is this episode before the release' : `“Before” is the previous episode (episode ${n ?? '?'})`,
  noComparison: 'No episode to compare with: “before” is empty.',
  changedRange: (from, to) => `Changed range: seconds ${from} – ${to}`,
  ratesChart: 'Rates: before / after / baseline',
  retentionChart: 'Retention curve (before / after); the shaded band is the changed range',
  seconds: 's',
  noOutcome: 'Not aired yet: no outcome.',
  none: '—',
};

export function labelsFor(language: Language): Labels {
  return language === 'zh' ? zh : en;
}

/** Rates are shares 0..1. */
export const RATE_METRICS: readonly OutcomeRow['metric'][] = ['completionRate', 'fiveSecondCompletion', 'retentionOverChangedScenes'];

const group = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A metric's value as printed: rates as percentages, counts whole. */
export function formatMetric(metric: OutcomeRow['metric'], value: number | null, l: Labels): string {
  if (value === null || !Number.isFinite(value)) return l.none;
  return RATE_METRICS.includes(metric) ? `${(value * 100).toFixed(1)}%` : group(value);
}

/** After minus before: percentage points for rates, a signed count otherwise. */
export function formatChange(row: OutcomeRow, l: Labels): string {
  if (row.before === null || row.after === null) return l.none;
  const d = row.after - row.before;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  return RATE_METRICS.includes(row.metric) ? `${sign}${Math.abs(d * 100).toFixed(1)} pp` : `${sign}${group(Math.abs(d))}`;
}

/** An ISO time as `YYYY-MM-DD HH:mm UTC` (the same in both languages and in every time zone). */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}
