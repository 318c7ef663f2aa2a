/** Where a preset's numbers come from: a document a reader can open, and its publication date. */
export interface PresetSource {
  readonly title: string;
  /** A web address, where the source has one a reader can open. */
  readonly url?: string;
  /** Publication (or retrieval, when undated) date, ISO yyyy-mm-dd or yyyy-mm. */
  readonly date: string;
  /** Which figures this source gives, or how a figure was derived from it. */
  readonly note?: string;
}

/** The blog post the projection starts from, cited by title, author and date wherever the page names it. */
export const BLOG_CITATION = {
  title: 'How to Save Millions by Self-Hosting LLMs',
  author: 'Arafat Khan',
  date: '2026-06-09',
} as const;

export const blogSource: PresetSource = {
  title: `${BLOG_CITATION.title} (${BLOG_CITATION.author}, blog post)`,
  date: BLOG_CITATION.date,
};
