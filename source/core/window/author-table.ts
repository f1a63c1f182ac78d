// Numbers for authors, so a window can count distinct accounts per term with number keys. An
// id is held by every retained pane that counted a post of its author, and recycled once none
// does. A post without an author is an account of its own: it gets a fresh id nobody shares.

export class AuthorTable {
  private readonly ids = new Map<string, number>();
  private names: (string | undefined)[] = [];
  private refs = new Int32Array(1024);
  private readonly free: number[] = [];
  private high = 0;

  /** Authors some retained pane still holds. */
  get live(): number {
    return this.high - this.free.length;
  }

  /** The id of `author`, interning it on first sight; a fresh id when undefined. */
  idOf(author: string | undefined): number {
    if (author !== undefined) {
      const id = this.ids.get(author);
      if (id !== undefined) return id;
    }
    const id = this.free.pop() ?? this.newId();
    this.names[id] = author;
    if (author !== undefined) this.ids.set(author, id);
    return id;
  }

  /** One more retained pane holds the author. */
  hold(id: number): void {
    this.refs[id]!++;
  }

  /** A retained pane holding the author was dropped; the id is recycled at the last one. */
  release(id: number): void {
    if (--this.refs[id]! > 0) return;
    const name = this.names[id];
    if (name !== undefined) this.ids.delete(name);
    this.names[id] = undefined;
    this.free.push(id);
  }

  private newId(): number {
    const id = this.high++;
    if (id === this.refs.length) {
      const refs = new Int32Array(id * 2);
      refs.set(this.refs);
      this.refs = refs;
    }
    return id;
  }
}
