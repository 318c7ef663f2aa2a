// The page's bench client against a worker that dies without a word: the heartbeat (bench/lifeline.ts)
// ends the pending run as failed instead of leaving it waiting forever. The worker is a comlink endpoint
// on a MessageChannel in this process, standing in for the real Worker.
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { createBenchClient, type WorkerLike } from '../../../src/bench/client.ts';
import { keepBeating } from '../../../src/bench/lifeline.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A fake worker whose run never returns; `beat` decides whether it keeps its heartbeat going. */
function fakeWorker(beat: 'always' | 'never' | 'stops'): WorkerLike {
  const { port1, port2 } = new MessageChannel();
  expose(
    {
      run: () => new Promise(() => undefined),
      cancel: () => undefined,
      lifeline(port: MessagePort) {
        if (beat === 'never') return;
        if (beat === 'always') keepBeating(port, 20);
        else {
          port.postMessage('beat');
          // one beat, then silence: as a worker that closed itself
        }
      },
    },
    port2 as unknown as Parameters<typeof expose>[1],
  );
  cleanups.push(() => {
    port1.close();
    port2.close();
  });
  return Object.assign(port1, { terminate: () => port1.close() }) as unknown as WorkerLike;
}

const pending = (ms: number) => new Promise((done) => setTimeout(() => done('still running'), ms));

describe('createBenchClient: a worker that dies silently', () => {
  it('a silent worker (no heartbeat) ends the run as failed with a one-line reason', async () => {
    const client = createBenchClient({ worker: fakeWorker('stops'), heartbeatTimeoutMs: 200 });
    cleanups.push(() => client.terminate());
    await expect(client.run('quick', () => undefined)).rejects.toThrow(
      /^the benchmark worker stopped answering \(no sign of life for \d+ s\)$/,
    );
  });

  it('a worker that never started beating is caught the same way', async () => {
    const client = createBenchClient({ worker: fakeWorker('never'), heartbeatTimeoutMs: 200 });
    cleanups.push(() => client.terminate());
    await expect(client.run('quick', () => undefined)).rejects.toThrow(/stopped answering/);
  });

  it('a worker that keeps beating is left to run, however long it takes', async () => {
    const client = createBenchClient({ worker: fakeWorker('always'), heartbeatTimeoutMs: 200 });
    cleanups.push(() => client.terminate());
    const run = client.run('quick', () => undefined);
    run.catch(() => undefined);
    await expect(Promise.race([run, pending(700)])).resolves.toBe('still running');
  });
});
