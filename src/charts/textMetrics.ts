// How wide a line of chart text is, without a DOM: per-character advance widths of DejaVu Sans (the
// system-ui font of Debian's Chromium, measured there with canvas measureText at 1000 px), one of the
// widest common sans fonts, so the estimate errs wide on macOS and Windows (SF, Segoe UI) and label
// placement stays collision-free there too. tests/browser/landing.test.ts and deck.test.ts check the real
// boxes (layoutChecks.ts textClashes).

/** Advance widths in thousandths of an em, for printable ASCII (space … ~) in order. */
const ASCII =
  '318,401,460,838,636,950,780,275,390,390,500,838,318,361,318,337,636,636,636,636,636,636,636,636,636,636,337,337,838,838,838,531,1000,684,686,698,770,632,575,775,752,295,295,656,557,863,748,787,603,787,695,635,611,732,684,989,685,611,685,390,337,390,838,500,500,613,635,550,635,615,352,635,634,278,278,579,278,974,634,612,635,635,411,521,392,634,592,818,592,592,525,636,337,636,838'
    .split(',')
    .map(Number);

const OTHER: Readonly<Record<string, number>> = {
  '×': 838,
  '÷': 838,
  '−': 838,
  '≈': 838,
  µ: 636,
  '·': 318,
  '★': 896,
  '—': 1000,
  '…': 1000,
  '’': 318,
  '“': 518,
  '”': 518,
  '→': 838,
  '≥': 838,
  '≤': 838,
};

/** Width in px of `text` at `fontSize` px (bold text is about 8 % wider). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let thousandths = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    thousandths += code >= 32 && code < 127 ? (ASCII[code - 32] ?? 700) : (OTHER[char] ?? 800);
  }
  return (thousandths / 1000) * fontSize * (bold ? 1.08 : 1);
}
