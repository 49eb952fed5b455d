import type * as GraphQLModule from 'graphql'

type GraphQL = typeof GraphQLModule

/** `T!` and `[T!]!`, built from the GraphQL module Payload hands to schema extensions. */
export function typeHelpers(GraphQL: GraphQL) {
  const nonNull = <T extends GraphQLModule.GraphQLNullableType>(type: T) => new GraphQL.GraphQLNonNull(type)
  const list = <T extends GraphQLModule.GraphQLNullableType>(type: T) => nonNull(new GraphQL.GraphQLList(nonNull(type)))
  return { list, nonNull }
}

/** GraphQL schema extensions ask for queries and mutations separately, but type names must be unique: build once per module. */
export function builtOnce<T>(build: (GraphQL: GraphQL) => T): (GraphQL: GraphQL) => T {
  const built = new WeakMap<GraphQL, T>()
  return (GraphQL) => {
    let value = built.get(GraphQL)
    if (!value) built.set(GraphQL, (value = build(GraphQL)))
    return value
  }
}
