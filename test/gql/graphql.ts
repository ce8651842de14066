/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AddRegistryInput = {
  apiVersion?: RegistryApiVersion | null | undefined;
  name: string;
  /** Write-only; stored encrypted. Null or empty forgets it. */
  password?: string | null | undefined;
  /** A search API in Docker Hub's v1 form (GET ?q=&n=&page=), e.g. https://index.docker.io/v1/search. Null or empty forgets it. */
  searchUrl?: string | null | undefined;
  /** Accept the registry's self-signed TLS certificate. */
  trustSelfSignedCert?: boolean | null | undefined;
  /** http(s)://host[:port]; credentials in it (user:password@) are refused: give them as username and password. */
  url: string;
  username?: string | null | undefined;
};

export type ApplyRetentionInput = {
  imageId: string | number;
};

export type AutotestMode =
  /** Builds move their tag without a test. */
  | 'OFF'
  /** As SOURCE_ONLY, and pull requests from forks are tested too. */
  | 'SOURCE_AND_FORKS'
  /** Every build runs the test first and only a pass moves the tag; the repository's own pull requests are tested (never tagged). */
  | 'SOURCE_ONLY';

export type BuildArgInput = {
  name: string;
  value: string;
};

export type BuildImageInput = {
  buildArgs?: Array<BuildArgInput> | null | undefined;
  /** Build from this Dockerfile text, with an empty context. */
  dockerfile?: string | null | undefined;
  /** Path of the Dockerfile inside the archive (default Dockerfile). */
  dockerfilePath?: string | null | undefined;
  imageId: string | number;
  /** The tag to produce; defaults to the version string, or latest. */
  tag?: string | null | undefined;
  /** Build this version's source archive. Give this or dockerfile. */
  versionId?: string | number | null | undefined;
};

export type BuildSettingInput = {
  autobuild?: boolean | null | undefined;
  branch: string;
  /** Relative to the repository root; Dockerfile when left out. */
  dockerfilePath?: string | null | undefined;
  tag: string;
};

export type BuildSourceImageInput = {
  imageId: string | number;
};

/** QUEUED -> RUNNING -> SUCCEEDED | FAILED | CANCELLED; a running build that cancelBuild stops is CANCELLING until the engine has stopped it. */
export type BuildState =
  | 'CANCELLED'
  /** cancelBuild was asked while it ran; it ends CANCELLED (or as the engine finished, if that came first). */
  | 'CANCELLING'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

export type BuildTrigger =
  /** buildImage, buildVersion or triggerBuild. */
  | 'MANUAL'
  /** A signed push event on /hooks/git/<image>. */
  | 'WEBHOOK';

export type CancelBuildInput = {
  id: string | number;
};

export type CreateApiTokenInput = {
  expiresAt?: string | null | undefined;
  name: string;
};

export type CreateCategoryInput = {
  name: string;
};

export type CreateImageInput = {
  categoryIds?: Array<string | number> | null | undefined;
  description?: string | null | undefined;
  iconUrl?: string | null | undefined;
  isPrivate?: boolean | null | undefined;
  jumpstart?: boolean | null | undefined;
  loginUsername?: string | null | undefined;
  metadata?: unknown;
  minDiskGb?: number | null | undefined;
  minRamMb?: number | null | undefined;
  name: string;
  registryId?: string | number | null | undefined;
};

export type CreateUserInput = {
  isAdmin?: boolean | null | undefined;
  name: string;
};

export type CreateVersionInput = {
  imageId: string | number;
  /** The source as a tar, tar.gz or zip archive. */
  source: File;
  version: string;
};

export type DeleteCategoryInput = {
  id: string | number;
};

export type DeleteImageInput = {
  /** Stop and remove the containers (running or stopped) that use the image. Without it, such containers make the delete IMAGE_IN_USE. */
  cascade?: boolean;
  id: string | number;
  /** Forget the record only; leave the image on the engine. */
  metaOnly?: boolean;
};

export type DeleteRegistryInput = {
  id: string | number;
};

export type ImageFilter = {
  /** Images in any of these categories (by name). */
  categories?: Array<string> | null | undefined;
  isPrivate?: boolean | null | undefined;
  jumpstart?: boolean | null | undefined;
  nameContains?: string | null | undefined;
  /** Owner's user name. */
  owner?: string | null | undefined;
  registry?: string | number | null | undefined;
  state?: ImageState | null | undefined;
  /** Images that carry every one of these tags. */
  tags?: Array<string> | null | undefined;
};

export type ImageIdInput = {
  imageId: string | number;
};

export type ImageOrder = {
  direction?: OrderDirection;
  field: ImageOrderField;
};

export type ImageOrderField =
  | 'CREATED_AT'
  | 'NAME'
  | 'STAR_COUNT'
  | 'UPDATED_AT';

/** Tutum's image state, derived from tags and builds, first match wins: BUILDING while any build of it is queued, running or cancelling; FAILED when a tag's latest build failed; SUCCESS when it has tags and all of them are built ("all image tags are successfully built": each was built, pulled or imported, so it has a digest); EMPTY otherwise, i.e. no tags, or a tag only named in the catalog (never built, pulled or imported). A pull request's test build never counts. */
export type ImageState =
  /** A build of one of its tags is queued, running or being cancelled. */
  | 'BUILDING'
  /** Not every tag is built: no tags, or one only named in the catalog (no digest, no engine image). */
  | 'EMPTY'
  /** A tag's latest build failed (and nothing is building). */
  | 'FAILED'
  /** Every tag is built, pulled or imported, and none is building or failed. */
  | 'SUCCESS';

export type ImportLocalImageInput = {
  /** A name:tag the engine holds, e.g. team/web:1.0 or registry.example.com:5000/team/web:1.0 (tag 1.0 of team/web, held under that registry's name). */
  reference: string;
};

export type OrderDirection =
  | 'ASC'
  | 'DESC';

export type ProtectTagInput = {
  imageId: string | number;
  tag: string;
};

export type PullImageInput = {
  /** name[:tag][@digest]; the tag defaults to latest. */
  reference: string;
  /** Pull from this registry, with its credentials; its host is put in front of a reference that names none. */
  registryId?: string | number | null | undefined;
};

export type PullState =
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

export type PushImageInput = {
  /** The registry to push to, as host/<image name>:<tag>, with the registry's credentials. */
  registryId: string | number;
  /** The catalog tag to push; it must have an image in the engine. */
  tagId: string | number;
};

export type RegistryApiVersion =
  | 'V1'
  | 'V2';

export type RegistryAuthScheme =
  | 'BASIC'
  | 'BEARER'
  | 'NONE';

/** Why a registry could not be used. */
export type RegistryPingFailure =
  | 'CONNECTION_REFUSED'
  | 'DNS'
  | 'NETWORK'
  | 'NOT_A_REGISTRY'
  | 'TIMEOUT'
  | 'TLS'
  | 'UNAUTHORIZED';

export type RetentionEngineOutcome =
  | 'IN_USE'
  | 'NOT_ON_ENGINE'
  | 'REMOVED';

export type RetentionPolicyInput = {
  keepLast?: number | null | undefined;
  olderThanDays?: number | null | undefined;
  rule: RetentionRule;
  tagPattern?: string | null | undefined;
};

export type RetentionRegistryOutcome =
  /** The pushed manifest was deleted from the registry. */
  | 'DELETED'
  /** The registry does not allow deletes. */
  | 'DELETES_DISABLED'
  /** The registry could not be asked; see detail. */
  | 'FAILED'
  /** The tag was never pushed (or the tag stayed). */
  | 'NOT_PUSHED'
  /** Another tag still uses the digest, so the registry keeps it. */
  | 'SHARED_DIGEST';

export type RetentionRule =
  /** Keeps the keepLast most recently built, pulled or changed tags (matching tagPattern, if given); removes the rest. */
  | 'KEEP_LAST'
  /** Removes the tags whose whole name matches tagPattern. */
  | 'MATCHING'
  /** Removes tags (matching tagPattern, if given) last changed more than olderThanDays days ago. */
  | 'OLDER_THAN';

export type RevokeApiTokenInput = {
  id: string | number;
};

export type SearchDepot =
  /** The images of this catalog you may see. */
  | 'CATALOG'
  /** The repositories the Docker engine holds, as you may see them: one of a catalog image (under any registry host) when you may see that image, one of no catalog image for administrators only (as localImages). Others are absent. */
  | 'LOCAL'
  /** A registry's search API, or its /v2/_catalog filtered by the text. */
  | 'REGISTRY';

export type SetBuildSourceInput = {
  autotests?: AutotestMode | null | undefined;
  buildSettings: Array<BuildSettingInput>;
  imageId: string | number;
  /** https://, http://, ssh://, git://, or file:// for administrators. A password in it (https://user:password@host/...) is stored sealed and handed to git apart from the URL; *** as the password keeps the stored one. */
  repositoryUrl: string;
  /** Make a new webhook secret; the old one stops working. */
  rotateSecret?: boolean | null | undefined;
  testCommand?: string | null | undefined;
};

export type SetImageCategoriesInput = {
  categoryIds: Array<string | number>;
  imageId: string | number;
};

export type SetRetentionPoliciesInput = {
  imageId: string | number;
  policies: Array<RetentionPolicyInput>;
};

export type TagsInput = {
  imageId: string | number;
  /** tagImage only: the existing tag whose engine image the new tags point at. Without it, the tag most recently built, pulled or imported; when no tag is on the engine, tags are catalog-only. */
  sourceTag?: string | null | undefined;
  tags: Array<string>;
};

export type TriggerBuildInput = {
  branch: string;
  imageId: string | number;
};

export type UpdateImageInput = {
  categoryIds?: Array<string | number> | null | undefined;
  description?: string | null | undefined;
  iconUrl?: string | null | undefined;
  id: string | number;
  isPrivate?: boolean | null | undefined;
  jumpstart?: boolean | null | undefined;
  loginUsername?: string | null | undefined;
  metadata?: unknown;
  minDiskGb?: number | null | undefined;
  minRamMb?: number | null | undefined;
  /** Renames the image. */
  name?: string | null | undefined;
  registryId?: string | number | null | undefined;
};

export type UpdateRegistryInput = {
  apiVersion?: RegistryApiVersion | null | undefined;
  id: string | number;
  name?: string | null | undefined;
  /** Write-only; stored encrypted. Null or empty forgets it. */
  password?: string | null | undefined;
  /** A search API in Docker Hub's v1 form (GET ?q=&n=&page=), e.g. https://index.docker.io/v1/search. Null or empty forgets it. */
  searchUrl?: string | null | undefined;
  /** Accept the registry's self-signed TLS certificate. */
  trustSelfSignedCert?: boolean | null | undefined;
  /** http(s)://host[:port]; credentials in it (user:password@) are refused: give them as username and password. */
  url?: string | null | undefined;
  username?: string | null | undefined;
};

/** Why an input was refused. Stable: clients may switch on it. */
export type UserErrorCode =
  | 'DOCKER_UNAVAILABLE'
  | 'IMAGE_IN_USE'
  | 'INVALID'
  | 'INVALID_ID'
  | 'IN_USE'
  | 'NOT_A_REGISTRY'
  | 'NOT_FOUND'
  | 'PROTECTED'
  | 'READ_ONLY'
  | 'REGISTRY_BAD_RESPONSE'
  | 'REGISTRY_DENIED'
  | 'REGISTRY_TIMEOUT'
  | 'REGISTRY_TLS'
  | 'REGISTRY_UNAUTHORIZED'
  | 'REGISTRY_UNREACHABLE'
  | 'REQUIRED'
  | 'TAKEN'
  | 'TIMEOUT'
  | 'TOO_LARGE'
  | 'TOO_MANY'
  | 'UNSUPPORTED_FORMAT';

export type VersionState =
  | 'BUILDING'
  | 'BUILT'
  | 'FAILED'
  | 'PENDING';

export type AuthViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type AuthViewerQuery = { viewer: { id: string, name: string, isAdmin: boolean | null } | null };

export type AuthViewerTokensQueryVariables = Exact<{ [key: string]: never; }>;


export type AuthViewerTokensQuery = { viewer: { name: string, apiTokens: { totalCount: number, nodes: Array<{ id: string, name: string, prefix: string, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null }> } } | null };

export type AuthUserTokensQueryVariables = Exact<{
  id: string | number;
}>;


export type AuthUserTokensQuery = { node:
    | { name: string, apiTokens: { totalCount: number, nodes: Array<{ id: string, name: string }> } }
    | Record<PropertyKey, never>
   | null };

export type AuthUserTokenCountQueryVariables = Exact<{
  id: string | number;
}>;


export type AuthUserTokenCountQuery = { node:
    | { apiTokens: { totalCount: number } }
    | Record<PropertyKey, never>
   | null };

export type AuthTokenNodeQueryVariables = Exact<{
  id: string | number;
}>;


export type AuthTokenNodeQuery = { node:
    | { name: string, prefix: string, revokedAt: string | null, id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null };

export type AuthCreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type AuthCreateUserMutation = { createUser: { token: string | null, user: { id: string, name: string, isAdmin: boolean | null } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type AuthCreateTokenMutationVariables = Exact<{
  input: CreateApiTokenInput;
}>;


export type AuthCreateTokenMutation = { createApiToken: { token: string | null, apiToken: { id: string, name: string, prefix: string, expiresAt: string | null, revokedAt: string | null } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type AuthRevokeTokenMutationVariables = Exact<{
  input: RevokeApiTokenInput;
}>;


export type AuthRevokeTokenMutation = { revokeApiToken: { apiToken: { id: string, name: string, revokedAt: string | null } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type AuthUserProfileQueryVariables = Exact<{
  id: string | number;
}>;


export type AuthUserProfileQuery = { node:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { name: string, isAdmin: boolean | null, createdAt: string, id: string }
    | { id: string }
   | null };

export type AuthReachableUsersQueryVariables = Exact<{
  imageId: string | number;
  buildId: string | number;
}>;


export type AuthReachableUsersQuery = { image:
    | { owner: { name: string, isAdmin: boolean | null } }
    | Record<PropertyKey, never>
   | null, build:
    | { requestedBy: { name: string, isAdmin: boolean | null } | null }
    | Record<PropertyKey, never>
   | null };

export type BadInputCreateMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type BadInputCreateMutation = { createImage: { image: { name: string, metadata: unknown } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type BadInputUpdateMutationVariables = Exact<{
  input: UpdateImageInput;
}>;


export type BadInputUpdateMutation = { updateImage: { image: { name: string, metadata: unknown } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type BadInputPageQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type BadInputPageQuery = { images: { totalCount: number } };

export type BadInputTokenMutationVariables = Exact<{
  input: CreateApiTokenInput;
}>;


export type BadInputTokenMutation = { createApiToken: { token: string | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type BadInputImageQueryVariables = Exact<{
  name?: string | null | undefined;
}>;


export type BadInputImageQuery = { image: { name: string } | null };

export type BadInputCategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type BadInputCategoriesQuery = { categories: { totalCount: number } };

export type BootstrapViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type BootstrapViewerQuery = { viewer: { name: string, isAdmin: boolean | null } | null };

export type BuildsBuildQueryVariables = Exact<{
  id: string | number;
}>;


export type BuildsBuildQuery = { build: { id: string, state: BuildState, targetTag: string, dockerfilePath: string | null, errorMessage: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, image: { id: string, name: string }, version: { id: string, version: string } | null, requestedBy: { id: string, name: string } | null, logLines: { totalCount: number, nodes: Array<{ lineNo: number }> } } | null };

export type BuildsLogQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type BuildsLogQuery = { build: { logLines: { totalCount: number, edges: Array<{ cursor: string, node: { lineNo: number, stream: string, text: string, createdAt: string } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } } | null };

export type BuildsNodeQueryVariables = Exact<{
  id: string | number;
}>;


export type BuildsNodeQuery = { node:
    | { id: string }
    | { targetTag: string, id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null };

export type BuildsOfImageQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type BuildsOfImageQuery = { image: { builds: { totalCount: number, nodes: Array<{ targetTag: string, state: BuildState, version: { version: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type BuildsCancelMutationVariables = Exact<{
  input: CancelBuildInput;
}>;


export type BuildsCancelMutation = { cancelBuild: { build: { id: string, state: BuildState, finishedAt: string | null, image: { state: ImageState } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type BuildsUpdatedSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type BuildsUpdatedSubscription = { buildUpdated: { state: BuildState } };

export type CategoriesListQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CategoriesListQuery = { categories: { totalCount: number, nodes: Array<{ id: string, name: string, createdAt: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CategoriesCreateMutationVariables = Exact<{
  input: CreateCategoryInput;
}>;


export type CategoriesCreateMutation = { createCategory: { category: { id: string, name: string, createdAt: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type CategoriesDeleteMutationVariables = Exact<{
  input: DeleteCategoryInput;
}>;


export type CategoriesDeleteMutation = { deleteCategory: { deletedCategoryId: string | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type CategoriesOfImageQueryVariables = Exact<{
  name: string;
}>;


export type CategoriesOfImageQuery = { image: { name: string, categories: { totalCount: number, nodes: Array<{ name: string }> } } | null };

export type LoadCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type LoadCreateImageMutation = { createImage: { image: { id: string, name: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type LoadTagImageMutationVariables = Exact<{
  input: TagsInput;
}>;


export type LoadTagImageMutation = { tagImage: { tags: Array<{ name: string }> | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type EngineCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type EngineCreateImageMutation = { createImage: { image: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type EngineBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type EngineBuildMutation = { buildImage: { build: { id: string, state: BuildState, targetTag: string, createdAt: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type EngineCancelMutationVariables = Exact<{
  input: CancelBuildInput;
}>;


export type EngineCancelMutation = { cancelBuild: { build: { id: string, state: BuildState } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type EngineBuildLogsSubscriptionVariables = Exact<{
  buildId: string | number;
  fromLine: number;
}>;


export type EngineBuildLogsSubscription = { buildLogs: { lineNo: number, stream: string, text: string } };

export type EngineBuildUpdatedSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type EngineBuildUpdatedSubscription = { buildUpdated: { state: BuildState } };

export type EngineImageUpdatedSubscriptionVariables = Exact<{
  imageId: string | number;
}>;


export type EngineImageUpdatedSubscription = { imageUpdated: { name: string, state: ImageState, tags: { nodes: Array<{ name: string }> } } };

export type EngineBuildResultQueryVariables = Exact<{
  id: string | number;
}>;


export type EngineBuildResultQuery = { build: { state: BuildState, errorMessage: string | null, startedAt: string | null, finishedAt: string | null, targetTag: string, logLines: { totalCount: number, nodes: Array<{ lineNo: number, text: string }> }, image: { state: ImageState, lastBuildDate: string | null, tags: { nodes: Array<{ name: string, digest: string | null, sizeBytes: number | null, build: { id: string } | null }> } } } | null };

export type EngineStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type EngineStatusQuery = { dockerEngine: { reachable: boolean, host: string, version: string | null, apiVersion: string | null, storageDriver: string | null, imageCount: number | null, error: string | null } };

export type EngDelCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type EngDelCreateImageMutation = { createImage: { image: { id: string, name: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type EngDelBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type EngDelBuildMutation = { buildImage: { build: { id: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type EngDelBuildUpdatedSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type EngDelBuildUpdatedSubscription = { buildUpdated: { state: BuildState } };

export type EngDelTagMutationVariables = Exact<{
  input: TagsInput;
}>;


export type EngDelTagMutation = { tagImage: { userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type EngDelDeleteMutationVariables = Exact<{
  input: DeleteImageInput;
}>;


export type EngDelDeleteMutation = { deleteImage: { deletedImageId: string | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type EngDelUsageQueryVariables = Exact<{
  id: string | number;
}>;


export type EngDelUsageQuery = { image: { inUse: boolean, containers: Array<{ id: string, name: string, state: string, status: string, imageReference: string, createdAt: string }> } | null };

export type EngDelUsageListQueryVariables = Exact<{
  nameContains: string;
}>;


export type EngDelUsageListQuery = { images: { nodes: Array<{ name: string, inUse: boolean, containers: Array<{ name: string }> }> } };

export type RefsAddRegistryMutationVariables = Exact<{
  input: AddRegistryInput;
}>;


export type RefsAddRegistryMutation = { addRegistry: { registry: { id: string } | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type RefsCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type RefsCreateImageMutation = { createImage: { image: { id: string, name: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type RefsBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type RefsBuildMutation = { buildImage: { build: { id: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type RefsBuildUpdatedSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type RefsBuildUpdatedSubscription = { buildUpdated: { state: BuildState, errorMessage: string | null } };

export type RefsPullMutationVariables = Exact<{
  input: PullImageInput;
}>;


export type RefsPullMutation = { pullImage: { pull: { id: string, registry: { id: string } | null } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type RefsPullProgressSubscriptionVariables = Exact<{
  pullId: string | number;
}>;


export type RefsPullProgressSubscription = { pullProgress: { status: string, pull: { state: PullState, errorMessage: string | null, image: { id: string, name: string } | null, tag: { id: string, name: string, digest: string | null } | null } } };

export type RefsImportMutationVariables = Exact<{
  input: ImportLocalImageInput;
}>;


export type RefsImportMutation = { importLocalImage: { image: { id: string, name: string } | null, tag: { id: string, name: string, digest: string | null, details: { id: string } | null } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type RefsImageTagsQueryVariables = Exact<{
  id: string | number;
}>;


export type RefsImageTagsQuery = { image: { name: string, tags: { nodes: Array<{ id: string, name: string, digest: string | null, engineReference: string | null, details: { id: string, digest: string | null, repoDigests: Array<string> } | null }> } } | null };

export type RefsLocalImagesQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type RefsLocalImagesQuery = { localImages: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, repoTags: Array<string>, inCatalog: boolean }> } | null };

export type RefsTagMutationVariables = Exact<{
  input: TagsInput;
}>;


export type RefsTagMutation = { tagImage: { tags: Array<{ name: string, digest: string | null }> | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type RefsUntagMutationVariables = Exact<{
  input: TagsInput;
}>;


export type RefsUntagMutation = { untagImage: { removedTags: Array<string> | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type RefsDeleteMutationVariables = Exact<{
  input: DeleteImageInput;
}>;


export type RefsDeleteMutation = { deleteImage: { deletedImageId: string | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type RefsPushMutationVariables = Exact<{
  input: PushImageInput;
}>;


export type RefsPushMutation = { pushImage: { push: { id: string, reference: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type RefsPushProgressSubscriptionVariables = Exact<{
  pushId: string | number;
}>;


export type RefsPushProgressSubscription = { pushProgress: { status: string, push: { state: PullState, errorMessage: string | null, digest: string | null } } };

export type RefsRemoteTagsQueryVariables = Exact<{
  reference: string;
}>;


export type RefsRemoteTagsQuery = { remoteTags: { nodes: Array<{ name: string, reference: string, installed: boolean | null }> } };

export type RefsSetRetentionMutationVariables = Exact<{
  input: SetRetentionPoliciesInput;
}>;


export type RefsSetRetentionMutation = { setRetentionPolicies: { userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RefsApplyRetentionMutationVariables = Exact<{
  input: ApplyRetentionInput;
}>;


export type RefsApplyRetentionMutation = { applyRetention: { removed: Array<{ tagName: string, removed: boolean, engine: RetentionEngineOutcome }> | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type EngTagsCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type EngTagsCreateImageMutation = { createImage: { image: { id: string, name: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type EngTagsBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type EngTagsBuildMutation = { buildImage: { build: { id: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type EngTagsBuildUpdatedSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type EngTagsBuildUpdatedSubscription = { buildUpdated: { state: BuildState } };

export type EngTagsTagMutationVariables = Exact<{
  input: TagsInput;
}>;


export type EngTagsTagMutation = { tagImage: { tags: Array<{ name: string, digest: string | null, sizeBytes: number | null }> | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type EngTagsUntagMutationVariables = Exact<{
  input: TagsInput;
}>;


export type EngTagsUntagMutation = { untagImage: { removedTags: Array<string> | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type EngTagsDetailsQueryVariables = Exact<{
  id: string | number;
}>;


export type EngTagsDetailsQuery = { image: { tags: { nodes: Array<{ name: string, details: { id: string, digest: string | null, repoDigests: Array<string>, sizeBytes: number, created: string, architecture: string, os: string, layers: Array<string>, env: Array<string>, cmd: Array<string> | null, entrypoint: Array<string> | null, exposedPorts: Array<string>, labels: Array<{ name: string, value: string }>, history: Array<{ created: string, createdBy: string, comment: string, emptyLayer: boolean }> } | null }> } } | null };

export type GitCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type GitCreateImageMutation = { createImage: { image: { id: string, name: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type GitSetSourceMutationVariables = Exact<{
  input: SetBuildSourceInput;
}>;


export type GitSetSourceMutation = { setBuildSource: { webhookSecret: string | null, image: { buildSource: { repositoryUrl: string, autotests: AutotestMode, testCommand: string | null, webhookPath: string, buildSettings: Array<{ branch: string, tag: string, dockerfilePath: string, autobuild: boolean }> } | null } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type GitTriggerMutationVariables = Exact<{
  input: TriggerBuildInput;
}>;


export type GitTriggerMutation = { triggerBuild: { builds: Array<{ id: string, targetTag: string, branch: string | null, commitSha: string | null, commitMessage: string | null, trigger: BuildTrigger, state: BuildState }> | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type GitBuildQueryVariables = Exact<{
  id: string | number;
}>;


export type GitBuildQuery = { build: { state: BuildState, errorMessage: string | null, trigger: BuildTrigger, commitSha: string | null, testsPassed: boolean | null, pullRequest: string | null, targetTag: string, logLines: { nodes: Array<{ stream: string, text: string }> } } | null };

export type GitTagsQueryVariables = Exact<{
  id: string | number;
}>;


export type GitTagsQuery = { node:
    | { tags: { nodes: Array<{ name: string, digest: string | null }> } }
    | Record<PropertyKey, never>
   | null };

export type GitRemoveSourceMutationVariables = Exact<{
  input: BuildSourceImageInput;
}>;


export type GitRemoveSourceMutation = { removeBuildSource: { image: { buildSource: { repositoryUrl: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type GitProtectMutationVariables = Exact<{
  input: ProtectTagInput;
}>;


export type GitProtectMutation = { protectTag: { tag: { protected: boolean } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type GitSourceOfQueryVariables = Exact<{
  id: string | number;
}>;


export type GitSourceOfQuery = { node:
    | { buildSource: { repositoryUrl: string } | null }
    | Record<PropertyKey, never>
   | null };

export type GitImageStateQueryVariables = Exact<{
  id: string | number;
}>;


export type GitImageStateQuery = { node:
    | { state: ImageState }
    | Record<PropertyKey, never>
   | null };

export type BrowserCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type BrowserCreateImageMutation = { createImage: { image: { id: string } | null } };

export type BrowserBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type BrowserBuildMutation = { buildImage: { build: { id: string } | null, userErrors: Array<{ message: string }> } };

export type EngEventsImageUpdatedSubscriptionVariables = Exact<{
  imageId: string | number;
}>;


export type EngEventsImageUpdatedSubscription = { imageUpdated: { name: string, state: ImageState, tags: { nodes: Array<{ id: string, name: string, digest: string | null, pushedDigest: string | null }> } } };

export type EngEventsCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type EngEventsCreateImageMutation = { createImage: { image: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type EngEventsAddRegistryMutationVariables = Exact<{
  input: AddRegistryInput;
}>;


export type EngEventsAddRegistryMutation = { addRegistry: { registry: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type EngEventsImportMutationVariables = Exact<{
  input: ImportLocalImageInput;
}>;


export type EngEventsImportMutation = { importLocalImage: { tag: { id: string } | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type EngEventsTagMutationVariables = Exact<{
  input: TagsInput;
}>;


export type EngEventsTagMutation = { tagImage: { userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type EngEventsUntagMutationVariables = Exact<{
  input: TagsInput;
}>;


export type EngEventsUntagMutation = { untagImage: { userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type EngEventsPushMutationVariables = Exact<{
  input: PushImageInput;
}>;


export type EngEventsPushMutation = { pushImage: { push: { id: string } | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type EngEventsPushFollowSubscriptionVariables = Exact<{
  pushId: string | number;
}>;


export type EngEventsPushFollowSubscription = { pushProgress: { push: { state: PullState, errorMessage: string | null, digest: string | null } } };

export type EngEventsPullMutationVariables = Exact<{
  input: PullImageInput;
}>;


export type EngEventsPullMutation = { pullImage: { pull: { id: string } | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type EngEventsPullFollowSubscriptionVariables = Exact<{
  pullId: string | number;
}>;


export type EngEventsPullFollowSubscription = { pullProgress: { pull: { state: PullState, errorMessage: string | null } } };

export type EngEventsSetRetentionMutationVariables = Exact<{
  input: SetRetentionPoliciesInput;
}>;


export type EngEventsSetRetentionMutation = { setRetentionPolicies: { userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type EngEventsApplyRetentionMutationVariables = Exact<{
  input: ApplyRetentionInput;
}>;


export type EngEventsApplyRetentionMutation = { applyRetention: { removed: Array<{ tagName: string, removed: boolean, engine: RetentionEngineOutcome, registry: RetentionRegistryOutcome }> | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type EngEventsDeleteMutationVariables = Exact<{
  input: DeleteImageInput;
}>;


export type EngEventsDeleteMutation = { deleteImage: { deletedImageId: string | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type LocalImgListQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type LocalImgListQuery = { localImages: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, repoTags: Array<string>, sizeBytes: number, created: string, inCatalog: boolean } }> } | null };

export type LocalImgPagesQueryVariables = Exact<{
  after: string;
  before: string;
}>;


export type LocalImgPagesQuery = { all: { totalCount: number, nodes: Array<{ id: string }> } | null, second: { nodes: Array<{ id: string }>, pageInfo: { hasPreviousPage: boolean, hasNextPage: boolean } } | null, lastBefore: { nodes: Array<{ id: string }> } | null };

export type LocalImgImportMutationVariables = Exact<{
  input: ImportLocalImageInput;
}>;


export type LocalImgImportMutation = { importLocalImage: { image: { id: string, name: string, isPrivate: boolean, owner: { name: string } } | null, tag: { name: string, digest: string | null, sizeBytes: number | null, reference: string, details: { id: string } | null, build: { id: string } | null } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type PullsStartMutationVariables = Exact<{
  input: PullImageInput;
}>;


export type PullsStartMutation = { pullImage: { pull: { id: string, reference: string, state: PullState, progress: number, registry: { id: string } | null, requestedBy: { name: string } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type PullsProgressSubscriptionVariables = Exact<{
  pullId: string | number;
}>;


export type PullsProgressSubscription = { pullProgress: { layer: string | null, status: string, current: number | null, total: number | null, fraction: number, pull: { state: PullState, errorMessage: string | null, progress: number, image: { name: string, isPrivate: boolean, owner: { name: string }, registry: { id: string } | null, tags: { nodes: Array<{ name: string, digest: string | null, sizeBytes: number | null }> } } | null, tag: { name: string, digest: string | null } | null } } };

export type PullsListQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PullsListQuery = { pulls: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, reference: string, state: PullState, progress: number, errorMessage: string | null, startedAt: string | null, finishedAt: string | null, layers: Array<{ layer: string, status: string, current: number | null, total: number | null }>, requestedBy: { name: string } }> } };

export type PullsOneQueryVariables = Exact<{
  id: string | number;
}>;


export type PullsOneQuery = { pull: { id: string, state: PullState, reference: string, errorMessage: string | null, image: { name: string } | null, tag: { name: string } | null } | null };

export type PullsAddRegistryMutationVariables = Exact<{
  input: AddRegistryInput;
}>;


export type PullsAddRegistryMutation = { addRegistry: { registry: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type PullsImageByNameQueryVariables = Exact<{
  name: string;
}>;


export type PullsImageByNameQuery = { image: { id: string } | null };

export type PullsCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type PullsCreateImageMutation = { createImage: { image: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type PushAddRegistryMutationVariables = Exact<{
  input: AddRegistryInput;
}>;


export type PushAddRegistryMutation = { addRegistry: { registry: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type PushImportMutationVariables = Exact<{
  input: ImportLocalImageInput;
}>;


export type PushImportMutation = { importLocalImage: { image: { id: string, name: string } | null, tag: { id: string, name: string, digest: string | null } | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type PushStartMutationVariables = Exact<{
  input: PushImageInput;
}>;


export type PushStartMutation = { pushImage: { push: { id: string, reference: string, state: PullState, registry: { name: string } | null, requestedBy: { name: string }, tag: { name: string } | null } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type PushFollowSubscriptionVariables = Exact<{
  pushId: string | number;
}>;


export type PushFollowSubscription = { pushProgress: { layer: string | null, status: string, current: number | null, total: number | null, fraction: number, push: { state: PullState, digest: string | null, errorMessage: string | null, progress: number, finishedAt: string | null, tag: { name: string, pushedDigest: string | null, pushedAt: string | null, pushedRegistry: { name: string } | null } | null } } };

export type PushPullMutationVariables = Exact<{
  input: PullImageInput;
}>;


export type PushPullMutation = { pullImage: { pull: { id: string, registry: { name: string } | null } | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type PushPullFollowSubscriptionVariables = Exact<{
  pullId: string | number;
}>;


export type PushPullFollowSubscription = { pullProgress: { status: string, pull: { state: PullState, errorMessage: string | null, tag: { id: string, digest: string | null } | null } } };

export type PushReadQueryVariables = Exact<{
  id: string | number;
}>;


export type PushReadQuery = { push: { id: string, state: PullState, digest: string | null, errorMessage: string | null } | null, pushes: { totalCount: number, nodes: Array<{ id: string }> } };

export type PushInspectQueryVariables = Exact<{
  reference: string;
}>;


export type PushInspectQuery = { remoteInspect: { digest: string, mediaType: string, image: { digest: string, layers: Array<{ digest: string }> } | null } };

export type PushUpdateCheckQueryVariables = Exact<{
  id: string | number;
  maxAge?: number | null | undefined;
}>;


export type PushUpdateCheckQuery = { node:
    | { updateAvailable: boolean | null, updateCheck: { localDigest: string | null, remoteDigest: string | null, updateAvailable: boolean | null, comparedAt: string | null, errorCode: UserErrorCode | null, errorMessage: string | null, registry: { name: string } | null } }
    | Record<PropertyKey, never>
   | null };

export type RecoveryCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type RecoveryCreateImageMutation = { createImage: { image: { id: string } | null } };

export type RecoveryBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type RecoveryBuildMutation = { buildImage: { build: { id: string } | null, userErrors: Array<{ message: string }> } };

export type RecoveryBuildStateQueryVariables = Exact<{
  id: string | number;
}>;


export type RecoveryBuildStateQuery = { build: { state: BuildState, errorMessage: string | null, image: { state: ImageState } } | null };

export type RecoveryBuildUpdatedSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type RecoveryBuildUpdatedSubscription = { buildUpdated: { state: BuildState, errorMessage: string | null } };

export type RecoveryLogsSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type RecoveryLogsSubscription = { buildLogs: { text: string } };

export type RecoveryEngineQueryVariables = Exact<{ [key: string]: never; }>;


export type RecoveryEngineQuery = { dockerEngine: { reachable: boolean } };

export type PingByUrlQueryVariables = Exact<{
  url: string;
  trust?: boolean | null | undefined;
}>;


export type PingByUrlQuery = { pingRegistry: { url: string, reachable: boolean, apiVersion: string | null, authRequired: boolean | null, authScheme: RegistryAuthScheme | null, authenticated: boolean | null, errorCode: RegistryPingFailure | null, errorMessage: string | null, latencyMs: number } };

export type PingByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type PingByIdQuery = { pingRegistry: { reachable: boolean, authRequired: boolean | null, authScheme: RegistryAuthScheme | null, authenticated: boolean | null, errorCode: RegistryPingFailure | null, errorMessage: string | null } };

export type PingBothQueryVariables = Exact<{
  id: string | number;
  url: string;
}>;


export type PingBothQuery = { pingRegistry: { reachable: boolean } };

export type PingAddRegistryMutationVariables = Exact<{
  input: AddRegistryInput;
}>;


export type PingAddRegistryMutation = { addRegistry: { registry: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type TransportTagsQueryVariables = Exact<{
  reference: string;
}>;


export type TransportTagsQuery = { remoteTags: { nodes: Array<{ name: string }> } };

export type TransportAddRegistryMutationVariables = Exact<{
  input: AddRegistryInput;
}>;


export type TransportAddRegistryMutation = { addRegistry: { registry: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type TransportUpdateRegistryMutationVariables = Exact<{
  input: UpdateRegistryInput;
}>;


export type TransportUpdateRegistryMutation = { updateRegistry: { userErrors: Array<{ code: UserErrorCode }> } };

export type RemoteAddRegistryMutationVariables = Exact<{
  input: AddRegistryInput;
}>;


export type RemoteAddRegistryMutation = { addRegistry: { registry: { id: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type RemoteCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type RemoteCreateImageMutation = { createImage: { image: { id: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type RemoteTagsListQueryVariables = Exact<{
  reference: string;
  registryId?: string | number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RemoteTagsListQuery = { remoteTags: { totalCount: number | null, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, endCursor: string | null }, nodes: Array<{ name: string, reference: string, installed: boolean | null }> } };

export type RemoteInspectImageQueryVariables = Exact<{
  reference: string;
  registryId?: string | number | null | undefined;
  platform?: string | null | undefined;
}>;


export type RemoteInspectImageQuery = { remoteInspect: { reference: string, digest: string, mediaType: string, size: number, isIndex: boolean, registry: { name: string }, platforms: Array<{ os: string | null, architecture: string | null, variant: string | null, digest: string, mediaType: string, size: number }>, image: { digest: string, mediaType: string, size: number, totalSize: number, os: string | null, architecture: string | null, env: Array<string>, cmd: Array<string> | null, entrypoint: Array<string> | null, exposedPorts: Array<string>, config: { digest: string, mediaType: string, size: number }, layers: Array<{ digest: string, mediaType: string, size: number }>, labels: Array<{ name: string, value: string }> } | null } };

export type RemoteSearchQueryVariables = Exact<{
  depot: SearchDepot;
  registryId?: string | number | null | undefined;
  text?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RemoteSearchQuery = { searchImages: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ name: string, depot: SearchDepot, description: string | null, starCount: number | null, official: boolean | null, automated: boolean | null, installed: boolean | null, installedTags: Array<string> | null, registry: { name: string } | null, image: { name: string } | null }> } };

export type RetentionCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type RetentionCreateImageMutation = { createImage: { image: { id: string, name: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type RetentionSetMutationVariables = Exact<{
  input: SetRetentionPoliciesInput;
}>;


export type RetentionSetMutation = { setRetentionPolicies: { image: { retentionPolicies: Array<{ rule: RetentionRule, keepLast: number | null, olderThanDays: number | null, tagPattern: string | null }> } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RetentionPoliciesQueryVariables = Exact<{
  id: string | number;
}>;


export type RetentionPoliciesQuery = { image: { retentionPolicies: Array<{ rule: RetentionRule, keepLast: number | null, olderThanDays: number | null, tagPattern: string | null }> } | null };

export type RetentionPreviewOfQueryVariables = Exact<{
  imageId: string | number;
}>;


export type RetentionPreviewOfQuery = { retentionPreview: { remove: Array<{ tag: { name: string }, reasons: Array<{ rule: RetentionRule, description: string }> }>, protectedTags: Array<{ tag: { name: string, protected: boolean }, reasons: Array<{ rule: RetentionRule, description: string }> }> } };

export type RetentionApplyMutationVariables = Exact<{
  input: ApplyRetentionInput;
}>;


export type RetentionApplyMutation = { applyRetention: { removed: Array<{ tagName: string, digest: string | null, removed: boolean, engine: RetentionEngineOutcome, registry: RetentionRegistryOutcome, detail: string | null, reasons: Array<{ rule: RetentionRule }> }> | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RetentionImportMutationVariables = Exact<{
  input: ImportLocalImageInput;
}>;


export type RetentionImportMutation = { importLocalImage: { image: { id: string } | null, tag: { id: string, name: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RetentionTagMutationVariables = Exact<{
  input: TagsInput;
}>;


export type RetentionTagMutation = { tagImage: { tags: Array<{ name: string }> | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RetentionUntagMutationVariables = Exact<{
  input: TagsInput;
}>;


export type RetentionUntagMutation = { untagImage: { removedTags: Array<string> | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RetentionDeleteMutationVariables = Exact<{
  input: DeleteImageInput;
}>;


export type RetentionDeleteMutation = { deleteImage: { deletedImageId: string | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RetentionProtectMutationVariables = Exact<{
  input: ProtectTagInput;
}>;


export type RetentionProtectMutation = { protectTag: { tag: { name: string, protected: boolean } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RetentionUnprotectMutationVariables = Exact<{
  input: ProtectTagInput;
}>;


export type RetentionUnprotectMutation = { unprotectTag: { tag: { name: string, protected: boolean } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RetentionBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type RetentionBuildMutation = { buildImage: { build: { id: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RetentionBuildUpdatedSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type RetentionBuildUpdatedSubscription = { buildUpdated: { state: BuildState } };

export type RetentionPullMutationVariables = Exact<{
  input: PullImageInput;
}>;


export type RetentionPullMutation = { pullImage: { pull: { id: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RetentionAddRegistryMutationVariables = Exact<{
  input: AddRegistryInput;
}>;


export type RetentionAddRegistryMutation = { addRegistry: { registry: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type RetentionPushMutationVariables = Exact<{
  input: PushImageInput;
}>;


export type RetentionPushMutation = { pushImage: { push: { id: string } | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type RetentionPushFollowSubscriptionVariables = Exact<{
  pushId: string | number;
}>;


export type RetentionPushFollowSubscription = { pushProgress: { push: { state: PullState, errorMessage: string | null, digest: string | null } } };

export type StopCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type StopCreateImageMutation = { createImage: { image: { id: string } | null } };

export type StopBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type StopBuildMutation = { buildImage: { build: { id: string } | null } };

export type StopBuildStateQueryVariables = Exact<{
  id: string | number;
}>;


export type StopBuildStateQuery = { build: { state: BuildState, errorMessage: string | null, logLines: { nodes: Array<{ text: string }> } } | null };

export type StopBuildUpdatedSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type StopBuildUpdatedSubscription = { buildUpdated: { state: BuildState } };

export type StopBuildLogsSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type StopBuildLogsSubscription = { buildLogs: { text: string } };

export type StopAddRegistryMutationVariables = Exact<{
  input: AddRegistryInput;
}>;


export type StopAddRegistryMutation = { addRegistry: { registry: { id: string } | null } };

export type StopRemoteTagsQueryVariables = Exact<{
  reference: string;
  registryId?: string | number | null | undefined;
}>;


export type StopRemoteTagsQuery = { remoteTags: { nodes: Array<{ name: string }> } };

export type TracesCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type TracesCreateImageMutation = { createImage: { image: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type TracesBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type TracesBuildMutation = { buildImage: { build: { id: string, state: BuildState } | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type TracesBuildUpdatedSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type TracesBuildUpdatedSubscription = { buildUpdated: { state: BuildState } };

export type TracesPingQueryVariables = Exact<{
  url: string;
}>;


export type TracesPingQuery = { pingRegistry: { reachable: boolean } };

export type TracesMissingBuildQueryVariables = Exact<{
  id: string | number;
}>;


export type TracesMissingBuildQuery = { build: { id: string } | null };

export type TwoCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type TwoCreateImageMutation = { createImage: { image: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type TwoBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type TwoBuildMutation = { buildImage: { build: { id: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type TwoBuildStateQueryVariables = Exact<{
  id: string | number;
}>;


export type TwoBuildStateQuery = { build: { state: BuildState, logLines: { nodes: Array<{ lineNo: number, text: string }> } } | null };

export type TwoBuildLogsSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type TwoBuildLogsSubscription = { buildLogs: { lineNo: number, text: string, createdAt: string } };

export type TwoCancelMutationVariables = Exact<{
  input: CancelBuildInput;
}>;


export type TwoCancelMutation = { cancelBuild: { build: { state: BuildState } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type TwoBuildUpdatedSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type TwoBuildUpdatedSubscription = { buildUpdated: { state: BuildState } };

export type VersionBuildsCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type VersionBuildsCreateImageMutation = { createImage: { image: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type VersionBuildsUploadMutationVariables = Exact<{
  input: CreateVersionInput;
}>;


export type VersionBuildsUploadMutation = { createVersion: { version: { id: string, state: VersionState } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type VersionBuildsBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type VersionBuildsBuildMutation = { buildImage: { build: { id: string, targetTag: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type VersionBuildsLogsSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type VersionBuildsLogsSubscription = { buildLogs: { text: string } };

export type VersionBuildsVersionQueryVariables = Exact<{
  id: string | number;
}>;


export type VersionBuildsVersionQuery = { version: { state: VersionState, sizeBytes: number | null, builds: { totalCount: number, nodes: Array<{ state: BuildState, targetTag: string }> }, image: { tags: { nodes: Array<{ name: string, digest: string | null, sizeBytes: number | null }> } } } | null };

export type EventsImageUpdatedSubscriptionVariables = Exact<{
  imageId: string | number;
}>;


export type EventsImageUpdatedSubscription = { imageUpdated: { name: string, description: string, isPrivate: boolean, state: ImageState, starCount: number, viewerHasStarred: boolean, categories: { nodes: Array<{ name: string }> }, tags: { nodes: Array<{ name: string, protected: boolean }> }, retentionPolicies: Array<{ rule: RetentionRule, tagPattern: string | null }>, versions: { nodes: Array<{ version: string }> }, buildSource: { repositoryUrl: string } | null } };

export type EventsUpdateImageMutationVariables = Exact<{
  input: UpdateImageInput;
}>;


export type EventsUpdateImageMutation = { updateImage: { image: { id: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type EventsTagMutationVariables = Exact<{
  input: TagsInput;
}>;


export type EventsTagMutation = { tagImage: { userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type EventsUntagMutationVariables = Exact<{
  input: TagsInput;
}>;


export type EventsUntagMutation = { untagImage: { userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type EventsStarMutationVariables = Exact<{
  input: ImageIdInput;
}>;


export type EventsStarMutation = { starImage: { userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type EventsUnstarMutationVariables = Exact<{
  input: ImageIdInput;
}>;


export type EventsUnstarMutation = { unstarImage: { userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type EventsSetCategoriesMutationVariables = Exact<{
  input: SetImageCategoriesInput;
}>;


export type EventsSetCategoriesMutation = { setImageCategories: { userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type EventsCreateCategoryMutationVariables = Exact<{
  input: CreateCategoryInput;
}>;


export type EventsCreateCategoryMutation = { createCategory: { category: { id: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type EventsDeleteCategoryMutationVariables = Exact<{
  input: DeleteCategoryInput;
}>;


export type EventsDeleteCategoryMutation = { deleteCategory: { userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type EventsProtectMutationVariables = Exact<{
  input: ProtectTagInput;
}>;


export type EventsProtectMutation = { protectTag: { userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type EventsUnprotectMutationVariables = Exact<{
  input: ProtectTagInput;
}>;


export type EventsUnprotectMutation = { unprotectTag: { userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type EventsSetRetentionMutationVariables = Exact<{
  input: SetRetentionPoliciesInput;
}>;


export type EventsSetRetentionMutation = { setRetentionPolicies: { userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type EventsApplyRetentionMutationVariables = Exact<{
  input: ApplyRetentionInput;
}>;


export type EventsApplyRetentionMutation = { applyRetention: { removed: Array<{ tagName: string }> | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type EventsCreateVersionMutationVariables = Exact<{
  input: CreateVersionInput;
}>;


export type EventsCreateVersionMutation = { createVersion: { version: { version: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type EventsSetBuildSourceMutationVariables = Exact<{
  input: SetBuildSourceInput;
}>;


export type EventsSetBuildSourceMutation = { setBuildSource: { userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type EventsRemoveBuildSourceMutationVariables = Exact<{
  input: BuildSourceImageInput;
}>;


export type EventsRemoveBuildSourceMutation = { removeBuildSource: { userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type EventsDeleteMutationVariables = Exact<{
  input: DeleteImageInput;
}>;


export type EventsDeleteMutation = { deleteImage: { deletedImageId: string | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type ImagesDeleteDeleteMutationVariables = Exact<{
  input: DeleteImageInput;
}>;


export type ImagesDeleteDeleteMutation = { deleteImage: { deletedImageId: string | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type ImagesDeleteSetCategoriesMutationVariables = Exact<{
  input: SetImageCategoriesInput;
}>;


export type ImagesDeleteSetCategoriesMutation = { setImageCategories: { image: { name: string, categories: { totalCount: number, nodes: Array<{ name: string }> } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type ImagesDeleteStarMutationVariables = Exact<{
  input: ImageIdInput;
}>;


export type ImagesDeleteStarMutation = { starImage: { image: { name: string, starCount: number, viewerHasStarred: boolean } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type ImagesDeleteUnstarMutationVariables = Exact<{
  input: ImageIdInput;
}>;


export type ImagesDeleteUnstarMutation = { unstarImage: { image: { name: string, starCount: number, viewerHasStarred: boolean } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type ImagesDeleteStarredQueryVariables = Exact<{
  id: string | number;
}>;


export type ImagesDeleteStarredQuery = { image: { starCount: number, viewerHasStarred: boolean } | null };

export type ImagesPaginationPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: ImageFilter | null | undefined;
  orderBy?: ImageOrder | null | undefined;
}>;


export type ImagesPaginationPageQuery = { images: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { name: string } }> } };

export type ImagesQueryByIdQueryVariables = Exact<{
  id?: string | number | null | undefined;
}>;


export type ImagesQueryByIdQuery = { image: { id: string, name: string, isPrivate: boolean, owner: { name: string } } | null };

export type ImagesQueryByNameQueryVariables = Exact<{
  name?: string | null | undefined;
}>;


export type ImagesQueryByNameQuery = { image: { id: string, name: string } | null };

export type ImagesQueryByBothQueryVariables = Exact<{
  id?: string | number | null | undefined;
  name?: string | null | undefined;
}>;


export type ImagesQueryByBothQuery = { image: { id: string } | null };

export type ImagesQueryListQueryVariables = Exact<{
  filter?: ImageFilter | null | undefined;
  orderBy?: ImageOrder | null | undefined;
}>;


export type ImagesQueryListQuery = { images: { totalCount: number, nodes: Array<{ name: string }> } };

export type ImagesQueryNodeQueryVariables = Exact<{
  id: string | number;
}>;


export type ImagesQueryNodeQuery = { node:
    | { __typename: 'ApiToken', id: string }
    | { __typename: 'Build', targetTag: string, id: string }
    | { __typename: 'Category', id: string }
    | { __typename: 'Image', name: string, id: string }
    | { __typename: 'Pull', id: string }
    | { __typename: 'Push', id: string }
    | { __typename: 'Registry', id: string }
    | { __typename: 'Tag', name: string, id: string }
    | { __typename: 'User', id: string }
    | { __typename: 'Version', version: string, id: string }
   | null };

export type ImagesQueryNodesQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type ImagesQueryNodesQuery = { nodes: Array<
    | { __typename: 'ApiToken', id: string }
    | { __typename: 'Build', id: string }
    | { __typename: 'Category', id: string }
    | { __typename: 'Image', id: string }
    | { __typename: 'Pull', id: string }
    | { __typename: 'Push', id: string }
    | { __typename: 'Registry', id: string }
    | { __typename: 'Tag', id: string }
    | { __typename: 'User', id: string }
    | { __typename: 'Version', id: string }
   | null> };

export type ImagesStateOneQueryVariables = Exact<{
  name: string;
}>;


export type ImagesStateOneQuery = { image: { name: string, state: ImageState, lastBuildDate: string | null } | null };

export type ImagesStateListQueryVariables = Exact<{
  state?: ImageState | null | undefined;
}>;


export type ImagesStateListQuery = { images: { totalCount: number, nodes: Array<{ name: string, state: ImageState }> } };

export type ImagesWriteCreateMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type ImagesWriteCreateMutation = { createImage: { image: { id: string, name: string, description: string, iconUrl: string | null, isPrivate: boolean, jumpstart: boolean, loginUsername: string | null, minDiskGb: number | null, minRamMb: number | null, metadata: unknown, state: ImageState, starCount: number, viewerHasStarred: boolean, owner: { name: string }, registry: { name: string } | null, categories: { nodes: Array<{ name: string }> } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type ImagesWriteUpdateMutationVariables = Exact<{
  input: UpdateImageInput;
}>;


export type ImagesWriteUpdateMutation = { updateImage: { image: { id: string, name: string, description: string, iconUrl: string | null, isPrivate: boolean, jumpstart: boolean, loginUsername: string | null, minDiskGb: number | null, minRamMb: number | null, metadata: unknown, registry: { name: string } | null, categories: { nodes: Array<{ name: string }> } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type SecretsCreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type SecretsCreateUserMutation = { createUser: { token: string | null, user: { id: string } | null } };

export type SecretsCreateTokenMutationVariables = Exact<{
  input: CreateApiTokenInput;
}>;


export type SecretsCreateTokenMutation = { createApiToken: { token: string | null } };

export type SecretsViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type SecretsViewerQuery = { viewer: { name: string } | null };

export type SecretsAddRegistryMutationVariables = Exact<{
  input: AddRegistryInput;
}>;


export type SecretsAddRegistryMutation = { addRegistry: { registry: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type SecretsPingQueryVariables = Exact<{
  url?: string | null | undefined;
  id?: string | number | null | undefined;
}>;


export type SecretsPingQuery = { pingRegistry: { reachable: boolean } };

export type SecretsRemoteTagsQueryVariables = Exact<{
  reference: string;
  registryId?: string | number | null | undefined;
}>;


export type SecretsRemoteTagsQuery = { remoteTags: { nodes: Array<{ name: string }> } };

export type SecretsCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type SecretsCreateImageMutation = { createImage: { image: { id: string, name: string } | null } };

export type SecretsSetSourceMutationVariables = Exact<{
  input: SetBuildSourceInput;
}>;


export type SecretsSetSourceMutation = { setBuildSource: { webhookSecret: string | null, userErrors: Array<{ code: UserErrorCode }> } };

export type MetricsCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type MetricsCreateImageMutation = { createImage: { image: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type MetricsImageQueryVariables = Exact<{
  id: string | number;
}>;


export type MetricsImageQuery = { node:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null };

export type MetricsImageUpdatedSubscriptionVariables = Exact<{
  imageId: string | number;
}>;


export type MetricsImageUpdatedSubscription = { imageUpdated: { name: string } };

export type MetricsPingQueryVariables = Exact<{
  url: string;
}>;


export type MetricsPingQuery = { pingRegistry: { reachable: boolean, errorCode: RegistryPingFailure | null } };

export type MetricsEngineQueryVariables = Exact<{ [key: string]: never; }>;


export type MetricsEngineQuery = { dockerEngine: { reachable: boolean } };

export type NPlusOnePullsQueryVariables = Exact<{
  first: number;
}>;


export type NPlusOnePullsQuery = { pulls: { totalCount: number, nodes: Array<{ reference: string, state: PullState, progress: number, requestedBy: { name: string }, registry: { name: string } | null, image: { name: string, state: ImageState } | null, tag: { name: string, digest: string | null } | null }> } };

export type NPlusOnePushesQueryVariables = Exact<{
  first: number;
}>;


export type NPlusOnePushesQuery = { pushes: { totalCount: number, nodes: Array<{ reference: string, state: PullState, digest: string | null, requestedBy: { name: string }, registry: { name: string } | null, tag: { name: string, pushedDigest: string | null, pushedRegistry: { name: string } | null, image: { name: string }, updateCheck: { errorCode: UserErrorCode | null, registry: { name: string } | null } } | null }> } };

export type NodeIdsNodeQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeIdsNodeQuery = { node:
    | { __typename: 'ApiToken', id: string }
    | { __typename: 'Build', id: string }
    | { __typename: 'Category', id: string }
    | { __typename: 'Image', id: string }
    | { __typename: 'Pull', id: string }
    | { __typename: 'Push', id: string }
    | { __typename: 'Registry', id: string }
    | { __typename: 'Tag', id: string }
    | { __typename: 'User', id: string }
    | { __typename: 'Version', id: string }
   | null };

export type NodeIdsNodesQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type NodeIdsNodesQuery = { nodes: Array<
    | { __typename: 'ApiToken', id: string }
    | { __typename: 'Build', id: string }
    | { __typename: 'Category', id: string }
    | { __typename: 'Image', id: string }
    | { __typename: 'Pull', id: string }
    | { __typename: 'Push', id: string }
    | { __typename: 'Registry', id: string }
    | { __typename: 'Tag', id: string }
    | { __typename: 'User', id: string }
    | { __typename: 'Version', id: string }
   | null> };

export type RegistriesListQueryVariables = Exact<{ [key: string]: never; }>;


export type RegistriesListQuery = { registries: { totalCount: number, nodes: Array<{ id: string, name: string, url: string, apiVersion: RegistryApiVersion, trustSelfSignedCert: boolean, isDefault: boolean, hasPassword: boolean, username: string | null }> } };

export type RegistriesAddMutationVariables = Exact<{
  input: AddRegistryInput;
}>;


export type RegistriesAddMutation = { addRegistry: { registry: { id: string, name: string, url: string, apiVersion: RegistryApiVersion, trustSelfSignedCert: boolean, isDefault: boolean, hasPassword: boolean, username: string | null } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type RegistriesUpdateMutationVariables = Exact<{
  input: UpdateRegistryInput;
}>;


export type RegistriesUpdateMutation = { updateRegistry: { registry: { id: string, name: string, url: string, apiVersion: RegistryApiVersion, trustSelfSignedCert: boolean, isDefault: boolean, hasPassword: boolean, username: string | null } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type RegistriesDeleteMutationVariables = Exact<{
  input: DeleteRegistryInput;
}>;


export type RegistriesDeleteMutation = { deleteRegistry: { deletedRegistryId: string | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type RegistriesTypeFieldsQueryVariables = Exact<{ [key: string]: never; }>;


export type RegistriesTypeFieldsQuery = { __type: { fields: Array<{ name: string }> | null } | null };

export type LoggedViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type LoggedViewerQuery = { viewer: { id: string, name: string } | null };

export type LoggedCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type LoggedCreateImageMutation = { createImage: { image: { id: string } | null } };

export type StoredRegistriesQueryVariables = Exact<{ [key: string]: never; }>;


export type StoredRegistriesQuery = { registries: { nodes: Array<{ name: string, url: string, searchUrl: string | null, username: string | null, hasPassword: boolean }> } };

export type StoredBuildSourceQueryVariables = Exact<{
  id: string | number;
}>;


export type StoredBuildSourceQuery = { node:
    | { buildSource: { repositoryUrl: string } | null }
    | Record<PropertyKey, never>
   | null };

export type CatalogPageQueryVariables = Exact<{
  first: number;
}>;


export type CatalogPageQuery = { images: { totalCount: number, nodes: Array<{ name: string, state: ImageState, lastBuildDate: string | null, starCount: number, viewerHasStarred: boolean, owner: { name: string }, registry: { name: string, url: string } | null, categories: { totalCount: number, nodes: Array<{ name: string }> }, tags: { totalCount: number, nodes: Array<{ name: string, digest: string | null, protected: boolean, build: { state: BuildState, commitSha: string | null } | null }> }, buildSource: { repositoryUrl: string, autotests: AutotestMode, buildSettings: Array<{ branch: string, tag: string, autobuild: boolean }> } | null, retentionPolicies: Array<{ rule: RetentionRule, keepLast: number | null, tagPattern: string | null }>, versions: { totalCount: number, nodes: Array<{ version: string, state: VersionState, builds: { totalCount: number, nodes: Array<{ state: BuildState, targetTag: string, logLines: { totalCount: number, nodes: Array<{ text: string }> } }> } }> } }> } };

export type TagsTagImageMutationVariables = Exact<{
  input: TagsInput;
}>;


export type TagsTagImageMutation = { tagImage: { image: { id: string, name: string, updatedAt: string } | null, tags: Array<{ id: string, name: string, reference: string, digest: string | null, sizeBytes: number | null, createdAt: string, updatedAt: string, image: { id: string, name: string }, build: { id: string } | null }> | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type TagsUntagImageMutationVariables = Exact<{
  input: TagsInput;
}>;


export type TagsUntagImageMutation = { untagImage: { removedTags: Array<string> | null, image: { id: string, name: string, updatedAt: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type TagsOfImageQueryVariables = Exact<{
  id: string | number;
}>;


export type TagsOfImageQuery = { image: { name: string, tags: { totalCount: number, nodes: Array<{ name: string }> } } | null };

export type TagsTagNodeQueryVariables = Exact<{
  id: string | number;
}>;


export type TagsTagNodeQuery = { node:
    | { id: string, name: string, reference: string, digest: string | null, sizeBytes: number | null, image: { name: string }, build: { id: string, state: BuildState, targetTag: string } | null }
    | Record<PropertyKey, never>
   | null };

export type TransportImagesPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
}>;


export type TransportImagesPageQuery = { images: { totalCount: number, nodes: Array<{ name: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type TransportCategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type TransportCategoriesQuery = { categories: { totalCount: number, nodes: Array<{ name: string }> } };

export type LargeCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type LargeCreateImageMutation = { createImage: { image: { id: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type LargeUploadMutationVariables = Exact<{
  input: CreateVersionInput;
}>;


export type LargeUploadMutation = { createVersion: { version: { version: string, source: { sha256: string, sizeBytes: number, format: string } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type LargeVersionsQueryVariables = Exact<{
  id: string | number;
}>;


export type LargeVersionsQuery = { image: { versions: { totalCount: number, nodes: Array<{ version: string }> } } | null };

export type FramingCreateCategoryMutationVariables = Exact<{
  input: CreateCategoryInput;
}>;


export type FramingCreateCategoryMutation = { createCategory: { category: { id: string, name: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type FramingCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type FramingCreateImageMutation = { createImage: { image: { id: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type FramingSetSourceMutationVariables = Exact<{
  input: SetBuildSourceInput;
}>;


export type FramingSetSourceMutation = { setBuildSource: { webhookSecret: string | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type FramingUploadMutationVariables = Exact<{
  input: CreateVersionInput;
}>;


export type FramingUploadMutation = { createVersion: { version: { id: string, version: string, source: { sha256: string, sizeBytes: number, filename: string, format: string } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type VersionsCreateMutationVariables = Exact<{
  input: CreateVersionInput;
}>;


export type VersionsCreateMutation = { createVersion: { version: { id: string, version: string, state: VersionState, sizeBytes: number | null, createdAt: string, source: { sha256: string, sizeBytes: number, filename: string, format: string }, image: { id: string, name: string }, builds: { totalCount: number, nodes: Array<{ id: string }> } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type VersionsDeleteImageMutationVariables = Exact<{
  input: DeleteImageInput;
}>;


export type VersionsDeleteImageMutation = { deleteImage: { deletedImageId: string | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type VersionsVersionQueryVariables = Exact<{
  id: string | number;
}>;


export type VersionsVersionQuery = { version: { id: string, version: string, state: VersionState, sizeBytes: number | null, createdAt: string, source: { sha256: string, sizeBytes: number, filename: string, format: string }, image: { id: string, name: string }, builds: { totalCount: number, nodes: Array<{ id: string, targetTag: string, state: BuildState }>, pageInfo: { hasNextPage: boolean } } } | null };

export type VersionsNodeQueryVariables = Exact<{
  id: string | number;
}>;


export type VersionsNodeQuery = { node:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { version: string, id: string }
   | null };

export type VersionsOfImageQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type VersionsOfImageQuery = { image: { versions: { totalCount: number, nodes: Array<{ version: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

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

export const AuthViewerDocument = new TypedDocumentString(`
    query AuthViewer {
  viewer {
    id
    name
    isAdmin
  }
}
    `) as unknown as TypedDocumentString<AuthViewerQuery, AuthViewerQueryVariables>;
export const AuthViewerTokensDocument = new TypedDocumentString(`
    query AuthViewerTokens {
  viewer {
    name
    apiTokens {
      totalCount
      nodes {
        id
        name
        prefix
        createdAt
        expiresAt
        lastUsedAt
        revokedAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AuthViewerTokensQuery, AuthViewerTokensQueryVariables>;
export const AuthUserTokensDocument = new TypedDocumentString(`
    query AuthUserTokens($id: ID!) {
  node(id: $id) {
    ... on User {
      name
      apiTokens {
        totalCount
        nodes {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AuthUserTokensQuery, AuthUserTokensQueryVariables>;
export const AuthUserTokenCountDocument = new TypedDocumentString(`
    query AuthUserTokenCount($id: ID!) {
  node(id: $id) {
    ... on User {
      apiTokens {
        totalCount
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AuthUserTokenCountQuery, AuthUserTokenCountQueryVariables>;
export const AuthTokenNodeDocument = new TypedDocumentString(`
    query AuthTokenNode($id: ID!) {
  node(id: $id) {
    id
    ... on ApiToken {
      name
      prefix
      revokedAt
    }
  }
}
    `) as unknown as TypedDocumentString<AuthTokenNodeQuery, AuthTokenNodeQueryVariables>;
export const AuthCreateUserDocument = new TypedDocumentString(`
    mutation AuthCreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    user {
      id
      name
      isAdmin
    }
    token
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<AuthCreateUserMutation, AuthCreateUserMutationVariables>;
export const AuthCreateTokenDocument = new TypedDocumentString(`
    mutation AuthCreateToken($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    apiToken {
      id
      name
      prefix
      expiresAt
      revokedAt
    }
    token
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<AuthCreateTokenMutation, AuthCreateTokenMutationVariables>;
export const AuthRevokeTokenDocument = new TypedDocumentString(`
    mutation AuthRevokeToken($input: RevokeApiTokenInput!) {
  revokeApiToken(input: $input) {
    apiToken {
      id
      name
      revokedAt
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<AuthRevokeTokenMutation, AuthRevokeTokenMutationVariables>;
export const AuthUserProfileDocument = new TypedDocumentString(`
    query AuthUserProfile($id: ID!) {
  node(id: $id) {
    id
    ... on User {
      name
      isAdmin
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<AuthUserProfileQuery, AuthUserProfileQueryVariables>;
export const AuthReachableUsersDocument = new TypedDocumentString(`
    query AuthReachableUsers($imageId: ID!, $buildId: ID!) {
  image: node(id: $imageId) {
    ... on Image {
      owner {
        name
        isAdmin
      }
    }
  }
  build: node(id: $buildId) {
    ... on Build {
      requestedBy {
        name
        isAdmin
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AuthReachableUsersQuery, AuthReachableUsersQueryVariables>;
export const BadInputCreateDocument = new TypedDocumentString(`
    mutation BadInputCreate($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      name
      metadata
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<BadInputCreateMutation, BadInputCreateMutationVariables>;
export const BadInputUpdateDocument = new TypedDocumentString(`
    mutation BadInputUpdate($input: UpdateImageInput!) {
  updateImage(input: $input) {
    image {
      name
      metadata
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<BadInputUpdateMutation, BadInputUpdateMutationVariables>;
export const BadInputPageDocument = new TypedDocumentString(`
    query BadInputPage($first: Int) {
  images(first: $first) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<BadInputPageQuery, BadInputPageQueryVariables>;
export const BadInputTokenDocument = new TypedDocumentString(`
    mutation BadInputToken($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    token
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<BadInputTokenMutation, BadInputTokenMutationVariables>;
export const BadInputImageDocument = new TypedDocumentString(`
    query BadInputImage($name: String) {
  image(name: $name) {
    name
  }
}
    `) as unknown as TypedDocumentString<BadInputImageQuery, BadInputImageQueryVariables>;
export const BadInputCategoriesDocument = new TypedDocumentString(`
    query BadInputCategories {
  categories {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<BadInputCategoriesQuery, BadInputCategoriesQueryVariables>;
export const BootstrapViewerDocument = new TypedDocumentString(`
    query BootstrapViewer {
  viewer {
    name
    isAdmin
  }
}
    `) as unknown as TypedDocumentString<BootstrapViewerQuery, BootstrapViewerQueryVariables>;
export const BuildsBuildDocument = new TypedDocumentString(`
    query BuildsBuild($id: ID!) {
  build(id: $id) {
    id
    state
    targetTag
    dockerfilePath
    errorMessage
    createdAt
    startedAt
    finishedAt
    image {
      id
      name
    }
    version {
      id
      version
    }
    requestedBy {
      id
      name
    }
    logLines(first: 2) {
      totalCount
      nodes {
        lineNo
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BuildsBuildQuery, BuildsBuildQueryVariables>;
export const BuildsLogDocument = new TypedDocumentString(`
    query BuildsLog($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  build(id: $id) {
    logLines(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges {
        cursor
        node {
          lineNo
          stream
          text
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BuildsLogQuery, BuildsLogQueryVariables>;
export const BuildsNodeDocument = new TypedDocumentString(`
    query BuildsNode($id: ID!) {
  node(id: $id) {
    id
    ... on Build {
      targetTag
    }
  }
}
    `) as unknown as TypedDocumentString<BuildsNodeQuery, BuildsNodeQueryVariables>;
export const BuildsOfImageDocument = new TypedDocumentString(`
    query BuildsOfImage($id: ID!, $first: Int, $after: String) {
  image(id: $id) {
    builds(first: $first, after: $after) {
      totalCount
      nodes {
        targetTag
        state
        version {
          version
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BuildsOfImageQuery, BuildsOfImageQueryVariables>;
export const BuildsCancelDocument = new TypedDocumentString(`
    mutation BuildsCancel($input: CancelBuildInput!) {
  cancelBuild(input: $input) {
    build {
      id
      state
      finishedAt
      image {
        state
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<BuildsCancelMutation, BuildsCancelMutationVariables>;
export const BuildsUpdatedDocument = new TypedDocumentString(`
    subscription BuildsUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `) as unknown as TypedDocumentString<BuildsUpdatedSubscription, BuildsUpdatedSubscriptionVariables>;
export const CategoriesListDocument = new TypedDocumentString(`
    query CategoriesList($first: Int, $after: String) {
  categories(first: $first, after: $after) {
    totalCount
    nodes {
      id
      name
      createdAt
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<CategoriesListQuery, CategoriesListQueryVariables>;
export const CategoriesCreateDocument = new TypedDocumentString(`
    mutation CategoriesCreate($input: CreateCategoryInput!) {
  createCategory(input: $input) {
    category {
      id
      name
      createdAt
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<CategoriesCreateMutation, CategoriesCreateMutationVariables>;
export const CategoriesDeleteDocument = new TypedDocumentString(`
    mutation CategoriesDelete($input: DeleteCategoryInput!) {
  deleteCategory(input: $input) {
    deletedCategoryId
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<CategoriesDeleteMutation, CategoriesDeleteMutationVariables>;
export const CategoriesOfImageDocument = new TypedDocumentString(`
    query CategoriesOfImage($name: String!) {
  image(name: $name) {
    name
    categories {
      totalCount
      nodes {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CategoriesOfImageQuery, CategoriesOfImageQueryVariables>;
export const LoadCreateImageDocument = new TypedDocumentString(`
    mutation LoadCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
      name
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<LoadCreateImageMutation, LoadCreateImageMutationVariables>;
export const LoadTagImageDocument = new TypedDocumentString(`
    mutation LoadTagImage($input: TagsInput!) {
  tagImage(input: $input) {
    tags {
      name
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<LoadTagImageMutation, LoadTagImageMutationVariables>;
export const EngineCreateImageDocument = new TypedDocumentString(`
    mutation EngineCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EngineCreateImageMutation, EngineCreateImageMutationVariables>;
export const EngineBuildDocument = new TypedDocumentString(`
    mutation EngineBuild($input: BuildImageInput!) {
  buildImage(input: $input) {
    build {
      id
      state
      targetTag
      createdAt
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EngineBuildMutation, EngineBuildMutationVariables>;
export const EngineCancelDocument = new TypedDocumentString(`
    mutation EngineCancel($input: CancelBuildInput!) {
  cancelBuild(input: $input) {
    build {
      id
      state
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EngineCancelMutation, EngineCancelMutationVariables>;
export const EngineBuildLogsDocument = new TypedDocumentString(`
    subscription EngineBuildLogs($buildId: ID!, $fromLine: Int!) {
  buildLogs(buildId: $buildId, fromLine: $fromLine) {
    lineNo
    stream
    text
  }
}
    `) as unknown as TypedDocumentString<EngineBuildLogsSubscription, EngineBuildLogsSubscriptionVariables>;
export const EngineBuildUpdatedDocument = new TypedDocumentString(`
    subscription EngineBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `) as unknown as TypedDocumentString<EngineBuildUpdatedSubscription, EngineBuildUpdatedSubscriptionVariables>;
export const EngineImageUpdatedDocument = new TypedDocumentString(`
    subscription EngineImageUpdated($imageId: ID!) {
  imageUpdated(imageId: $imageId) {
    name
    state
    tags {
      nodes {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EngineImageUpdatedSubscription, EngineImageUpdatedSubscriptionVariables>;
export const EngineBuildResultDocument = new TypedDocumentString(`
    query EngineBuildResult($id: ID!) {
  build(id: $id) {
    state
    errorMessage
    startedAt
    finishedAt
    targetTag
    logLines(first: 100) {
      totalCount
      nodes {
        lineNo
        text
      }
    }
    image {
      state
      lastBuildDate
      tags {
        nodes {
          name
          digest
          sizeBytes
          build {
            id
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EngineBuildResultQuery, EngineBuildResultQueryVariables>;
export const EngineStatusDocument = new TypedDocumentString(`
    query EngineStatus {
  dockerEngine {
    reachable
    host
    version
    apiVersion
    storageDriver
    imageCount
    error
  }
}
    `) as unknown as TypedDocumentString<EngineStatusQuery, EngineStatusQueryVariables>;
export const EngDelCreateImageDocument = new TypedDocumentString(`
    mutation EngDelCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
      name
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EngDelCreateImageMutation, EngDelCreateImageMutationVariables>;
export const EngDelBuildDocument = new TypedDocumentString(`
    mutation EngDelBuild($input: BuildImageInput!) {
  buildImage(input: $input) {
    build {
      id
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EngDelBuildMutation, EngDelBuildMutationVariables>;
export const EngDelBuildUpdatedDocument = new TypedDocumentString(`
    subscription EngDelBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `) as unknown as TypedDocumentString<EngDelBuildUpdatedSubscription, EngDelBuildUpdatedSubscriptionVariables>;
export const EngDelTagDocument = new TypedDocumentString(`
    mutation EngDelTag($input: TagsInput!) {
  tagImage(input: $input) {
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EngDelTagMutation, EngDelTagMutationVariables>;
export const EngDelDeleteDocument = new TypedDocumentString(`
    mutation EngDelDelete($input: DeleteImageInput!) {
  deleteImage(input: $input) {
    deletedImageId
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EngDelDeleteMutation, EngDelDeleteMutationVariables>;
export const EngDelUsageDocument = new TypedDocumentString(`
    query EngDelUsage($id: ID!) {
  image(id: $id) {
    inUse
    containers {
      id
      name
      state
      status
      imageReference
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<EngDelUsageQuery, EngDelUsageQueryVariables>;
export const EngDelUsageListDocument = new TypedDocumentString(`
    query EngDelUsageList($nameContains: String!) {
  images(
    first: 50
    filter: {nameContains: $nameContains}
    orderBy: {field: NAME, direction: ASC}
  ) {
    nodes {
      name
      inUse
      containers {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EngDelUsageListQuery, EngDelUsageListQueryVariables>;
export const RefsAddRegistryDocument = new TypedDocumentString(`
    mutation RefsAddRegistry($input: AddRegistryInput!) {
  addRegistry(input: $input) {
    registry {
      id
    }
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RefsAddRegistryMutation, RefsAddRegistryMutationVariables>;
export const RefsCreateImageDocument = new TypedDocumentString(`
    mutation RefsCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
      name
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RefsCreateImageMutation, RefsCreateImageMutationVariables>;
export const RefsBuildDocument = new TypedDocumentString(`
    mutation RefsBuild($input: BuildImageInput!) {
  buildImage(input: $input) {
    build {
      id
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RefsBuildMutation, RefsBuildMutationVariables>;
export const RefsBuildUpdatedDocument = new TypedDocumentString(`
    subscription RefsBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
    errorMessage
  }
}
    `) as unknown as TypedDocumentString<RefsBuildUpdatedSubscription, RefsBuildUpdatedSubscriptionVariables>;
export const RefsPullDocument = new TypedDocumentString(`
    mutation RefsPull($input: PullImageInput!) {
  pullImage(input: $input) {
    pull {
      id
      registry {
        id
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RefsPullMutation, RefsPullMutationVariables>;
export const RefsPullProgressDocument = new TypedDocumentString(`
    subscription RefsPullProgress($pullId: ID!) {
  pullProgress(pullId: $pullId) {
    status
    pull {
      state
      errorMessage
      image {
        id
        name
      }
      tag {
        id
        name
        digest
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RefsPullProgressSubscription, RefsPullProgressSubscriptionVariables>;
export const RefsImportDocument = new TypedDocumentString(`
    mutation RefsImport($input: ImportLocalImageInput!) {
  importLocalImage(input: $input) {
    image {
      id
      name
    }
    tag {
      id
      name
      digest
      details {
        id
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RefsImportMutation, RefsImportMutationVariables>;
export const RefsImageTagsDocument = new TypedDocumentString(`
    query RefsImageTags($id: ID!) {
  image(id: $id) {
    name
    tags(first: 20) {
      nodes {
        id
        name
        digest
        engineReference
        details {
          id
          digest
          repoDigests
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RefsImageTagsQuery, RefsImageTagsQueryVariables>;
export const RefsLocalImagesDocument = new TypedDocumentString(`
    query RefsLocalImages($after: String) {
  localImages(first: 100, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      repoTags
      inCatalog
    }
  }
}
    `) as unknown as TypedDocumentString<RefsLocalImagesQuery, RefsLocalImagesQueryVariables>;
export const RefsTagDocument = new TypedDocumentString(`
    mutation RefsTag($input: TagsInput!) {
  tagImage(input: $input) {
    tags {
      name
      digest
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RefsTagMutation, RefsTagMutationVariables>;
export const RefsUntagDocument = new TypedDocumentString(`
    mutation RefsUntag($input: TagsInput!) {
  untagImage(input: $input) {
    removedTags
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RefsUntagMutation, RefsUntagMutationVariables>;
export const RefsDeleteDocument = new TypedDocumentString(`
    mutation RefsDelete($input: DeleteImageInput!) {
  deleteImage(input: $input) {
    deletedImageId
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RefsDeleteMutation, RefsDeleteMutationVariables>;
export const RefsPushDocument = new TypedDocumentString(`
    mutation RefsPush($input: PushImageInput!) {
  pushImage(input: $input) {
    push {
      id
      reference
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RefsPushMutation, RefsPushMutationVariables>;
export const RefsPushProgressDocument = new TypedDocumentString(`
    subscription RefsPushProgress($pushId: ID!) {
  pushProgress(pushId: $pushId) {
    status
    push {
      state
      errorMessage
      digest
    }
  }
}
    `) as unknown as TypedDocumentString<RefsPushProgressSubscription, RefsPushProgressSubscriptionVariables>;
export const RefsRemoteTagsDocument = new TypedDocumentString(`
    query RefsRemoteTags($reference: String!) {
  remoteTags(reference: $reference, first: 50) {
    nodes {
      name
      reference
      installed
    }
  }
}
    `) as unknown as TypedDocumentString<RefsRemoteTagsQuery, RefsRemoteTagsQueryVariables>;
export const RefsSetRetentionDocument = new TypedDocumentString(`
    mutation RefsSetRetention($input: SetRetentionPoliciesInput!) {
  setRetentionPolicies(input: $input) {
    userErrors {
      field
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RefsSetRetentionMutation, RefsSetRetentionMutationVariables>;
export const RefsApplyRetentionDocument = new TypedDocumentString(`
    mutation RefsApplyRetention($input: ApplyRetentionInput!) {
  applyRetention(input: $input) {
    removed {
      tagName
      removed
      engine
    }
    userErrors {
      field
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RefsApplyRetentionMutation, RefsApplyRetentionMutationVariables>;
export const EngTagsCreateImageDocument = new TypedDocumentString(`
    mutation EngTagsCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
      name
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EngTagsCreateImageMutation, EngTagsCreateImageMutationVariables>;
export const EngTagsBuildDocument = new TypedDocumentString(`
    mutation EngTagsBuild($input: BuildImageInput!) {
  buildImage(input: $input) {
    build {
      id
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EngTagsBuildMutation, EngTagsBuildMutationVariables>;
export const EngTagsBuildUpdatedDocument = new TypedDocumentString(`
    subscription EngTagsBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `) as unknown as TypedDocumentString<EngTagsBuildUpdatedSubscription, EngTagsBuildUpdatedSubscriptionVariables>;
export const EngTagsTagDocument = new TypedDocumentString(`
    mutation EngTagsTag($input: TagsInput!) {
  tagImage(input: $input) {
    tags {
      name
      digest
      sizeBytes
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EngTagsTagMutation, EngTagsTagMutationVariables>;
export const EngTagsUntagDocument = new TypedDocumentString(`
    mutation EngTagsUntag($input: TagsInput!) {
  untagImage(input: $input) {
    removedTags
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EngTagsUntagMutation, EngTagsUntagMutationVariables>;
export const EngTagsDetailsDocument = new TypedDocumentString(`
    query EngTagsDetails($id: ID!) {
  image(id: $id) {
    tags(first: 10) {
      nodes {
        name
        details {
          id
          digest
          repoDigests
          sizeBytes
          created
          architecture
          os
          layers
          env
          cmd
          entrypoint
          exposedPorts
          labels {
            name
            value
          }
          history {
            created
            createdBy
            comment
            emptyLayer
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EngTagsDetailsQuery, EngTagsDetailsQueryVariables>;
export const GitCreateImageDocument = new TypedDocumentString(`
    mutation GitCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
      name
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<GitCreateImageMutation, GitCreateImageMutationVariables>;
export const GitSetSourceDocument = new TypedDocumentString(`
    mutation GitSetSource($input: SetBuildSourceInput!) {
  setBuildSource(input: $input) {
    webhookSecret
    image {
      buildSource {
        repositoryUrl
        autotests
        testCommand
        webhookPath
        buildSettings {
          branch
          tag
          dockerfilePath
          autobuild
        }
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<GitSetSourceMutation, GitSetSourceMutationVariables>;
export const GitTriggerDocument = new TypedDocumentString(`
    mutation GitTrigger($input: TriggerBuildInput!) {
  triggerBuild(input: $input) {
    builds {
      id
      targetTag
      branch
      commitSha
      commitMessage
      trigger
      state
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<GitTriggerMutation, GitTriggerMutationVariables>;
export const GitBuildDocument = new TypedDocumentString(`
    query GitBuild($id: ID!) {
  build(id: $id) {
    state
    errorMessage
    trigger
    commitSha
    testsPassed
    pullRequest
    targetTag
    logLines(first: 100) {
      nodes {
        stream
        text
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GitBuildQuery, GitBuildQueryVariables>;
export const GitTagsDocument = new TypedDocumentString(`
    query GitTags($id: ID!) {
  node(id: $id) {
    ... on Image {
      tags {
        nodes {
          name
          digest
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GitTagsQuery, GitTagsQueryVariables>;
export const GitRemoveSourceDocument = new TypedDocumentString(`
    mutation GitRemoveSource($input: BuildSourceImageInput!) {
  removeBuildSource(input: $input) {
    image {
      buildSource {
        repositoryUrl
      }
    }
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<GitRemoveSourceMutation, GitRemoveSourceMutationVariables>;
export const GitProtectDocument = new TypedDocumentString(`
    mutation GitProtect($input: ProtectTagInput!) {
  protectTag(input: $input) {
    tag {
      protected
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<GitProtectMutation, GitProtectMutationVariables>;
export const GitSourceOfDocument = new TypedDocumentString(`
    query GitSourceOf($id: ID!) {
  node(id: $id) {
    ... on Image {
      buildSource {
        repositoryUrl
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GitSourceOfQuery, GitSourceOfQueryVariables>;
export const GitImageStateDocument = new TypedDocumentString(`
    query GitImageState($id: ID!) {
  node(id: $id) {
    ... on Image {
      state
    }
  }
}
    `) as unknown as TypedDocumentString<GitImageStateQuery, GitImageStateQueryVariables>;
export const BrowserCreateImageDocument = new TypedDocumentString(`
    mutation BrowserCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<BrowserCreateImageMutation, BrowserCreateImageMutationVariables>;
export const BrowserBuildDocument = new TypedDocumentString(`
    mutation BrowserBuild($input: BuildImageInput!) {
  buildImage(input: $input) {
    build {
      id
    }
    userErrors {
      message
    }
  }
}
    `) as unknown as TypedDocumentString<BrowserBuildMutation, BrowserBuildMutationVariables>;
export const EngEventsImageUpdatedDocument = new TypedDocumentString(`
    subscription EngEventsImageUpdated($imageId: ID!) {
  imageUpdated(imageId: $imageId) {
    name
    state
    tags {
      nodes {
        id
        name
        digest
        pushedDigest
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EngEventsImageUpdatedSubscription, EngEventsImageUpdatedSubscriptionVariables>;
export const EngEventsCreateImageDocument = new TypedDocumentString(`
    mutation EngEventsCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EngEventsCreateImageMutation, EngEventsCreateImageMutationVariables>;
export const EngEventsAddRegistryDocument = new TypedDocumentString(`
    mutation EngEventsAddRegistry($input: AddRegistryInput!) {
  addRegistry(input: $input) {
    registry {
      id
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EngEventsAddRegistryMutation, EngEventsAddRegistryMutationVariables>;
export const EngEventsImportDocument = new TypedDocumentString(`
    mutation EngEventsImport($input: ImportLocalImageInput!) {
  importLocalImage(input: $input) {
    tag {
      id
    }
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<EngEventsImportMutation, EngEventsImportMutationVariables>;
export const EngEventsTagDocument = new TypedDocumentString(`
    mutation EngEventsTag($input: TagsInput!) {
  tagImage(input: $input) {
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<EngEventsTagMutation, EngEventsTagMutationVariables>;
export const EngEventsUntagDocument = new TypedDocumentString(`
    mutation EngEventsUntag($input: TagsInput!) {
  untagImage(input: $input) {
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<EngEventsUntagMutation, EngEventsUntagMutationVariables>;
export const EngEventsPushDocument = new TypedDocumentString(`
    mutation EngEventsPush($input: PushImageInput!) {
  pushImage(input: $input) {
    push {
      id
    }
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<EngEventsPushMutation, EngEventsPushMutationVariables>;
export const EngEventsPushFollowDocument = new TypedDocumentString(`
    subscription EngEventsPushFollow($pushId: ID!) {
  pushProgress(pushId: $pushId) {
    push {
      state
      errorMessage
      digest
    }
  }
}
    `) as unknown as TypedDocumentString<EngEventsPushFollowSubscription, EngEventsPushFollowSubscriptionVariables>;
export const EngEventsPullDocument = new TypedDocumentString(`
    mutation EngEventsPull($input: PullImageInput!) {
  pullImage(input: $input) {
    pull {
      id
    }
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<EngEventsPullMutation, EngEventsPullMutationVariables>;
export const EngEventsPullFollowDocument = new TypedDocumentString(`
    subscription EngEventsPullFollow($pullId: ID!) {
  pullProgress(pullId: $pullId) {
    pull {
      state
      errorMessage
    }
  }
}
    `) as unknown as TypedDocumentString<EngEventsPullFollowSubscription, EngEventsPullFollowSubscriptionVariables>;
export const EngEventsSetRetentionDocument = new TypedDocumentString(`
    mutation EngEventsSetRetention($input: SetRetentionPoliciesInput!) {
  setRetentionPolicies(input: $input) {
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<EngEventsSetRetentionMutation, EngEventsSetRetentionMutationVariables>;
export const EngEventsApplyRetentionDocument = new TypedDocumentString(`
    mutation EngEventsApplyRetention($input: ApplyRetentionInput!) {
  applyRetention(input: $input) {
    removed {
      tagName
      removed
      engine
      registry
    }
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<EngEventsApplyRetentionMutation, EngEventsApplyRetentionMutationVariables>;
export const EngEventsDeleteDocument = new TypedDocumentString(`
    mutation EngEventsDelete($input: DeleteImageInput!) {
  deleteImage(input: $input) {
    deletedImageId
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<EngEventsDeleteMutation, EngEventsDeleteMutationVariables>;
export const LocalImgListDocument = new TypedDocumentString(`
    query LocalImgList($first: Int, $after: String) {
  localImages(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
    edges {
      cursor
      node {
        id
        repoTags
        sizeBytes
        created
        inCatalog
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LocalImgListQuery, LocalImgListQueryVariables>;
export const LocalImgPagesDocument = new TypedDocumentString(`
    query LocalImgPages($after: String!, $before: String!) {
  all: localImages(first: 4) {
    totalCount
    nodes {
      id
    }
  }
  second: localImages(first: 2, after: $after) {
    nodes {
      id
    }
    pageInfo {
      hasPreviousPage
      hasNextPage
    }
  }
  lastBefore: localImages(last: 1, before: $before) {
    nodes {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<LocalImgPagesQuery, LocalImgPagesQueryVariables>;
export const LocalImgImportDocument = new TypedDocumentString(`
    mutation LocalImgImport($input: ImportLocalImageInput!) {
  importLocalImage(input: $input) {
    image {
      id
      name
      isPrivate
      owner {
        name
      }
    }
    tag {
      name
      digest
      sizeBytes
      reference
      details {
        id
      }
      build {
        id
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<LocalImgImportMutation, LocalImgImportMutationVariables>;
export const PullsStartDocument = new TypedDocumentString(`
    mutation PullsStart($input: PullImageInput!) {
  pullImage(input: $input) {
    pull {
      id
      reference
      state
      progress
      registry {
        id
      }
      requestedBy {
        name
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<PullsStartMutation, PullsStartMutationVariables>;
export const PullsProgressDocument = new TypedDocumentString(`
    subscription PullsProgress($pullId: ID!) {
  pullProgress(pullId: $pullId) {
    layer
    status
    current
    total
    fraction
    pull {
      state
      errorMessage
      progress
      image {
        name
        isPrivate
        owner {
          name
        }
        registry {
          id
        }
        tags {
          nodes {
            name
            digest
            sizeBytes
          }
        }
      }
      tag {
        name
        digest
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PullsProgressSubscription, PullsProgressSubscriptionVariables>;
export const PullsListDocument = new TypedDocumentString(`
    query PullsList($first: Int, $after: String) {
  pulls(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      reference
      state
      progress
      errorMessage
      startedAt
      finishedAt
      layers {
        layer
        status
        current
        total
      }
      requestedBy {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PullsListQuery, PullsListQueryVariables>;
export const PullsOneDocument = new TypedDocumentString(`
    query PullsOne($id: ID!) {
  pull(id: $id) {
    id
    state
    reference
    errorMessage
    image {
      name
    }
    tag {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<PullsOneQuery, PullsOneQueryVariables>;
export const PullsAddRegistryDocument = new TypedDocumentString(`
    mutation PullsAddRegistry($input: AddRegistryInput!) {
  addRegistry(input: $input) {
    registry {
      id
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<PullsAddRegistryMutation, PullsAddRegistryMutationVariables>;
export const PullsImageByNameDocument = new TypedDocumentString(`
    query PullsImageByName($name: String!) {
  image(name: $name) {
    id
  }
}
    `) as unknown as TypedDocumentString<PullsImageByNameQuery, PullsImageByNameQueryVariables>;
export const PullsCreateImageDocument = new TypedDocumentString(`
    mutation PullsCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<PullsCreateImageMutation, PullsCreateImageMutationVariables>;
export const PushAddRegistryDocument = new TypedDocumentString(`
    mutation PushAddRegistry($input: AddRegistryInput!) {
  addRegistry(input: $input) {
    registry {
      id
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<PushAddRegistryMutation, PushAddRegistryMutationVariables>;
export const PushImportDocument = new TypedDocumentString(`
    mutation PushImport($input: ImportLocalImageInput!) {
  importLocalImage(input: $input) {
    image {
      id
      name
    }
    tag {
      id
      name
      digest
    }
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<PushImportMutation, PushImportMutationVariables>;
export const PushStartDocument = new TypedDocumentString(`
    mutation PushStart($input: PushImageInput!) {
  pushImage(input: $input) {
    push {
      id
      reference
      state
      registry {
        name
      }
      requestedBy {
        name
      }
      tag {
        name
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<PushStartMutation, PushStartMutationVariables>;
export const PushFollowDocument = new TypedDocumentString(`
    subscription PushFollow($pushId: ID!) {
  pushProgress(pushId: $pushId) {
    layer
    status
    current
    total
    fraction
    push {
      state
      digest
      errorMessage
      progress
      finishedAt
      tag {
        name
        pushedDigest
        pushedAt
        pushedRegistry {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PushFollowSubscription, PushFollowSubscriptionVariables>;
export const PushPullDocument = new TypedDocumentString(`
    mutation PushPull($input: PullImageInput!) {
  pullImage(input: $input) {
    pull {
      id
      registry {
        name
      }
    }
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<PushPullMutation, PushPullMutationVariables>;
export const PushPullFollowDocument = new TypedDocumentString(`
    subscription PushPullFollow($pullId: ID!) {
  pullProgress(pullId: $pullId) {
    status
    pull {
      state
      errorMessage
      tag {
        id
        digest
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PushPullFollowSubscription, PushPullFollowSubscriptionVariables>;
export const PushReadDocument = new TypedDocumentString(`
    query PushRead($id: ID!) {
  push(id: $id) {
    id
    state
    digest
    errorMessage
  }
  pushes(first: 50) {
    totalCount
    nodes {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<PushReadQuery, PushReadQueryVariables>;
export const PushInspectDocument = new TypedDocumentString(`
    query PushInspect($reference: String!) {
  remoteInspect(reference: $reference) {
    digest
    mediaType
    image {
      digest
      layers {
        digest
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PushInspectQuery, PushInspectQueryVariables>;
export const PushUpdateCheckDocument = new TypedDocumentString(`
    query PushUpdateCheck($id: ID!, $maxAge: Int) {
  node(id: $id) {
    ... on Tag {
      updateAvailable
      updateCheck(maxAgeSeconds: $maxAge) {
        registry {
          name
        }
        localDigest
        remoteDigest
        updateAvailable
        comparedAt
        errorCode
        errorMessage
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PushUpdateCheckQuery, PushUpdateCheckQueryVariables>;
export const RecoveryCreateImageDocument = new TypedDocumentString(`
    mutation RecoveryCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<RecoveryCreateImageMutation, RecoveryCreateImageMutationVariables>;
export const RecoveryBuildDocument = new TypedDocumentString(`
    mutation RecoveryBuild($input: BuildImageInput!) {
  buildImage(input: $input) {
    build {
      id
    }
    userErrors {
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RecoveryBuildMutation, RecoveryBuildMutationVariables>;
export const RecoveryBuildStateDocument = new TypedDocumentString(`
    query RecoveryBuildState($id: ID!) {
  build(id: $id) {
    state
    errorMessage
    image {
      state
    }
  }
}
    `) as unknown as TypedDocumentString<RecoveryBuildStateQuery, RecoveryBuildStateQueryVariables>;
export const RecoveryBuildUpdatedDocument = new TypedDocumentString(`
    subscription RecoveryBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
    errorMessage
  }
}
    `) as unknown as TypedDocumentString<RecoveryBuildUpdatedSubscription, RecoveryBuildUpdatedSubscriptionVariables>;
export const RecoveryLogsDocument = new TypedDocumentString(`
    subscription RecoveryLogs($buildId: ID!) {
  buildLogs(buildId: $buildId, fromLine: 0) {
    text
  }
}
    `) as unknown as TypedDocumentString<RecoveryLogsSubscription, RecoveryLogsSubscriptionVariables>;
export const RecoveryEngineDocument = new TypedDocumentString(`
    query RecoveryEngine {
  dockerEngine {
    reachable
  }
}
    `) as unknown as TypedDocumentString<RecoveryEngineQuery, RecoveryEngineQueryVariables>;
export const PingByUrlDocument = new TypedDocumentString(`
    query PingByUrl($url: String!, $trust: Boolean) {
  pingRegistry(url: $url, trustSelfSignedCert: $trust) {
    url
    reachable
    apiVersion
    authRequired
    authScheme
    authenticated
    errorCode
    errorMessage
    latencyMs
  }
}
    `) as unknown as TypedDocumentString<PingByUrlQuery, PingByUrlQueryVariables>;
export const PingByIdDocument = new TypedDocumentString(`
    query PingById($id: ID!) {
  pingRegistry(id: $id) {
    reachable
    authRequired
    authScheme
    authenticated
    errorCode
    errorMessage
  }
}
    `) as unknown as TypedDocumentString<PingByIdQuery, PingByIdQueryVariables>;
export const PingBothDocument = new TypedDocumentString(`
    query PingBoth($id: ID!, $url: String!) {
  pingRegistry(id: $id, url: $url) {
    reachable
  }
}
    `) as unknown as TypedDocumentString<PingBothQuery, PingBothQueryVariables>;
export const PingAddRegistryDocument = new TypedDocumentString(`
    mutation PingAddRegistry($input: AddRegistryInput!) {
  addRegistry(input: $input) {
    registry {
      id
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<PingAddRegistryMutation, PingAddRegistryMutationVariables>;
export const TransportTagsDocument = new TypedDocumentString(`
    query TransportTags($reference: String!) {
  remoteTags(reference: $reference) {
    nodes {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<TransportTagsQuery, TransportTagsQueryVariables>;
export const TransportAddRegistryDocument = new TypedDocumentString(`
    mutation TransportAddRegistry($input: AddRegistryInput!) {
  addRegistry(input: $input) {
    registry {
      id
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<TransportAddRegistryMutation, TransportAddRegistryMutationVariables>;
export const TransportUpdateRegistryDocument = new TypedDocumentString(`
    mutation TransportUpdateRegistry($input: UpdateRegistryInput!) {
  updateRegistry(input: $input) {
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<TransportUpdateRegistryMutation, TransportUpdateRegistryMutationVariables>;
export const RemoteAddRegistryDocument = new TypedDocumentString(`
    mutation RemoteAddRegistry($input: AddRegistryInput!) {
  addRegistry(input: $input) {
    registry {
      id
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RemoteAddRegistryMutation, RemoteAddRegistryMutationVariables>;
export const RemoteCreateImageDocument = new TypedDocumentString(`
    mutation RemoteCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RemoteCreateImageMutation, RemoteCreateImageMutationVariables>;
export const RemoteTagsListDocument = new TypedDocumentString(`
    query RemoteTagsList($reference: String!, $registryId: ID, $first: Int, $after: String) {
  remoteTags(
    reference: $reference
    registryId: $registryId
    first: $first
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      hasPreviousPage
      endCursor
    }
    nodes {
      name
      reference
      installed
    }
  }
}
    `) as unknown as TypedDocumentString<RemoteTagsListQuery, RemoteTagsListQueryVariables>;
export const RemoteInspectImageDocument = new TypedDocumentString(`
    query RemoteInspectImage($reference: String!, $registryId: ID, $platform: String) {
  remoteInspect(
    reference: $reference
    registryId: $registryId
    platform: $platform
  ) {
    reference
    digest
    mediaType
    size
    isIndex
    registry {
      name
    }
    platforms {
      os
      architecture
      variant
      digest
      mediaType
      size
    }
    image {
      digest
      mediaType
      size
      totalSize
      os
      architecture
      env
      cmd
      entrypoint
      exposedPorts
      config {
        digest
        mediaType
        size
      }
      layers {
        digest
        mediaType
        size
      }
      labels {
        name
        value
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RemoteInspectImageQuery, RemoteInspectImageQueryVariables>;
export const RemoteSearchDocument = new TypedDocumentString(`
    query RemoteSearch($depot: SearchDepot!, $registryId: ID, $text: String, $first: Int, $after: String) {
  searchImages(
    depot: $depot
    registryId: $registryId
    text: $text
    first: $first
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      name
      depot
      description
      starCount
      official
      automated
      installed
      installedTags
      registry {
        name
      }
      image {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RemoteSearchQuery, RemoteSearchQueryVariables>;
export const RetentionCreateImageDocument = new TypedDocumentString(`
    mutation RetentionCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
      name
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionCreateImageMutation, RetentionCreateImageMutationVariables>;
export const RetentionSetDocument = new TypedDocumentString(`
    mutation RetentionSet($input: SetRetentionPoliciesInput!) {
  setRetentionPolicies(input: $input) {
    image {
      retentionPolicies {
        rule
        keepLast
        olderThanDays
        tagPattern
      }
    }
    userErrors {
      field
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionSetMutation, RetentionSetMutationVariables>;
export const RetentionPoliciesDocument = new TypedDocumentString(`
    query RetentionPolicies($id: ID!) {
  image(id: $id) {
    retentionPolicies {
      rule
      keepLast
      olderThanDays
      tagPattern
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionPoliciesQuery, RetentionPoliciesQueryVariables>;
export const RetentionPreviewOfDocument = new TypedDocumentString(`
    query RetentionPreviewOf($imageId: ID!) {
  retentionPreview(imageId: $imageId) {
    remove {
      tag {
        name
      }
      reasons {
        rule
        description
      }
    }
    protectedTags {
      tag {
        name
        protected
      }
      reasons {
        rule
        description
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionPreviewOfQuery, RetentionPreviewOfQueryVariables>;
export const RetentionApplyDocument = new TypedDocumentString(`
    mutation RetentionApply($input: ApplyRetentionInput!) {
  applyRetention(input: $input) {
    removed {
      tagName
      digest
      removed
      engine
      registry
      detail
      reasons {
        rule
      }
    }
    userErrors {
      field
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionApplyMutation, RetentionApplyMutationVariables>;
export const RetentionImportDocument = new TypedDocumentString(`
    mutation RetentionImport($input: ImportLocalImageInput!) {
  importLocalImage(input: $input) {
    image {
      id
    }
    tag {
      id
      name
    }
    userErrors {
      field
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionImportMutation, RetentionImportMutationVariables>;
export const RetentionTagDocument = new TypedDocumentString(`
    mutation RetentionTag($input: TagsInput!) {
  tagImage(input: $input) {
    tags {
      name
    }
    userErrors {
      field
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionTagMutation, RetentionTagMutationVariables>;
export const RetentionUntagDocument = new TypedDocumentString(`
    mutation RetentionUntag($input: TagsInput!) {
  untagImage(input: $input) {
    removedTags
    userErrors {
      field
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionUntagMutation, RetentionUntagMutationVariables>;
export const RetentionDeleteDocument = new TypedDocumentString(`
    mutation RetentionDelete($input: DeleteImageInput!) {
  deleteImage(input: $input) {
    deletedImageId
    userErrors {
      field
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionDeleteMutation, RetentionDeleteMutationVariables>;
export const RetentionProtectDocument = new TypedDocumentString(`
    mutation RetentionProtect($input: ProtectTagInput!) {
  protectTag(input: $input) {
    tag {
      name
      protected
    }
    userErrors {
      field
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionProtectMutation, RetentionProtectMutationVariables>;
export const RetentionUnprotectDocument = new TypedDocumentString(`
    mutation RetentionUnprotect($input: ProtectTagInput!) {
  unprotectTag(input: $input) {
    tag {
      name
      protected
    }
    userErrors {
      field
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionUnprotectMutation, RetentionUnprotectMutationVariables>;
export const RetentionBuildDocument = new TypedDocumentString(`
    mutation RetentionBuild($input: BuildImageInput!) {
  buildImage(input: $input) {
    build {
      id
    }
    userErrors {
      field
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionBuildMutation, RetentionBuildMutationVariables>;
export const RetentionBuildUpdatedDocument = new TypedDocumentString(`
    subscription RetentionBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `) as unknown as TypedDocumentString<RetentionBuildUpdatedSubscription, RetentionBuildUpdatedSubscriptionVariables>;
export const RetentionPullDocument = new TypedDocumentString(`
    mutation RetentionPull($input: PullImageInput!) {
  pullImage(input: $input) {
    pull {
      id
    }
    userErrors {
      field
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionPullMutation, RetentionPullMutationVariables>;
export const RetentionAddRegistryDocument = new TypedDocumentString(`
    mutation RetentionAddRegistry($input: AddRegistryInput!) {
  addRegistry(input: $input) {
    registry {
      id
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionAddRegistryMutation, RetentionAddRegistryMutationVariables>;
export const RetentionPushDocument = new TypedDocumentString(`
    mutation RetentionPush($input: PushImageInput!) {
  pushImage(input: $input) {
    push {
      id
    }
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionPushMutation, RetentionPushMutationVariables>;
export const RetentionPushFollowDocument = new TypedDocumentString(`
    subscription RetentionPushFollow($pushId: ID!) {
  pushProgress(pushId: $pushId) {
    push {
      state
      errorMessage
      digest
    }
  }
}
    `) as unknown as TypedDocumentString<RetentionPushFollowSubscription, RetentionPushFollowSubscriptionVariables>;
export const StopCreateImageDocument = new TypedDocumentString(`
    mutation StopCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<StopCreateImageMutation, StopCreateImageMutationVariables>;
export const StopBuildDocument = new TypedDocumentString(`
    mutation StopBuild($input: BuildImageInput!) {
  buildImage(input: $input) {
    build {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<StopBuildMutation, StopBuildMutationVariables>;
export const StopBuildStateDocument = new TypedDocumentString(`
    query StopBuildState($id: ID!) {
  build(id: $id) {
    state
    errorMessage
    logLines(first: 100) {
      nodes {
        text
      }
    }
  }
}
    `) as unknown as TypedDocumentString<StopBuildStateQuery, StopBuildStateQueryVariables>;
export const StopBuildUpdatedDocument = new TypedDocumentString(`
    subscription StopBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `) as unknown as TypedDocumentString<StopBuildUpdatedSubscription, StopBuildUpdatedSubscriptionVariables>;
export const StopBuildLogsDocument = new TypedDocumentString(`
    subscription StopBuildLogs($buildId: ID!) {
  buildLogs(buildId: $buildId, fromLine: 0) {
    text
  }
}
    `) as unknown as TypedDocumentString<StopBuildLogsSubscription, StopBuildLogsSubscriptionVariables>;
export const StopAddRegistryDocument = new TypedDocumentString(`
    mutation StopAddRegistry($input: AddRegistryInput!) {
  addRegistry(input: $input) {
    registry {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<StopAddRegistryMutation, StopAddRegistryMutationVariables>;
export const StopRemoteTagsDocument = new TypedDocumentString(`
    query StopRemoteTags($reference: String!, $registryId: ID) {
  remoteTags(reference: $reference, registryId: $registryId, first: 5) {
    nodes {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<StopRemoteTagsQuery, StopRemoteTagsQueryVariables>;
export const TracesCreateImageDocument = new TypedDocumentString(`
    mutation TracesCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<TracesCreateImageMutation, TracesCreateImageMutationVariables>;
export const TracesBuildDocument = new TypedDocumentString(`
    mutation TracesBuild($input: BuildImageInput!) {
  buildImage(input: $input) {
    build {
      id
      state
    }
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<TracesBuildMutation, TracesBuildMutationVariables>;
export const TracesBuildUpdatedDocument = new TypedDocumentString(`
    subscription TracesBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `) as unknown as TypedDocumentString<TracesBuildUpdatedSubscription, TracesBuildUpdatedSubscriptionVariables>;
export const TracesPingDocument = new TypedDocumentString(`
    query TracesPing($url: String!) {
  pingRegistry(url: $url) {
    reachable
  }
}
    `) as unknown as TypedDocumentString<TracesPingQuery, TracesPingQueryVariables>;
export const TracesMissingBuildDocument = new TypedDocumentString(`
    query TracesMissingBuild($id: ID!) {
  build(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<TracesMissingBuildQuery, TracesMissingBuildQueryVariables>;
export const TwoCreateImageDocument = new TypedDocumentString(`
    mutation TwoCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<TwoCreateImageMutation, TwoCreateImageMutationVariables>;
export const TwoBuildDocument = new TypedDocumentString(`
    mutation TwoBuild($input: BuildImageInput!) {
  buildImage(input: $input) {
    build {
      id
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<TwoBuildMutation, TwoBuildMutationVariables>;
export const TwoBuildStateDocument = new TypedDocumentString(`
    query TwoBuildState($id: ID!) {
  build(id: $id) {
    state
    logLines(first: 100) {
      nodes {
        lineNo
        text
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TwoBuildStateQuery, TwoBuildStateQueryVariables>;
export const TwoBuildLogsDocument = new TypedDocumentString(`
    subscription TwoBuildLogs($buildId: ID!) {
  buildLogs(buildId: $buildId, fromLine: 0) {
    lineNo
    text
    createdAt
  }
}
    `) as unknown as TypedDocumentString<TwoBuildLogsSubscription, TwoBuildLogsSubscriptionVariables>;
export const TwoCancelDocument = new TypedDocumentString(`
    mutation TwoCancel($input: CancelBuildInput!) {
  cancelBuild(input: $input) {
    build {
      state
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<TwoCancelMutation, TwoCancelMutationVariables>;
export const TwoBuildUpdatedDocument = new TypedDocumentString(`
    subscription TwoBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `) as unknown as TypedDocumentString<TwoBuildUpdatedSubscription, TwoBuildUpdatedSubscriptionVariables>;
export const VersionBuildsCreateImageDocument = new TypedDocumentString(`
    mutation VersionBuildsCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<VersionBuildsCreateImageMutation, VersionBuildsCreateImageMutationVariables>;
export const VersionBuildsUploadDocument = new TypedDocumentString(`
    mutation VersionBuildsUpload($input: CreateVersionInput!) {
  createVersion(input: $input) {
    version {
      id
      state
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<VersionBuildsUploadMutation, VersionBuildsUploadMutationVariables>;
export const VersionBuildsBuildDocument = new TypedDocumentString(`
    mutation VersionBuildsBuild($input: BuildImageInput!) {
  buildImage(input: $input) {
    build {
      id
      targetTag
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<VersionBuildsBuildMutation, VersionBuildsBuildMutationVariables>;
export const VersionBuildsLogsDocument = new TypedDocumentString(`
    subscription VersionBuildsLogs($buildId: ID!) {
  buildLogs(buildId: $buildId, fromLine: 0) {
    text
  }
}
    `) as unknown as TypedDocumentString<VersionBuildsLogsSubscription, VersionBuildsLogsSubscriptionVariables>;
export const VersionBuildsVersionDocument = new TypedDocumentString(`
    query VersionBuildsVersion($id: ID!) {
  version(id: $id) {
    state
    sizeBytes
    builds {
      totalCount
      nodes {
        state
        targetTag
      }
    }
    image {
      tags {
        nodes {
          name
          digest
          sizeBytes
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<VersionBuildsVersionQuery, VersionBuildsVersionQueryVariables>;
export const EventsImageUpdatedDocument = new TypedDocumentString(`
    subscription EventsImageUpdated($imageId: ID!) {
  imageUpdated(imageId: $imageId) {
    name
    description
    isPrivate
    state
    starCount
    viewerHasStarred
    categories {
      nodes {
        name
      }
    }
    tags {
      nodes {
        name
        protected
      }
    }
    retentionPolicies {
      rule
      tagPattern
    }
    versions {
      nodes {
        version
      }
    }
    buildSource {
      repositoryUrl
    }
  }
}
    `) as unknown as TypedDocumentString<EventsImageUpdatedSubscription, EventsImageUpdatedSubscriptionVariables>;
export const EventsUpdateImageDocument = new TypedDocumentString(`
    mutation EventsUpdateImage($input: UpdateImageInput!) {
  updateImage(input: $input) {
    image {
      id
    }
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsUpdateImageMutation, EventsUpdateImageMutationVariables>;
export const EventsTagDocument = new TypedDocumentString(`
    mutation EventsTag($input: TagsInput!) {
  tagImage(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsTagMutation, EventsTagMutationVariables>;
export const EventsUntagDocument = new TypedDocumentString(`
    mutation EventsUntag($input: TagsInput!) {
  untagImage(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsUntagMutation, EventsUntagMutationVariables>;
export const EventsStarDocument = new TypedDocumentString(`
    mutation EventsStar($input: ImageIdInput!) {
  starImage(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsStarMutation, EventsStarMutationVariables>;
export const EventsUnstarDocument = new TypedDocumentString(`
    mutation EventsUnstar($input: ImageIdInput!) {
  unstarImage(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsUnstarMutation, EventsUnstarMutationVariables>;
export const EventsSetCategoriesDocument = new TypedDocumentString(`
    mutation EventsSetCategories($input: SetImageCategoriesInput!) {
  setImageCategories(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsSetCategoriesMutation, EventsSetCategoriesMutationVariables>;
export const EventsCreateCategoryDocument = new TypedDocumentString(`
    mutation EventsCreateCategory($input: CreateCategoryInput!) {
  createCategory(input: $input) {
    category {
      id
    }
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsCreateCategoryMutation, EventsCreateCategoryMutationVariables>;
export const EventsDeleteCategoryDocument = new TypedDocumentString(`
    mutation EventsDeleteCategory($input: DeleteCategoryInput!) {
  deleteCategory(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsDeleteCategoryMutation, EventsDeleteCategoryMutationVariables>;
export const EventsProtectDocument = new TypedDocumentString(`
    mutation EventsProtect($input: ProtectTagInput!) {
  protectTag(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsProtectMutation, EventsProtectMutationVariables>;
export const EventsUnprotectDocument = new TypedDocumentString(`
    mutation EventsUnprotect($input: ProtectTagInput!) {
  unprotectTag(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsUnprotectMutation, EventsUnprotectMutationVariables>;
export const EventsSetRetentionDocument = new TypedDocumentString(`
    mutation EventsSetRetention($input: SetRetentionPoliciesInput!) {
  setRetentionPolicies(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsSetRetentionMutation, EventsSetRetentionMutationVariables>;
export const EventsApplyRetentionDocument = new TypedDocumentString(`
    mutation EventsApplyRetention($input: ApplyRetentionInput!) {
  applyRetention(input: $input) {
    removed {
      tagName
    }
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsApplyRetentionMutation, EventsApplyRetentionMutationVariables>;
export const EventsCreateVersionDocument = new TypedDocumentString(`
    mutation EventsCreateVersion($input: CreateVersionInput!) {
  createVersion(input: $input) {
    version {
      version
    }
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsCreateVersionMutation, EventsCreateVersionMutationVariables>;
export const EventsSetBuildSourceDocument = new TypedDocumentString(`
    mutation EventsSetBuildSource($input: SetBuildSourceInput!) {
  setBuildSource(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsSetBuildSourceMutation, EventsSetBuildSourceMutationVariables>;
export const EventsRemoveBuildSourceDocument = new TypedDocumentString(`
    mutation EventsRemoveBuildSource($input: BuildSourceImageInput!) {
  removeBuildSource(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsRemoveBuildSourceMutation, EventsRemoveBuildSourceMutationVariables>;
export const EventsDeleteDocument = new TypedDocumentString(`
    mutation EventsDelete($input: DeleteImageInput!) {
  deleteImage(input: $input) {
    deletedImageId
    userErrors {
      field
      code
    }
  }
}
    `) as unknown as TypedDocumentString<EventsDeleteMutation, EventsDeleteMutationVariables>;
export const ImagesDeleteDeleteDocument = new TypedDocumentString(`
    mutation ImagesDeleteDelete($input: DeleteImageInput!) {
  deleteImage(input: $input) {
    deletedImageId
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ImagesDeleteDeleteMutation, ImagesDeleteDeleteMutationVariables>;
export const ImagesDeleteSetCategoriesDocument = new TypedDocumentString(`
    mutation ImagesDeleteSetCategories($input: SetImageCategoriesInput!) {
  setImageCategories(input: $input) {
    image {
      name
      categories {
        totalCount
        nodes {
          name
        }
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ImagesDeleteSetCategoriesMutation, ImagesDeleteSetCategoriesMutationVariables>;
export const ImagesDeleteStarDocument = new TypedDocumentString(`
    mutation ImagesDeleteStar($input: ImageIdInput!) {
  starImage(input: $input) {
    image {
      name
      starCount
      viewerHasStarred
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ImagesDeleteStarMutation, ImagesDeleteStarMutationVariables>;
export const ImagesDeleteUnstarDocument = new TypedDocumentString(`
    mutation ImagesDeleteUnstar($input: ImageIdInput!) {
  unstarImage(input: $input) {
    image {
      name
      starCount
      viewerHasStarred
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ImagesDeleteUnstarMutation, ImagesDeleteUnstarMutationVariables>;
export const ImagesDeleteStarredDocument = new TypedDocumentString(`
    query ImagesDeleteStarred($id: ID!) {
  image(id: $id) {
    starCount
    viewerHasStarred
  }
}
    `) as unknown as TypedDocumentString<ImagesDeleteStarredQuery, ImagesDeleteStarredQueryVariables>;
export const ImagesPaginationPageDocument = new TypedDocumentString(`
    query ImagesPaginationPage($first: Int, $after: String, $last: Int, $before: String, $filter: ImageFilter, $orderBy: ImageOrder) {
  images(
    first: $first
    after: $after
    last: $last
    before: $before
    filter: $filter
    orderBy: $orderBy
  ) {
    totalCount
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
    edges {
      cursor
      node {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ImagesPaginationPageQuery, ImagesPaginationPageQueryVariables>;
export const ImagesQueryByIdDocument = new TypedDocumentString(`
    query ImagesQueryById($id: ID) {
  image(id: $id) {
    id
    name
    isPrivate
    owner {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ImagesQueryByIdQuery, ImagesQueryByIdQueryVariables>;
export const ImagesQueryByNameDocument = new TypedDocumentString(`
    query ImagesQueryByName($name: String) {
  image(name: $name) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ImagesQueryByNameQuery, ImagesQueryByNameQueryVariables>;
export const ImagesQueryByBothDocument = new TypedDocumentString(`
    query ImagesQueryByBoth($id: ID, $name: String) {
  image(id: $id, name: $name) {
    id
  }
}
    `) as unknown as TypedDocumentString<ImagesQueryByBothQuery, ImagesQueryByBothQueryVariables>;
export const ImagesQueryListDocument = new TypedDocumentString(`
    query ImagesQueryList($filter: ImageFilter, $orderBy: ImageOrder) {
  images(filter: $filter, orderBy: $orderBy, first: 100) {
    totalCount
    nodes {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ImagesQueryListQuery, ImagesQueryListQueryVariables>;
export const ImagesQueryNodeDocument = new TypedDocumentString(`
    query ImagesQueryNode($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Image {
      name
    }
    ... on Tag {
      name
    }
    ... on Version {
      version
    }
    ... on Build {
      targetTag
    }
  }
}
    `) as unknown as TypedDocumentString<ImagesQueryNodeQuery, ImagesQueryNodeQueryVariables>;
export const ImagesQueryNodesDocument = new TypedDocumentString(`
    query ImagesQueryNodes($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename
    id
  }
}
    `) as unknown as TypedDocumentString<ImagesQueryNodesQuery, ImagesQueryNodesQueryVariables>;
export const ImagesStateOneDocument = new TypedDocumentString(`
    query ImagesStateOne($name: String!) {
  image(name: $name) {
    name
    state
    lastBuildDate
  }
}
    `) as unknown as TypedDocumentString<ImagesStateOneQuery, ImagesStateOneQueryVariables>;
export const ImagesStateListDocument = new TypedDocumentString(`
    query ImagesStateList($state: ImageState) {
  images(
    filter: {state: $state}
    first: 100
    orderBy: {field: NAME, direction: ASC}
  ) {
    totalCount
    nodes {
      name
      state
    }
  }
}
    `) as unknown as TypedDocumentString<ImagesStateListQuery, ImagesStateListQueryVariables>;
export const ImagesWriteCreateDocument = new TypedDocumentString(`
    mutation ImagesWriteCreate($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
      name
      description
      iconUrl
      isPrivate
      jumpstart
      loginUsername
      minDiskGb
      minRamMb
      metadata
      state
      starCount
      viewerHasStarred
      owner {
        name
      }
      registry {
        name
      }
      categories {
        nodes {
          name
        }
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ImagesWriteCreateMutation, ImagesWriteCreateMutationVariables>;
export const ImagesWriteUpdateDocument = new TypedDocumentString(`
    mutation ImagesWriteUpdate($input: UpdateImageInput!) {
  updateImage(input: $input) {
    image {
      id
      name
      description
      iconUrl
      isPrivate
      jumpstart
      loginUsername
      minDiskGb
      minRamMb
      metadata
      registry {
        name
      }
      categories {
        nodes {
          name
        }
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ImagesWriteUpdateMutation, ImagesWriteUpdateMutationVariables>;
export const SecretsCreateUserDocument = new TypedDocumentString(`
    mutation SecretsCreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    token
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<SecretsCreateUserMutation, SecretsCreateUserMutationVariables>;
export const SecretsCreateTokenDocument = new TypedDocumentString(`
    mutation SecretsCreateToken($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    token
  }
}
    `) as unknown as TypedDocumentString<SecretsCreateTokenMutation, SecretsCreateTokenMutationVariables>;
export const SecretsViewerDocument = new TypedDocumentString(`
    query SecretsViewer {
  viewer {
    name
  }
}
    `) as unknown as TypedDocumentString<SecretsViewerQuery, SecretsViewerQueryVariables>;
export const SecretsAddRegistryDocument = new TypedDocumentString(`
    mutation SecretsAddRegistry($input: AddRegistryInput!) {
  addRegistry(input: $input) {
    registry {
      id
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<SecretsAddRegistryMutation, SecretsAddRegistryMutationVariables>;
export const SecretsPingDocument = new TypedDocumentString(`
    query SecretsPing($url: String, $id: ID) {
  pingRegistry(url: $url, id: $id) {
    reachable
  }
}
    `) as unknown as TypedDocumentString<SecretsPingQuery, SecretsPingQueryVariables>;
export const SecretsRemoteTagsDocument = new TypedDocumentString(`
    query SecretsRemoteTags($reference: String!, $registryId: ID) {
  remoteTags(reference: $reference, registryId: $registryId, first: 5) {
    nodes {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<SecretsRemoteTagsQuery, SecretsRemoteTagsQueryVariables>;
export const SecretsCreateImageDocument = new TypedDocumentString(`
    mutation SecretsCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<SecretsCreateImageMutation, SecretsCreateImageMutationVariables>;
export const SecretsSetSourceDocument = new TypedDocumentString(`
    mutation SecretsSetSource($input: SetBuildSourceInput!) {
  setBuildSource(input: $input) {
    webhookSecret
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<SecretsSetSourceMutation, SecretsSetSourceMutationVariables>;
export const MetricsCreateImageDocument = new TypedDocumentString(`
    mutation MetricsCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
    userErrors {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<MetricsCreateImageMutation, MetricsCreateImageMutationVariables>;
export const MetricsImageDocument = new TypedDocumentString(`
    query MetricsImage($id: ID!) {
  node(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<MetricsImageQuery, MetricsImageQueryVariables>;
export const MetricsImageUpdatedDocument = new TypedDocumentString(`
    subscription MetricsImageUpdated($imageId: ID!) {
  imageUpdated(imageId: $imageId) {
    name
  }
}
    `) as unknown as TypedDocumentString<MetricsImageUpdatedSubscription, MetricsImageUpdatedSubscriptionVariables>;
export const MetricsPingDocument = new TypedDocumentString(`
    query MetricsPing($url: String!) {
  pingRegistry(url: $url) {
    reachable
    errorCode
  }
}
    `) as unknown as TypedDocumentString<MetricsPingQuery, MetricsPingQueryVariables>;
export const MetricsEngineDocument = new TypedDocumentString(`
    query MetricsEngine {
  dockerEngine {
    reachable
  }
}
    `) as unknown as TypedDocumentString<MetricsEngineQuery, MetricsEngineQueryVariables>;
export const NPlusOnePullsDocument = new TypedDocumentString(`
    query NPlusOnePulls($first: Int!) {
  pulls(first: $first) {
    totalCount
    nodes {
      reference
      state
      progress
      requestedBy {
        name
      }
      registry {
        name
      }
      image {
        name
        state
      }
      tag {
        name
        digest
      }
    }
  }
}
    `) as unknown as TypedDocumentString<NPlusOnePullsQuery, NPlusOnePullsQueryVariables>;
export const NPlusOnePushesDocument = new TypedDocumentString(`
    query NPlusOnePushes($first: Int!) {
  pushes(first: $first) {
    totalCount
    nodes {
      reference
      state
      digest
      requestedBy {
        name
      }
      registry {
        name
      }
      tag {
        name
        pushedDigest
        pushedRegistry {
          name
        }
        image {
          name
        }
        updateCheck(maxAgeSeconds: 0) {
          registry {
            name
          }
          errorCode
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<NPlusOnePushesQuery, NPlusOnePushesQueryVariables>;
export const NodeIdsNodeDocument = new TypedDocumentString(`
    query NodeIdsNode($id: ID!) {
  node(id: $id) {
    __typename
    id
  }
}
    `) as unknown as TypedDocumentString<NodeIdsNodeQuery, NodeIdsNodeQueryVariables>;
export const NodeIdsNodesDocument = new TypedDocumentString(`
    query NodeIdsNodes($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename
    id
  }
}
    `) as unknown as TypedDocumentString<NodeIdsNodesQuery, NodeIdsNodesQueryVariables>;
export const RegistriesListDocument = new TypedDocumentString(`
    query RegistriesList {
  registries(first: 100) {
    totalCount
    nodes {
      id
      name
      url
      apiVersion
      trustSelfSignedCert
      isDefault
      hasPassword
      username
    }
  }
}
    `) as unknown as TypedDocumentString<RegistriesListQuery, RegistriesListQueryVariables>;
export const RegistriesAddDocument = new TypedDocumentString(`
    mutation RegistriesAdd($input: AddRegistryInput!) {
  addRegistry(input: $input) {
    registry {
      id
      name
      url
      apiVersion
      trustSelfSignedCert
      isDefault
      hasPassword
      username
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RegistriesAddMutation, RegistriesAddMutationVariables>;
export const RegistriesUpdateDocument = new TypedDocumentString(`
    mutation RegistriesUpdate($input: UpdateRegistryInput!) {
  updateRegistry(input: $input) {
    registry {
      id
      name
      url
      apiVersion
      trustSelfSignedCert
      isDefault
      hasPassword
      username
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RegistriesUpdateMutation, RegistriesUpdateMutationVariables>;
export const RegistriesDeleteDocument = new TypedDocumentString(`
    mutation RegistriesDelete($input: DeleteRegistryInput!) {
  deleteRegistry(input: $input) {
    deletedRegistryId
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RegistriesDeleteMutation, RegistriesDeleteMutationVariables>;
export const RegistriesTypeFieldsDocument = new TypedDocumentString(`
    query RegistriesTypeFields {
  __type(name: "Registry") {
    fields {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<RegistriesTypeFieldsQuery, RegistriesTypeFieldsQueryVariables>;
export const LoggedViewerDocument = new TypedDocumentString(`
    query LoggedViewer {
  viewer {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<LoggedViewerQuery, LoggedViewerQueryVariables>;
export const LoggedCreateImageDocument = new TypedDocumentString(`
    mutation LoggedCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<LoggedCreateImageMutation, LoggedCreateImageMutationVariables>;
export const StoredRegistriesDocument = new TypedDocumentString(`
    query StoredRegistries {
  registries(first: 100) {
    nodes {
      name
      url
      searchUrl
      username
      hasPassword
    }
  }
}
    `) as unknown as TypedDocumentString<StoredRegistriesQuery, StoredRegistriesQueryVariables>;
export const StoredBuildSourceDocument = new TypedDocumentString(`
    query StoredBuildSource($id: ID!) {
  node(id: $id) {
    ... on Image {
      buildSource {
        repositoryUrl
      }
    }
  }
}
    `) as unknown as TypedDocumentString<StoredBuildSourceQuery, StoredBuildSourceQueryVariables>;
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
          protected
          build {
            state
            commitSha
          }
        }
      }
      buildSource {
        repositoryUrl
        autotests
        buildSettings {
          branch
          tag
          autobuild
        }
      }
      retentionPolicies {
        rule
        keepLast
        tagPattern
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
export const TagsTagImageDocument = new TypedDocumentString(`
    mutation TagsTagImage($input: TagsInput!) {
  tagImage(input: $input) {
    image {
      id
      name
      updatedAt
    }
    tags {
      id
      name
      reference
      digest
      sizeBytes
      createdAt
      updatedAt
      image {
        id
        name
      }
      build {
        id
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<TagsTagImageMutation, TagsTagImageMutationVariables>;
export const TagsUntagImageDocument = new TypedDocumentString(`
    mutation TagsUntagImage($input: TagsInput!) {
  untagImage(input: $input) {
    image {
      id
      name
      updatedAt
    }
    removedTags
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<TagsUntagImageMutation, TagsUntagImageMutationVariables>;
export const TagsOfImageDocument = new TypedDocumentString(`
    query TagsOfImage($id: ID!) {
  image(id: $id) {
    name
    tags(first: 100) {
      totalCount
      nodes {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TagsOfImageQuery, TagsOfImageQueryVariables>;
export const TagsTagNodeDocument = new TypedDocumentString(`
    query TagsTagNode($id: ID!) {
  node(id: $id) {
    ... on Tag {
      id
      name
      reference
      digest
      sizeBytes
      image {
        name
      }
      build {
        id
        state
        targetTag
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TagsTagNodeQuery, TagsTagNodeQueryVariables>;
export const TransportImagesPageDocument = new TypedDocumentString(`
    query TransportImagesPage($first: Int, $after: String, $last: Int) {
  images(
    first: $first
    after: $after
    last: $last
    orderBy: {field: NAME, direction: ASC}
  ) {
    totalCount
    nodes {
      name
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<TransportImagesPageQuery, TransportImagesPageQueryVariables>;
export const TransportCategoriesDocument = new TypedDocumentString(`
    query TransportCategories {
  categories {
    totalCount
    nodes {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<TransportCategoriesQuery, TransportCategoriesQueryVariables>;
export const LargeCreateImageDocument = new TypedDocumentString(`
    mutation LargeCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<LargeCreateImageMutation, LargeCreateImageMutationVariables>;
export const LargeUploadDocument = new TypedDocumentString(`
    mutation LargeUpload($input: CreateVersionInput!) {
  createVersion(input: $input) {
    version {
      version
      source {
        sha256
        sizeBytes
        format
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<LargeUploadMutation, LargeUploadMutationVariables>;
export const LargeVersionsDocument = new TypedDocumentString(`
    query LargeVersions($id: ID!) {
  image(id: $id) {
    versions(first: 10) {
      totalCount
      nodes {
        version
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LargeVersionsQuery, LargeVersionsQueryVariables>;
export const FramingCreateCategoryDocument = new TypedDocumentString(`
    mutation FramingCreateCategory($input: CreateCategoryInput!) {
  createCategory(input: $input) {
    category {
      id
      name
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<FramingCreateCategoryMutation, FramingCreateCategoryMutationVariables>;
export const FramingCreateImageDocument = new TypedDocumentString(`
    mutation FramingCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<FramingCreateImageMutation, FramingCreateImageMutationVariables>;
export const FramingSetSourceDocument = new TypedDocumentString(`
    mutation FramingSetSource($input: SetBuildSourceInput!) {
  setBuildSource(input: $input) {
    webhookSecret
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<FramingSetSourceMutation, FramingSetSourceMutationVariables>;
export const FramingUploadDocument = new TypedDocumentString(`
    mutation FramingUpload($input: CreateVersionInput!) {
  createVersion(input: $input) {
    version {
      id
      version
      source {
        sha256
        sizeBytes
        filename
        format
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<FramingUploadMutation, FramingUploadMutationVariables>;
export const VersionsCreateDocument = new TypedDocumentString(`
    mutation VersionsCreate($input: CreateVersionInput!) {
  createVersion(input: $input) {
    version {
      id
      version
      state
      sizeBytes
      createdAt
      source {
        sha256
        sizeBytes
        filename
        format
      }
      image {
        id
        name
      }
      builds {
        totalCount
        nodes {
          id
        }
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<VersionsCreateMutation, VersionsCreateMutationVariables>;
export const VersionsDeleteImageDocument = new TypedDocumentString(`
    mutation VersionsDeleteImage($input: DeleteImageInput!) {
  deleteImage(input: $input) {
    deletedImageId
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<VersionsDeleteImageMutation, VersionsDeleteImageMutationVariables>;
export const VersionsVersionDocument = new TypedDocumentString(`
    query VersionsVersion($id: ID!) {
  version(id: $id) {
    id
    version
    state
    sizeBytes
    createdAt
    source {
      sha256
      sizeBytes
      filename
      format
    }
    image {
      id
      name
    }
    builds(first: 10) {
      totalCount
      nodes {
        id
        targetTag
        state
      }
      pageInfo {
        hasNextPage
      }
    }
  }
}
    `) as unknown as TypedDocumentString<VersionsVersionQuery, VersionsVersionQueryVariables>;
export const VersionsNodeDocument = new TypedDocumentString(`
    query VersionsNode($id: ID!) {
  node(id: $id) {
    id
    ... on Version {
      version
    }
  }
}
    `) as unknown as TypedDocumentString<VersionsNodeQuery, VersionsNodeQueryVariables>;
export const VersionsOfImageDocument = new TypedDocumentString(`
    query VersionsOfImage($id: ID!, $first: Int, $after: String) {
  image(id: $id) {
    versions(first: $first, after: $after) {
      totalCount
      nodes {
        version
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<VersionsOfImageQuery, VersionsOfImageQueryVariables>;