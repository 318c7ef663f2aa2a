// The join address as a QR code, drawn as one SVG path of dark modules (never a markup string or an
// image from a data URL): the qr package (paulmillr/qr) computes the modules, this draws them. A
// four-module quiet zone (ISO/IEC 18004) is kept white in either theme so phones read it off a projector.
import { encodeQR } from 'qr';

const SVG = 'http://www.w3.org/2000/svg';
const QUIET = 4;
/** The qr package draws a border of its own (at least 1 module); the quiet zone here makes up the rest. */
const BORDER = 1;

/** The dark modules as path data, one unit square per module, placed inside the quiet zone. */
export function qrPath(modules: readonly (readonly boolean[])[]): string {
  let d = '';
  modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      let run = 1;
      while (row[x + run]) run += 1;
      d += `M${x + QUIET - BORDER} ${y + QUIET - BORDER}h${run}v1h${-run}z`;
      x += run;
    }
  });
  return d;
}

export function qrSvg(text: string, label: string): SVGSVGElement {
  const modules = encodeQR(text, 'raw', { ecc: 'medium', border: BORDER });
  const size = modules.length - 2 * BORDER + 2 * QUIET;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('class', 'room-qr');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.dataset['text'] = text;
  const background = document.createElementNS(SVG, 'rect');
  background.setAttribute('width', String(size));
  background.setAttribute('height', String(size));
  background.setAttribute('class', 'room-qr-quiet');
  const dark = document.createElementNS(SVG, 'path');
  dark.setAttribute('d', qrPath(modules));
  dark.setAttribute('class', 'room-qr-modules');
  svg.append(background, dark);
  return svg;
}
