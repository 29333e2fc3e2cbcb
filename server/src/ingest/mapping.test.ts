import { describe, expect, it } from 'vitest';
import { TARGET_FIELDS } from './fields.js';
import { suggestMapping } from './mapping.js';
import { PRESETS } from './presets.js';

describe('presets and mapping', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('[IN10] the %s export is recognised from its columns', (id, preset) => {
    const { presetId, mapping } = suggestMapping(
      preset.columns.map((c) => c.name),
      'feedback',
    );
    expect(presetId).toBe(id);
    expect(mapping).toEqual(preset.mapping);
  });

  it('[IN10] every preset documents each column, maps only known fields and never keeps a display name', () => {
    const fields = new Set(TARGET_FIELDS.feedback.map((f) => f.field));
    for (const p of PRESETS) {
      for (const c of p.columns) expect(c.description.length).toBeGreaterThan(3);
      for (const f of Object.keys(p.mapping)) expect(fields.has(f) || f.startsWith('segment.'), `${p.id}: ${f}`).toBe(true);
      expect(Object.values(p.mapping)).not.toContain('用户昵称');
    }
  });

  it('[IN10] columns are matched loosely (case, width, spaces, _ and -) and extra known columns join the preset', () => {
    const { presetId, mapping } = suggestMapping(['评论ID', '评论内容', '用户ID', '点赞数', '发布时间', 'IP属地', '类型', '弹幕时间', 'ＶＩＰ'], 'feedback');
    expect(presetId).toBe('douyin');
    expect(mapping).toMatchObject({ kind: '类型', timecode: '弹幕时间', 'segment.paying': 'ＶＩＰ' });
    const loose = suggestMapping(['Comment Text', 'Like Count', 'Created At', 'User Name', 'Country'], 'feedback');
    expect(loose).toEqual({ presetId: null, mapping: { text: 'Comment Text', likes: 'Like Count', postedAt: 'Created At', author: 'User Name', 'segment.locale': 'Country' } });
  });

  it('[IN10] a column maps to one field only, stable ids win over nicknames', () => {
    const { mapping } = suggestMapping(['content', '昵称', 'uid', 'date'], 'feedback');
    expect(mapping).toEqual({ text: 'content', author: 'uid', postedAt: 'date' });
  });

  it('[IN10] metrics and retention columns from Chinese dashboards are recognised', () => {
    const metrics = suggestMapping(['日期', '集数', '平台', '播放量', '观看人数', '完播率', '5秒完播率', '平均播放时长', '点赞数', '分享数', '涨粉数', '评论数', '付费解锁数', '付费转化率'], 'metrics');
    expect(metrics.presetId).toBeNull();
    expect(Object.keys(metrics.mapping).sort()).toEqual(TARGET_FIELDS.metrics.map((f) => f.field).sort());
    expect(suggestMapping(['集数', '平台', '秒', '留存率'], 'retention').mapping).toEqual({ episode: '集数', platform: '平台', second: '秒', share: '留存率' });
  });
});
