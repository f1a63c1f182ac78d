// What the sliding window hands to its readers (the dashboard and pipe mode) at each slide.

export type RankedTag = {
  /** Normalised key (NFKC + lower case), stable across spellings. */
  key: string;
  /** Most frequent spelling in the window, without `#`. */
  display: string;
  count: number;
  /** 1-based rank in this emission. */
  rank: number;
};

export type WindowResult = {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive; always a multiple of the slide. */
  end: number;
  windowMs: number;
  slideMs: number;
  /** Posts whose time falls in [start, end). */
  posts: number;
  /** Posts that arrived too late to be counted, since the start of the run. */
  late: number;
  /** Top tags by count desc, ties by key asc; every tag when the top size is 0. */
  top: RankedTag[];
};
