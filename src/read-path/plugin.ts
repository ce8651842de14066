import type { Plugin } from 'graphql-yoga'
import { eventPlanFor, subscribeWithPlan } from './events.js'
import { planFor } from './plan.js'
import { runPlan } from './run.js'
import type { DialectName } from './sql.js'

/**
 * Answers the queries whose every field is a column or relation of MODELS with one compiled SQL
 * statement instead of the resolvers, and the subscriptions whose events are their answer with
 * one result per event for all their subscribers (events.ts); anything else runs as before. Listed after the plugins that
 * admit, meter and log an operation, so the compiled path is admitted, charged and logged alike.
 */
export function compiledReads(dialect: DialectName): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const plan = planFor(args.schema, args.document, args.operationName)
      if (!plan) return
      setExecuteFn(async (executionArgs) => {
        try {
          const answer = await runPlan(plan, executionArgs, dialect)
          if (answer) return answer
        } catch {
          // The ordinary executor reports whatever failed (a database gone, say) in its own words.
        }
        return executeFn(executionArgs)
      })
    },
    onSubscribe({ args, setSubscribeFn }) {
      const plan = eventPlanFor(args.schema, args.document, args.operationName)
      if (plan) setSubscribeFn((subscribeArgs) => subscribeWithPlan(plan, subscribeArgs))
    },
  }
}
