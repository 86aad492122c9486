import type { ActivatedJob } from './processor/commands/jobCommands.js';

export interface ActivateRequest {
  jobType: string;
  worker: string;
  timeout: number;
  maxJobs: number;
  fetchVariables: string[];
}

interface LongPoll {
  request: ActivateRequest;
  retry: () => void;
}

export interface JobStream {
  request: Omit<ActivateRequest, 'maxJobs'>;
  /** Sends one job; false when the stream is gone. */
  push(job: ActivatedJob): boolean;
  /**
   * False while the stream cannot take a job now (closing, or its client is not reading): as
   * Zeebe's gateway refuses a push to a gRPC stream that is not ready, the job goes to another
   * stream or stays activatable for polling workers instead of waiting behind a stuck client.
   */
  ready?(): boolean;
}

/**
 * Workers waiting for jobs: long-polling ActivateJobs calls and StreamActivatedJobs streams,
 * per job type. After a commit that made jobs of a type activatable, the waiters of that type retry.
 */
export class JobDispatcher {
  private readonly polls = new Map<string, Set<LongPoll>>();
  private readonly streams = new Map<string, JobStream[]>();
  private readonly roundRobin = new Map<string, number>();
  /** Per job type, how many times jobs became available: a poll that saw a change missed a wake-up. */
  private readonly announcements = new Map<string, number>();

  /** Read before an activation is queued; if it changed by the time the activation found nothing, retry. */
  announced(type: string): number {
    return this.announcements.get(type) ?? 0;
  }

  addPoll(request: ActivateRequest, retry: () => void): () => void {
    const poll: LongPoll = { request, retry };
    let set = this.polls.get(request.jobType);
    if (!set) this.polls.set(request.jobType, (set = new Set()));
    set.add(poll);
    return () => set.delete(poll);
  }

  jobsAvailable(type: string): void {
    this.announcements.set(type, this.announced(type) + 1);
    const set = this.polls.get(type);
    if (!set || set.size === 0) return;
    const waiting = [...set];
    set.clear();
    for (const poll of waiting) poll.retry();
  }

  addStream(stream: JobStream): () => void {
    const list = this.streams.get(stream.request.jobType) ?? [];
    list.push(stream);
    this.streams.set(stream.request.jobType, list);
    return () => {
      const current = this.streams.get(stream.request.jobType) ?? [];
      this.streams.set(stream.request.jobType, current.filter((s) => s !== stream));
    };
  }

  /** The next stream of the type, round robin, that is ready to take a job. */
  pickStream(type: string): JobStream | undefined {
    const list = this.streams.get(type);
    if (!list || list.length === 0) return undefined;
    const start = this.roundRobin.get(type) ?? 0;
    for (let i = 0; i < list.length; i++) {
      const index = (start + i) % list.length;
      const stream = list[index];
      if (stream.ready && !stream.ready()) continue;
      this.roundRobin.set(type, index + 1);
      return stream;
    }
    return undefined;
  }

  closeAll(): void {
    for (const set of this.polls.values()) for (const poll of set) poll.retry();
    this.polls.clear();
  }
}
