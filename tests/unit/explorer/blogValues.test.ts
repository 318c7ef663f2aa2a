import { describe, expect, it } from 'vitest';
import { blogValueIds, blogValueOf } from '../../../src/ui/explorer/blogValues.ts';
import { golden } from '../../fixtures/golden.ts';

const all = [...golden.entries, ...golden.not_reproducible];

describe('blogValues (baked from seed-golden.json)', () => {
  it('holds exactly the golden entries whose blog number differs from the engine', () => {
    const differing = all.filter((e) => (e.rel_diff ?? 0) > 0).map((e) => e.id);
    expect([...blogValueIds].sort()).toEqual(differing.sort());
  });

  it('blogValueOf(id) carries the printed value, wording and engine value of the golden file', () => {
    for (const entry of all.filter((e) => (e.rel_diff ?? 0) > 0)) {
      const value = blogValueOf(entry.id, 'default');
      expect(value, entry.id).toBeDefined();
      expect(value?.printed).toBe(entry.expected);
      expect(value?.text).toBe(entry.blog_text);
      expect(value?.engineAtBlogInputs).toBe(entry.engine_value);
      expect(value?.reason.length).toBeGreaterThan(5);
    }
  });

  it('blogValueOf(id, "blog_compat") prefers the .compat row', () => {
    expect(blogValueOf('pass.total_bytes', 'blog_compat')?.engineAtBlogInputs).toBe(200002500000);
    expect(blogValueOf('pass.total_bytes', 'default')?.engineAtBlogInputs).toBeCloseTo(198.086e9, -6);
    expect(blogValueOf('cost.node_per_hour', 'default')).toBeUndefined();
  });
});
