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
  camera.position.set(2.9, 1.7, 2.9);
  const controls = new OrbitControls(camera, canvas);
  controls.target.set(0, 0.35, 0);
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
  const wallMaterial = new MeshBasicMaterial({
    color: 0xd0352b,
    transparent: true,
    opacity: 0.35,
    side: DoubleSide,
    depthWrite: false,
  });
  const wall = new Mesh(wallGeometry, wallMaterial);
  const planeGeometry = new PlaneGeometry(2, 2);
  planeGeometry.rotateX(-Math.PI / 2);
  const planeMaterial = new MeshBasicMaterial({
    color: 0x2f6fd6,
    transparent: true,
    opacity: 0.22,
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
  const textColor = getComputedStyle(host).color || '#222';
  const labels = createLabels(
    [
      { key: 'batch', text: 'batch B →', at: [0, -0.08, 1.25] },
      { key: 'b1', text: '1', at: [-1, -0.08, 1.1] },
      { key: 'b512', text: '512', at: [1, -0.08, 1.1] },
      { key: 'context', text: 'context →', at: [1.3, -0.08, 0] },
      { key: 'c1', text: '1K', at: [1.15, -0.08, -1] },
      { key: 'c256', text: '256K', at: [1.15, -0.08, 1] },
      { key: 'top', text: '', at: [-1.15, 1, -1] },
    ],
    textColor,
  );
  scene.add(...labels.sprites);

  let geometry: LandscapeGeometry = buildLandscapeGeometry(grid, metric);
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
    labels.set('top', `${Math.round(geometry.heightScale).toLocaleString('en-US')} tok/s`);
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
    const height = Math.max(1, Math.round(width * 0.6));
    renderer.setSize(width, height, true);
    camera.aspect = width / height;
    camera.updateProjectionMatrix();
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
        for (const g of [surfaceGeometry, wallGeometry, planeGeometry, slaWallGeometry, sliceGeometry])
          g.dispose();
        labels.dispose();
        for (const m of [surfaceMaterial, wallMaterial, planeMaterial, sliceMaterial]) m.dispose();
        floor.geometry.dispose();
        (floor.material as LineBasicMaterial).dispose();
        renderer.dispose();
        renderer.forceContextLoss();
        canvas.remove();
      },
    },
  };
}
