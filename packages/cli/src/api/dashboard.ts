import { createBullBoard } from "@bull-board/api"
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter"
import { HonoAdapter } from "@bull-board/hono"
import { serveStatic } from "@hono/node-server/serve-static"
import { STAGES, type QueuesShape } from "@wiredesk/core"

/** Bull Board over every stage's queue, as a Hono app to mount at `basePath`. */
export const dashboard = (queues: QueuesShape, basePath: string) => {
  const adapter = new HonoAdapter(serveStatic)
  adapter.setBasePath(basePath)
  createBullBoard({
    queues: STAGES.map((stage) => new BullMQAdapter(queues.queue(stage))),
    // @bull-board/hono 9.10.1 pins its own @bull-board/api 9.10.1: the same shape, separately declared.
    serverAdapter: adapter as unknown as Parameters<typeof createBullBoard>[0]["serverAdapter"],
    options: { uiConfig: { boardTitle: "wiredesk" } },
  })
  return adapter.registerPlugin()
}
