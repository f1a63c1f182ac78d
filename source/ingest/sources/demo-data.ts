// The raw material the demo source draws its posts from: sentence templates in several scripts,
// a ranked pool of hashtags with their usual spellings, and tags that surge for a while.

export type Template = {text: string; lang: string};

/** `{q}` is replaced by the query, `{u}` by a handle. */
export const TEMPLATES: readonly Template[] = [
  {text: 'Can not stop thinking about {q} today', lang: 'en'},
  {text: 'Just watched the whole {q} thread, wow', lang: 'en'},
  {text: 'Hot take: {q} is underrated', lang: 'en'},
  {text: 'Anyone else following the {q} news right now?', lang: 'en'},
  {text: '{q} again?! This timeline is wild', lang: 'en'},
  {text: 'My favourite thing about {q}: everything.', lang: 'en'},
  {text: 'Reading everything I can find on {q}\nwhat a story', lang: 'en'},
  {text: 'Thank you {q} 🙏✨', lang: 'en'},
  {text: '🔥🔥🔥 {q} 🔥🔥🔥', lang: 'en'},
  {text: 'Le sujet du jour : {q}', lang: 'fr'},
  {text: 'Todo el mundo habla de {q} hoy', lang: 'es'},
  {text: 'Heute dreht sich alles um {q}', lang: 'de'},
  {text: '{q}のニュース、びっくりした', lang: 'ja'},
  {text: '今日は一日中{q}の話ばかり', lang: 'ja'},
  {text: '大家都在讨论{q}', lang: 'zh'},
  {text: '{q} 소식 들었어요?', lang: 'ko'},
  {text: 'ชอบ {q} มากที่สุดเลย', lang: 'th'},
  {text: 'วันนี้ทุกคนพูดถึง {q}', lang: 'th'},
  {text: '{q} 👀 @{u} have you seen this?', lang: 'en'},
];

/** Handles for authors and mentions. */
export const HANDLES: readonly string[] = [
  'comicfan88',
  'nightowl',
  'marta_reads',
  'dev_jonas',
  'kei_tokyo',
  'pim_bkk',
  'lucia.m',
  'the_real_sam',
  'newsbot_live',
  'ari',
  'zoe_draws',
  'hiro',
];

/**
 * Related tags, most popular first; the demo weights them by rank (Zipf-like). Each lists its
 * spellings, most common first, so one trend arrives in mixed case.
 */
export const RELATED_TAGS: readonly (readonly string[])[] = [
  ['Trending', 'trending'],
  ['News', 'news', 'NEWS'],
  ['Live', 'live'],
  ['Fans', 'fans'],
  ['Breaking', 'breaking'],
  ['TBT', 'tbt'],
  ['Comics', 'comics'],
  ['Art', 'art'],
  ['Music', 'music'],
  ['MovieNight', 'movienight'],
  ['Legend', 'legend'],
  ['Inspiration', 'inspiration'],
  ['ニュース'],
  ['漫画'],
  ['Tech', 'tech'],
  ['OpenSource'],
  ['Photography', 'photography'],
  ['คนไทย'],
  ['Gaming', 'gaming'],
  ['Podcast', 'podcast'],
  ['Weekend', 'weekend'],
  ['Coffee', 'coffee'],
  ['Books', 'books'],
  ['Travel', 'travel'],
  ['Science', 'science'],
  ['FollowFriday', 'followfriday'],
  ['東京'],
  ['Retro', 'retro'],
  ['Cosplay', 'cosplay'],
  ['Documentary'],
];

/**
 * Tags that surge: each rises for a minute or two, peaks near the top of the chart, and fades,
 * at its own offset and period so the chart keeps moving.
 */
export const SURGE_TAGS: readonly {
  spellings: readonly string[];
  offsetS: number;
  periodS: number;
}[] = [
  {spellings: ['BreakingNews', 'breakingnews'], offsetS: 20, periodS: 300},
  {spellings: ['Premiere', 'premiere'], offsetS: 110, periodS: 420},
  {spellings: ['Giveaway', 'giveaway', 'GIVEAWAY'], offsetS: 200, periodS: 540},
];
