/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type BuildState =
  | 'CANCELLED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

/** Derived from builds: BUILDING while any tag builds, FAILED if a tag's latest build failed, SUCCESS if it has tags and all built, EMPTY otherwise. */
export type ImageState =
  | 'BUILDING'
  | 'EMPTY'
  | 'FAILED'
  | 'SUCCESS';

export type VersionState =
  | 'BUILDING'
  | 'BUILT'
  | 'FAILED'
  | 'PENDING';

export type CatalogPageQueryVariables = Exact<{
  first: number;
}>;


export type CatalogPageQuery = { images: { totalCount: number, nodes: Array<{ name: string, state: ImageState, lastBuildDate: string | null, starCount: number, viewerHasStarred: boolean, owner: { name: string }, registry: { name: string, url: string } | null, categories: { totalCount: number, nodes: Array<{ name: string }> }, tags: { totalCount: number, nodes: Array<{ name: string, digest: string | null, build: { state: BuildState } | null }> }, versions: { totalCount: number, nodes: Array<{ version: string, state: VersionState, builds: { totalCount: number, nodes: Array<{ state: BuildState, targetTag: string, logLines: { totalCount: number, nodes: Array<{ text: string }> } }> } }> } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const CatalogPageDocument = new TypedDocumentString(`
    query CatalogPage($first: Int!) {
  images(first: $first, orderBy: {field: NAME, direction: ASC}) {
    totalCount
    nodes {
      name
      state
      lastBuildDate
      starCount
      viewerHasStarred
      owner {
        name
      }
      registry {
        name
        url
      }
      categories {
        totalCount
        nodes {
          name
        }
      }
      tags {
        totalCount
        nodes {
          name
          digest
          build {
            state
          }
        }
      }
      versions {
        totalCount
        nodes {
          version
          state
          builds {
            totalCount
            nodes {
              state
              targetTag
              logLines(first: 3) {
                totalCount
                nodes {
                  text
                }
              }
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CatalogPageQuery, CatalogPageQueryVariables>;