import type { ScenarioResult, Target } from "../scenario.ts";
import type { CeilingStep } from "../scenarios/ceiling.ts";
import type { SocketMemory } from "../scenarios/socket-memory.ts";

const ms = (x: number) => `${x} ms`;

function t(what: string, target: string, actual: string, ok: boolean): Target {
  return { what, target, actual, ok };
}

/** The targets, checked against one run; each scenario gets its own list. */
export function checkTargets(results: ScenarioResult[], memory: SocketMemory | null) {
  for (const r of results) {
    r.targets.push(
      t(
        "lost = duplicated = 0",
        "0 / 0",
        `${r.lost} / ${r.duplicated}`,
        r.lost === 0 && r.duplicated === 0,
      ),
    );
    r.targets.push(
      t(
        "longest room block",
        "≤ 10 ms",
        `${ms(r.blocks.longestMs)} (${r.blocks.longestKind})`,
        r.blocks.longestMs <= 10,
      ),
    );
    if (r.name === "fan-out")
      r.targets.push(t("fan-out p99", "≤ 30 ms", ms(r.fanout.p99), r.fanout.p99 <= 30));
    if (r.name === "many-rooms")
      r.targets.push(t("fan-out p99", "≤ 40 ms", ms(r.fanout.p99), r.fanout.p99 <= 40));
    if (r.name === "join-1k") {
      const bytes = Math.max(
        (r.extra.sequentialBytes as { max: number }).max,
        (r.extra.concurrentBytes as { max: number }).max,
      );
      const all = r.extra.concurrentAllReadyMs as number;
      r.targets.push(
        t("first page p50", "≤ 15 ms", ms(r.join.p50), r.join.p50 <= 15),
        t(
          "bytes before ready (max)",
          "≤ 20 KB",
          `${(bytes / 1024).toFixed(1)} KB`,
          bytes <= 20 * 1024,
        ),
        t("100 joins at once, all ready", "≤ 400 ms", ms(all), all <= 400),
      );
    }
    if (r.name === "ceiling") {
      const sustained = r.extra.sustainedAcceptedPerSecond as number;
      const steps = r.extra.steps as CeilingStep[];
      const overload = r.extra.overload as CeilingStep;
      for (const [rate, limit] of [
        [50, 25],
        [200, 40],
      ] as const) {
        const step = steps.find((s) => s.offered === rate);
        r.targets.push(
          t(
            `fan-out p99 at ${rate} msg/s`,
            `≤ ${limit} ms`,
            step ? ms(step.fanout.p99) : "not reached",
            step !== undefined && step.fanout.p99 <= limit,
          ),
        );
      }
      r.targets.push(
        t(
          "ceiling: accepted msg/s (p99 < 100 ms, none lost, ≥ 95 % accepted)",
          "≥ 800",
          `${sustained}`,
          sustained >= 800,
        ),
        t(
          `overload (${overload.offered} msg/s offered): accepted fan-out p99`,
          "< 250 ms",
          ms(overload.fanout.p99),
          overload.fanout.p99 < 250,
        ),
        t(
          "overload: sheds the rest with rate_limited",
          "> 0 refused",
          `${overload.rejected} refused, ${overload.acceptedPerSecond} msg/s accepted`,
          overload.rejected > 0,
        ),
        t(
          "overload: everyone current after the burst",
          "≤ 1000 ms",
          `${ms(overload.currentMs)} (acks ${ms(overload.backlogMs)})`,
          overload.currentMs <= 1000 && overload.lost === 0,
        ),
      );
    }
    if (r.name === "catch-up")
      r.targets.push(
        t(
          "everyone current after reconnect",
          "yes",
          String(r.extra.everyoneCurrent),
          r.extra.everyoneCurrent === true,
        ),
      );
    if (memory) {
      const budget = 1.1 * (memory.idleRssMb + (2 * r.clients) / 1024);
      r.targets.push(
        t(
          "peak memory ≤ 1.1 × (idle + 2 KB/socket)",
          `≤ ${budget.toFixed(1)} MB`,
          `${r.peakRssMb} MB`,
          r.peakRssMb <= budget,
        ),
      );
    }
  }
}
