import { denseLinks, type LinkRecord } from "./hdf5-dense-links.js";
import { MSG, readObjectHeader, type Hdf5Message } from "./hdf5-objects.js";
import { corrupt, Fields, Hdf5Unsupported, MAX_NODES, MAX_STRUCTURE, readAt, UNDEFINED, type Hdf5File } from "./hdf5-fields.js";

/**
 * HDF5 groups for the block reader: old style (a symbol table: a v1 B-tree of symbol nodes and a
 * local heap of names) and new style (link messages in the object header, or in dense storage:
 * hdf5-dense-links.ts).
 */

/** Where a link points: an object header, or a path (a soft link). */
export type Hdf5Link = { address: number } | { soft: string };


/**
 * The links of the group whose header holds `messages`, by name in jsfive's order (its
 * `Object.keys` of the links: symbol tables in B-tree order, link messages in header order).
 */
export async function groupLinks(file: Hdf5File, messages: readonly Hdf5Message[], place: string): Promise<Map<string, Hdf5Link>> {
  const entries: [string, Hdf5Link][] = [];
  for (const m of messages) {
    const f = new Fields(m.body, file, place, m.at);
    if (m.type === MSG.symbolTable) entries.push(...(await symbolTableLinks(file, f.address(), f.address(), place)));
    else if (m.type === MSG.link) {
      const { name, link } = linkMessage(f, file, place);
      entries.push([name, link]);
    } else if (m.type === MSG.linkInfo) {
      if (f.u8() !== 0) throw corrupt(file, place, "a link info message of an unknown version");
      const flags = f.u8();
      if (flags & 1) f.skip(8);
      const heap = f.address();
      const names = f.address();
      const orders = flags & 2 ? f.address() : UNDEFINED;
      if (names !== UNDEFINED) entries.push(...(await denseLinks(file, heap, names, orders, place, (g) => linkMessage(g, file, place))));
    }
  }
  // jsfive keeps the links in a plain object: its key order (integer-like names first) and last-wins
  const object: Record<string, Hdf5Link> = Object.fromEntries(entries);
  return new Map(Object.keys(object).map((k) => [k, object[k]!]));
}

/** One link message: a hard or soft link (external links: Hdf5Unsupported), with its creation order. */
function linkMessage(f: Fields, file: Hdf5File, place: string): LinkRecord {
  if (f.u8() !== 1) throw corrupt(file, place, "a link message of an unknown version");
  const flags = f.u8();
  const type = flags & 0x08 ? f.u8() : 0;
  const order = flags & 0x04 ? f.uint(8) : undefined;
  const charset = flags & 0x10 ? f.u8() : 0;
  const length = f.uint(1 << (flags & 3));
  const text = new TextDecoder(charset === 0 ? "ascii" : "utf-8");
  const name = text.decode(f.bytes(length));
  if (type === 0) return { name, link: { address: f.address() }, order };
  if (type === 1) return { name, link: { soft: text.decode(f.bytes(f.u16())) }, order };
  throw new Hdf5Unsupported(`an external link ('${name}')`, place);
}

/** The links of an old-style group: its v1 B-tree's symbol nodes in order, names from the local heap. */
async function symbolTableLinks(file: Hdf5File, btree: number, heapAddress: number, place: string): Promise<[string, Hdf5Link][]> {
  const heap = await localHeap(file, heapAddress, place);
  const name = (offset: number): string => {
    const end = heap.indexOf(0, offset);
    if (offset >= heap.length || end < 0) throw corrupt(file, place, `a link name at heap offset ${offset} outside the ${heap.length}-byte heap`);
    return String.fromCharCode(...heap.subarray(offset, end));
  };
  const links: [string, Hdf5Link][] = [];
  for (const node of await btreeLeaves(file, btree, 0, place)) {
    for (const child of node.children) {
      const data = await readAt(file, child, 8, place);
      const f = new Fields(data, file, place, child);
      f.signature("SNOD");
      f.skip(2);
      const count = f.u16();
      const entrySize = 2 * file.offsetSize + 24;
      const body = new Fields(await readAt(file, child + 8, count * entrySize, place), file, place, child + 8);
      for (let i = 0; i < count; i++) {
        const nameOffset = body.uint(file.offsetSize);
        const address = body.address();
        const cache = body.u32();
        body.skip(4);
        const scratch = body.bytes(16);
        if (cache === 2) links.push([name(nameOffset), { soft: name(new DataView(scratch.buffer, scratch.byteOffset, 4).getUint32(0, true)) }]);
        else links.push([name(nameOffset), { address }]);
      }
    }
  }
  return links;
}

/** A local heap's data segment. */
async function localHeap(file: Hdf5File, address: number, place: string): Promise<Uint8Array> {
  const f = new Fields(await readAt(file, address, 8 + 2 * file.lengthSize + file.offsetSize, place), file, place, address);
  f.signature("HEAP");
  f.skip(4);
  const size = f.length();
  f.length();
  const data = f.address();
  if (size > MAX_STRUCTURE) throw corrupt(file, place, `a local heap of ${size} bytes`);
  return readAt(file, data, size, place);
}

/** A leaf of a v1 B-tree: its keys' bytes (`entries + 1` keys) and its children's addresses. */
export interface BtreeLeaf {
  keys: Uint8Array[];
  children: number[];
}

/**
 * The leaves of the v1 B-tree at `address` (node type 0: groups, keys of one length; 1: chunks,
 * keys of `keySize` bytes), left to right. Each child's level must be one less than its parent's
 * (so no path loops), and a node read twice (a cycle or a shared subtree) is a corrupt file.
 */
export async function btreeLeaves(file: Hdf5File, address: number, type: 0 | 1, place: string, keySize = file.lengthSize): Promise<BtreeLeaf[]> {
  const leaves: BtreeLeaf[] = [];
  const seen = new Set<number>();
  const visit = async (at: number, level: number | undefined): Promise<void> => {
    if (seen.has(at)) throw corrupt(file, place, `a B-tree node at byte ${at} is reached twice (a cycle)`);
    if (seen.size >= MAX_NODES) throw corrupt(file, place, `more than ${MAX_NODES} B-tree nodes`);
    seen.add(at);
    const headSize = 8 + 2 * file.offsetSize;
    const h = new Fields(await readAt(file, at, headSize, place), file, place, at);
    h.signature("TREE");
    const nodeType = h.u8();
    const nodeLevel = h.u8();
    const entries = h.u16();
    if (nodeType !== type) throw corrupt(file, place, `a B-tree node of type ${nodeType} at byte ${at} (expected type ${type})`);
    if (level !== undefined && nodeLevel !== level) throw corrupt(file, place, `a B-tree node at level ${nodeLevel} at byte ${at} (expected level ${level})`);
    const f = new Fields(await readAt(file, at + headSize, entries * (keySize + file.offsetSize) + keySize, place), file, place, at + headSize);
    const keys: Uint8Array[] = [];
    const children: number[] = [];
    for (let i = 0; i < entries; i++) {
      keys.push(f.bytes(keySize));
      children.push(f.address());
    }
    keys.push(f.bytes(keySize));
    if (nodeLevel === 0) {
      leaves.push({ keys, children });
      return;
    }
    for (const child of children) await visit(child, nodeLevel - 1);
  };
  await visit(address, undefined);
  return leaves;
}

/** An object's header messages and whether it is a dataset (it has a dataspace, as jsfive decides). */
export async function objectAt(file: Hdf5File, address: number, place: string): Promise<{ messages: Hdf5Message[]; dataset: boolean }> {
  const messages = await readObjectHeader(file, address, place);
  return { messages, dataset: messages.some((m) => m.type === MSG.dataspace) };
}
