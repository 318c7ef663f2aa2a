// Axis labels for the landscape as sprites with a canvas texture: made when the view opens or its
// numbers change, never per frame, and released together in dispose().
import { CanvasTexture, type Sprite, SpriteMaterial, Sprite as ThreeSprite } from 'three';

export interface LabelSet {
  /** replace a label's text (a new texture; only on input changes) */
  set(key: string, text: string): void;
  readonly sprites: readonly Sprite[];
  dispose(): void;
}

function texture(text: string, color: string): CanvasTexture {
  const canvas = document.createElement('canvas');
  canvas.width = 256;
  canvas.height = 64;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.font = '28px system-ui, sans-serif';
    ctx.fillStyle = color;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, 128, 32);
  }
  return new CanvasTexture(canvas);
}

export function createLabels(
  specs: readonly { key: string; text: string; at: readonly [number, number, number] }[],
  color: string,
): LabelSet {
  const byKey = new Map<string, ThreeSprite>();
  for (const spec of specs) {
    const sprite = new ThreeSprite(new SpriteMaterial({ map: texture(spec.text, color), depthTest: false }));
    sprite.position.set(...spec.at);
    sprite.scale.set(0.5, 0.125, 1);
    byKey.set(spec.key, sprite);
  }
  return {
    sprites: [...byKey.values()],
    set(key, text) {
      const sprite = byKey.get(key);
      if (!sprite) return;
      sprite.material.map?.dispose();
      sprite.material.map = texture(text, color);
      sprite.material.needsUpdate = true;
    },
    dispose() {
      for (const sprite of byKey.values()) {
        sprite.material.map?.dispose();
        sprite.material.dispose();
      }
    },
  };
}
