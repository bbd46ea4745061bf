import { Data } from "effect"

/** Redis did not answer or refused: worth retrying with backoff. */
export class RedisUnavailable extends Data.TaggedError("RedisUnavailable")<{ readonly cause: unknown; readonly operation: string }> {}

/** An event read back from the log does not match any schema: permanent, needs an upcaster or a fix. */
export class EventUnreadable extends Data.TaggedError("EventUnreadable")<{ readonly position: number; readonly reason: string }> {}

/** The input event a job refers to is not in the log: permanent. */
export class EventNotFound extends Data.TaggedError("EventNotFound")<{ readonly eventId: string }> {}

/** Another writer appended to the stream since we read it: fold the news and decide again. */
export class VersionConflict extends Data.TaggedError("VersionConflict")<{ readonly stream: string; readonly expected: number; readonly actual: number }> {}

/** The reports folder could not be written: retryable (disk full, permissions fixed by an operator). */
export class ReportStoreFailed extends Data.TaggedError("ReportStoreFailed")<{ readonly path: string; readonly cause: unknown }> {}

/** Job data did not parse: permanent. */
export class InvalidJob extends Data.TaggedError("InvalidJob")<{ readonly reason: string }> {}

/** An extraction thread died with the input on it (a crash, out of memory): the job is retried, on a thread started in its place. */
export class ExtractUnavailable extends Data.TaggedError("ExtractUnavailable")<{ readonly cause: unknown }> {}

export type RetryableError = RedisUnavailable | ReportStoreFailed | VersionConflict | ExtractUnavailable
export const isRetryable = (e: { readonly _tag: string }): boolean =>
  e._tag === "RedisUnavailable" || e._tag === "ReportStoreFailed" || e._tag === "VersionConflict" || e._tag === "ExtractUnavailable"
