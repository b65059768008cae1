// Preloaded (node --import) into each server the collaboration benchmark starts: it answers the
// benchmark's IPC question with this process's memory and CPU time, so the product needs no stats
// endpoint. Only active when started with an IPC channel.
export type ServerStats = { memory: NodeJS.MemoryUsage; cpu: NodeJS.CpuUsage };

if (process.send) {
  process.on("message", (message) => {
    if (message === "bench:stats") {
      const stats: ServerStats = { memory: process.memoryUsage(), cpu: process.cpuUsage() };
      process.send?.({ type: "bench:stats", stats });
    }
  });
  // If the benchmark dies without stopping us, stop as on Ctrl-C rather than linger.
  process.on("disconnect", () => process.kill(process.pid, "SIGTERM"));
}
