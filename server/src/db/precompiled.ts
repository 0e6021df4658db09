import { CompiledQuery, type Compilable, type Kysely } from 'kysely'
import type { Database } from './types'

/** Stands in for a value while the query is compiled; never sent to the database. */
const PLACEHOLDER = '\u0000param:'

/** `param('name')` marks where a call's value goes; typed as the value so builders accept it. */
export type Param<P> = <K extends keyof P & string>(name: K) => P[K]

type Slot = { name: string } | { value: unknown }

/**
 * A query compiled once per database handle and then run with each call's values. Kysely rebuilds
 * and recompiles a query on every call, which for the hot reads (the signed-in user on every
 * request, the events list) costs more than the database takes to run them. `build` gets
 * `param(name)` for each scalar value that changes between calls; everything else is constant.
 */
export function precompiled<P extends Record<string, unknown>, Row>(
  build: (db: Kysely<Database>, param: Param<P>) => Compilable<Row>,
): (db: Kysely<Database>, values: P) => Promise<Row[]> {
  const compiled = new WeakMap<Kysely<Database>, { sql: string; slots: Slot[] }>()

  const compile = (db: Kysely<Database>) => {
    const param: Param<P> = (name) => `${PLACEHOLDER}${name}` as never
    const query = build(db, param).compile()
    const slots = query.parameters.map((value): Slot =>
      typeof value === 'string' && value.startsWith(PLACEHOLDER)
        ? { name: value.slice(PLACEHOLDER.length) }
        : { value },
    )
    const entry = { sql: query.sql, slots }
    compiled.set(db, entry)
    return entry
  }

  return async (db, values) => {
    const { sql, slots } = compiled.get(db) ?? compile(db)
    const parameters = slots.map((slot) => ('name' in slot ? values[slot.name] : slot.value))
    const result = await db.executeQuery<Row>(CompiledQuery.raw(sql, parameters))
    return result.rows
  }
}
