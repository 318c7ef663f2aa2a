// The attendee's page (/room/CODE): measure this device in the browser's bench worker with the room's
// profile, show the result, and send the measurement document to the room. No account and nothing
// personal: the document holds the adapter's description and the measurements, plus a nickname only if
// one is typed (the server keeps the adapter, the roofs and the points; it reads the user agent once, for
// the device class, and drops it). Without WebGPU the page says so and sends nothing.
import { createBenchClient, type SuiteProgress } from '../../bench/client.ts';
import { isValidMeasurement, type MeasurementDocument, measuredRoofs } from '../../measure/document.ts';
import { B200_REFERENCE } from '../../model/presets/reference.ts';
import { si } from '../../model/units/format.ts';
import { DEVICE_CLASS_LABELS, ROOM_LIMITS } from '../../room/entry.ts';
import { ROOM_PROFILE } from '../../room/profile.ts';
import { errorMessage, h } from '../dom.ts';
import { probeAdapter } from '../measure/adapterProbe.ts';

interface RoomInfo {
  readonly open: boolean;
  readonly count: number;
}

async function roomInfo(code: string): Promise<RoomInfo | 'missing' | Error> {
  try {
    const response = await fetch(`/api/rooms/${encodeURIComponent(code)}`, { cache: 'no-store' });
    if (response.status === 404) return 'missing';
    if (!response.ok) return new Error(`the room answered ${response.status}`);
    const body = (await response.json()) as Record<string, unknown>;
    return { open: body['open'] === true, count: typeof body['count'] === 'number' ? body['count'] : 0 };
  } catch (error) {
    return new Error(`the room could not be reached: ${errorMessage(error)}`);
  }
}

/** The server's own sentence for a refused submission (a fixed text; shown as text all the same). */
async function refusal(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string' && body.error.length < 200) return body.error;
  } catch {
    // not JSON (a proxy's page): say the status
  }
  return `the room answered ${response.status}`;
}

/** One line on what this device measured, against the B200. */
export function resultLines(document: MeasurementDocument): string[] {
  const roofs = measuredRoofs(document.measurements);
  const lines: string[] = [];
  const memory = roofs.memory?.value;
  if (memory !== undefined)
    lines.push(
      `Memory bandwidth ${si(memory, 'B/s')}: the B200 moves ${Math.round(B200_REFERENCE.bandwidthBytesPerSecond / memory).toLocaleString('en-US')}× as much.`,
    );
  else lines.push('No DRAM bandwidth figure: this profile’s streams fit in the cache.');
  const f32 = roofs.compute['f32']?.value;
  if (f32 !== undefined)
    lines.push(
      `f32 FMA peak ${si(f32, 'FLOP/s')}: the B200's FP32 is ${Math.round(B200_REFERENCE.fp32FlopsPerSecond / f32).toLocaleString('en-US')}× that.`,
    );
  const points = document.measurements.filter((m) => isValidMeasurement(m) && m.flopsPerSecond).length;
  lines.push(
    `${points} verified kernel${points === 1 ? '' : 's'} measured in ${document.elapsedSeconds.toFixed(1)} s.`,
  );
  return lines;
}

export function mountJoinPage(root: HTMLElement, code: string): void {
  const status = h(
    'p',
    { class: 'room-join-status', 'data-field': 'join-status', 'aria-live': 'polite' },
    'Checking the room…',
  );
  const nickname = h('input', {
    type: 'text',
    name: 'nickname',
    maxlength: ROOM_LIMITS.nicknameCharacters,
    autocomplete: 'off',
    placeholder: 'optional',
    'aria-describedby': 'nickname-note',
  });
  const deviceClass = h(
    'select',
    { name: 'device-class' },
    h('option', { value: '' }, 'let the page guess'),
    h('option', { value: 'laptop' }, DEVICE_CLASS_LABELS.laptop),
    h('option', { value: 'desktop' }, DEVICE_CLASS_LABELS.desktop),
  );
  const run = h(
    'button',
    { type: 'button', class: 'primary', id: 'room-run', disabled: true },
    'Measure and send',
  );
  const bar = h('progress', { id: 'room-progress', max: 1, value: 0, 'aria-label': 'measurement progress' });
  const progressText = h('p', { class: 'room-progress-text', 'data-field': 'join-progress' });
  const result = h('div', { class: 'room-result', 'data-field': 'join-result', 'aria-live': 'polite' });
  const sent = h('p', { class: 'room-sent', 'data-field': 'join-sent', 'aria-live': 'polite' });
  root.replaceChildren(
    h(
      'section',
      { class: 'card room-join-page', id: 'room-join', 'data-room': code },
      h('h2', {}, `Join room ${code}`),
      h(
        'p',
        {},
        'Measure this device’s GPU in your browser and add it to the speaker’s roofline, beside an NVIDIA B200. It takes under a minute.',
      ),
      h(
        'p',
        { class: 'room-privacy', id: 'nickname-note' },
        'Sent: the GPU’s name, the measured rates and the nickname below, if you type one. No account, nothing else.',
      ),
      h('label', { class: 'room-field' }, 'Nickname ', nickname),
      h('label', { class: 'room-field' }, 'This device is a ', deviceClass),
      run,
      bar,
      progressText,
      status,
      result,
      sent,
    ),
  );

  const setStatus = (text: string, state: string) => {
    status.textContent = text;
    root.dataset['join'] = state;
  };

  let roomOpen = false;
  let hasAdapter = false;
  const ready = async () => {
    const [info, probe] = await Promise.all([
      roomInfo(code),
      probeAdapter().catch((error: unknown) => ({
        kind: 'no-adapter' as const,
        message: errorMessage(error),
      })),
    ]);
    if (info === 'missing')
      return setStatus(`There is no room ${code}: check the address on the speaker’s slide.`, 'missing');
    if (info instanceof Error) return setStatus(`${info.message}.`, 'unreachable');
    roomOpen = info.open;
    if (!info.open) return setStatus('This room is closed: the speaker takes no more results.', 'closed');
    if (probe.kind === 'no-webgpu') {
      const why = window.isSecureContext
        ? 'This browser has no WebGPU'
        : 'WebGPU works only on https:// pages (or localhost), and this page is not one';
      return setStatus(`${why}: nothing is measured and nothing is sent.`, 'no-webgpu');
    }
    if (probe.kind === 'no-adapter')
      return setStatus(
        `WebGPU offers no GPU here (${probe.message}): nothing is measured and nothing is sent.`,
        'no-webgpu',
      );
    hasAdapter = true;
    run.disabled = false;
    setStatus(
      `Ready: ${info.count} device${info.count === 1 ? '' : 's'} in the room so far.${probe.fallback ? ' This browser offers only a CPU adapter: it will show as one.' : ''}`,
      'ready',
    );
  };

  const submit = async (document: MeasurementDocument) => {
    const query = new URLSearchParams();
    if (nickname.value.trim() !== '') query.set('nickname', nickname.value.trim());
    if (deviceClass.value !== '') query.set('class', deviceClass.value);
    const response = await fetch(
      `/api/rooms/${encodeURIComponent(code)}/results${query.size > 0 ? `?${query}` : ''}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(document),
      },
    );
    if (response.status === 201) {
      const { id } = (await response.json()) as { id?: unknown };
      sent.textContent = 'Sent: look for your device on the speaker’s roofline.';
      sent.dataset['id'] = typeof id === 'string' ? id : '';
      root.dataset['join'] = 'sent';
      return;
    }
    sent.textContent = `Not sent: ${await refusal(response)}.`;
    root.dataset['join'] = 'refused';
  };

  run.addEventListener('click', () => {
    if (!roomOpen || !hasAdapter) return;
    run.disabled = true;
    nickname.disabled = true;
    sent.textContent = '';
    result.replaceChildren();
    bar.value = 0;
    root.dataset['join'] = 'running';
    setStatus('Measuring… keep this page open.', 'running');
    const client = createBenchClient();
    const onProgress = (p: SuiteProgress) => {
      bar.value = p.fraction;
      progressText.textContent = p.current
        ? `${p.done + 1} of ${p.total}: ${p.current}`
        : `${p.done} of ${p.total}`;
    };
    void client
      .run(ROOM_PROFILE, onProgress)
      .then(async (document) => {
        bar.value = 1;
        const usable = document.measurements.some(isValidMeasurement);
        result.replaceChildren(
          h('h3', {}, 'Your device'),
          ...resultLines(document).map((line) => h('p', {}, line)),
        );
        if (!usable) {
          setStatus(
            `The run ended (${document.status}) without a verified measurement: nothing was sent.`,
            'failed',
          );
          return;
        }
        setStatus(`Measured (${document.status}). Sending…`, 'sending');
        await submit(document);
        setStatus('Done.', root.dataset['join'] ?? 'sent');
      })
      .catch((error: unknown) => {
        setStatus(`The measurement failed: ${errorMessage(error)}. Nothing was sent.`, 'failed');
      })
      .finally(() => {
        client.terminate();
        run.disabled = false;
        nickname.disabled = false;
        run.textContent = 'Measure again and send';
      });
  });
  void ready();
}
