import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { fileURLToPath } from 'node:url';

export interface MachineInfo {
  cpuModel: string;
  nproc: number;
  logicalCpus: number;
  memGiB: number;
  kernel: string;
  node: string;
  portkeyVersion: string;
  honoNodeServerVersion: string;
  loadAvgAtStart: number[];
}

/** What the figures were measured on: CPU model, `nproc`, memory, kernel, Node and peer versions. */
export function readMachineInfo(): MachineInfo {
  // Some packages do not export ./package.json: read it from node_modules.
  const versionOf = (pkg: string): string => {
    try {
      const path = fileURLToPath(new URL(`../node_modules/${pkg}/package.json`, import.meta.url));
      return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // keep the os.cpus() count
  }
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    nproc,
    logicalCpus: cpus().length,
    memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    portkeyVersion: versionOf('@portkey-ai/gateway'),
    honoNodeServerVersion: versionOf('@hono/node-server'),
    loadAvgAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}
