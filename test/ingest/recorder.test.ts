// `--record`: every post a stream delivers is written once, in the wire post form, and reads
// back as the same post.
import {linkSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Post} from '../../source/core/post.js';
import {decodeMessage, encodePost} from '../../source/core/protocol.js';
import {openRecording, RecordFileError} from '../../source/ingest/recorder.js';
import type {PostStream, StreamEvent} from '../../source/ingest/stream.js';

function fakeStream() {
  const listeners = new Set<(event: StreamEvent) => void>();
  const stream: PostStream = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => undefined,
  };
  return {
    stream,
    emit: (event: StreamEvent) => listeners.forEach((listener) => listener(event)),
    listeners,
  };
}

const posts: Post[] = [
  {
    id: '1',
    createdAt: Date.UTC(2026, 0, 1),
    receivedAt: Date.UTC(2026, 0, 1, 0, 0, 1),
    text: 'hi #Marvel\nsecond line',
    hashtags: ['Marvel'],
    cashtags: [],
    mentions: [],
    lang: 'en',
    author: 'stan',
    retweet: false,
  },
  {
    id: '2',
    createdAt: Date.UTC(2026, 0, 1, 0, 0, 2),
    text: 'RT ＃スタン "quoted" 🦸',
    hashtags: ['スタン'],
    cashtags: [],
    mentions: [],
    retweet: true,
  },
  {
    id: '3',
    createdAt: Date.UTC(2026, 0, 1, 0, 0, 3),
    text: 'no tags',
    hashtags: [],
    cashtags: [],
    mentions: [],
    retweet: false,
  },
];

const tempFile = () =>
  path.join(mkdtempSync(path.join(tmpdir(), 'trendtui-record-')), 'session.jsonl');

describe('openRecording', () => {
  it('writes every post once, in wire form, and nothing else', async () => {
    const file = tempFile();
    const {stream, emit} = fakeStream();
    const recording = await openRecording(file);
    recording.attach(stream);
    emit({type: 'hello', hello: {protocol: 1, source: 'demo', query: '', server: 'x'}});
    emit({type: 'post', post: posts[0]!});
    emit({type: 'status', status: {state: 'live'}});
    emit({type: 'post', post: posts[1]!});
    emit({type: 'link', link: {state: 'connected'}});
    emit({type: 'post', post: posts[2]!});
    expect(recording.posts).toBe(3);
    await recording.close();

    const text = readFileSync(file, 'utf8');
    expect(text).toBe(posts.map(encodePost).join(''));
    const decoded = text
      .trimEnd()
      .split('\n')
      .map((line) => decodeMessage(line));
    expect(decoded).toEqual(posts.map((post) => ({type: 'post', post})));
  });

  it('stops recording when closed', async () => {
    const file = tempFile();
    const {stream, emit, listeners} = fakeStream();
    const recording = await openRecording(file);
    recording.attach(stream);
    emit({type: 'post', post: posts[0]!});
    await recording.close();
    expect(listeners.size).toBe(0);
    emit({type: 'post', post: posts[1]!});
    expect(readFileSync(file, 'utf8')).toBe(encodePost(posts[0]!));
  });

  it('appends to an existing file, never truncating it', async () => {
    const file = tempFile();
    writeFileSync(file, encodePost(posts[0]!));
    const recording = await openRecording(file);
    recording.write(posts[1]!);
    await recording.close();
    expect(readFileSync(file, 'utf8')).toBe(encodePost(posts[0]!) + encodePost(posts[1]!));
  });

  it('ends a cut last line before appending, so no post is glued onto it', async () => {
    const file = tempFile();
    writeFileSync(file, encodePost(posts[0]!) + '{"type":"post","id":"cut');
    const recording = await openRecording(file);
    recording.write(posts[1]!);
    await recording.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[1]).toBe('{"type":"post","id":"cut');
    expect(lines[2] + '\n').toBe(encodePost(posts[1]!));
  });

  it('refuses the file being replayed, under any name, and leaves it as it was', async () => {
    const file = tempFile();
    const original = encodePost(posts[0]!);
    writeFileSync(file, original);
    const hardLink = `${file}.hard`;
    linkSync(file, hardLink);
    const symbolic = `${file}.sym`;
    symlinkSync(file, symbolic);
    for (const name of [file, hardLink, symbolic, `${path.dirname(file)}/./session.jsonl`]) {
      await expect(openRecording(name, {input: file})).rejects.toThrow(
        /is the file being replayed; record to another file/,
      );
    }
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('refuses a file it cannot create, with a one-line reason', async () => {
    const file = path.join(tempFile(), 'no', 'such', 'dir.jsonl');
    await expect(openRecording(file)).rejects.toThrow(RecordFileError);
    await expect(openRecording(file)).rejects.toThrow(/cannot write record file ".*": ENOENT/);
  });
});
