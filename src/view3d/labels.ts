// Axis labels for the landscape as sprites with a canvas texture: made when the view opens or its
// numbers change, never per frame, and released together in dispose(). They keep a constant size on
// screen (no size attenuation), set in CSS pixels by `resize`, so tick text stays readable from a laptop
// to a projector whatever the zoom.
import { CanvasTexture, type Sprite, SpriteMaterial, Sprite as ThreeSprite } from 'three';

export interface LabelSpec {
  readonly key: string;
  readonly text: string;
  readonly at: readonly [number, number, number];
  /** text height on screen, px (16 by default; axis titles larger) */
  readonly px?: number;
  /** 'center' (default), 'left' or 'right': which side of the point the text extends from */
  readonly align?: 'center' | 'left' | 'right';
}

export interface LabelSet {
  /** replace a label's text (a new texture; only on input changes) */
  set(key: string, text: string): void;
  /** the canvas's height in CSS px and the camera's vertical field of view, degrees */
  resize(canvasHeight: number, fovDegrees: number): void;
  readonly sprites: readonly Sprite[];
  dispose(): void;
}

const TEXTURE_HEIGHT = 64;

function texture(text: string, color: string): { map: CanvasTexture; aspect: number } {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  const font = `${TEXTURE_HEIGHT * 0.72}px system-ui, sans-serif`;
  let width = TEXTURE_HEIGHT * 4;
  if (ctx) {
    ctx.font = font;
    width = Math.ceil(ctx.measureText(text).width + TEXTURE_HEIGHT * 0.4);
  }
  canvas.width = width;
  canvas.height = TEXTURE_HEIGHT;
  const draw = canvas.getContext('2d');
  if (draw) {
    draw.font = font;
    draw.fillStyle = color;
    draw.textAlign = 'center';
    draw.textBaseline = 'middle';
    draw.fillText(text, width / 2, TEXTURE_HEIGHT / 2);
  }
  return { map: new CanvasTexture(canvas), aspect: width / TEXTURE_HEIGHT };
}

export function createLabels(specs: readonly LabelSpec[], color: string): LabelSet {
  const byKey = new Map<string, { sprite: ThreeSprite; aspect: number; spec: LabelSpec }>();
  let unit = 0.04;
  const apply = (entry: { sprite: ThreeSprite; aspect: number; spec: LabelSpec }) => {
    const height = unit * ((entry.spec.px ?? 16) / 16);
    entry.sprite.scale.set(height * entry.aspect, height, 1);
    const align = entry.spec.align ?? 'center';
    entry.sprite.center.set(align === 'left' ? 0 : align === 'right' ? 1 : 0.5, 0.5);
  };
  for (const spec of specs) {
    const { map, aspect } = texture(spec.text, color);
    const sprite = new ThreeSprite(new SpriteMaterial({ map, depthTest: false, sizeAttenuation: false }));
    sprite.position.set(...spec.at);
    sprite.renderOrder = 10;
    const entry = { sprite, aspect, spec };
    apply(entry);
    byKey.set(spec.key, entry);
  }
  return {
    sprites: [...byKey.values()].map((e) => e.sprite),
    set(key, text) {
      const entry = byKey.get(key);
      if (!entry) return;
      entry.sprite.material.map?.dispose();
      const next = texture(text, color);
      entry.sprite.material.map = next.map;
      entry.sprite.material.needsUpdate = true;
      entry.aspect = next.aspect;
      apply(entry);
    },
    resize(canvasHeight, fovDegrees) {
      // without attenuation a sprite of scale s spans s ÷ tan(fov/2) of half the view's height:
      // 16 px of text on a canvas `canvasHeight` px tall
      unit = (16 / Math.max(1, canvasHeight / 2)) * Math.tan(((fovDegrees / 2) * Math.PI) / 180);
      for (const entry of byKey.values()) apply(entry);
    },
    dispose() {
      for (const { sprite } of byKey.values()) {
        sprite.material.map?.dispose();
        sprite.material.dispose();
      }
    },
  };
}
