import { describe, expect, it } from 'vitest';
import { blogValueIds, blogValueOf } from '../../../src/ui/explorer/blogValues.ts';
import { golden } from '../../fixtures/golden.ts';

const all = [...golden.entries, ...golden.not_reproducible];
const presetOf = (id: string) => (id.endsWith('.compat') ? 'blog_compat' : 'default');
const figureOf = (id: string) => id.replace(/\.compat$/, '');

describe('blogValues (baked from seed-golden.json)', () => {
  it('holds every golden entry: each figure the blog prints', () => {
    expect([...blogValueIds].sort()).toEqual(all.map((e) => e.id).sort());
  });

  it('carries the printed value, wording, section and engine value of the golden file', () => {
    for (const entry of all) {
      const value = blogValueOf(figureOf(entry.id), presetOf(entry.id));
      expect(value, entry.id).toBeDefined();
      expect(value?.printed).toBe(entry.expected);
      expect(value?.text).toBe(entry.blog_text);
      expect(value?.section).toBe(entry.source_section);
      expect(value?.engineAtBlogInputs).toBe(entry.engine_value);
    }
  });

  it('agrees exactly where the golden file has no difference, and says why everywhere else', () => {
    for (const entry of all) {
      const value = blogValueOf(figureOf(entry.id), presetOf(entry.id));
      const differs = (entry.rel_diff ?? 0) > 0;
      expect(value?.agrees, entry.id).toBe(!differs);
      if (differs) expect(value?.reason?.length, entry.id).toBeGreaterThan(5);
      else expect(value?.reason, entry.id).toBeNull();
    }
    // the lecturer's examples from issue 13
    for (const id of ['mem.weight_bytes', 'mem.kv_budget', 'decode.ceiling_tps', 'ttft.demo_single']) {
      expect(blogValueOf(id, 'default')?.agrees, id).toBe(true);
    }
    expect(blogValueOf('decode.ceiling_tps', 'default')?.section).toBe('4.2');
    expect(blogValueOf('ttft.demo_shared', 'default')?.printed).toBe(16);
  });

  it('blogValueOf(id, "blog_compat") prefers the .compat row', () => {
    expect(blogValueOf('pass.total_bytes', 'blog_compat')?.engineAtBlogInputs).toBe(200002500000);
    expect(blogValueOf('pass.total_bytes', 'default')?.engineAtBlogInputs).toBeCloseTo(198.086e9, -6);
    expect(blogValueOf('cost.node_per_hour', 'blog_compat')?.printed).toBe(48);
    expect(blogValueOf('prefill.node_bw_nothing', 'default')).toBeUndefined();
  });
});
