import fs from "node:fs";

/** CPU seconds used so far by the local PostgreSQL server's processes (0 when it is not on this machine). */
export function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      if (!stat.slice(stat.indexOf("(") + 1, close).startsWith("postgres")) continue;
      const f = stat.slice(close + 2).split(" ");
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]); // utime, stime, and of waited-for children
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100; // USER_HZ
}

/** BENCH_PROFILE=file.cpuprofile: a CPU profile of the measured part (open it in Chrome DevTools). */
export async function startProfile() {
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return session;
}

export async function stopProfile(session: import("node:inspector/promises").Session, file: string) {
  const { profile } = await session.post("Profiler.stop");
  fs.writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
}
