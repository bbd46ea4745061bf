/**
 * Every Redis key of one wiredesk prefix. All share the hash tag `{prefix}`, so every key of a
 * prefix lives in one Redis Cluster slot and multi-key scripts stay legal on a Cluster.
 */
export const keysFor = (prefix: string) => {
  const tag = `{${prefix}}`
  return {
    tag,
    /** BullMQ's own key prefix for this wiredesk prefix. */
    queuePrefix: tag,
    log: `${tag}:log`,
    position: `${tag}:position`,
    eventIds: `${tag}:event-ids`,
    article: (articleId: string) => `${tag}:article:${articleId}`,
    articles: `${tag}:articles`,
    inbox: `${tag}:inbox`,
    version: (stream: string) => `${tag}:version:${stream}`,
    checkpoint: (projection: string) => `${tag}:checkpoint:${projection}`,
  } as const
}
export type Keys = ReturnType<typeof keysFor>
