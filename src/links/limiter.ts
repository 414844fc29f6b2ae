// Concurrency: at most `total` requests at once, and at most `perHost` to any one host, so a bank
// that cites one site a hundred times does not hammer it (linkinator only has a global limit).

export class HostLimiter {
  private running = 0;
  private readonly perHostRunning = new Map<string, number>();
  private readonly waiting: { host: string; start: () => void }[] = [];

  constructor(
    private readonly total: number,
    private readonly perHost: number,
  ) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    await new Promise<void>((start) => {
      this.waiting.push({ host, start });
      this.next();
    });
    try {
      return await task();
    } finally {
      this.running--;
      this.perHostRunning.set(host, (this.perHostRunning.get(host) ?? 1) - 1);
      this.next();
    }
  }

  private next(): void {
    for (let i = 0; i < this.waiting.length && this.running < this.total; ) {
      const { host, start } = this.waiting[i]!;
      const onHost = this.perHostRunning.get(host) ?? 0;
      if (onHost >= this.perHost) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.running++;
      this.perHostRunning.set(host, onHost + 1);
      start();
    }
  }
}
