/** A V8 `.cpuprofile` as written by `node --cpu-prof`. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

export interface SummarizeOptions {
  /** Ignore the first seconds (start-up, module compilation, warm-up). */
  skipSeconds?: number;
  /** Rows per table. */
  top?: number;
}

/**
 * Turn a CPU profile into three plain-text tables, as shares of busy (non-idle)
 * time: self time by function, self time by package or src/ folder (native
 * frames charged to their nearest JavaScript caller's area), and inclusive time
 * of the gateway's own functions (src/).
 */
export function summarizeCpuProfile(profile: CpuProfile, options: SummarizeOptions = {}): string {
  const top = options.top ?? 25;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const selfUs = new Map<number, number>();
  let clock = 0;
  const skipUs = (options.skipSeconds ?? 0) * 1e6;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    clock += delta;
    if (clock < skipUs) continue;
    const id = profile.samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  }

  const shortUrl = (url: string): string => url.replace(/^file:\/\/.*?\/(src|node_modules|sim|bench)\//, '$1/');
  const label = (id: number): string => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return '?';
    return frame.url ? `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}` : frame.functionName || '(native)';
  };
  const area = (id: number): string => {
    const url = byId.get(id)?.callFrame.url ?? '';
    const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    if (pkg) return `npm:${pkg[1]}`;
    const own = url.match(/\/(src|sim)\/([^/]+)/);
    if (own) return `${own[1]}/${own[2]}`;
    return url.startsWith('node:') ? url : '';
  };

  let busy = 0;
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number): void => {
    map.set(key, (map.get(key) ?? 0) + us);
  };
  for (const [id, us] of selfUs) {
    const name = byId.get(id)?.callFrame.functionName;
    if (name === '(idle)') continue;
    busy += us;
    add(self, label(id), us);
    let owner: number | undefined = id;
    while (owner !== undefined && area(owner) === '') owner = parentOf.get(owner);
    const where = owner === undefined ? '' : area(owner);
    add(areas, area(id) === '' ? `${name || '(native)'} ← ${where || '?'}` : where, us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
      const key = label(cur);
      if (!key.includes(' src/') || seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, us);
    }
  }

  const table = (title: string, map: Map<string, number>): string =>
    [
      title,
      ...[...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([key, us]) => `${((us / busy) * 100).toFixed(1).padStart(6)} %  ${key}`),
    ].join('\n');
  return [
    `busy ${(busy / 1000).toFixed(0)} ms (idle excluded${options.skipSeconds ? `, first ${options.skipSeconds} s skipped` : ''})`,
    table('— self time by function', self),
    table('— self time by area (native frames charged to their JS caller)', areas),
    table('— inclusive time of src/ functions', inclusive),
  ].join('\n\n');
}
