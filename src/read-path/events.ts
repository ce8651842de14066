// Subscriptions whose events are already the answer: `buildLogs { lineNo stream text createdAt }`
// streams log lines, and each line's result is the same for every subscriber asking with the
// same document. Rather than execute the selection once per line per subscriber (a thousand
// subscribers: a thousand executions a line), the result is built once per line and plan and
// handed to every subscriber; the subscribe resolver, its checks and its errors are the
// ordinary ones (createSourceEventStream). Any other subscription document runs as before.
import { createSourceEventStream, Kind, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql'
import { cachedPlans } from './plan.js'

type EventValue = 'int' | 'string' | 'dateTime'

/** Subscription fields whose resolver passes the event through, and the event's own fields. */
const EVENT_FIELDS: Readonly<Record<string, { typeName: string; fields: Readonly<Record<string, EventValue>> }>> = {
  buildLogs: { typeName: 'BuildLogLine', fields: { lineNo: 'int', stream: 'string', text: 'string', createdAt: 'dateTime' } },
}

interface EventPlan {
  key: string
  outputs: Array<{ key: string; field: string; value: EventValue | 'typename' }>
  typeName: string
  /** Where an event keeps its result for this plan, made once for every subscriber of the document. */
  result: symbol
}

/** The plan for this subscription of the document; null when the executor must run it. */
export const eventPlanFor = cachedPlans(compile)

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): EventPlan | null {
  const operations = document.definitions.filter((each): each is OperationDefinitionNode => each.kind === Kind.OPERATION_DEFINITION)
  if (document.definitions.length !== operations.length) return null // fragments: left to the executor
  const operation = operationName ? operations.find((each) => each.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined
  if (!operation || operation.operation !== 'subscription' || operation.directives?.length || !schema.getSubscriptionType()) return null
  const [root, ...others] = operation.selectionSet.selections
  if (!root || others.length || root.kind !== Kind.FIELD || root.directives?.length || !root.selectionSet) return null
  const event = EVENT_FIELDS[root.name.value]
  if (!event) return null
  const outputs: EventPlan['outputs'] = []
  const keys = new Set<string>()
  for (const selection of root.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length || selection.arguments?.length || selection.selectionSet) return null
    const key = selection.alias?.value ?? selection.name.value
    if (keys.has(key)) return null
    keys.add(key)
    const field = selection.name.value
    const value = field === '__typename' ? 'typename' : event.fields[field]
    if (!value) return null
    outputs.push({ key, field, value })
  }
  return { key: root.alias?.value ?? root.name.value, outputs, typeName: event.typeName, result: Symbol('result') }
}

function resultOf(plan: EventPlan, event: Record<string | symbol, unknown>): ExecutionResult {
  let result = event[plan.result] as ExecutionResult | undefined
  if (!result) {
    const answer: Record<string, unknown> = {}
    for (const { key, field, value } of plan.outputs) {
      if (value === 'typename') answer[key] = plan.typeName
      else if (value === 'dateTime') answer[key] = (event[field] as Date).toISOString()
      else answer[key] = event[field]
    }
    result = { data: { [plan.key]: answer } }
    // Under a symbol, which JSON and Object.keys pass over.
    event[plan.result] = result
  }
  return result
}

/** The subscription as the executor would run it, each event's result made once per plan. */
export async function subscribeWithPlan(plan: EventPlan, args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args)
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult
  const events = (source as AsyncIterable<Record<string, unknown>>)[Symbol.asyncIterator]()
  const done = { done: true, value: undefined } as const
  const toResult = (next: IteratorResult<Record<string, unknown>>): IteratorResult<ExecutionResult> => (next.done ? done : { done: false, value: resultOf(plan, next.value) })
  const results: AsyncIterableIterator<ExecutionResult> = {
    [Symbol.asyncIterator]: () => results,
    // A then, not an async function: one promise a line to a subscriber fewer.
    next: () => events.next().then(toResult),
    async return() {
      await events.return?.()
      return done
    },
    async throw(error: unknown) {
      if (events.throw) await events.throw(error)
      throw error
    },
  }
  return results
}
