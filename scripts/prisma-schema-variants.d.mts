/** The PostgreSQL variant of prisma/schema.prisma: same models, other provider, client only, own output. */
export function postgresSchema(sqliteSchema: string): string
