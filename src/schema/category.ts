import { builder } from './builder.js'
import { decodeId, payloadType, withUserErrors } from './payloads.js'

export const Category = builder.prismaNode('Category', {
  id: { field: 'id' },
  fields: (t) => ({
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

builder.queryField('categories', (t) =>
  t.prismaConnection({
    type: 'Category',
    cursor: 'id',
    totalCount: (_c, _a, ctx) => ctx.services.categories.count(),
    resolve: (query, _root, _args, ctx) => ctx.services.categories.list(query),
  }),
)

const CreateCategoryInput = builder.inputType('CreateCategoryInput', { fields: (t) => ({ name: t.string({ required: true }) }) })
const DeleteCategoryInput = builder.inputType('DeleteCategoryInput', { fields: (t) => ({ id: t.id({ required: true }) }) })

const CategoryPayload = payloadType<{ category: { id: number } }>('CategoryPayload', (t) => ({
  category: t.field({ type: Category, nullable: true, resolve: (p) => p.category as never }),
}))
const DeleteCategoryPayload = payloadType<{ deletedCategoryId: string }>('DeleteCategoryPayload', (t) => ({
  deletedCategoryId: t.id({ nullable: true, resolve: (p) => p.deletedCategoryId }),
}))

builder.mutationFields((t) => ({
  createCategory: t.field({
    type: CategoryPayload,
    args: { input: t.arg({ type: CreateCategoryInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({ category: await ctx.services.categories.create(ctx.viewer, input.name) })),
  }),
  deleteCategory: t.field({
    type: DeleteCategoryPayload,
    args: { input: t.arg({ type: DeleteCategoryInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => {
        await ctx.services.categories.delete(ctx.viewer, decodeId(input.id, 'Category', ['input', 'id']))
        return { deletedCategoryId: String(input.id) }
      }),
  }),
}))
