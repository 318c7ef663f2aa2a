// vitest reporter: after the default reporter's summary, one plain line saying how many tests were skipped
// and why (the notes their ctx.skip calls gave), so a machine without Chromium or an adapter cannot pass for
// a full run. Silent when nothing was skipped.
import type { Reporter, TestModule } from 'vitest/node';

export default class SkipSummary implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const byReason = new Map<string, number>();
    for (const module of modules) {
      // A file whose hook failed reports its tests as skipped; its failure is reported already.
      if (module.state() === 'failed') continue;
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state !== 'skipped') continue;
        const reason = result.note ?? 'no reason given';
        byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
      }
    }
    const total = [...byReason.values()].reduce((sum, n) => sum + n, 0);
    if (total === 0) return;
    const reasons = [...byReason].map(([reason, n]) => `${n} (${reason})`).join(', ');
    process.stdout.write(
      `\nSkipped ${total} test${total === 1 ? '' : 's'}: ${reasons}. ` +
        'Set RIDGELINE_REQUIRE_BROWSER=1, RIDGELINE_REQUIRE_ADAPTER=1 or RIDGELINE_REQUIRE_F16=1 to fail instead (CI does).\n',
    );
  }
}
