/** Where a preset's numbers come from: a document a reader can open, and its publication date. */
export interface PresetSource {
  readonly title: string;
  /** A URL, or for the blog the path of the stored copy under ../shared/reference/. */
  readonly url: string;
  /** Publication (or retrieval, when undated) date, ISO yyyy-mm-dd or yyyy-mm. */
  readonly date: string;
  /** Which figures this source gives, or how a figure was derived from it. */
  readonly note?: string;
}

export const blogSource: PresetSource = {
  title: 'How to Save Millions by Self-Hosting LLMs (A. Khan)',
  url: '../shared/reference/000_4bac356974ad6998.txt',
  date: '2026-06-09',
};
