import type { Plugin } from 'graphql-yoga'
import { planFor } from './plan.js'
import { runPlan } from './run.js'
import type { DialectName } from './sql.js'

/**
 * Answers the queries whose every field is a column or relation of MODELS with one compiled SQL
 * statement instead of the resolvers; anything else runs as before. Listed after the plugins that
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
  }
}
