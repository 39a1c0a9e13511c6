// The JSONPath of a node, spelled out only when a finding names it: most nodes produce no finding,
// and building (then hashing) a path string for each of them cost more than scanning their text.
import { childPath, type Segment } from "./json-path";
import type { Finding } from "./types";

export class PathNode {
  private text: string | undefined;
  /**
   * True when another node may spell the same path (keys of a Map, keys of an object where one was
   * masked): findings are then told apart by the path text, not by the node.
   */
  readonly mayRepeat: boolean;
  /** The findings recorded on this node so far, when it cannot repeat. */
  recorded: Finding[] | undefined;

  constructor(
    readonly parent: PathRef,
    readonly seg: Segment,
    mayRepeat = false,
  ) {
    this.mayRepeat = mayRepeat || (parent instanceof PathNode && parent.mayRepeat);
  }

  toString(): string {
    this.text ??= childPath(pathText(this.parent), this.seg);
    return this.text;
  }
}

/** A path as text (`$`, or one already spelled out) or a node not yet spelled out. */
export type PathRef = string | PathNode;

/** The path of the child `seg` of `parent`, or `parent` itself when there is no segment. */
export function pathOf(parent: PathRef, seg: Segment | undefined, mayRepeat: boolean): PathRef {
  return seg === undefined ? parent : new PathNode(parent, seg, mayRepeat);
}

export function pathText(path: PathRef): string {
  return typeof path === "string" ? path : path.toString();
}
