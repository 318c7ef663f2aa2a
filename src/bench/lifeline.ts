// Proof that the bench worker is alive. A dedicated worker that dies without an error event (it closed
// itself, or its thread was torn down) would leave the page's pending run waiting forever, since comlink
// only sees replies. The page hands the worker one end of a MessageChannel and the worker beats on it every
// HEARTBEAT_INTERVAL_MS; no beat for HEARTBEAT_TIMEOUT_MS ends the run as failed (client.ts), keeping the
// cases finished before it. (MessagePort's 'close' event would say it at once, but Chromium 156 does not
// dispatch it: 'onclose' is not on MessagePort.prototype there.)

export const HEARTBEAT_INTERVAL_MS = 1000;
/**
 * Well above the longest synchronous stretch of a run in the worker (a CPU reference or seeded inputs for
 * a large case, during which no beat goes out), well below "waiting forever". Measured on SwiftShader in
 * headless Chromium on the 2-core machine: the longest gap between beats was 1.0 s in a quick run and
 * 5.1 s in a full run (91 s); 30 s leaves six times that.
 */
export const HEARTBEAT_TIMEOUT_MS = 30_000;

/** Worker side: beat on `port` for the life of the worker. */
export function keepBeating(port: MessagePort, intervalMs = HEARTBEAT_INTERVAL_MS): void {
  port.start();
  port.postMessage('beat');
  setInterval(() => port.postMessage('beat'), intervalMs);
}
