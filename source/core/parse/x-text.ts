// Shared by both X formats: X sends post text HTML-escaped (`&amp;`, `&lt;`, `&gt;`) and its
// entities carry hashtags without `#`. Both are turned into what the user typed.
import {extractHashtags, uniqueTags} from '../hashtags.js';

/** Post text as the author wrote it: X escapes exactly `&`, `<` and `>`. */
export function unescapeXText(text: string): string {
  if (text.indexOf('&') === -1) return text;
  // `&amp;` last, so an escaped entity (`&amp;lt;`) decodes once, to `&lt;`, as in one pass.
  // Three plain-string passes measure faster than one regex with a replacer function.
  if (text.indexOf('&lt;') !== -1) text = text.replaceAll('&lt;', '<');
  if (text.indexOf('&gt;') !== -1) text = text.replaceAll('&gt;', '>');
  return text.replaceAll('&amp;', '&');
}

/**
 * Hashtags from an X entity list (`field` is `tag` in v2, `text` in v1.1), one per key; or, when
 * the post has no entities at all (fields not requested, or an archive that dropped them),
 * extracted from the text by the same rules X applies.
 */
export function entityHashtags(entities: unknown, field: 'tag' | 'text', text: string): string[] {
  if (typeof entities !== 'object' || entities === null) return extractHashtags(text);
  // `hashtags` is absent (v2) or empty (v1.1) when the post has none.
  const list = (entities as {hashtags?: unknown}).hashtags;
  if (!Array.isArray(list) || list.length === 0) return [];
  if (list.length === 1) {
    const tag = (list[0] as Record<string, unknown> | null)?.[field];
    return typeof tag === 'string' && tag.length > 0 ? [tag] : [];
  }
  const tags: string[] = [];
  for (const entry of list) {
    const tag = (entry as Record<string, unknown> | null)?.[field];
    if (typeof tag === 'string') tags.push(tag);
  }
  return uniqueTags(tags);
}
