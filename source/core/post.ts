// The one shape every source is normalised into before anything counts it.

/** A post as trendtui counts and shows it, whatever network or archive it came from. */
export type Post = {
  /** Source-specific id (X post id, Bluesky `did/rkey`, Mastodon status id); unique per source. */
  id: string;
  /** When the post was made, epoch milliseconds (X `created_at`, Jetstream `time_us`). */
  createdAt: number;
  /** When trendtui received it, epoch milliseconds; set by the ingest side, absent in archives. */
  receivedAt?: number;
  /** Full text (long-post and retweet originals resolved), as the network sent it. */
  text: string;
  /**
   * Hashtags in display form without `#`, one per tag key (see `normalizeTag`), in order of
   * first appearance. For a retweet these are the original's.
   */
  hashtags: string[];
  /** Cashtags (`AMD` for `$AMD`), one per key in order of first appearance; a retweet's the original's. */
  cashtags: string[];
  /** Mentioned accounts (`jack` for `@jack`, a Bluesky handle as written), likewise. */
  mentions: string[];
  /** BCP 47 language tag when the source declares one. */
  lang?: string;
  /** Author handle or id, whichever the source offers. */
  author?: string;
  /** A repost of another post (X retweet); its text and terms are the original's. */
  retweet: boolean;
};

/** The terms a source extracts with a post; words are read from its text where they are counted. */
export type PostEntities = Pick<Post, 'hashtags' | 'cashtags' | 'mentions'>;
