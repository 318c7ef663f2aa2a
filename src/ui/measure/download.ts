// Saving a file from the page (no server involved): a Blob behind a temporary object URL.
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled (Chromium reads the URL asynchronously).
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

/** A file-name-safe stem: "ridgeline-swiftshader-2026-11-26T23-00-00". */
export function fileStem(adapterName: string, createdAt: string): string {
  const adapter = adapterName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  const time = createdAt.replace(/\.\d+Z$/, '').replace(/[^0-9T]+/g, '-');
  return `ridgeline-${adapter || 'gpu'}-${time}`;
}
