// The chart as a standalone SVG file and as a PNG. The renderer already inlines every colour and font, so
// serialising the <svg> is enough; the PNG draws that SVG onto a canvas at 2× for sharp slides.
export function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const [, , width, height] = (svg.getAttribute('viewBox') ?? '0 0 1100 640').split(/\s+/);
  clone.setAttribute('width', width ?? '1100');
  clone.setAttribute('height', height ?? '640');
  // Focus/ARIA attributes are for the live page only.
  for (const element of clone.querySelectorAll('[tabindex]')) element.removeAttribute('tabindex');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}

export async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const text = svgText(svg);
  const [, , width, height] = (svg.getAttribute('viewBox') ?? '0 0 1100 640').split(/\s+/).map(Number);
  const w = (width ?? 1100) * scale;
  const hgt = (height ?? 640) * scale;
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image(w, hgt);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = hgt;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw to a canvas');
    context.drawImage(image, 0, 0, w, hgt);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
