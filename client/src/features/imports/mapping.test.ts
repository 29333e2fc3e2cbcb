import { describe, expect, it } from 'vitest';
import type { ImportPreset, TargetField } from '../../api/imports';
import { applyMapping, cleanMapping, initialMapping, missingRequired } from './mapping';

const fields: TargetField[] = [
  { field: 'text', required: true, description: '' },
  { field: 'author', required: true, description: '' },
  { field: 'postedAt', required: true, description: '' },
  { field: 'episode', required: true, description: '' },
  { field: 'platform', required: true, description: '' },
  { field: 'likes', required: false, description: '' },
  { field: 'externalId', required: false, description: '' },
];
const preset: ImportPreset = {
  id: 'douyin-comments',
  label: 'Douyin comments',
  platform: 'douyin',
  target: 'feedback',
  format: 'csv',
  mapping: { postedAt: '评论时间', likes: '点赞数', text: '旧列' },
  columns: [],
};

describe('column mapping', () => {
  it('[UF2] starts from the suggestion, then the preset, then a same-named column; never a column the file lacks', () => {
    const columns = ['评论内容', '用户昵称', '评论时间', '点赞数', 'external_id'];
    const mapping = initialMapping(fields, columns, { text: '评论内容', author: '用户昵称', episode: '不存在' }, preset);
    expect(mapping).toEqual({ text: '评论内容', author: '用户昵称', postedAt: '评论时间', likes: '点赞数', externalId: 'external_id' });
  });

  it('[UF2] required fields need a column unless the form fixes them (episode, platform)', () => {
    const mapping = { text: 'c', author: 'a', postedAt: 't' };
    expect(missingRequired(fields, mapping, { episodeId: '', platform: '' })).toEqual(['episode', 'platform']);
    expect(missingRequired(fields, mapping, { episodeId: 'e1', platform: 'douyin' })).toEqual([]);
    expect(missingRequired(fields, { ...mapping, text: '' }, { episodeId: 'e1', platform: 'douyin' })).toEqual(['text']);
  });

  it('[UF2] a loaded mapping only brings columns the file has; unmapped fields are not sent', () => {
    expect(applyMapping({ text: 'a' }, { text: 'gone', likes: 'b' }, ['a', 'b'])).toEqual({ text: 'a', likes: 'b' });
    expect(cleanMapping({ text: 'a', likes: '' })).toEqual({ text: 'a' });
  });
});
