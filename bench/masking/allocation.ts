// Bytes allocated per mask() call on the speed payloads, and which functions allocate them. Young-
// generation collections set the p99 latency, and how often they run follows from this figure.
// Read with V8's sampling heap profiler, counting objects already collected again.
import { Session } from "node:inspector";
import { basename } from "node:path";
import { createMasker, type Masker } from "@countersign/masking";
import { agentPayload } from "./payloads";

export interface AllocationRow {
  tool: string;
  kbPerCall: number;
  /** The functions allocating most, with their KB per call. */
  top: { fn: string; kbPerCall: number }[];
}

interface ProfileNode {
  callFrame: { functionName: string; url: string };
  selfSize: number;
  children: ProfileNode[];
}

const CALLS = 2000;
const WARMUP = 3000;
const TOP = 6;

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))),
  );
}

async function sample(session: Session, masker: Masker, objects: unknown[]): Promise<ProfileNode> {
  for (let i = 0; i < WARMUP; i++) masker.mask(objects[i % objects.length]);
  await post(session, "HeapProfiler.startSampling", {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < CALLS; i++) masker.mask(objects[i % objects.length]);
  const { profile } = await post<{ profile: { head: ProfileNode } }>(session, "HeapProfiler.stopSampling");
  return profile.head;
}

function bySelf(head: ProfileNode): { total: number; perFunction: Map<string, number> } {
  const perFunction = new Map<string, number>();
  let total = 0;
  const stack = [head];
  while (stack.length > 0) {
    const node = stack.pop()!;
    total += node.selfSize;
    const file = node.callFrame.url ? basename(node.callFrame.url) : "native";
    const fn = `${node.callFrame.functionName || "(anonymous)"} (${file})`;
    perFunction.set(fn, (perFunction.get(fn) ?? 0) + node.selfSize);
    stack.push(...node.children);
  }
  return { total, perFunction };
}

export async function measureAllocation(): Promise<AllocationRow[]> {
  const objects = Array.from({ length: 50 }, (_, i) => agentPayload(i + 1));
  const session = new Session();
  session.connect();
  try {
    await post(session, "HeapProfiler.enable");
    const tools: [string, Masker][] = [
      ["countersign mask()", createMasker()],
      ["countersign mask(), secret detectors only", createMasker({ policy: { detectors: ["secrets"] } })],
    ];
    const rows: AllocationRow[] = [];
    for (const [tool, masker] of tools) {
      const { total, perFunction } = bySelf(await sample(session, masker, objects));
      const top = [...perFunction]
        .sort((a, b) => b[1] - a[1])
        .slice(0, TOP)
        .map(([fn, bytes]) => ({ fn, kbPerCall: bytes / CALLS / 1024 }));
      rows.push({ tool, kbPerCall: total / CALLS / 1024, top });
    }
    return rows;
  } finally {
    session.disconnect();
  }
}
