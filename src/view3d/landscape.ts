// The 3D batching landscape (three.js). Loaded only through a dynamic import when the 3D view opens.
// It owns its renderer, draws on demand (orbit 'change' and resize) so no frame allocates anything, and
// releases every GPU resource in one dispose(). The geometry comes from landscapeGrid.ts (pure).
import {
  AmbientLight,
  BufferAttribute,
  BufferGeometry,
  Color,
  DirectionalLight,
  DoubleSide,
  GridHelper,
  Line,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
  MeshLambertMaterial,
  PerspectiveCamera,
  PlaneGeometry,
  Scene,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { createLabels } from './labels.ts';
import {
  buildLandscapeGeometry,
  type LandscapeGeometry,
  type LandscapeGrid,
  type LandscapeMetric,
  landscapeTicks,
  sliceFromGeometry,
} from './landscapeGrid.ts';

export interface LandscapeView {
  readonly canvas: HTMLCanvasElement;
  update(grid: LandscapeGrid, metric: LandscapeMetric): void;
  /** tok/s along the current-context slice, read back from the drawn surface buffer */
  slice(): number[];
  dispose(): void;
}

export type LandscapeResult = { readonly view: LandscapeView } | { readonly unavailable: string };

function webglUnavailableReason(): string | null {
  const probe = document.createElement('canvas');
  const context = probe.getContext('webgl2') ?? probe.getContext('webgl');
  if (!context) return 'WebGL is not available in this browser, so the 3D landscape cannot be drawn.';
  context.getExtension('WEBGL_lose_context')?.loseContext();
  return null;
}

export function openLandscape(
  host: HTMLElement,
  grid: LandscapeGrid,
  metric: LandscapeMetric,
): LandscapeResult {
  const reason = webglUnavailableReason();
  if (reason) return { unavailable: reason };
  let renderer: WebGLRenderer;
  try {
    // preserveDrawingBuffer: the canvas can be read back (screenshots, the non-empty-canvas test).
    renderer = new WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
  } catch (error) {
    return {
      unavailable: `WebGL could not start: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
  const canvas = renderer.domElement;
  canvas.classList.add('landscape-canvas');
  host.append(canvas);

  const scene = new Scene();
  scene.background = new Color(getComputedStyle(host).getPropertyValue('--explorer-bg').trim() || '#ffffff');
  const camera = new PerspectiveCamera(40, 1, 0.1, 100);
  camera.position.set(2.35, 1.45, 2.35);
  const controls = new OrbitControls(camera, canvas);
  controls.target.set(0, 0.25, 0);
  controls.update();

  scene.add(new AmbientLight(0xffffff, 1.6));
  const sun = new DirectionalLight(0xffffff, 1.4);
  sun.position.set(2, 4, 3);
  scene.add(sun);
  const floor = new GridHelper(2, 8, 0x888888, 0xcccccc);
  scene.add(floor);

  const surfaceGeometry = new BufferGeometry();
  const surfaceMaterial = new MeshLambertMaterial({ vertexColors: true, side: DoubleSide });
  const surface = new Mesh(surfaceGeometry, surfaceMaterial);
  const wallGeometry = new BufferGeometry();
  // The KV wall and the SLA plane are see-through: the surface behind them stays readable.
  const wallMaterial = new MeshBasicMaterial({
    color: 0xd0352b,
    transparent: true,
    opacity: 0.16,
    side: DoubleSide,
    depthWrite: false,
  });
  const wall = new Mesh(wallGeometry, wallMaterial);
  const planeGeometry = new PlaneGeometry(2, 2);
  planeGeometry.rotateX(-Math.PI / 2);
  const planeMaterial = new MeshBasicMaterial({
    color: 0x2f6fd6,
    transparent: true,
    opacity: 0.12,
    side: DoubleSide,
    depthWrite: false,
  });
  const slaPlane = new Mesh(planeGeometry, planeMaterial);
  const slaWallGeometry = new BufferGeometry();
  const slaWall = new Mesh(slaWallGeometry, planeMaterial);
  const sliceGeometry = new BufferGeometry();
  const sliceMaterial = new LineBasicMaterial({ color: 0x111111 });
  const sliceLine = new Line(sliceGeometry, sliceMaterial);
  scene.add(surface, wall, slaPlane, slaWall, sliceLine);
  wall.renderOrder = 2;
  slaPlane.renderOrder = 2;
  slaWall.renderOrder = 2;
  const textColor = getComputedStyle(host).color || '#222';
  // Axes: titled, with ticks along the front edge (batch), the right edge (context) and the back-left
  // corner (height); the tick values come from landscapeGrid.ts landscapeTicks.
  const first = buildLandscapeGeometry(grid, metric);
  const ticks = landscapeTicks(grid, first.heightScale);
  const axisTitle = (m: LandscapeMetric) => (m === 'aggregate' ? 'aggregate tok/s ↑' : 'per-stream tok/s ↑');
  const labels = createLabels(
    [
      { key: 'batch', text: 'batch B, concurrent streams (log2) →', at: [0, -0.02, 1.42], px: 22 },
      { key: 'context', text: 'context per stream (log2) →', at: [1.45, -0.02, 0], px: 22 },
      { key: 'height', text: axisTitle(metric), at: [-1.05, 1.18, -1.05], px: 22, align: 'left' },
      ...ticks.batch.map((t, i) => ({
        key: `b${i}`,
        text: t.label,
        at: [t.at, -0.02, 1.16] as const,
        px: 18,
      })),
      ...ticks.context.map((t, i) => ({
        key: `c${i}`,
        text: t.label,
        at: [1.13, -0.02, t.at] as const,
        align: 'left' as const,
        px: 18,
      })),
      ...ticks.height.map((t, i) => ({
        key: `h${i}`,
        text: t.label,
        at: [-1.08, t.at, -1.0] as const,
        align: 'right' as const,
        px: 18,
      })),
    ],
    textColor,
  );
  scene.add(...labels.sprites);
  // tick marks and the height axis itself
  const tickPositions: number[] = [];
  for (const t of ticks.batch) tickPositions.push(t.at, 0, 1, t.at, 0, 1.07);
  for (const t of ticks.context) tickPositions.push(1, 0, t.at, 1.07, 0, t.at);
  tickPositions.push(-1, 0, -1, -1, 1, -1);
  for (const t of ticks.height) tickPositions.push(-1, t.at, -1, -1.05, t.at, -1);
  const tickGeometry = new BufferGeometry();
  tickGeometry.setAttribute('position', new BufferAttribute(new Float32Array(tickPositions), 3));
  const tickMaterial = new LineBasicMaterial({ color: new Color(textColor) });
  const tickLines = new LineSegments(tickGeometry, tickMaterial);
  scene.add(tickLines);

  let geometry: LandscapeGeometry = first;
  let batchCount = grid.batches.length;

  const render = (): void => {
    renderer.render(scene, camera);
  };
  const apply = (next: LandscapeGrid, nextMetric: LandscapeMetric): void => {
    geometry = buildLandscapeGeometry(next, nextMetric);
    batchCount = next.batches.length;
    surfaceGeometry.setAttribute('position', new BufferAttribute(geometry.surface, 3));
    surfaceGeometry.setAttribute('color', new BufferAttribute(geometry.colors, 3));
    surfaceGeometry.setIndex(new BufferAttribute(geometry.indices, 1));
    surfaceGeometry.computeVertexNormals();
    wallGeometry.setAttribute('position', new BufferAttribute(geometry.wall, 3));
    slaWallGeometry.setAttribute('position', new BufferAttribute(geometry.slaWall, 3));
    const nextTicks = landscapeTicks(next, geometry.heightScale);
    nextTicks.height.forEach((t, i) => {
      labels.set(`h${i}`, t.label);
    });
    labels.set('height', axisTitle(nextMetric));
    slaPlane.visible = geometry.slaY !== null;
    slaPlane.position.y = geometry.slaY ?? 0;
    const start = geometry.sliceIndex * batchCount * 3;
    const slice = new Float32Array(geometry.surface.subarray(start, start + batchCount * 3));
    for (let i = 1; i < slice.length; i += 3) slice[i] = (slice[i] ?? 0) + 0.004; // lift above the surface
    sliceGeometry.setAttribute('position', new BufferAttribute(slice, 3));
    for (const g of [surfaceGeometry, wallGeometry, slaWallGeometry, sliceGeometry])
      g.computeBoundingSphere();
    render();
  };

  const resize = (): void => {
    const width = Math.max(1, host.clientWidth);
    // as tall as the dialog leaves room for, so the front labels are never cut at its bottom
    const dialog = host.closest<HTMLElement>('.landscape-dialog');
    const room = dialog
      ? dialog.clientHeight - (host.getBoundingClientRect().top - dialog.getBoundingClientRect().top) - 24
      : Number.POSITIVE_INFINITY;
    const height = Math.max(160, Math.round(Math.min(width * 0.6, room)));
    renderer.setSize(width, height, true);
    camera.aspect = width / height;
    camera.updateProjectionMatrix();
    labels.resize(height, camera.fov);
    render();
  };
  const observer = new ResizeObserver(resize);
  observer.observe(host);
  controls.addEventListener('change', render);
  apply(grid, metric);
  resize();

  return {
    view: {
      canvas,
      update: apply,
      slice: () => sliceFromGeometry(geometry, batchCount),
      dispose(): void {
        observer.disconnect();
        controls.removeEventListener('change', render);
        controls.dispose();
        for (const g of [
          surfaceGeometry,
          wallGeometry,
          planeGeometry,
          slaWallGeometry,
          sliceGeometry,
          tickGeometry,
        ])
          g.dispose();
        labels.dispose();
        for (const m of [surfaceMaterial, wallMaterial, planeMaterial, sliceMaterial, tickMaterial])
          m.dispose();
        floor.geometry.dispose();
        (floor.material as LineBasicMaterial).dispose();
        renderer.dispose();
        renderer.forceContextLoss();
        canvas.remove();
      },
    },
  };
}
