import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

export type Machine = {
  cpu: string;
  cores: number;
  memoryGb: number;
  kernel: string;
  node: string;
  loadBefore: number[];
};

/** What the numbers were measured on, from /proc (falls back to os when /proc is missing). */
export function describeMachine(): Machine {
  let cpu = cpus()[0]?.model ?? "unknown";
  let cores = cpus().length;
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    cpu = /model name\s*:\s*(.+)/.exec(info)?.[1]?.trim() ?? cpu;
    cores = (info.match(/^processor\s*:/gm) ?? []).length || cores;
  } catch {
    // not Linux
  }
  let kernel = "";
  let loadBefore: number[] = [];
  try {
    kernel = readFileSync("/proc/sys/kernel/osrelease", "utf8").trim();
    loadBefore = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
  } catch {
    // not Linux
  }
  return {
    cpu,
    cores,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel,
    node: process.version,
    loadBefore,
  };
}

export function loadNow(): number[] {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
  } catch {
    return [];
  }
}
