/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AddDockerEngineInput = {
  /** Jobs it runs at once, across all instances. Default 4. */
  capacity?: number | null | undefined;
  /** unix:///path/to/docker.sock or tcp://host:port */
  host: string;
  /** key=value labels, e.g. platform=linux/arm64. */
  labels?: Array<string> | null | undefined;
  name: string;
};

export type AddRegistryInput = {
  apiVersion?: RegistryApiVersion | null | undefined;
  name: string;
  /** The organization whose members may use its stored credentials (pulls, pushes, remoteTags, searchImages); without one, only administrators' requests carry them. Null takes it away. */
  organizationId?: string | number | null | undefined;
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

export type AuditLogFilter = {
  /** An action exactly, e.g. mutation.deleteTag. */
  action?: string | null | undefined;
  /** A user's name. */
  actor?: string | null | undefined;
  imageId?: string | number | null | undefined;
  /** An organization's name: the entries about it, its teams and its images. Its owners and admins may read these. */
  organization?: string | null | undefined;
  since?: string | null | undefined;
  until?: string | null | undefined;
};

export type AuditOutcome =
  /** Refused for who asked (UNAUTHENTICATED, FORBIDDEN). */
  | 'DENIED'
  /** An error: its code is in `detail`. */
  | 'FAILED'
  /** It did what was asked. */
  | 'OK'
  /** Refused for its input: the user errors are in `detail`. */
  | 'REJECTED';

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
  /** key=value labels the engine must carry (see dockerEngines), e.g. platform=linux/arm64. */
  engineLabels?: Array<string> | null | undefined;
  imageId: string | number;
  /** Labels the built image carries. */
  labels?: Array<BuildLabelInput> | null | undefined;
  /** Run every step afresh, using no cached layer. */
  noCache?: boolean | null | undefined;
  /** The platform to build for, e.g. linux/arm64, where the engine can. */
  platform?: string | null | undefined;
  /** Secrets for RUN --mount=type=secret (BuildKit only). */
  secrets?: Array<BuildSecretInput> | null | undefined;
  /** The tag to produce; defaults to the version string, or latest. */
  tag?: string | null | undefined;
  /** The stage of a multi-stage Dockerfile to build (FROM ... AS <target>). */
  target?: string | null | undefined;
  /** Build this version's source archive. Give this or dockerfile. */
  versionId?: string | number | null | undefined;
};

export type BuildLabelInput = {
  name: string;
  value: string;
};

export type BuildProgressKind =
  /** A step was found in the cache and did not run. */
  | 'CACHED'
  /** A step finished. */
  | 'DONE'
  /** A step failed; text says why. */
  | 'FAILED'
  /** A line of output: a step's (stepNumber set) or the build's own. */
  | 'LOG'
  /** A step started; text is its name. */
  | 'STARTED';

/** A secret a RUN step mounts with --mount=type=secret,id=<id>. Write-only: stored sealed until the build ends, masked in its log, never returned. */
export type BuildSecretInput = {
  id: string;
  value: string;
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

/** WAITING -> RUNNING -> DONE | FAILED; a step BuildKit found in its cache goes from WAITING to CACHED. */
export type BuildStepState =
  | 'CACHED'
  | 'DONE'
  | 'FAILED'
  | 'RUNNING'
  | 'WAITING';

export type BuildTrigger =
  /** buildImage, buildVersion or triggerBuild. */
  | 'MANUAL'
  /** A signed push event on /hooks/git/<image>. */
  | 'WEBHOOK';

/** The engine's builder that builds use (BUILDER). */
export type Builder =
  /** BuildKit (the default): steps, cache and secret mounts, heredocs; needs Docker 18.09 or later. */
  | 'BUILDKIT'
  /** The classic builder, deprecated by Docker: for engines without BuildKit (BUILDER=classic). */
  | 'CLASSIC';

export type CancelBuildInput = {
  id: string | number;
};

export type CreateApiTokenInput = {
  expiresAt?: string | null | undefined;
  name: string;
  /** Limits the token to these images and actions (at most 20), within your own rights. Outside them an image does not exist for the token, a change is FORBIDDEN, and so is every mutation that does not act on images. Left out: all of your rights. */
  scopes?: Array<TokenScopeInput> | null | undefined;
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

export type CreateOrganizationInput = {
  description?: string | null | undefined;
  /** A namespace: the rules of a user's name, and not taken by a user or an organization. */
  name: string;
};

export type CreateRobotInput = {
  /** Its name in the namespace: the robot is namespace+name. */
  name: string;
  /** Your own name, or an organization you administer. */
  namespace: string;
};

export type CreateRobotTokenInput = {
  expiresAt?: string | null | undefined;
  name: string;
  robotId: string | number;
  /** A robot's tokens always have scopes. */
  scopes: Array<TokenScopeInput>;
};

export type CreateTeamInput = {
  description?: string | null | undefined;
  name: string;
  organizationId: string | number;
  /** On every image of the organization; none by default. */
  permission?: ImagePermission | null | undefined;
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

export type DeleteOrganizationInput = {
  id: string | number;
};

export type DeleteRegistryInput = {
  id: string | number;
};

export type DeleteRobotInput = {
  robotId: string | number;
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

export type ImagePermission =
  /** Also changes its settings, deletes it, manages its retention, protection, build source and team permissions. */
  | 'ADMIN'
  /** Sees the image (a private one exists only for those who hold READ or more). */
  | 'READ'
  /** Also tags, untags, builds, uploads versions, pushes, pulls into it and cancels its builds. */
  | 'WRITE';

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
  /** The name of the Docker engine that holds it (one of dockerEngines); the first when left out. */
  engine?: string | null | undefined;
  /** The catalog image to add it to, e.g. admin/busybox; by default the repository path, which must then start with a namespace. */
  name?: string | null | undefined;
  /** A name:tag the engine holds, e.g. team/web:1.0 or registry.example.com:5000/team/web:1.0 (tag 1.0 of team/web, held under that registry's name). */
  reference: string;
};

export type OrderDirection =
  | 'ASC'
  | 'DESC';

export type OrganizationRole =
  /** ADMIN on every image; manages members (not owners) and teams. */
  | 'ADMIN'
  /** What the teams they are on grant. */
  | 'MEMBER'
  /** ADMIN on every image; manages members and teams; makes owners; deletes the organization. */
  | 'OWNER';

export type ProtectTagInput = {
  imageId: string | number;
  tag: string;
};

export type PruneBuildCacheInput = {
  /** Keep the most recently used cache up to this size; all unused cache goes without it. */
  keepBytes?: number | null | undefined;
  /** The engine (see dockerEngines). */
  name: string;
};

export type PullImageInput = {
  /** The catalog image to pull into, e.g. alice/alpine; by default the repository path (library/ left out for Docker Hub's official images, which therefore need a name). */
  name?: string | null | undefined;
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

export type RemoveDockerEngineInput = {
  name: string;
};

export type RemoveOrganizationMemberInput = {
  organizationId: string | number;
  user: string;
};

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

export type SetOrganizationMemberInput = {
  organizationId: string | number;
  role: OrganizationRole;
  /** The user's name. */
  user: string;
};

export type SetRetentionPoliciesInput = {
  imageId: string | number;
  policies: Array<RetentionPolicyInput>;
};

export type SetTeamImagePermissionInput = {
  imageId: string | number;
  /** null (or left out) takes the grant away. */
  permission?: ImagePermission | null | undefined;
  teamId: string | number;
};

export type TagsInput = {
  imageId: string | number;
  /** tagImage only: the existing tag whose engine image the new tags point at. Without it, the tag most recently built, pulled or imported; when no tag is on the engine, tags are catalog-only. */
  sourceTag?: string | null | undefined;
  tags: Array<string>;
};

export type TeamMemberInput = {
  teamId: string | number;
  /** The user's name. */
  user: string;
};

export type TokenAction =
  /** Build, cancel builds, trigger a build source, upload versions. */
  | 'BUILD'
  /** Delete it, its tags by retention, and set its retention rules. */
  | 'DELETE'
  /** Pull into it from a registry. */
  | 'PULL'
  /** Push its tags to a registry. */
  | 'PUSH'
  /** See the images the scope covers (every action includes it). */
  | 'READ'
  /** Tag, untag, protect and unprotect; set categories. */
  | 'TAG';

export type TokenScopeInput = {
  actions: Array<TokenAction>;
  /** A namespace (acme: all of it), an image (acme/api), or a prefix ending in * (acme/api-*). */
  pattern: string;
};

export type TriggerBuildInput = {
  branch: string;
  imageId: string | number;
};

export type UpdateDockerEngineInput = {
  capacity?: number | null | undefined;
  /** True: finish what it runs, take nothing new. False: take work again. */
  draining?: boolean | null | undefined;
  host?: string | null | undefined;
  labels?: Array<string> | null | undefined;
  name: string;
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
  /** The organization whose members may use its stored credentials (pulls, pushes, remoteTags, searchImages); without one, only administrators' requests carry them. Null takes it away. */
  organizationId?: string | number | null | undefined;
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

export type UpdateTeamInput = {
  description?: string | null | undefined;
  name?: string | null | undefined;
  /** null takes the organization-wide permission away; leave it out to keep it. */
  permission?: ImagePermission | null | undefined;
  teamId: string | number;
};

/** Why an input was refused. Stable: clients may switch on it. */
export type UserErrorCode =
  | 'DOCKER_UNAVAILABLE'
  | 'IMAGE_IN_USE'
  | 'INVALID'
  | 'INVALID_ID'
  | 'IN_USE'
  | 'LAST_OWNER'
  | 'NAMESPACE_NOT_WRITABLE'
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

export type WebhookDeliveryState =
  /** Handled: `builds` were queued, or `error` says why there was nothing to build. */
  | 'DONE'
  /** Its builds could not start (`error` says why); the sender delivering it again tries again. */
  | 'FAILED'
  /** Answered and queued: its clone job has not started. */
  | 'QUEUED'
  /** Its clone job checks the branch out and queues the builds. */
  | 'RUNNING';

export type ThroughputCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type ThroughputCreateImageMutation = { createImage: { image: { id: string } | null } };

export type ThroughputBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type ThroughputBuildMutation = { buildImage: { build: { id: string } | null } };

export type ThroughputLogsSubscriptionVariables = Exact<{
  buildId: string | number;
  fromLine: number;
}>;


export type ThroughputLogsSubscription = { buildLogs: { lineNo: number, stream: string, text: string, createdAt: string } };

export type SubscribersCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type SubscribersCreateImageMutation = { createImage: { image: { id: string } | null } };

export type SubscribersBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type SubscribersBuildMutation = { buildImage: { build: { id: string } | null } };

export type SubscribersLogsSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type SubscribersLogsSubscription = { buildLogs: { lineNo: number, text: string, createdAt: string } };

export type SubscribersStoredQueryVariables = Exact<{
  id: string | number;
}>;


export type SubscribersStoredQuery = { build: { state: BuildState, logLines: { totalCount: number } } | null };

export type AuditCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type AuditCreateImageMutation = { createImage: { image: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type AuditUpdateImageMutationVariables = Exact<{
  input: UpdateImageInput;
}>;


export type AuditUpdateImageMutation = { updateImage: { image: { id: string } | null } };

export type AuditAddRegistryMutationVariables = Exact<{
  input: AddRegistryInput;
}>;


export type AuditAddRegistryMutation = { addRegistry: { registry: { id: string } | null } };

export type AuditCreateTokenMutationVariables = Exact<{
  input: CreateApiTokenInput;
}>;


export type AuditCreateTokenMutation = { createApiToken: { token: string | null } };

export type AuditLogQueryQueryVariables = Exact<{
  filter?: AuditLogFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditLogQueryQuery = { auditLog: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, at: string, actorName: string | null, actorId: string | null, tokenId: string | null, address: string | null, action: string, targetId: string | null, imageId: string | null, outcome: AuditOutcome, detail: string | null }> } | null };

export type AuditEventsFeedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AuditEventsFeedSubscription = { auditEvents: { action: string, actorName: string | null, outcome: AuditOutcome, imageId: string | null } };

export type AuthViewerTokenQueryVariables = Exact<{ [key: string]: never; }>;


export type AuthViewerTokenQuery = { viewerToken: { id: string, name: string, lastUsedAt: string | null, lastUsedAddress: string | null } | null };

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

export type BuildLogFollowSubscriptionVariables = Exact<{
  buildId: string | number;
  fromLine: number;
}>;


export type BuildLogFollowSubscription = { buildLogs: { lineNo: number, stream: string, text: string, createdAt: string } };

export type StepsProgressSubscriptionVariables = Exact<{
  buildId: string | number;
  fromEvent: number;
}>;


export type StepsProgressSubscription = { buildProgress: { eventNo: number, kind: BuildProgressKind, stepNumber: number | null, stepName: string | null, stream: string, text: string } };

export type StepsOfBuildQueryVariables = Exact<{
  id: string | number;
}>;


export type StepsOfBuildQuery = { build: { steps: Array<{ number: number, attempt: number, name: string, state: BuildStepState, durationMs: number | null, errorMessage: string | null, logLines: { totalCount: number, nodes: Array<{ text: string, kind: string | null }> } }> } | null };

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

export type EnginesListQueryVariables = Exact<{ [key: string]: never; }>;


export type EnginesListQuery = { dockerEngines: Array<{ name: string | null, host: string, reachable: boolean, error: string | null, capacity: number | null, runningJobs: number | null, labels: Array<string>, draining: boolean, checkedAt: string | null }> };

export type EnginesPrimaryQueryVariables = Exact<{ [key: string]: never; }>;


export type EnginesPrimaryQuery = { dockerEngine: { name: string | null, host: string, reachable: boolean } };

export type EnginesAddMutationVariables = Exact<{
  input: AddDockerEngineInput;
}>;


export type EnginesAddMutation = { addDockerEngine: { dockerEngine: { name: string | null, host: string, reachable: boolean, error: string | null, capacity: number | null, runningJobs: number | null, labels: Array<string>, draining: boolean, checkedAt: string | null } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type EnginesUpdateMutationVariables = Exact<{
  input: UpdateDockerEngineInput;
}>;


export type EnginesUpdateMutation = { updateDockerEngine: { dockerEngine: { name: string | null, host: string, capacity: number | null, labels: Array<string>, draining: boolean, runningJobs: number | null } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type EnginesRemoveMutationVariables = Exact<{
  input: RemoveDockerEngineInput;
}>;


export type EnginesRemoveMutation = { removeDockerEngine: { removedName: string | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type EnginesBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type EnginesBuildMutation = { buildImage: { build: { id: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type EnginesBuildFieldsQueryVariables = Exact<{
  id: string | number;
}>;


export type EnginesBuildFieldsQuery = { build: { attempt: number, engineName: string | null, engineLabels: Array<string> } | null };

export type EnginesTagFieldsQueryVariables = Exact<{
  id: string | number;
}>;


export type EnginesTagFieldsQuery = { node:
    | { name: string, engineName: string | null }
    | Record<PropertyKey, never>
   | null };

export type KitCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type KitCreateImageMutation = { createImage: { image: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type KitBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type KitBuildMutation = { buildImage: { build: { id: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type KitBuildUpdatedSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type KitBuildUpdatedSubscription = { buildUpdated: { state: BuildState } };

export type KitProgressSubscriptionVariables = Exact<{
  buildId: string | number;
  fromEvent: number;
}>;


export type KitProgressSubscription = { buildProgress: { eventNo: number, kind: BuildProgressKind, stepNumber: number | null, stepName: string | null, stream: string, text: string, at: string } };

export type KitBuildLogsSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type KitBuildLogsSubscription = { buildLogs: { lineNo: number, stream: string, text: string } };

export type KitResultQueryVariables = Exact<{
  id: string | number;
}>;


export type KitResultQuery = { build: { state: BuildState, errorMessage: string | null, builder: Builder | null, target: string | null, noCache: boolean, platform: string | null, secretIds: Array<string>, startedAt: string | null, finishedAt: string | null, labels: Array<{ name: string, value: string }>, steps: Array<{ number: number, attempt: number, name: string, digest: string, state: BuildStepState, startedAt: string | null, finishedAt: string | null, durationMs: number | null, errorMessage: string | null, logLines: { nodes: Array<{ lineNo: number, kind: string | null, text: string }> } }>, logLines: { nodes: Array<{ lineNo: number, stream: string, text: string, stepNumber: number | null, kind: string | null }> }, image: { tags: { nodes: Array<{ name: string, digest: string | null }> } } } | null };

export type KitPruneMutationVariables = Exact<{
  input: PruneBuildCacheInput;
}>;


export type KitPruneMutation = { pruneBuildCache: { removedCount: number | null, reclaimedBytes: number | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type KitEngineQueryVariables = Exact<{ [key: string]: never; }>;


export type KitEngineQuery = { dockerEngine: { reachable: boolean, builder: Builder } };

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

export type EngineChattyLogsSubscriptionVariables = Exact<{
  buildId: string | number;
  fromLine: number;
}>;


export type EngineChattyLogsSubscription = { buildLogs: { lineNo: number, stream: string, text: string, createdAt: string } };

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

export type GitDeliveriesQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
}>;


export type GitDeliveriesQuery = { image: { buildSource: { deliveries: Array<{ deliveryId: string, event: string | null, state: WebhookDeliveryState, attempt: number, error: string | null, builds: Array<{ id: string, targetTag: string }> }> } | null } | null };

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


export type RecoveryBuildStateQuery = { build: { state: BuildState, attempt: number, errorMessage: string | null, image: { state: ImageState }, logLines: { nodes: Array<{ text: string }> }, steps: Array<{ attempt: number, name: string, state: BuildStepState, errorMessage: string | null }> } | null };

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

export type ScaleCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type ScaleCreateImageMutation = { createImage: { image: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type ScaleBuildMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type ScaleBuildMutation = { buildImage: { build: { id: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type ScaleBuildStateQueryVariables = Exact<{
  id: string | number;
}>;


export type ScaleBuildStateQuery = { build: { state: BuildState, attempt: number, engineName: string | null, errorMessage: string | null, logLines: { nodes: Array<{ lineNo: number, stream: string, text: string }> } } | null };

export type ScaleBuildLogsSubscriptionVariables = Exact<{
  buildId: string | number;
}>;


export type ScaleBuildLogsSubscription = { buildLogs: { lineNo: number, stream: string, text: string } };

export type ScaleEnginesQueryVariables = Exact<{ [key: string]: never; }>;


export type ScaleEnginesQuery = { dockerEngines: Array<{ name: string | null, reachable: boolean, capacity: number | null, runningJobs: number | null, draining: boolean }> };

export type ScaleAddRegistryMutationVariables = Exact<{
  input: AddRegistryInput;
}>;


export type ScaleAddRegistryMutation = { addRegistry: { registry: { id: string } | null, userErrors: Array<{ field: Array<string>, message: string }> } };

export type ScaleBuildFromMutationVariables = Exact<{
  input: BuildImageInput;
}>;


export type ScaleBuildFromMutation = { buildImage: { build: { id: string } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type ScaleLocalImagesQueryVariables = Exact<{
  engine?: string | null | undefined;
}>;


export type ScaleLocalImagesQuery = { localImages: { nodes: Array<{ repoTags: Array<string>, engineName: string | null }> } | null };

export type ScaleImportLocalMutationVariables = Exact<{
  input: ImportLocalImageInput;
}>;


export type ScaleImportLocalMutation = { importLocalImage: { tag: { name: string, engineName: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type ScaleUpdateEngineMutationVariables = Exact<{
  input: UpdateDockerEngineInput;
}>;


export type ScaleUpdateEngineMutation = { updateDockerEngine: { dockerEngine: { name: string | null, draining: boolean } | null, userErrors: Array<{ field: Array<string>, message: string }> } };

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


export type StopBuildStateQuery = { build: { state: BuildState, attempt: number, errorMessage: string | null, logLines: { nodes: Array<{ text: string }> } } | null };

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

export type StreamCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type StreamCreateImageMutation = { createImage: { image: { id: string } | null } };

export type StreamUpdateImageMutationVariables = Exact<{
  input: UpdateImageInput;
}>;


export type StreamUpdateImageMutation = { updateImage: { image: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type StreamDeleteImageMutationVariables = Exact<{
  input: DeleteImageInput;
}>;


export type StreamDeleteImageMutation = { deleteImage: { deletedImageId: string | null } };

export type StreamImageUpdatedSubscriptionVariables = Exact<{
  imageId: string | number;
}>;


export type StreamImageUpdatedSubscription = { imageUpdated: { name: string, description: string } };

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
    | { __typename: 'Organization', id: string }
    | { __typename: 'Pull', id: string }
    | { __typename: 'Push', id: string }
    | { __typename: 'Registry', id: string }
    | { __typename: 'Tag', name: string, id: string }
    | { __typename: 'Team', id: string }
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
    | { __typename: 'Organization', id: string }
    | { __typename: 'Pull', id: string }
    | { __typename: 'Push', id: string }
    | { __typename: 'Registry', id: string }
    | { __typename: 'Tag', id: string }
    | { __typename: 'Team', id: string }
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

export type NPlusOneDeliveriesQueryVariables = Exact<{
  id: string | number;
  first: number;
}>;


export type NPlusOneDeliveriesQuery = { image: { buildSource: { deliveries: Array<{ deliveryId: string, state: WebhookDeliveryState, builds: Array<{ targetTag: string, state: BuildState, image: { name: string } }> }> } | null } | null };

export type MigratedImagesQueryVariables = Exact<{ [key: string]: never; }>;


export type MigratedImagesQuery = { images: { nodes: Array<{ name: string, isPrivate: boolean, owner: { name: string }, organization: { name: string } | null }> } };

export type MigratedOrganizationQueryVariables = Exact<{
  name: string;
}>;


export type MigratedOrganizationQuery = { organization: { name: string, members: { nodes: Array<{ role: OrganizationRole, user: { name: string } }> } | null } | null };

export type NodeIdsNodeQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeIdsNodeQuery = { node:
    | { __typename: 'ApiToken', id: string }
    | { __typename: 'Build', id: string }
    | { __typename: 'Category', id: string }
    | { __typename: 'Image', id: string }
    | { __typename: 'Organization', id: string }
    | { __typename: 'Pull', id: string }
    | { __typename: 'Push', id: string }
    | { __typename: 'Registry', id: string }
    | { __typename: 'Tag', id: string }
    | { __typename: 'Team', id: string }
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
    | { __typename: 'Organization', id: string }
    | { __typename: 'Pull', id: string }
    | { __typename: 'Push', id: string }
    | { __typename: 'Registry', id: string }
    | { __typename: 'Tag', id: string }
    | { __typename: 'Team', id: string }
    | { __typename: 'User', id: string }
    | { __typename: 'Version', id: string }
   | null> };

export type OrgCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type OrgCreateImageMutation = { createImage: { image: { id: string, name: string, viewerPermission: ImagePermission | null, organization: { name: string } | null } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string>, message: string }> } };

export type OrgRenameImageMutationVariables = Exact<{
  input: UpdateImageInput;
}>;


export type OrgRenameImageMutation = { updateImage: { image: { id: string, name: string } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string>, message: string }> } };

export type OrgDeleteImageMutationVariables = Exact<{
  input: DeleteImageInput;
}>;


export type OrgDeleteImageMutation = { deleteImage: { deletedImageId: string | null, userErrors: Array<{ code: UserErrorCode }> } };

export type OrgPullImageMutationVariables = Exact<{
  input: PullImageInput;
}>;


export type OrgPullImageMutation = { pullImage: { pull: { id: string } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string>, message: string }> } };

export type OrgImageByNameQueryVariables = Exact<{
  name: string;
}>;


export type OrgImageByNameQuery = { image: { id: string, name: string, viewerPermission: ImagePermission | null, teamPermissions: Array<{ permission: ImagePermission, team: { name: string } }> | null } | null };

export type OrgImagesQueryVariables = Exact<{
  filter?: ImageFilter | null | undefined;
}>;


export type OrgImagesQuery = { images: { totalCount: number, nodes: Array<{ name: string }> } };

export type CreateOrganizationMutationVariables = Exact<{
  input: CreateOrganizationInput;
}>;


export type CreateOrganizationMutation = { createOrganization: { organization: { id: string, name: string, viewerRole: OrganizationRole | null } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string>, message: string }> } };

export type DeleteOrganizationMutationVariables = Exact<{
  input: DeleteOrganizationInput;
}>;


export type DeleteOrganizationMutation = { deleteOrganization: { deletedOrganizationId: string | null, userErrors: Array<{ code: UserErrorCode, field: Array<string>, message: string }> } };

export type SetOrganizationMemberMutationVariables = Exact<{
  input: SetOrganizationMemberInput;
}>;


export type SetOrganizationMemberMutation = { setOrganizationMember: { organization: { id: string } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string>, message: string }> } };

export type RemoveOrganizationMemberMutationVariables = Exact<{
  input: RemoveOrganizationMemberInput;
}>;


export type RemoveOrganizationMemberMutation = { removeOrganizationMember: { organization: { id: string } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string>, message: string }> } };

export type CreateTeamMutationVariables = Exact<{
  input: CreateTeamInput;
}>;


export type CreateTeamMutation = { createTeam: { team: { id: string, name: string, permission: ImagePermission | null } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string>, message: string }> } };

export type UpdateTeamMutationVariables = Exact<{
  input: UpdateTeamInput;
}>;


export type UpdateTeamMutation = { updateTeam: { team: { id: string, permission: ImagePermission | null } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type AddTeamMemberMutationVariables = Exact<{
  input: TeamMemberInput;
}>;


export type AddTeamMemberMutation = { addTeamMember: { team: { id: string, members: { totalCount: number, nodes: Array<{ user: { name: string } }> } } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type RemoveTeamMemberMutationVariables = Exact<{
  input: TeamMemberInput;
}>;


export type RemoveTeamMemberMutation = { removeTeamMember: { team: { id: string } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type SetTeamImagePermissionMutationVariables = Exact<{
  input: SetTeamImagePermissionInput;
}>;


export type SetTeamImagePermissionMutation = { setTeamImagePermission: { team: { id: string, images: { nodes: Array<{ permission: ImagePermission, image: { name: string } }> } } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string>, message: string }> } };

export type OrganizationInsideQueryVariables = Exact<{
  name: string;
}>;


export type OrganizationInsideQuery = { organization: { name: string, viewerRole: OrganizationRole | null, members: { totalCount: number, nodes: Array<{ role: OrganizationRole, user: { name: string } }> } | null, teams: { totalCount: number, nodes: Array<{ name: string, permission: ImagePermission | null, members: { totalCount: number } }> } | null } | null };

export type MyOrganizationsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyOrganizationsQuery = { organizations: { totalCount: number, nodes: Array<{ name: string, viewerRole: OrganizationRole | null }> } };

export type OrgCreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type OrgCreateUserMutation = { createUser: { user: { id: string } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type OrgAuditFeedSubscriptionVariables = Exact<{
  organization?: string | null | undefined;
}>;


export type OrgAuditFeedSubscription = { auditEvents: { action: string, actorName: string | null } };

export type OrgAuditLogQueryVariables = Exact<{
  filter?: AuditLogFilter | null | undefined;
}>;


export type OrgAuditLogQuery = { auditLog: { totalCount: number, nodes: Array<{ action: string, actorName: string | null, outcome: AuditOutcome, targetId: string | null }> } | null };

export type ProtectViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ProtectViewerQuery = { viewer: { name: string } | null };

export type ProtectImagesQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type ProtectImagesQuery = { images: { totalCount: number, nodes: Array<{ name: string }> } };

export type ProtectDriftQueryVariables = Exact<{
  first?: number | null | undefined;
  tags?: number | null | undefined;
}>;


export type ProtectDriftQuery = { images: { nodes: Array<{ name: string, tags: { nodes: Array<{ name: string, updateAvailable: boolean | null }> } }> } };

export type ProtectCreateCategoryMutationVariables = Exact<{
  input: CreateCategoryInput;
}>;


export type ProtectCreateCategoryMutation = { createCategory: { category: { name: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type ProtectCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type ProtectCreateImageMutation = { createImage: { image: { name: string } | null } };

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

export type CredAddRegistryMutationVariables = Exact<{
  input: AddRegistryInput;
}>;


export type CredAddRegistryMutation = { addRegistry: { registry: { id: string, organization: { name: string } | null } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type CredUpdateRegistryMutationVariables = Exact<{
  input: UpdateRegistryInput;
}>;


export type CredUpdateRegistryMutation = { updateRegistry: { registry: { id: string, organization: { name: string } | null } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type CredCreateOrganizationMutationVariables = Exact<{
  input: CreateOrganizationInput;
}>;


export type CredCreateOrganizationMutation = { createOrganization: { organization: { id: string } | null } };

export type CredSearchQueryVariables = Exact<{
  registryId: string | number;
}>;


export type CredSearchQuery = { searchImages: { nodes: Array<{ name: string }> } };

export type CredPullMutationVariables = Exact<{
  input: PullImageInput;
}>;


export type CredPullMutation = { pullImage: { pull: { id: string } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type CredPushMutationVariables = Exact<{
  input: PushImageInput;
}>;


export type CredPushMutation = { pushImage: { push: { id: string } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type LoggedViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type LoggedViewerQuery = { viewer: { id: string, name: string } | null };

export type LoggedCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type LoggedCreateImageMutation = { createImage: { image: { id: string } | null } };

export type RobotCreateMutationVariables = Exact<{
  input: CreateRobotInput;
}>;


export type RobotCreateMutation = { createRobot: { robot: { id: string, name: string, isRobot: boolean } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string>, message: string }> } };

export type RobotTokenMutationVariables = Exact<{
  input: CreateRobotTokenInput;
}>;


export type RobotTokenMutation = { createRobotToken: { token: string | null, apiToken: { id: string, scopes: Array<{ pattern: string, actions: Array<TokenAction> }> | null } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type RobotDeleteMutationVariables = Exact<{
  input: DeleteRobotInput;
}>;


export type RobotDeleteMutation = { deleteRobot: { deletedRobotId: string | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type RobotRevokeMutationVariables = Exact<{
  input: RevokeApiTokenInput;
}>;


export type RobotRevokeMutation = { revokeApiToken: { apiToken: { revokedAt: string | null } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type RobotCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type RobotCreateImageMutation = { createImage: { image: { id: string, name: string, owner: { name: string } } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type RobotTagImageMutationVariables = Exact<{
  input: TagsInput;
}>;


export type RobotTagImageMutation = { tagImage: { tags: Array<{ name: string }> | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type RobotOrgMutationVariables = Exact<{
  input: CreateOrganizationInput;
}>;


export type RobotOrgMutation = { createOrganization: { organization: { id: string } | null } };

export type RobotTeamMutationVariables = Exact<{
  input: CreateTeamInput;
}>;


export type RobotTeamMutation = { createTeam: { team: { id: string } | null } };

export type RobotAddToTeamMutationVariables = Exact<{
  input: TeamMemberInput;
}>;


export type RobotAddToTeamMutation = { addTeamMember: { team: { id: string } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string>, message: string }> } };

export type RobotImageQueryVariables = Exact<{
  name: string;
}>;


export type RobotImageQuery = { image: { id: string, name: string, viewerPermission: ImagePermission | null } | null };

export type RobotListsQueryVariables = Exact<{
  org: string;
}>;


export type RobotListsQuery = { viewer: { robots: { totalCount: number, nodes: Array<{ name: string, isRobot: boolean, apiTokens: { totalCount: number } }> } } | null, organization: { robots: { nodes: Array<{ name: string }> } | null } | null };

export type ScopedCreateTokenMutationVariables = Exact<{
  input: CreateApiTokenInput;
}>;


export type ScopedCreateTokenMutation = { createApiToken: { token: string | null, apiToken: { id: string, scopes: Array<{ pattern: string, actions: Array<TokenAction> }> | null } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string>, message: string }> } };

export type ScopedCreateImageMutationVariables = Exact<{
  input: CreateImageInput;
}>;


export type ScopedCreateImageMutation = { createImage: { image: { id: string, name: string } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type ScopedTagMutationVariables = Exact<{
  input: TagsInput;
}>;


export type ScopedTagMutation = { tagImage: { tags: Array<{ name: string }> | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type ScopedDeleteMutationVariables = Exact<{
  input: DeleteImageInput;
}>;


export type ScopedDeleteMutation = { deleteImage: { deletedImageId: string | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type ScopedUpdateMutationVariables = Exact<{
  input: UpdateImageInput;
}>;


export type ScopedUpdateMutation = { updateImage: { image: { id: string } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> }> } };

export type ScopedOrganizationMutationVariables = Exact<{
  input: CreateOrganizationInput;
}>;


export type ScopedOrganizationMutation = { createOrganization: { organization: { id: string } | null, userErrors: Array<{ code: UserErrorCode }> } };

export type ScopedImagesQueryVariables = Exact<{ [key: string]: never; }>;


export type ScopedImagesQuery = { images: { totalCount: number, nodes: Array<{ name: string }> } };

export type ScopedImageQueryVariables = Exact<{
  name: string;
}>;


export type ScopedImageQuery = { image: { id: string, name: string, viewerPermission: ImagePermission | null } | null };

export type ScopedViewerTokenQueryVariables = Exact<{ [key: string]: never; }>;


export type ScopedViewerTokenQuery = { viewerToken: { name: string, scopes: Array<{ pattern: string, actions: Array<TokenAction> }> | null } | null, viewer: { name: string, isAdmin: boolean | null } | null };

export type ScopedLocalImagesQueryVariables = Exact<{ [key: string]: never; }>;


export type ScopedLocalImagesQuery = { localImages: { totalCount: number } | null };

export type ScopedAuditQueryVariables = Exact<{
  filter?: AuditLogFilter | null | undefined;
}>;


export type ScopedAuditQuery = { auditLog: { nodes: Array<{ action: string, outcome: AuditOutcome, detail: string | null, tokenId: string | null }> } | null };

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

export type UpdateCheckTagQueryVariables = Exact<{
  id: string | number;
  maxAgeSeconds?: number | null | undefined;
}>;


export type UpdateCheckTagQuery = { node:
    | { updateCheck: { remoteDigest: string | null, updateAvailable: boolean | null, comparedAt: string | null, errorCode: UserErrorCode | null } }
    | Record<PropertyKey, never>
   | null };

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

export const ThroughputCreateImageDocument = new TypedDocumentString(`
    mutation ThroughputCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
  }
}
    `, {"hash":"sha256:dd4840c0589f6227e4d3871f905a6c64570cfe36f5a4791771a0cd0a38b32bce"}) as unknown as TypedDocumentString<ThroughputCreateImageMutation, ThroughputCreateImageMutationVariables>;
export const ThroughputBuildDocument = new TypedDocumentString(`
    mutation ThroughputBuild($input: BuildImageInput!) {
  buildImage(input: $input) {
    build {
      id
    }
  }
}
    `, {"hash":"sha256:c758fa2da806e87809596b84e4543c54864e38acd96ce12df84452a6e597b231"}) as unknown as TypedDocumentString<ThroughputBuildMutation, ThroughputBuildMutationVariables>;
export const ThroughputLogsDocument = new TypedDocumentString(`
    subscription ThroughputLogs($buildId: ID!, $fromLine: Int!) {
  buildLogs(buildId: $buildId, fromLine: $fromLine) {
    lineNo
    stream
    text
    createdAt
  }
}
    `, {"hash":"sha256:ccbd2d983e380f248e6095c620db8db46805fe35fe81c20934e392c7740d448a"}) as unknown as TypedDocumentString<ThroughputLogsSubscription, ThroughputLogsSubscriptionVariables>;
export const SubscribersCreateImageDocument = new TypedDocumentString(`
    mutation SubscribersCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
  }
}
    `, {"hash":"sha256:45ff9b029b2869c9492a0d3f5226c57b7812559a072232e39d4ff5b3fafc33ae"}) as unknown as TypedDocumentString<SubscribersCreateImageMutation, SubscribersCreateImageMutationVariables>;
export const SubscribersBuildDocument = new TypedDocumentString(`
    mutation SubscribersBuild($input: BuildImageInput!) {
  buildImage(input: $input) {
    build {
      id
    }
  }
}
    `, {"hash":"sha256:b4b0983317f903d43034163a0fa19e7fa1a1676d7f1ab9ad69cd7cdadd472b7c"}) as unknown as TypedDocumentString<SubscribersBuildMutation, SubscribersBuildMutationVariables>;
export const SubscribersLogsDocument = new TypedDocumentString(`
    subscription SubscribersLogs($buildId: ID!) {
  buildLogs(buildId: $buildId, fromLine: 0) {
    lineNo
    text
    createdAt
  }
}
    `, {"hash":"sha256:16d6d047a851c38d10c3d3fc68683a3ec39388338f1fa5665dc887158dd7f97e"}) as unknown as TypedDocumentString<SubscribersLogsSubscription, SubscribersLogsSubscriptionVariables>;
export const SubscribersStoredDocument = new TypedDocumentString(`
    query SubscribersStored($id: ID!) {
  build(id: $id) {
    state
    logLines(first: 1) {
      totalCount
    }
  }
}
    `, {"hash":"sha256:01b7631f304051f05720d897eb901810b77c453ad58422a5b45f294d6a223398"}) as unknown as TypedDocumentString<SubscribersStoredQuery, SubscribersStoredQueryVariables>;
export const AuditCreateImageDocument = new TypedDocumentString(`
    mutation AuditCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
    userErrors {
      code
    }
  }
}
    `, {"hash":"sha256:aa79b8fbc63a089b45ae65b4d73c217d491f1da3af5811fe68d922ab4d92bc1e"}) as unknown as TypedDocumentString<AuditCreateImageMutation, AuditCreateImageMutationVariables>;
export const AuditUpdateImageDocument = new TypedDocumentString(`
    mutation AuditUpdateImage($input: UpdateImageInput!) {
  updateImage(input: $input) {
    image {
      id
    }
  }
}
    `, {"hash":"sha256:9b97b76a2a6543c311bfc6b4519b38996226400f7a62912af04bce5935910387"}) as unknown as TypedDocumentString<AuditUpdateImageMutation, AuditUpdateImageMutationVariables>;
export const AuditAddRegistryDocument = new TypedDocumentString(`
    mutation AuditAddRegistry($input: AddRegistryInput!) {
  addRegistry(input: $input) {
    registry {
      id
    }
  }
}
    `, {"hash":"sha256:4e87016d2465e1756836a701b956a5743cb88762595e3100fbbd291a378cb40d"}) as unknown as TypedDocumentString<AuditAddRegistryMutation, AuditAddRegistryMutationVariables>;
export const AuditCreateTokenDocument = new TypedDocumentString(`
    mutation AuditCreateToken($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    token
  }
}
    `, {"hash":"sha256:129da830377a42d7f4b5f5feb7624d991927382c64d78aad4873ecc00b621ada"}) as unknown as TypedDocumentString<AuditCreateTokenMutation, AuditCreateTokenMutationVariables>;
export const AuditLogQueryDocument = new TypedDocumentString(`
    query AuditLogQuery($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      at
      actorName
      actorId
      tokenId
      address
      action
      targetId
      imageId
      outcome
      detail
    }
  }
}
    `, {"hash":"sha256:c1c37d7af01cba8e29339d67807618e04fdc603b2202f884e769291d7b0dddd1"}) as unknown as TypedDocumentString<AuditLogQueryQuery, AuditLogQueryQueryVariables>;
export const AuditEventsFeedDocument = new TypedDocumentString(`
    subscription AuditEventsFeed {
  auditEvents {
    action
    actorName
    outcome
    imageId
  }
}
    `, {"hash":"sha256:1d73a553b4719700accdf59c7c620aead5c30e94027c5810aa98665d70394f08"}) as unknown as TypedDocumentString<AuditEventsFeedSubscription, AuditEventsFeedSubscriptionVariables>;
export const AuthViewerTokenDocument = new TypedDocumentString(`
    query AuthViewerToken {
  viewerToken {
    id
    name
    lastUsedAt
    lastUsedAddress
  }
}
    `, {"hash":"sha256:71c8372b2ef131d11530ecbb703394b7caed5df5b36dcaa6055599403a0f61f6"}) as unknown as TypedDocumentString<AuthViewerTokenQuery, AuthViewerTokenQueryVariables>;
export const AuthViewerDocument = new TypedDocumentString(`
    query AuthViewer {
  viewer {
    id
    name
    isAdmin
  }
}
    `, {"hash":"sha256:2b9db4901d7bb5cc67c79bfffec2183460d959c21a11de4886d52740b9a07171"}) as unknown as TypedDocumentString<AuthViewerQuery, AuthViewerQueryVariables>;
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
    `, {"hash":"sha256:420058d1a0432770a5f34f496e3e98c021c96169b599c45bbd94168264517c95"}) as unknown as TypedDocumentString<AuthViewerTokensQuery, AuthViewerTokensQueryVariables>;
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
    `, {"hash":"sha256:1f9adb1dd96750123ce9138e354d14a70d4b21da53db6ee0d6b7393411357b1b"}) as unknown as TypedDocumentString<AuthUserTokensQuery, AuthUserTokensQueryVariables>;
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
    `, {"hash":"sha256:212ccc8db5641b59f3c5af62ee843efeacea53033f480f061d5432da9a6bb36b"}) as unknown as TypedDocumentString<AuthUserTokenCountQuery, AuthUserTokenCountQueryVariables>;
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
    `, {"hash":"sha256:4a19d91e3eccbe319284c33a74ac86a81a1c0c8a5b3f8cdb48f5016cbf374b04"}) as unknown as TypedDocumentString<AuthTokenNodeQuery, AuthTokenNodeQueryVariables>;
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
    `, {"hash":"sha256:0667b3224c546d56723d8f76871349f0611edfdfa2eac4dc240878bd6fd00517"}) as unknown as TypedDocumentString<AuthCreateUserMutation, AuthCreateUserMutationVariables>;
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
    `, {"hash":"sha256:7e7e9e350104d5006331927aa675478e24a83f053eebd9603e7de8debb91cfd3"}) as unknown as TypedDocumentString<AuthCreateTokenMutation, AuthCreateTokenMutationVariables>;
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
    `, {"hash":"sha256:f3db051ef114576e05f656f6dd22f599f57f0f58a98e32e6f1707349a0edea40"}) as unknown as TypedDocumentString<AuthRevokeTokenMutation, AuthRevokeTokenMutationVariables>;
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
    `, {"hash":"sha256:c63c625d2ed2ebc9fb095601adcb1cd334e04448af2f5b7d439b9e3bf93e25e2"}) as unknown as TypedDocumentString<AuthUserProfileQuery, AuthUserProfileQueryVariables>;
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
    `, {"hash":"sha256:6f9df211c0214155635d79797fa7cad407dadfaa4ae46627f708fd9301b71f31"}) as unknown as TypedDocumentString<AuthReachableUsersQuery, AuthReachableUsersQueryVariables>;
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
    `, {"hash":"sha256:4051c737705557995c16f7c6bebf33e90a42be1b064f9917f455fe81ad6fd509"}) as unknown as TypedDocumentString<BadInputCreateMutation, BadInputCreateMutationVariables>;
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
    `, {"hash":"sha256:91c4ff5fce23372f4f596be4ced8056bfa7d09d302608e96df95c87a8038ecd5"}) as unknown as TypedDocumentString<BadInputUpdateMutation, BadInputUpdateMutationVariables>;
export const BadInputPageDocument = new TypedDocumentString(`
    query BadInputPage($first: Int) {
  images(first: $first) {
    totalCount
  }
}
    `, {"hash":"sha256:e85db4d5720abc72874893558a8c66b7e9ba29487429f7763c772f6182abd46c"}) as unknown as TypedDocumentString<BadInputPageQuery, BadInputPageQueryVariables>;
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
    `, {"hash":"sha256:a40a030303acb6f98d5156bd886d0573f2df10b40a4caff7dbac6198c5c0885c"}) as unknown as TypedDocumentString<BadInputTokenMutation, BadInputTokenMutationVariables>;
export const BadInputImageDocument = new TypedDocumentString(`
    query BadInputImage($name: String) {
  image(name: $name) {
    name
  }
}
    `, {"hash":"sha256:e4e58aee97022cdb4fbef00e0c262ba67d1583ab18631881d47b7017d8dd6667"}) as unknown as TypedDocumentString<BadInputImageQuery, BadInputImageQueryVariables>;
export const BadInputCategoriesDocument = new TypedDocumentString(`
    query BadInputCategories {
  categories {
    totalCount
  }
}
    `, {"hash":"sha256:416fc2be1ad89d498f2f6c09f96d6ddc539f877236d5563d6b8eddae666187af"}) as unknown as TypedDocumentString<BadInputCategoriesQuery, BadInputCategoriesQueryVariables>;
export const BootstrapViewerDocument = new TypedDocumentString(`
    query BootstrapViewer {
  viewer {
    name
    isAdmin
  }
}
    `, {"hash":"sha256:b14a9ae4a0320e17875f56debbaac9794ce52e6eaa9fec4ee7519506280bddde"}) as unknown as TypedDocumentString<BootstrapViewerQuery, BootstrapViewerQueryVariables>;
export const BuildLogFollowDocument = new TypedDocumentString(`
    subscription BuildLogFollow($buildId: ID!, $fromLine: Int!) {
  buildLogs(buildId: $buildId, fromLine: $fromLine) {
    lineNo
    stream
    text
    createdAt
  }
}
    `, {"hash":"sha256:095e21185edfcd0af144946c9794fa743f673ac586769876dd7ecbca6c0ad408"}) as unknown as TypedDocumentString<BuildLogFollowSubscription, BuildLogFollowSubscriptionVariables>;
export const StepsProgressDocument = new TypedDocumentString(`
    subscription StepsProgress($buildId: ID!, $fromEvent: Int!) {
  buildProgress(buildId: $buildId, fromEvent: $fromEvent) {
    eventNo
    kind
    stepNumber
    stepName
    stream
    text
  }
}
    `, {"hash":"sha256:a15dd11d9e0278323e44337b27addb2d4185a190fc60bdd7c277e263fb483528"}) as unknown as TypedDocumentString<StepsProgressSubscription, StepsProgressSubscriptionVariables>;
export const StepsOfBuildDocument = new TypedDocumentString(`
    query StepsOfBuild($id: ID!) {
  build(id: $id) {
    steps {
      number
      attempt
      name
      state
      durationMs
      errorMessage
      logLines(first: 20) {
        totalCount
        nodes {
          text
          kind
        }
      }
    }
  }
}
    `, {"hash":"sha256:2e96eb847f6d09835972a4ebad4b9b65412d65c85e74f7b6b4c8cf2b7db7f1d5"}) as unknown as TypedDocumentString<StepsOfBuildQuery, StepsOfBuildQueryVariables>;
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
    `, {"hash":"sha256:18603d9c18e5688f2b52c56f4148e1947b3089916dc9ad09062492a23b6e2508"}) as unknown as TypedDocumentString<BuildsBuildQuery, BuildsBuildQueryVariables>;
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
    `, {"hash":"sha256:35de93252968de366b60e7162b30c257913dd62b3277787858b6c01761405bd0"}) as unknown as TypedDocumentString<BuildsLogQuery, BuildsLogQueryVariables>;
export const BuildsNodeDocument = new TypedDocumentString(`
    query BuildsNode($id: ID!) {
  node(id: $id) {
    id
    ... on Build {
      targetTag
    }
  }
}
    `, {"hash":"sha256:80bb79d069089d84a2cb2d3a58fdbc3ebb4cee6c7dffecfaf75fab5a47933070"}) as unknown as TypedDocumentString<BuildsNodeQuery, BuildsNodeQueryVariables>;
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
    `, {"hash":"sha256:576af261b9bf8c4bf732ea8b7f405c50e85d1030b33b92edcc996ae8cbda8831"}) as unknown as TypedDocumentString<BuildsOfImageQuery, BuildsOfImageQueryVariables>;
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
    `, {"hash":"sha256:052884e19ac8624667573d848407363482c05189ffc4e86aa38fe15e27daf922"}) as unknown as TypedDocumentString<BuildsCancelMutation, BuildsCancelMutationVariables>;
export const BuildsUpdatedDocument = new TypedDocumentString(`
    subscription BuildsUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `, {"hash":"sha256:ae54fcb5646a3b6769148fcbc009c8e1bfee3ce4569069490b1e7d6add47ff02"}) as unknown as TypedDocumentString<BuildsUpdatedSubscription, BuildsUpdatedSubscriptionVariables>;
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
    `, {"hash":"sha256:72c611c65713cf8a3b0b3c8e460714fe22bbaefba4ac904a0d16854555cdc626"}) as unknown as TypedDocumentString<CategoriesListQuery, CategoriesListQueryVariables>;
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
    `, {"hash":"sha256:5b4da06e8cd092f704bf8710e12df2aa69f3a9519da69471b550ad846311bfb3"}) as unknown as TypedDocumentString<CategoriesCreateMutation, CategoriesCreateMutationVariables>;
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
    `, {"hash":"sha256:ab87c22c072c7e50faf259c7d0a11284cd76c0052f689987578f9bd3f3d724b4"}) as unknown as TypedDocumentString<CategoriesDeleteMutation, CategoriesDeleteMutationVariables>;
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
    `, {"hash":"sha256:776174b183bd04686cb5bbd256e288033c41ded4736aa587438dc90cc7a38e80"}) as unknown as TypedDocumentString<CategoriesOfImageQuery, CategoriesOfImageQueryVariables>;
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
    `, {"hash":"sha256:4a62981b3f2777a81d6e512689baa8e14ecf6997e014469d25a44df84fd49f15"}) as unknown as TypedDocumentString<LoadCreateImageMutation, LoadCreateImageMutationVariables>;
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
    `, {"hash":"sha256:18dd221d5ef654c0e8a0e9d5fd70928a890f5f1dcd9dff8fdf2fbcc9ccf4d3ec"}) as unknown as TypedDocumentString<LoadTagImageMutation, LoadTagImageMutationVariables>;
export const EnginesListDocument = new TypedDocumentString(`
    query EnginesList {
  dockerEngines {
    name
    host
    reachable
    error
    capacity
    runningJobs
    labels
    draining
    checkedAt
  }
}
    `, {"hash":"sha256:19b74443e588cfb2584b7e07a97ca00d99b5e23f38e59598200b8d59856c49a6"}) as unknown as TypedDocumentString<EnginesListQuery, EnginesListQueryVariables>;
export const EnginesPrimaryDocument = new TypedDocumentString(`
    query EnginesPrimary {
  dockerEngine {
    name
    host
    reachable
  }
}
    `, {"hash":"sha256:381ecde90d2b431db3c838896a888e40fc7106c5cf752e5e9a916e3875e4d261"}) as unknown as TypedDocumentString<EnginesPrimaryQuery, EnginesPrimaryQueryVariables>;
export const EnginesAddDocument = new TypedDocumentString(`
    mutation EnginesAdd($input: AddDockerEngineInput!) {
  addDockerEngine(input: $input) {
    dockerEngine {
      name
      host
      reachable
      error
      capacity
      runningJobs
      labels
      draining
      checkedAt
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `, {"hash":"sha256:1702227ed355eb0e3f58b311e526490c68608a0998025330d7baabd00631dc5f"}) as unknown as TypedDocumentString<EnginesAddMutation, EnginesAddMutationVariables>;
export const EnginesUpdateDocument = new TypedDocumentString(`
    mutation EnginesUpdate($input: UpdateDockerEngineInput!) {
  updateDockerEngine(input: $input) {
    dockerEngine {
      name
      host
      capacity
      labels
      draining
      runningJobs
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `, {"hash":"sha256:c03431c01050d0a4e9b3383c3ba2b5c0bebad873a32449b9a9ec8c18d8486f11"}) as unknown as TypedDocumentString<EnginesUpdateMutation, EnginesUpdateMutationVariables>;
export const EnginesRemoveDocument = new TypedDocumentString(`
    mutation EnginesRemove($input: RemoveDockerEngineInput!) {
  removeDockerEngine(input: $input) {
    removedName
    userErrors {
      field
      message
      code
    }
  }
}
    `, {"hash":"sha256:424bccdccb7cd9f9fb816617cc0c4dec3f8624de7c1d177c22ada3c2a9783ffe"}) as unknown as TypedDocumentString<EnginesRemoveMutation, EnginesRemoveMutationVariables>;
export const EnginesBuildDocument = new TypedDocumentString(`
    mutation EnginesBuild($input: BuildImageInput!) {
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
    `, {"hash":"sha256:6dae9aa4877cf4bb5a77908abfc4907e23f8b16998b07dd219f9e41f47391ef0"}) as unknown as TypedDocumentString<EnginesBuildMutation, EnginesBuildMutationVariables>;
export const EnginesBuildFieldsDocument = new TypedDocumentString(`
    query EnginesBuildFields($id: ID!) {
  build(id: $id) {
    attempt
    engineName
    engineLabels
  }
}
    `, {"hash":"sha256:fd52729664667b76368666b3d14b6b83b2cfdec6ee6a7ec05385c0a9a3804ab2"}) as unknown as TypedDocumentString<EnginesBuildFieldsQuery, EnginesBuildFieldsQueryVariables>;
export const EnginesTagFieldsDocument = new TypedDocumentString(`
    query EnginesTagFields($id: ID!) {
  node(id: $id) {
    ... on Tag {
      name
      engineName
    }
  }
}
    `, {"hash":"sha256:2b191204e8ee67cf715ac8c0e624e2bb47578deb27d1760becb3548df77763eb"}) as unknown as TypedDocumentString<EnginesTagFieldsQuery, EnginesTagFieldsQueryVariables>;
export const KitCreateImageDocument = new TypedDocumentString(`
    mutation KitCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
    userErrors {
      code
    }
  }
}
    `, {"hash":"sha256:d28eb720c7b2060b41808218899d59628b536a69578bcdd7739383f31c1779bd"}) as unknown as TypedDocumentString<KitCreateImageMutation, KitCreateImageMutationVariables>;
export const KitBuildDocument = new TypedDocumentString(`
    mutation KitBuild($input: BuildImageInput!) {
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
    `, {"hash":"sha256:0ec052ac9eebdd798f2c732177f3e2ff27c4ab36228441ef98f33e8fbb5cc715"}) as unknown as TypedDocumentString<KitBuildMutation, KitBuildMutationVariables>;
export const KitBuildUpdatedDocument = new TypedDocumentString(`
    subscription KitBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `, {"hash":"sha256:7754f86c8374e63509d1b0a3b2244858fd91e2cf27152978a01e47289a087b82"}) as unknown as TypedDocumentString<KitBuildUpdatedSubscription, KitBuildUpdatedSubscriptionVariables>;
export const KitProgressDocument = new TypedDocumentString(`
    subscription KitProgress($buildId: ID!, $fromEvent: Int!) {
  buildProgress(buildId: $buildId, fromEvent: $fromEvent) {
    eventNo
    kind
    stepNumber
    stepName
    stream
    text
    at
  }
}
    `, {"hash":"sha256:2a8391be5340ebedd4eeac027651be353c3497654b655bc5ff5e3917e140f565"}) as unknown as TypedDocumentString<KitProgressSubscription, KitProgressSubscriptionVariables>;
export const KitBuildLogsDocument = new TypedDocumentString(`
    subscription KitBuildLogs($buildId: ID!) {
  buildLogs(buildId: $buildId, fromLine: 0) {
    lineNo
    stream
    text
  }
}
    `, {"hash":"sha256:5fcc1bc982be60663c0713a197c900ef449b344199753c48d7028688d1e2caed"}) as unknown as TypedDocumentString<KitBuildLogsSubscription, KitBuildLogsSubscriptionVariables>;
export const KitResultDocument = new TypedDocumentString(`
    query KitResult($id: ID!) {
  build(id: $id) {
    state
    errorMessage
    builder
    target
    noCache
    platform
    secretIds
    startedAt
    finishedAt
    labels {
      name
      value
    }
    steps {
      number
      attempt
      name
      digest
      state
      startedAt
      finishedAt
      durationMs
      errorMessage
      logLines(first: 50) {
        nodes {
          lineNo
          kind
          text
        }
      }
    }
    logLines(first: 500) {
      nodes {
        lineNo
        stream
        text
        stepNumber
        kind
      }
    }
    image {
      tags {
        nodes {
          name
          digest
        }
      }
    }
  }
}
    `, {"hash":"sha256:90fdbb0a87c33b7dcb6771c0f9f7118079b07d153a767e76ea11d7010c81b58c"}) as unknown as TypedDocumentString<KitResultQuery, KitResultQueryVariables>;
export const KitPruneDocument = new TypedDocumentString(`
    mutation KitPrune($input: PruneBuildCacheInput!) {
  pruneBuildCache(input: $input) {
    removedCount
    reclaimedBytes
    userErrors {
      field
      code
      message
    }
  }
}
    `, {"hash":"sha256:646c9a4f952c6028b17245a66cfa17c8a281f2e74ec88c91a53871a139395ff5"}) as unknown as TypedDocumentString<KitPruneMutation, KitPruneMutationVariables>;
export const KitEngineDocument = new TypedDocumentString(`
    query KitEngine {
  dockerEngine {
    reachable
    builder
  }
}
    `, {"hash":"sha256:815b1618be7fef4fd22c45cbaf8479a12b63e3946249e322823450de3a261661"}) as unknown as TypedDocumentString<KitEngineQuery, KitEngineQueryVariables>;
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
    `, {"hash":"sha256:b4fca968eb9c872e9e283d2bd63a7e609a49c692fd94c82dc20c40f28bbeb827"}) as unknown as TypedDocumentString<EngineCreateImageMutation, EngineCreateImageMutationVariables>;
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
    `, {"hash":"sha256:586394a0639c92f4781f725cbcb0df93193c6a3028b9def3276ed291ffb33ee9"}) as unknown as TypedDocumentString<EngineBuildMutation, EngineBuildMutationVariables>;
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
    `, {"hash":"sha256:3c2d4b7d9a36f4b1023236b44ac6ab60163a9db6b15338c13cc10c05915d087d"}) as unknown as TypedDocumentString<EngineCancelMutation, EngineCancelMutationVariables>;
export const EngineBuildLogsDocument = new TypedDocumentString(`
    subscription EngineBuildLogs($buildId: ID!, $fromLine: Int!) {
  buildLogs(buildId: $buildId, fromLine: $fromLine) {
    lineNo
    stream
    text
  }
}
    `, {"hash":"sha256:f01d338bba43d090f4d15407921220d20fbea1d6a469216bb546709c6dd7788c"}) as unknown as TypedDocumentString<EngineBuildLogsSubscription, EngineBuildLogsSubscriptionVariables>;
export const EngineChattyLogsDocument = new TypedDocumentString(`
    subscription EngineChattyLogs($buildId: ID!, $fromLine: Int!) {
  buildLogs(buildId: $buildId, fromLine: $fromLine) {
    lineNo
    stream
    text
    createdAt
  }
}
    `, {"hash":"sha256:58b75a286fa3ee4f9c8ec5de9481a4b567cd421312d75e30f880df3655e9e9d8"}) as unknown as TypedDocumentString<EngineChattyLogsSubscription, EngineChattyLogsSubscriptionVariables>;
export const EngineBuildUpdatedDocument = new TypedDocumentString(`
    subscription EngineBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `, {"hash":"sha256:b548f12a066bf2a48f97befde9fea12265a8d1899a2605cfc0cc03b4aac32b11"}) as unknown as TypedDocumentString<EngineBuildUpdatedSubscription, EngineBuildUpdatedSubscriptionVariables>;
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
    `, {"hash":"sha256:ccfdc2798de4275ac429629172116dc5b3ee482d94215e5c45e66b54aaa2d07e"}) as unknown as TypedDocumentString<EngineImageUpdatedSubscription, EngineImageUpdatedSubscriptionVariables>;
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
    `, {"hash":"sha256:2d6022764fc659854743e4ade2f7c7281ca76f7326944a608241566c852efbbf"}) as unknown as TypedDocumentString<EngineBuildResultQuery, EngineBuildResultQueryVariables>;
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
    `, {"hash":"sha256:7cf35d99f5cb0581c38eb39b95f859bd98b7af6fab370af871c33f819b4c4037"}) as unknown as TypedDocumentString<EngineStatusQuery, EngineStatusQueryVariables>;
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
    `, {"hash":"sha256:e03fa5fb90b770c1e7e41e786925ed9d537ad59222b6feaeadc549555c5d7b85"}) as unknown as TypedDocumentString<EngDelCreateImageMutation, EngDelCreateImageMutationVariables>;
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
    `, {"hash":"sha256:c026aa4494d0f7ab7d87dd08b5269a8edd38ff55a0360dd6ff81108e6375ac95"}) as unknown as TypedDocumentString<EngDelBuildMutation, EngDelBuildMutationVariables>;
export const EngDelBuildUpdatedDocument = new TypedDocumentString(`
    subscription EngDelBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `, {"hash":"sha256:81f89a1911f3ecae243d5a77ff489e3ebd86282003a48d4451ed7c3c72bc9e8f"}) as unknown as TypedDocumentString<EngDelBuildUpdatedSubscription, EngDelBuildUpdatedSubscriptionVariables>;
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
    `, {"hash":"sha256:b4581db2817d6708365f391a938d47e71b18da9271858e6ddb75a372669a8bdb"}) as unknown as TypedDocumentString<EngDelTagMutation, EngDelTagMutationVariables>;
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
    `, {"hash":"sha256:7773f0b25a49cefa3e555d27f62e49fd588602cf199b594c01b6d437e018e34f"}) as unknown as TypedDocumentString<EngDelDeleteMutation, EngDelDeleteMutationVariables>;
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
    `, {"hash":"sha256:bf9de5e4b9d4924d7795cccb5d76d15b9f07a5b92d0ec353e884b3253633adba"}) as unknown as TypedDocumentString<EngDelUsageQuery, EngDelUsageQueryVariables>;
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
    `, {"hash":"sha256:ab9f5cc23a489a05a99e571dc9f5d30df25be5f27cbe97c5a0cc3bcb28893349"}) as unknown as TypedDocumentString<EngDelUsageListQuery, EngDelUsageListQueryVariables>;
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
    `, {"hash":"sha256:03ef57014adfb34720894a11dae2646083d50b171bc808fa0f6f167bde4053c2"}) as unknown as TypedDocumentString<RefsAddRegistryMutation, RefsAddRegistryMutationVariables>;
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
    `, {"hash":"sha256:de34667de14de9045a17231f06f53e27806d741b89bc10b0e0639fe92195d19f"}) as unknown as TypedDocumentString<RefsCreateImageMutation, RefsCreateImageMutationVariables>;
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
    `, {"hash":"sha256:520c03055dc8a538e15f44677b85b52faffe3a97a4485aebd4c0f2a9e500206a"}) as unknown as TypedDocumentString<RefsBuildMutation, RefsBuildMutationVariables>;
export const RefsBuildUpdatedDocument = new TypedDocumentString(`
    subscription RefsBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
    errorMessage
  }
}
    `, {"hash":"sha256:107f50dd80ffbfe22f78a2b05d298a614229d01df92a2d44f6e5d9132a1a610c"}) as unknown as TypedDocumentString<RefsBuildUpdatedSubscription, RefsBuildUpdatedSubscriptionVariables>;
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
    `, {"hash":"sha256:9bed8406b3e69667db1997ce4777e13661b757ff5a725de966810a8d4373ffcf"}) as unknown as TypedDocumentString<RefsPullMutation, RefsPullMutationVariables>;
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
    `, {"hash":"sha256:39ec02572cb3d4ce3697c795ea6a1b74abfb6b41b0689bd287e59df2cb008ada"}) as unknown as TypedDocumentString<RefsPullProgressSubscription, RefsPullProgressSubscriptionVariables>;
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
    `, {"hash":"sha256:e2ffb07a26ffc30700985d6cb82267933cf9931f696113c941398a83a0387e2f"}) as unknown as TypedDocumentString<RefsImportMutation, RefsImportMutationVariables>;
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
    `, {"hash":"sha256:5410045a42fb00f043e0e18a0279e54bb26a981823d3480f3f9cb72575426aea"}) as unknown as TypedDocumentString<RefsImageTagsQuery, RefsImageTagsQueryVariables>;
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
    `, {"hash":"sha256:a2db3e30426e9372c7aa0e2b178ce79700fdc29999166ee1e650cab16672b49c"}) as unknown as TypedDocumentString<RefsLocalImagesQuery, RefsLocalImagesQueryVariables>;
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
    `, {"hash":"sha256:cdab232b2c4279e2f2cb45854e85ab910baf2b657c8665605d97a05fd9f1120d"}) as unknown as TypedDocumentString<RefsTagMutation, RefsTagMutationVariables>;
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
    `, {"hash":"sha256:e55bfe798296bfa3cd96cdbe8fded0a7e454abfb1b914fb0d1928b8cd4ab90d3"}) as unknown as TypedDocumentString<RefsUntagMutation, RefsUntagMutationVariables>;
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
    `, {"hash":"sha256:a4c852febfb107daf60f40657ccb789a50acafde67301a399984842b0da7e6cc"}) as unknown as TypedDocumentString<RefsDeleteMutation, RefsDeleteMutationVariables>;
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
    `, {"hash":"sha256:37ad14a86c073934c5b4bba9c008add0355e5e3e8b4dd0fab7d136fcdcd2b6a7"}) as unknown as TypedDocumentString<RefsPushMutation, RefsPushMutationVariables>;
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
    `, {"hash":"sha256:362f5ffe7daba93faf057f9cfb44bce2d7e7255b991b63fef3edebfeb789e9c3"}) as unknown as TypedDocumentString<RefsPushProgressSubscription, RefsPushProgressSubscriptionVariables>;
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
    `, {"hash":"sha256:b228504ede814bae30146d2398e2da77fe0982e40c972b44c49b7a1b782c5cf6"}) as unknown as TypedDocumentString<RefsRemoteTagsQuery, RefsRemoteTagsQueryVariables>;
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
    `, {"hash":"sha256:84754724ea658407f75d02f7135237a0b6b8df9ff18bb2820051c5550bcb4b13"}) as unknown as TypedDocumentString<RefsSetRetentionMutation, RefsSetRetentionMutationVariables>;
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
    `, {"hash":"sha256:46a7e1e5478617be00b18fb966ef6ef30ca4d2c91fe41167d27d1a8aef3bccfa"}) as unknown as TypedDocumentString<RefsApplyRetentionMutation, RefsApplyRetentionMutationVariables>;
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
    `, {"hash":"sha256:fa74dba72055261758aff1f926e7f2bebbb6fb584d2bd577e5d6844d07b7d994"}) as unknown as TypedDocumentString<EngTagsCreateImageMutation, EngTagsCreateImageMutationVariables>;
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
    `, {"hash":"sha256:230848e406646ea7f831034ded07de4e1a9052b60f8338e32d3b4e63fd4d8173"}) as unknown as TypedDocumentString<EngTagsBuildMutation, EngTagsBuildMutationVariables>;
export const EngTagsBuildUpdatedDocument = new TypedDocumentString(`
    subscription EngTagsBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `, {"hash":"sha256:3d78cd902de6abd6e67694661d7593a83c5cddc4dd441b195ee6dc59cb835fca"}) as unknown as TypedDocumentString<EngTagsBuildUpdatedSubscription, EngTagsBuildUpdatedSubscriptionVariables>;
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
    `, {"hash":"sha256:38eacfa45fb7d59f95cfd3b4c6b70650cf081f72bd3b944a18fe7fb8f8fff9e2"}) as unknown as TypedDocumentString<EngTagsTagMutation, EngTagsTagMutationVariables>;
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
    `, {"hash":"sha256:1ab2eeaecd93cc83a6b20f82ecc37f0d5cc0c918008808f41b7c42df0fbffb9d"}) as unknown as TypedDocumentString<EngTagsUntagMutation, EngTagsUntagMutationVariables>;
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
    `, {"hash":"sha256:f07c887fd073b315c341c2009e60f9868f422b8bf514f2d036f854d8461db5c3"}) as unknown as TypedDocumentString<EngTagsDetailsQuery, EngTagsDetailsQueryVariables>;
export const GitDeliveriesDocument = new TypedDocumentString(`
    query GitDeliveries($id: ID!, $first: Int) {
  image(id: $id) {
    buildSource {
      deliveries(first: $first) {
        deliveryId
        event
        state
        attempt
        error
        builds {
          id
          targetTag
        }
      }
    }
  }
}
    `, {"hash":"sha256:c54d242ecb3fd75422a91867a92f7fbfaa435ebc71987c72445a25679d7ef442"}) as unknown as TypedDocumentString<GitDeliveriesQuery, GitDeliveriesQueryVariables>;
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
    `, {"hash":"sha256:7576722c2ebf237e7842088943dbd7d385ebc8be5e5a305407c5ddb3f0d3d4dc"}) as unknown as TypedDocumentString<GitCreateImageMutation, GitCreateImageMutationVariables>;
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
    `, {"hash":"sha256:51b667c6f2dcb12e233eb16dd2291dad7ba4b2a44fcc6758c9de14ee1d43c2dc"}) as unknown as TypedDocumentString<GitSetSourceMutation, GitSetSourceMutationVariables>;
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
    `, {"hash":"sha256:e8f1cb62b3ce4daef838409618cd1c900885334e54f4a349da29e7b355fa8720"}) as unknown as TypedDocumentString<GitTriggerMutation, GitTriggerMutationVariables>;
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
    `, {"hash":"sha256:e8022026ec98b8aae898883205092d5354b561cd80b8a4debbfbbdbc5f4a29bb"}) as unknown as TypedDocumentString<GitBuildQuery, GitBuildQueryVariables>;
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
    `, {"hash":"sha256:ab72e212f40fb951f35a6574397ae0cb817e9d2ccc0eea82982278cb809edd3a"}) as unknown as TypedDocumentString<GitTagsQuery, GitTagsQueryVariables>;
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
    `, {"hash":"sha256:62e71cc6ed3b693f72c007bfbe377aaed1d79e4094901a5d388cb16b6df022e3"}) as unknown as TypedDocumentString<GitRemoveSourceMutation, GitRemoveSourceMutationVariables>;
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
    `, {"hash":"sha256:faead5327d508a22e73984927ce1c5468886b9e6b0d53854375855359fa74d5c"}) as unknown as TypedDocumentString<GitProtectMutation, GitProtectMutationVariables>;
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
    `, {"hash":"sha256:3cadb1ce07c58618b2ebbad40eb148f9cdb32363d28f5cd3ea6c746883f2730c"}) as unknown as TypedDocumentString<GitSourceOfQuery, GitSourceOfQueryVariables>;
export const GitImageStateDocument = new TypedDocumentString(`
    query GitImageState($id: ID!) {
  node(id: $id) {
    ... on Image {
      state
    }
  }
}
    `, {"hash":"sha256:0076ebcd2447803538e87c273da193492c30646b77e0d3595d78593897bb331c"}) as unknown as TypedDocumentString<GitImageStateQuery, GitImageStateQueryVariables>;
export const BrowserCreateImageDocument = new TypedDocumentString(`
    mutation BrowserCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
  }
}
    `, {"hash":"sha256:5d5e8d0ce196b9509a0b0fa79f345b6c95a23048b2efc16f43da1de34f73d1af"}) as unknown as TypedDocumentString<BrowserCreateImageMutation, BrowserCreateImageMutationVariables>;
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
    `, {"hash":"sha256:aa8c46366fa43722572f7a0e10e2ca0bcc8ba5e00ebf265a23e834e098390fd0"}) as unknown as TypedDocumentString<BrowserBuildMutation, BrowserBuildMutationVariables>;
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
    `, {"hash":"sha256:10fd38a263e9caa7e5777db1dd2dddd6dcff007f7fc9deed4ff36607525f6a5f"}) as unknown as TypedDocumentString<EngEventsImageUpdatedSubscription, EngEventsImageUpdatedSubscriptionVariables>;
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
    `, {"hash":"sha256:4875fc54f1ae6bda73494c9de81f74fad27d07f2b614fb7ff26fe69c7b00df34"}) as unknown as TypedDocumentString<EngEventsCreateImageMutation, EngEventsCreateImageMutationVariables>;
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
    `, {"hash":"sha256:438614239027447ad28a089c333523824712b8ef69b9470b125e3237ce1e7767"}) as unknown as TypedDocumentString<EngEventsAddRegistryMutation, EngEventsAddRegistryMutationVariables>;
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
    `, {"hash":"sha256:e60bc106c0362333b8deb4120fe55fc0b4d195b98c894547107228c42643b4a4"}) as unknown as TypedDocumentString<EngEventsImportMutation, EngEventsImportMutationVariables>;
export const EngEventsTagDocument = new TypedDocumentString(`
    mutation EngEventsTag($input: TagsInput!) {
  tagImage(input: $input) {
    userErrors {
      code
      message
    }
  }
}
    `, {"hash":"sha256:b41cd9ab0b0b2d7d1f2306c0ac1dddeec99503850fa3acca1dc713bf6765bfd0"}) as unknown as TypedDocumentString<EngEventsTagMutation, EngEventsTagMutationVariables>;
export const EngEventsUntagDocument = new TypedDocumentString(`
    mutation EngEventsUntag($input: TagsInput!) {
  untagImage(input: $input) {
    userErrors {
      code
      message
    }
  }
}
    `, {"hash":"sha256:61f8a518f7dfaa5158f439ca3ae3c16a5fb5e3de7b594f5aed40b3583db7bd11"}) as unknown as TypedDocumentString<EngEventsUntagMutation, EngEventsUntagMutationVariables>;
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
    `, {"hash":"sha256:5544627b414586a02075cc8fa18326bcdd0093b8f4c9a166350be12051a0a0f2"}) as unknown as TypedDocumentString<EngEventsPushMutation, EngEventsPushMutationVariables>;
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
    `, {"hash":"sha256:8fd425c744a8a104af44e70a1b3e5fc23b796d4a3188c9c63669846cac2a9c9d"}) as unknown as TypedDocumentString<EngEventsPushFollowSubscription, EngEventsPushFollowSubscriptionVariables>;
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
    `, {"hash":"sha256:a77a1a6f016d2108d3b0918ca64a2be222b7c1eb7390e172220c9d61e4c17505"}) as unknown as TypedDocumentString<EngEventsPullMutation, EngEventsPullMutationVariables>;
export const EngEventsPullFollowDocument = new TypedDocumentString(`
    subscription EngEventsPullFollow($pullId: ID!) {
  pullProgress(pullId: $pullId) {
    pull {
      state
      errorMessage
    }
  }
}
    `, {"hash":"sha256:55cfae3e9f6f0da956ee061179f51237f604346668f6c085ab9d82e461d68d2d"}) as unknown as TypedDocumentString<EngEventsPullFollowSubscription, EngEventsPullFollowSubscriptionVariables>;
export const EngEventsSetRetentionDocument = new TypedDocumentString(`
    mutation EngEventsSetRetention($input: SetRetentionPoliciesInput!) {
  setRetentionPolicies(input: $input) {
    userErrors {
      code
      message
    }
  }
}
    `, {"hash":"sha256:1184d19e3b85be79c6e852258613a90403bd7d350748e85e691dcd60064d8c07"}) as unknown as TypedDocumentString<EngEventsSetRetentionMutation, EngEventsSetRetentionMutationVariables>;
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
    `, {"hash":"sha256:d9ab434a8b52d14993e0737e3535ffce9c74a453125354264f5cc57b6540f3da"}) as unknown as TypedDocumentString<EngEventsApplyRetentionMutation, EngEventsApplyRetentionMutationVariables>;
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
    `, {"hash":"sha256:87f1a70d56e3faf2082ef61cbc10978e523e2a3234148877da91afe4162ba768"}) as unknown as TypedDocumentString<EngEventsDeleteMutation, EngEventsDeleteMutationVariables>;
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
    `, {"hash":"sha256:280d153d06d1719690378312d470b0baa9d6ec16802834e573a696292f8eed21"}) as unknown as TypedDocumentString<LocalImgListQuery, LocalImgListQueryVariables>;
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
    `, {"hash":"sha256:1baace369f546e8c8be86eff655fc301c74241da23e42f5e6da0d28d233bc6ac"}) as unknown as TypedDocumentString<LocalImgPagesQuery, LocalImgPagesQueryVariables>;
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
    `, {"hash":"sha256:557ad3d658e2969c99b79c45c80d3aa12dc5d6a6123508e032fcb47846a21ba9"}) as unknown as TypedDocumentString<LocalImgImportMutation, LocalImgImportMutationVariables>;
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
    `, {"hash":"sha256:60533d92000509e6ab0698995fbf0c21560d455c4656262fe09d5e63fd8ddb4a"}) as unknown as TypedDocumentString<PullsStartMutation, PullsStartMutationVariables>;
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
    `, {"hash":"sha256:985345e774f2c66378537829eadc3464a4bc72376a5e786fb973ea67299fc4c7"}) as unknown as TypedDocumentString<PullsProgressSubscription, PullsProgressSubscriptionVariables>;
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
    `, {"hash":"sha256:cd25f864d8b470bfe02d167d7e395988188da03113b073121843bfed49b06062"}) as unknown as TypedDocumentString<PullsListQuery, PullsListQueryVariables>;
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
    `, {"hash":"sha256:0aa6d87c0aa375db9d4565f70d3316479e6479f7cc9350e7654988b29afa6272"}) as unknown as TypedDocumentString<PullsOneQuery, PullsOneQueryVariables>;
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
    `, {"hash":"sha256:9fe5025e3cdc99334a9bf7320b39e0146e835c592eec5104e3db368026d29319"}) as unknown as TypedDocumentString<PullsAddRegistryMutation, PullsAddRegistryMutationVariables>;
export const PullsImageByNameDocument = new TypedDocumentString(`
    query PullsImageByName($name: String!) {
  image(name: $name) {
    id
  }
}
    `, {"hash":"sha256:6f4925a88a52ef44b908508d02662532c8188acaf086c26f7c335458cb231a62"}) as unknown as TypedDocumentString<PullsImageByNameQuery, PullsImageByNameQueryVariables>;
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
    `, {"hash":"sha256:26e28f192a939d70ce6d195783301e77a552d1e4e7c06e291b780da57498318d"}) as unknown as TypedDocumentString<PullsCreateImageMutation, PullsCreateImageMutationVariables>;
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
    `, {"hash":"sha256:6876ba564de7f3d20a3dedb52f9106d36ab64b06dd991387fed52e671828c0e3"}) as unknown as TypedDocumentString<PushAddRegistryMutation, PushAddRegistryMutationVariables>;
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
    `, {"hash":"sha256:46c88b9b4dff8dbaaaa57d611f811971657a0ddf5d4575329b17df3d7bd8217a"}) as unknown as TypedDocumentString<PushImportMutation, PushImportMutationVariables>;
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
    `, {"hash":"sha256:b104369a432e7853cf6d9b3d9fa85c9db0725ac70b27b9ffdf2f42cd3fa7651e"}) as unknown as TypedDocumentString<PushStartMutation, PushStartMutationVariables>;
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
    `, {"hash":"sha256:07c7cac3bb23afd7cc2ad6f9bab8e650270f8143630a1de50b197c74ff1f7d31"}) as unknown as TypedDocumentString<PushFollowSubscription, PushFollowSubscriptionVariables>;
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
    `, {"hash":"sha256:5b64e1b11fb53d29b54d150e7020e4593c78a93f4a3d4b2b94bdd9953a65d8a6"}) as unknown as TypedDocumentString<PushPullMutation, PushPullMutationVariables>;
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
    `, {"hash":"sha256:99580a06e40b85d06d0da17b3d7379319cd53cc1926859409fa924ef4c972410"}) as unknown as TypedDocumentString<PushPullFollowSubscription, PushPullFollowSubscriptionVariables>;
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
    `, {"hash":"sha256:fe01401af5747e96d8cf3bb7aa112619783c216c31e69ea5a04449935b552e3f"}) as unknown as TypedDocumentString<PushReadQuery, PushReadQueryVariables>;
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
    `, {"hash":"sha256:39a6690c75a095d0130bf9a51197956905e03c9bd9a806dc55f54935d8c3ed5e"}) as unknown as TypedDocumentString<PushInspectQuery, PushInspectQueryVariables>;
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
    `, {"hash":"sha256:453ea8f2c19fd90406d5039e45db1c10db6ccbc2ea30a42e1b66ddf516c6e64d"}) as unknown as TypedDocumentString<PushUpdateCheckQuery, PushUpdateCheckQueryVariables>;
export const RecoveryCreateImageDocument = new TypedDocumentString(`
    mutation RecoveryCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
  }
}
    `, {"hash":"sha256:9acf2c0cd0d58080b7aa998ddc6460f3281aeb406c7e810f4574a571ee786721"}) as unknown as TypedDocumentString<RecoveryCreateImageMutation, RecoveryCreateImageMutationVariables>;
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
    `, {"hash":"sha256:cb8a212255151850b9a2139d61f377f47b0ad649431ab8bad6dbac5a59628b1d"}) as unknown as TypedDocumentString<RecoveryBuildMutation, RecoveryBuildMutationVariables>;
export const RecoveryBuildStateDocument = new TypedDocumentString(`
    query RecoveryBuildState($id: ID!) {
  build(id: $id) {
    state
    attempt
    errorMessage
    image {
      state
    }
    logLines(first: 100) {
      nodes {
        text
      }
    }
    steps {
      attempt
      name
      state
      errorMessage
    }
  }
}
    `, {"hash":"sha256:f65c23e7cde25a5cd557b2a39aae986b49eae8d71e33c71b4ab0b9fb589e5c9f"}) as unknown as TypedDocumentString<RecoveryBuildStateQuery, RecoveryBuildStateQueryVariables>;
export const RecoveryBuildUpdatedDocument = new TypedDocumentString(`
    subscription RecoveryBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
    errorMessage
  }
}
    `, {"hash":"sha256:ec01505b7d73eaacae53e9f47d20ce415e51ff80eaa8206e3e26165715093ba0"}) as unknown as TypedDocumentString<RecoveryBuildUpdatedSubscription, RecoveryBuildUpdatedSubscriptionVariables>;
export const RecoveryLogsDocument = new TypedDocumentString(`
    subscription RecoveryLogs($buildId: ID!) {
  buildLogs(buildId: $buildId, fromLine: 0) {
    text
  }
}
    `, {"hash":"sha256:bd6a330929643eda88374f1e39b35cac9c1ea06024080f4a76bd749bcb1753b8"}) as unknown as TypedDocumentString<RecoveryLogsSubscription, RecoveryLogsSubscriptionVariables>;
export const RecoveryEngineDocument = new TypedDocumentString(`
    query RecoveryEngine {
  dockerEngine {
    reachable
  }
}
    `, {"hash":"sha256:ecfe24d79f6c4e1f92d515eed93120c07f470383a489d2b8bca0c26539531dfe"}) as unknown as TypedDocumentString<RecoveryEngineQuery, RecoveryEngineQueryVariables>;
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
    `, {"hash":"sha256:e8352e6770691fcd748a8f32593570b6372cd27fa65b66620df84553170e2ca7"}) as unknown as TypedDocumentString<PingByUrlQuery, PingByUrlQueryVariables>;
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
    `, {"hash":"sha256:0472809d67038159f53cd92e3ed03767228242a4944a7389a24f10862a708152"}) as unknown as TypedDocumentString<PingByIdQuery, PingByIdQueryVariables>;
export const PingBothDocument = new TypedDocumentString(`
    query PingBoth($id: ID!, $url: String!) {
  pingRegistry(id: $id, url: $url) {
    reachable
  }
}
    `, {"hash":"sha256:7dfab4abdb86e68609a1bcf1aa57cb536a0d1b1bf673215bbe72d90514127c68"}) as unknown as TypedDocumentString<PingBothQuery, PingBothQueryVariables>;
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
    `, {"hash":"sha256:62c510528136e6d20a56163700099fed6acc6b29f1dc96df6074baf57e93f426"}) as unknown as TypedDocumentString<PingAddRegistryMutation, PingAddRegistryMutationVariables>;
export const TransportTagsDocument = new TypedDocumentString(`
    query TransportTags($reference: String!) {
  remoteTags(reference: $reference) {
    nodes {
      name
    }
  }
}
    `, {"hash":"sha256:4e7a56ee289264375f61c17ec768e395526143476f63703601a3a100950e3afc"}) as unknown as TypedDocumentString<TransportTagsQuery, TransportTagsQueryVariables>;
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
    `, {"hash":"sha256:c6d7e634fa73a32b12b5491137870425169d58c34677f693de46fb4275a03523"}) as unknown as TypedDocumentString<TransportAddRegistryMutation, TransportAddRegistryMutationVariables>;
export const TransportUpdateRegistryDocument = new TypedDocumentString(`
    mutation TransportUpdateRegistry($input: UpdateRegistryInput!) {
  updateRegistry(input: $input) {
    userErrors {
      code
    }
  }
}
    `, {"hash":"sha256:f2923f58c632ab79f3c056de61c75fbdcc719ffd5cd8b06931d4c6d4a69d0735"}) as unknown as TypedDocumentString<TransportUpdateRegistryMutation, TransportUpdateRegistryMutationVariables>;
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
    `, {"hash":"sha256:6f19c50382cc9dc5e9106d45f34ea8e6b59028c8b2b4c9407546e258059d0818"}) as unknown as TypedDocumentString<RemoteAddRegistryMutation, RemoteAddRegistryMutationVariables>;
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
    `, {"hash":"sha256:a7367af1b10a874d1909b52e69cc8a4cbba7d0753cf0a80278c43f72d17ee516"}) as unknown as TypedDocumentString<RemoteCreateImageMutation, RemoteCreateImageMutationVariables>;
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
    `, {"hash":"sha256:a7fd826cced6e9e669415e88742b182f83f979f6c780a362ef8390d5bae8375a"}) as unknown as TypedDocumentString<RemoteTagsListQuery, RemoteTagsListQueryVariables>;
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
    `, {"hash":"sha256:cdfb83f28f9d047ad380eee5fdc4c934580b07a03e19eec077732796606e33e7"}) as unknown as TypedDocumentString<RemoteInspectImageQuery, RemoteInspectImageQueryVariables>;
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
    `, {"hash":"sha256:d4aecaefd2e96e74764257bc28cbffe9434a5b70b96783b91cbca8445881f102"}) as unknown as TypedDocumentString<RemoteSearchQuery, RemoteSearchQueryVariables>;
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
    `, {"hash":"sha256:b10c389acbd9663eb657ed710ec2cba546b829bb867816cc43b8156d35e8f490"}) as unknown as TypedDocumentString<RetentionCreateImageMutation, RetentionCreateImageMutationVariables>;
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
    `, {"hash":"sha256:83c283a83bf5ea9ac18abc822147f97c5af639af9fc6139e00d8e0a79fb4cf56"}) as unknown as TypedDocumentString<RetentionSetMutation, RetentionSetMutationVariables>;
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
    `, {"hash":"sha256:0be7b2b5ebf1c924ce5f7f94bb9a2d1d5c9bbb3cd15bd18c59f26c260c301856"}) as unknown as TypedDocumentString<RetentionPoliciesQuery, RetentionPoliciesQueryVariables>;
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
    `, {"hash":"sha256:5ffd7f494a8688c869f87455f4d61b599b6230eee3be6be5bee13079156c221a"}) as unknown as TypedDocumentString<RetentionPreviewOfQuery, RetentionPreviewOfQueryVariables>;
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
    `, {"hash":"sha256:cd8c5c83461f0e005333410c88a883c8ec8ea3c1229f10795868676c7f88f062"}) as unknown as TypedDocumentString<RetentionApplyMutation, RetentionApplyMutationVariables>;
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
    `, {"hash":"sha256:892a9d6081ed94543f97b18f2d90a2eab7f4fd3873a4392836c6fa3c9311dec1"}) as unknown as TypedDocumentString<RetentionImportMutation, RetentionImportMutationVariables>;
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
    `, {"hash":"sha256:39a73e27c4d0118497253b3b8ae777976b0d4f6bbee984d8c51507842fccdf0e"}) as unknown as TypedDocumentString<RetentionTagMutation, RetentionTagMutationVariables>;
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
    `, {"hash":"sha256:0fb316dd996402e0ddabf886c3b77101c5e66cc85f30f79ba0c1f12b3d35a57a"}) as unknown as TypedDocumentString<RetentionUntagMutation, RetentionUntagMutationVariables>;
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
    `, {"hash":"sha256:954054870f752809a6efa070bf766c3fd94f8a014b7950e34ad8e66fadef07e5"}) as unknown as TypedDocumentString<RetentionDeleteMutation, RetentionDeleteMutationVariables>;
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
    `, {"hash":"sha256:65bfc4e69f79fc90a22e8c13986067ca74fe59545e1cc219e1d9c193972c8c14"}) as unknown as TypedDocumentString<RetentionProtectMutation, RetentionProtectMutationVariables>;
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
    `, {"hash":"sha256:b2539db48e646ca584767df00e02ea4f75b76b8c7a513b9388627477b6e74bda"}) as unknown as TypedDocumentString<RetentionUnprotectMutation, RetentionUnprotectMutationVariables>;
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
    `, {"hash":"sha256:5738dfb1c227a7657b18efed3f73253e5ac82df4d3f9a2372f4839adc96317fb"}) as unknown as TypedDocumentString<RetentionBuildMutation, RetentionBuildMutationVariables>;
export const RetentionBuildUpdatedDocument = new TypedDocumentString(`
    subscription RetentionBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `, {"hash":"sha256:00abbdfb25e6265c49028b50c734cfe1ca8599192ce86f29953dd35b933d1679"}) as unknown as TypedDocumentString<RetentionBuildUpdatedSubscription, RetentionBuildUpdatedSubscriptionVariables>;
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
    `, {"hash":"sha256:e64cd5f6c92844592a10c9084fc90c21c669bfb84cccf0c3f351236dfe8285b6"}) as unknown as TypedDocumentString<RetentionPullMutation, RetentionPullMutationVariables>;
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
    `, {"hash":"sha256:712fecac5563f7db7d55be47c99fe382c22ce535fc000f78d0d42f883096026a"}) as unknown as TypedDocumentString<RetentionAddRegistryMutation, RetentionAddRegistryMutationVariables>;
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
    `, {"hash":"sha256:2af5d4ad39e117979ffff20b9c716792a9e1c7c5cb8939efb724ad343ff2c62b"}) as unknown as TypedDocumentString<RetentionPushMutation, RetentionPushMutationVariables>;
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
    `, {"hash":"sha256:5fc90c294740f7522f3e8bdf012160a3534afad1b6338bcf0baedde4f23858db"}) as unknown as TypedDocumentString<RetentionPushFollowSubscription, RetentionPushFollowSubscriptionVariables>;
export const ScaleCreateImageDocument = new TypedDocumentString(`
    mutation ScaleCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
    userErrors {
      code
    }
  }
}
    `, {"hash":"sha256:4934ea9b74ed21e6af516f4dd8d414e94f6c3e064a9793c104c79b3ffe564f0a"}) as unknown as TypedDocumentString<ScaleCreateImageMutation, ScaleCreateImageMutationVariables>;
export const ScaleBuildDocument = new TypedDocumentString(`
    mutation ScaleBuild($input: BuildImageInput!) {
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
    `, {"hash":"sha256:d96e393d8d0867e1bfeb5a45486f49aa1d62fa21cc78df9c1fe64d71c53ed0e5"}) as unknown as TypedDocumentString<ScaleBuildMutation, ScaleBuildMutationVariables>;
export const ScaleBuildStateDocument = new TypedDocumentString(`
    query ScaleBuildState($id: ID!) {
  build(id: $id) {
    state
    attempt
    engineName
    errorMessage
    logLines(first: 500) {
      nodes {
        lineNo
        stream
        text
      }
    }
  }
}
    `, {"hash":"sha256:33eb9713f574d09288a345b2ca51b8253715eaf004b095e61560733a574f9319"}) as unknown as TypedDocumentString<ScaleBuildStateQuery, ScaleBuildStateQueryVariables>;
export const ScaleBuildLogsDocument = new TypedDocumentString(`
    subscription ScaleBuildLogs($buildId: ID!) {
  buildLogs(buildId: $buildId, fromLine: 0) {
    lineNo
    stream
    text
  }
}
    `, {"hash":"sha256:d64de3e8ff200cbc9d7ea73d49a5bc1cf93f4b641c15e41967d333f0da0b3287"}) as unknown as TypedDocumentString<ScaleBuildLogsSubscription, ScaleBuildLogsSubscriptionVariables>;
export const ScaleEnginesDocument = new TypedDocumentString(`
    query ScaleEngines {
  dockerEngines {
    name
    reachable
    capacity
    runningJobs
    draining
  }
}
    `, {"hash":"sha256:4e868b53f016ac18a2ff7bec7f5cb1bfa5a1a983845b78b0ea3d7b840a8ad0d5"}) as unknown as TypedDocumentString<ScaleEnginesQuery, ScaleEnginesQueryVariables>;
export const ScaleAddRegistryDocument = new TypedDocumentString(`
    mutation ScaleAddRegistry($input: AddRegistryInput!) {
  addRegistry(input: $input) {
    registry {
      id
    }
    userErrors {
      field
      message
    }
  }
}
    `, {"hash":"sha256:109da0e6747a4c93011277a1bf38e2c19bca16318fa8852f57ad8b8caf0b2542"}) as unknown as TypedDocumentString<ScaleAddRegistryMutation, ScaleAddRegistryMutationVariables>;
export const ScaleBuildFromDocument = new TypedDocumentString(`
    mutation ScaleBuildFrom($input: BuildImageInput!) {
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
    `, {"hash":"sha256:e3631a1b3d852dc2a09a4f1e0cbe3716d1ec227be19b5d6959430cd6cc6bce32"}) as unknown as TypedDocumentString<ScaleBuildFromMutation, ScaleBuildFromMutationVariables>;
export const ScaleLocalImagesDocument = new TypedDocumentString(`
    query ScaleLocalImages($engine: String) {
  localImages(engine: $engine, first: 100) {
    nodes {
      repoTags
      engineName
    }
  }
}
    `, {"hash":"sha256:df374f6abf151a09bcff7f1664c3eecaaf147eb849298e39a8fa86c242bffef6"}) as unknown as TypedDocumentString<ScaleLocalImagesQuery, ScaleLocalImagesQueryVariables>;
export const ScaleImportLocalDocument = new TypedDocumentString(`
    mutation ScaleImportLocal($input: ImportLocalImageInput!) {
  importLocalImage(input: $input) {
    tag {
      name
      engineName
    }
    userErrors {
      field
      code
      message
    }
  }
}
    `, {"hash":"sha256:ecabc41b08738392804bedf1f7df9676dfe7138b498ea019c28e50aeed4681e2"}) as unknown as TypedDocumentString<ScaleImportLocalMutation, ScaleImportLocalMutationVariables>;
export const ScaleUpdateEngineDocument = new TypedDocumentString(`
    mutation ScaleUpdateEngine($input: UpdateDockerEngineInput!) {
  updateDockerEngine(input: $input) {
    dockerEngine {
      name
      draining
    }
    userErrors {
      field
      message
    }
  }
}
    `, {"hash":"sha256:58bba162bd926a04a70f9a535617fb02c60296b5303ba6d0c5cb418c04bf4110"}) as unknown as TypedDocumentString<ScaleUpdateEngineMutation, ScaleUpdateEngineMutationVariables>;
export const StopCreateImageDocument = new TypedDocumentString(`
    mutation StopCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
  }
}
    `, {"hash":"sha256:8c8d9deaa63c8188aa1e897b9701e854a87189de237646808e73c08d0c618b0c"}) as unknown as TypedDocumentString<StopCreateImageMutation, StopCreateImageMutationVariables>;
export const StopBuildDocument = new TypedDocumentString(`
    mutation StopBuild($input: BuildImageInput!) {
  buildImage(input: $input) {
    build {
      id
    }
  }
}
    `, {"hash":"sha256:2fcd68ac588b35863cbf56f3e0b853d811160cf4005d24e05675d54620290d61"}) as unknown as TypedDocumentString<StopBuildMutation, StopBuildMutationVariables>;
export const StopBuildStateDocument = new TypedDocumentString(`
    query StopBuildState($id: ID!) {
  build(id: $id) {
    state
    attempt
    errorMessage
    logLines(first: 100) {
      nodes {
        text
      }
    }
  }
}
    `, {"hash":"sha256:69b16a6e6b0c0b336efa39bbcc04c749978ae271390317047b0622059235b541"}) as unknown as TypedDocumentString<StopBuildStateQuery, StopBuildStateQueryVariables>;
export const StopBuildUpdatedDocument = new TypedDocumentString(`
    subscription StopBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `, {"hash":"sha256:174c0af4b5b7c5c7c60d57e4ee432a725a07862a3b426ac37c38bd8492a0338f"}) as unknown as TypedDocumentString<StopBuildUpdatedSubscription, StopBuildUpdatedSubscriptionVariables>;
export const StopBuildLogsDocument = new TypedDocumentString(`
    subscription StopBuildLogs($buildId: ID!) {
  buildLogs(buildId: $buildId, fromLine: 0) {
    text
  }
}
    `, {"hash":"sha256:e6debdf698a0aa081f4d4ba29df065440b7f63eba7828064e71d1a0f80b06a69"}) as unknown as TypedDocumentString<StopBuildLogsSubscription, StopBuildLogsSubscriptionVariables>;
export const StopAddRegistryDocument = new TypedDocumentString(`
    mutation StopAddRegistry($input: AddRegistryInput!) {
  addRegistry(input: $input) {
    registry {
      id
    }
  }
}
    `, {"hash":"sha256:d88b034f645fd3625ce5a43ca748a0d10a84df98e1326bd33c5fb798da7281f4"}) as unknown as TypedDocumentString<StopAddRegistryMutation, StopAddRegistryMutationVariables>;
export const StopRemoteTagsDocument = new TypedDocumentString(`
    query StopRemoteTags($reference: String!, $registryId: ID) {
  remoteTags(reference: $reference, registryId: $registryId, first: 5) {
    nodes {
      name
    }
  }
}
    `, {"hash":"sha256:4d78ea601cfd0c0ce77b7467f5c3de6d44c25276ab31b16eede251b89e0ac563"}) as unknown as TypedDocumentString<StopRemoteTagsQuery, StopRemoteTagsQueryVariables>;
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
    `, {"hash":"sha256:1c6d826f6ad5ddb293455be49f8588a054a531bb71d65954e4609fa8cb339c53"}) as unknown as TypedDocumentString<TracesCreateImageMutation, TracesCreateImageMutationVariables>;
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
    `, {"hash":"sha256:30e2dab754f8093d2ab2b7cd07d3a84ccadc0488ee28c0567aa024cd893d5ab4"}) as unknown as TypedDocumentString<TracesBuildMutation, TracesBuildMutationVariables>;
export const TracesBuildUpdatedDocument = new TypedDocumentString(`
    subscription TracesBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `, {"hash":"sha256:f71d1c9bced987b84317fc1ef15debc44474e660e198ef94b8828492d2b529a5"}) as unknown as TypedDocumentString<TracesBuildUpdatedSubscription, TracesBuildUpdatedSubscriptionVariables>;
export const TracesPingDocument = new TypedDocumentString(`
    query TracesPing($url: String!) {
  pingRegistry(url: $url) {
    reachable
  }
}
    `, {"hash":"sha256:b8c0298629b5c9f37e6a98b633aeac8499fda0307055778c088da3cf93100b09"}) as unknown as TypedDocumentString<TracesPingQuery, TracesPingQueryVariables>;
export const TracesMissingBuildDocument = new TypedDocumentString(`
    query TracesMissingBuild($id: ID!) {
  build(id: $id) {
    id
  }
}
    `, {"hash":"sha256:a09aebf526319228c329a5affaca2015fbec29a5e9f9d95a4d305e600c4fff53"}) as unknown as TypedDocumentString<TracesMissingBuildQuery, TracesMissingBuildQueryVariables>;
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
    `, {"hash":"sha256:c390e27bdec5fb3117fbc48e6386192c4be5f5af187d4aa66e878e82c698e65b"}) as unknown as TypedDocumentString<TwoCreateImageMutation, TwoCreateImageMutationVariables>;
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
    `, {"hash":"sha256:6b58a16abd2a390db10c78dc5d458ef57ccf20591ac7485ac265c3e73b7c44bd"}) as unknown as TypedDocumentString<TwoBuildMutation, TwoBuildMutationVariables>;
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
    `, {"hash":"sha256:3103445ddaf8aa21fe18503726ec630a36d9ff3a11fc6a5e0f1c16820aef91db"}) as unknown as TypedDocumentString<TwoBuildStateQuery, TwoBuildStateQueryVariables>;
export const TwoBuildLogsDocument = new TypedDocumentString(`
    subscription TwoBuildLogs($buildId: ID!) {
  buildLogs(buildId: $buildId, fromLine: 0) {
    lineNo
    text
    createdAt
  }
}
    `, {"hash":"sha256:3588049da5f3b93aa8ee272fa5cbc57494fb633f9bf3de09a8f6f8763c01b800"}) as unknown as TypedDocumentString<TwoBuildLogsSubscription, TwoBuildLogsSubscriptionVariables>;
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
    `, {"hash":"sha256:57907b7db8c9fd93d5d91263e74e97793447f05205816829a4f60dfa4c998334"}) as unknown as TypedDocumentString<TwoCancelMutation, TwoCancelMutationVariables>;
export const TwoBuildUpdatedDocument = new TypedDocumentString(`
    subscription TwoBuildUpdated($buildId: ID!) {
  buildUpdated(buildId: $buildId) {
    state
  }
}
    `, {"hash":"sha256:62744d1f870d5f82f18602032d89b8d0e85bec4f9a816e269b98c826d9e29833"}) as unknown as TypedDocumentString<TwoBuildUpdatedSubscription, TwoBuildUpdatedSubscriptionVariables>;
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
    `, {"hash":"sha256:d557058e8d9fe58fc597d6a324fe4de9dd35f9043b75f55f4f19be60f8e51c2b"}) as unknown as TypedDocumentString<VersionBuildsCreateImageMutation, VersionBuildsCreateImageMutationVariables>;
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
    `, {"hash":"sha256:b5598904399748034ad87d654ef23434f33a0a731e8e2303f1f0836729335c25"}) as unknown as TypedDocumentString<VersionBuildsUploadMutation, VersionBuildsUploadMutationVariables>;
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
    `, {"hash":"sha256:8ff7bff4a3962bbec8bf81885165570647e84ffa58f4371a8254f08e1f58ab44"}) as unknown as TypedDocumentString<VersionBuildsBuildMutation, VersionBuildsBuildMutationVariables>;
export const VersionBuildsLogsDocument = new TypedDocumentString(`
    subscription VersionBuildsLogs($buildId: ID!) {
  buildLogs(buildId: $buildId, fromLine: 0) {
    text
  }
}
    `, {"hash":"sha256:fbaa1c90db137b0ee32b8e300eee92133ddf36fa475de55fc9537f3ef6f6bdc6"}) as unknown as TypedDocumentString<VersionBuildsLogsSubscription, VersionBuildsLogsSubscriptionVariables>;
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
    `, {"hash":"sha256:650221f9e37e80a0862299a9195173dc427a5d89ff90d6a3d46689c33b61c72a"}) as unknown as TypedDocumentString<VersionBuildsVersionQuery, VersionBuildsVersionQueryVariables>;
export const StreamCreateImageDocument = new TypedDocumentString(`
    mutation StreamCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
  }
}
    `, {"hash":"sha256:570c8d5ccfdaa4de1296aa26f22dc486fe4de724f74a2fae52196748921c6a92"}) as unknown as TypedDocumentString<StreamCreateImageMutation, StreamCreateImageMutationVariables>;
export const StreamUpdateImageDocument = new TypedDocumentString(`
    mutation StreamUpdateImage($input: UpdateImageInput!) {
  updateImage(input: $input) {
    image {
      id
    }
    userErrors {
      code
    }
  }
}
    `, {"hash":"sha256:812b5b801ba7d381be532c9ebdb3e48bb2aeba67f8bc175ebce218b746c70835"}) as unknown as TypedDocumentString<StreamUpdateImageMutation, StreamUpdateImageMutationVariables>;
export const StreamDeleteImageDocument = new TypedDocumentString(`
    mutation StreamDeleteImage($input: DeleteImageInput!) {
  deleteImage(input: $input) {
    deletedImageId
  }
}
    `, {"hash":"sha256:5b344e895baf4aa97c6f60325be4e4637f187b28ee9c6bfc1b66273b61e41460"}) as unknown as TypedDocumentString<StreamDeleteImageMutation, StreamDeleteImageMutationVariables>;
export const StreamImageUpdatedDocument = new TypedDocumentString(`
    subscription StreamImageUpdated($imageId: ID!) {
  imageUpdated(imageId: $imageId) {
    name
    description
  }
}
    `, {"hash":"sha256:79b6c1fcf1a8d79eb82467945d433fbb8a36f1e345d7c7a516f25554806a6e20"}) as unknown as TypedDocumentString<StreamImageUpdatedSubscription, StreamImageUpdatedSubscriptionVariables>;
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
    `, {"hash":"sha256:4782895f007f7d2404c31b496f67d4b7cff8692a2a3fa7a3e75e8205a773a4d3"}) as unknown as TypedDocumentString<EventsImageUpdatedSubscription, EventsImageUpdatedSubscriptionVariables>;
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
    `, {"hash":"sha256:3e317d31a1115ea1273d466b038ad5c7830aee4e6ffde0d7da216bb8604b72c5"}) as unknown as TypedDocumentString<EventsUpdateImageMutation, EventsUpdateImageMutationVariables>;
export const EventsTagDocument = new TypedDocumentString(`
    mutation EventsTag($input: TagsInput!) {
  tagImage(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `, {"hash":"sha256:facda2e892a29608da3f260cdc161f2e4f31e796b5debdb1be7376dd0d8063ad"}) as unknown as TypedDocumentString<EventsTagMutation, EventsTagMutationVariables>;
export const EventsUntagDocument = new TypedDocumentString(`
    mutation EventsUntag($input: TagsInput!) {
  untagImage(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `, {"hash":"sha256:c99b5288c617732b8d06109c2ecf6b742b023fd261253afc2654a6546292d51b"}) as unknown as TypedDocumentString<EventsUntagMutation, EventsUntagMutationVariables>;
export const EventsStarDocument = new TypedDocumentString(`
    mutation EventsStar($input: ImageIdInput!) {
  starImage(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `, {"hash":"sha256:2476aa020942fe0b332ff33c607b0c62fda86141a16706f8c146b4522ec278a7"}) as unknown as TypedDocumentString<EventsStarMutation, EventsStarMutationVariables>;
export const EventsUnstarDocument = new TypedDocumentString(`
    mutation EventsUnstar($input: ImageIdInput!) {
  unstarImage(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `, {"hash":"sha256:e3f7307abeb8f32eb3373a44ec9c4096cfe64c696658c0ab5caafd2f4e52a4ec"}) as unknown as TypedDocumentString<EventsUnstarMutation, EventsUnstarMutationVariables>;
export const EventsSetCategoriesDocument = new TypedDocumentString(`
    mutation EventsSetCategories($input: SetImageCategoriesInput!) {
  setImageCategories(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `, {"hash":"sha256:624d0fc571cf67eb5682499949e054a6d1cdbb7044534e253c3ccbe8fe49a43e"}) as unknown as TypedDocumentString<EventsSetCategoriesMutation, EventsSetCategoriesMutationVariables>;
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
    `, {"hash":"sha256:f6fc0009cbbb91f0e18a16f7379639631bb67f4bd022d652ba9be3b461633e80"}) as unknown as TypedDocumentString<EventsCreateCategoryMutation, EventsCreateCategoryMutationVariables>;
export const EventsDeleteCategoryDocument = new TypedDocumentString(`
    mutation EventsDeleteCategory($input: DeleteCategoryInput!) {
  deleteCategory(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `, {"hash":"sha256:cc326986a6b1314055f981874fb2b6bd86e898691114732f08658a56ce99f0eb"}) as unknown as TypedDocumentString<EventsDeleteCategoryMutation, EventsDeleteCategoryMutationVariables>;
export const EventsProtectDocument = new TypedDocumentString(`
    mutation EventsProtect($input: ProtectTagInput!) {
  protectTag(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `, {"hash":"sha256:26535fc74e34ef370316a04ed074528ea1c8424f19994a8c0547cd3e26ed6a9e"}) as unknown as TypedDocumentString<EventsProtectMutation, EventsProtectMutationVariables>;
export const EventsUnprotectDocument = new TypedDocumentString(`
    mutation EventsUnprotect($input: ProtectTagInput!) {
  unprotectTag(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `, {"hash":"sha256:072c12070f7e9855bba879f8d16794d6e2c03b7b3f72cc39f289ae9e77668525"}) as unknown as TypedDocumentString<EventsUnprotectMutation, EventsUnprotectMutationVariables>;
export const EventsSetRetentionDocument = new TypedDocumentString(`
    mutation EventsSetRetention($input: SetRetentionPoliciesInput!) {
  setRetentionPolicies(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `, {"hash":"sha256:68d7f93430a48006a9e5ad9abc9bc45f16532bf6b640c94afac9b2abc9bd4581"}) as unknown as TypedDocumentString<EventsSetRetentionMutation, EventsSetRetentionMutationVariables>;
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
    `, {"hash":"sha256:f0ca731f62179b20137a23ed7bcd1aff670b31022cf2ad294f5730691519c4e0"}) as unknown as TypedDocumentString<EventsApplyRetentionMutation, EventsApplyRetentionMutationVariables>;
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
    `, {"hash":"sha256:ceca486d6d0ebbecd6a96afb4c5a6f4f9d2e2516778f252686b82ecb26caf1b0"}) as unknown as TypedDocumentString<EventsCreateVersionMutation, EventsCreateVersionMutationVariables>;
export const EventsSetBuildSourceDocument = new TypedDocumentString(`
    mutation EventsSetBuildSource($input: SetBuildSourceInput!) {
  setBuildSource(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `, {"hash":"sha256:1ce1e0e946b6ded10f107bd5ecac023970bc99c2d027e48109ad9f2ae9cb344a"}) as unknown as TypedDocumentString<EventsSetBuildSourceMutation, EventsSetBuildSourceMutationVariables>;
export const EventsRemoveBuildSourceDocument = new TypedDocumentString(`
    mutation EventsRemoveBuildSource($input: BuildSourceImageInput!) {
  removeBuildSource(input: $input) {
    userErrors {
      field
      code
    }
  }
}
    `, {"hash":"sha256:20b3274cccde8b53968b474ba1d246b741035b8f50175646710b493b7898f7c3"}) as unknown as TypedDocumentString<EventsRemoveBuildSourceMutation, EventsRemoveBuildSourceMutationVariables>;
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
    `, {"hash":"sha256:9c030d5cb0f4d74adb1c285e209528d1b0beaa724f8dc52e886452af8ae194b5"}) as unknown as TypedDocumentString<EventsDeleteMutation, EventsDeleteMutationVariables>;
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
    `, {"hash":"sha256:a3d1569346a4210c129b39c02c5ebc51a7147e7326419e5afedd66b0f0f5236f"}) as unknown as TypedDocumentString<ImagesDeleteDeleteMutation, ImagesDeleteDeleteMutationVariables>;
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
    `, {"hash":"sha256:078c2d22b7f1b03cb9e74baca277cd84315b2a059e417efe5ad1aff8ddd8c69c"}) as unknown as TypedDocumentString<ImagesDeleteSetCategoriesMutation, ImagesDeleteSetCategoriesMutationVariables>;
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
    `, {"hash":"sha256:841979ccaf31625bdf683965fafa919454bf8b88a184a0277a82f1061565e3a8"}) as unknown as TypedDocumentString<ImagesDeleteStarMutation, ImagesDeleteStarMutationVariables>;
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
    `, {"hash":"sha256:9816c6bd0ac0437eab8db261050d9642ad4bc73b4f09be6e99a503b1009eed2f"}) as unknown as TypedDocumentString<ImagesDeleteUnstarMutation, ImagesDeleteUnstarMutationVariables>;
export const ImagesDeleteStarredDocument = new TypedDocumentString(`
    query ImagesDeleteStarred($id: ID!) {
  image(id: $id) {
    starCount
    viewerHasStarred
  }
}
    `, {"hash":"sha256:9610b7586e079db72c7e8f7ac602dbba0a14a3080db1abdd0dbbc70ed0b834c5"}) as unknown as TypedDocumentString<ImagesDeleteStarredQuery, ImagesDeleteStarredQueryVariables>;
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
    `, {"hash":"sha256:4a51ea686e09010b3e57809fe818f7d2be3391e43039135bdadd6079c2385c14"}) as unknown as TypedDocumentString<ImagesPaginationPageQuery, ImagesPaginationPageQueryVariables>;
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
    `, {"hash":"sha256:51abb9246f6c4c241ad99f5ebc5263f5be002379970270537ebc6575a3ab978d"}) as unknown as TypedDocumentString<ImagesQueryByIdQuery, ImagesQueryByIdQueryVariables>;
export const ImagesQueryByNameDocument = new TypedDocumentString(`
    query ImagesQueryByName($name: String) {
  image(name: $name) {
    id
    name
  }
}
    `, {"hash":"sha256:d75ebbaf200fe7264d1894ccf85e37384454634f1e3a60380d26b791d8abbcac"}) as unknown as TypedDocumentString<ImagesQueryByNameQuery, ImagesQueryByNameQueryVariables>;
export const ImagesQueryByBothDocument = new TypedDocumentString(`
    query ImagesQueryByBoth($id: ID, $name: String) {
  image(id: $id, name: $name) {
    id
  }
}
    `, {"hash":"sha256:db3c776eedb1f69212a1d428c23b27c6908a7e0a82ade5fbcb5d0e6a75b0f5ed"}) as unknown as TypedDocumentString<ImagesQueryByBothQuery, ImagesQueryByBothQueryVariables>;
export const ImagesQueryListDocument = new TypedDocumentString(`
    query ImagesQueryList($filter: ImageFilter, $orderBy: ImageOrder) {
  images(filter: $filter, orderBy: $orderBy, first: 100) {
    totalCount
    nodes {
      name
    }
  }
}
    `, {"hash":"sha256:da7081f0e00e1a5c95874a24ffd95c310cbbbfecf186161bf0362c4f415c85cc"}) as unknown as TypedDocumentString<ImagesQueryListQuery, ImagesQueryListQueryVariables>;
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
    `, {"hash":"sha256:ce9f85ae6c8ef6dac9568cfe079ac9c6133414399a027d91ad81c4107fdca035"}) as unknown as TypedDocumentString<ImagesQueryNodeQuery, ImagesQueryNodeQueryVariables>;
export const ImagesQueryNodesDocument = new TypedDocumentString(`
    query ImagesQueryNodes($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename
    id
  }
}
    `, {"hash":"sha256:eff4e3369755af144d2b0383733e13a39dbd04e68ea4272722d02f92bb13626f"}) as unknown as TypedDocumentString<ImagesQueryNodesQuery, ImagesQueryNodesQueryVariables>;
export const ImagesStateOneDocument = new TypedDocumentString(`
    query ImagesStateOne($name: String!) {
  image(name: $name) {
    name
    state
    lastBuildDate
  }
}
    `, {"hash":"sha256:454b2407c7bd0d278312372bea6d94544d36f62b637d3f0bdfbe10b0f60e1aba"}) as unknown as TypedDocumentString<ImagesStateOneQuery, ImagesStateOneQueryVariables>;
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
    `, {"hash":"sha256:10b217bad1c3385712471f03c0409d6aa184b2e704a406bb36a2296ba5bfd4a6"}) as unknown as TypedDocumentString<ImagesStateListQuery, ImagesStateListQueryVariables>;
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
    `, {"hash":"sha256:72935fe8dde463dd4b0f70c042baeb19ff6951bcf560a75f5c96bb9b8e9496a6"}) as unknown as TypedDocumentString<ImagesWriteCreateMutation, ImagesWriteCreateMutationVariables>;
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
    `, {"hash":"sha256:c3699cdc553e4060490bfd7fc12ccd0c91c37ba3d28e083974e440ac90d85a9e"}) as unknown as TypedDocumentString<ImagesWriteUpdateMutation, ImagesWriteUpdateMutationVariables>;
export const SecretsCreateUserDocument = new TypedDocumentString(`
    mutation SecretsCreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    token
    user {
      id
    }
  }
}
    `, {"hash":"sha256:427cd07f69349c213cd9557a513ba84d2e4f177f6a5ca019b771b46a93c99590"}) as unknown as TypedDocumentString<SecretsCreateUserMutation, SecretsCreateUserMutationVariables>;
export const SecretsCreateTokenDocument = new TypedDocumentString(`
    mutation SecretsCreateToken($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    token
  }
}
    `, {"hash":"sha256:e5f1e1b540a7b73b43af2c0a814afdb7775c429578d1854dcc5df42a81531535"}) as unknown as TypedDocumentString<SecretsCreateTokenMutation, SecretsCreateTokenMutationVariables>;
export const SecretsViewerDocument = new TypedDocumentString(`
    query SecretsViewer {
  viewer {
    name
  }
}
    `, {"hash":"sha256:c14777e4278701a045a4a3e83c9a00571f194c974b958d1889dcf977c08a263b"}) as unknown as TypedDocumentString<SecretsViewerQuery, SecretsViewerQueryVariables>;
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
    `, {"hash":"sha256:509a4d3a45530858e6e96530503d49b9c3c7f5e01264fe695c10e7feeecd4a64"}) as unknown as TypedDocumentString<SecretsAddRegistryMutation, SecretsAddRegistryMutationVariables>;
export const SecretsPingDocument = new TypedDocumentString(`
    query SecretsPing($url: String, $id: ID) {
  pingRegistry(url: $url, id: $id) {
    reachable
  }
}
    `, {"hash":"sha256:a4b887cfbceffe670edcf35659093799b8d6edf0e33f037e9707f0b7ce675aed"}) as unknown as TypedDocumentString<SecretsPingQuery, SecretsPingQueryVariables>;
export const SecretsRemoteTagsDocument = new TypedDocumentString(`
    query SecretsRemoteTags($reference: String!, $registryId: ID) {
  remoteTags(reference: $reference, registryId: $registryId, first: 5) {
    nodes {
      name
    }
  }
}
    `, {"hash":"sha256:dc88a2fa6bb6be1c607333848687bf7ac02519cd3306213e94e03657df073a45"}) as unknown as TypedDocumentString<SecretsRemoteTagsQuery, SecretsRemoteTagsQueryVariables>;
export const SecretsCreateImageDocument = new TypedDocumentString(`
    mutation SecretsCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
      name
    }
  }
}
    `, {"hash":"sha256:e85e30c28f3818a4e1fce00fad2774a22cc42d981ba0e0fae1a995a5e3ccbb16"}) as unknown as TypedDocumentString<SecretsCreateImageMutation, SecretsCreateImageMutationVariables>;
export const SecretsSetSourceDocument = new TypedDocumentString(`
    mutation SecretsSetSource($input: SetBuildSourceInput!) {
  setBuildSource(input: $input) {
    webhookSecret
    userErrors {
      code
    }
  }
}
    `, {"hash":"sha256:5dc5a78de4a1f6b60a0ece783f2778330d2e0457b793a8e6033c935aee5499d9"}) as unknown as TypedDocumentString<SecretsSetSourceMutation, SecretsSetSourceMutationVariables>;
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
    `, {"hash":"sha256:aab5a68a468ed6c7fc6b435bf279873f92099620d8f7bf7afdd560e682d57b9a"}) as unknown as TypedDocumentString<MetricsCreateImageMutation, MetricsCreateImageMutationVariables>;
export const MetricsImageDocument = new TypedDocumentString(`
    query MetricsImage($id: ID!) {
  node(id: $id) {
    id
  }
}
    `, {"hash":"sha256:53ea96c04632e125ab033e176f8fec0900662dd96bded9f9e49a074f425af294"}) as unknown as TypedDocumentString<MetricsImageQuery, MetricsImageQueryVariables>;
export const MetricsImageUpdatedDocument = new TypedDocumentString(`
    subscription MetricsImageUpdated($imageId: ID!) {
  imageUpdated(imageId: $imageId) {
    name
  }
}
    `, {"hash":"sha256:040be8f9cb6be450d9e01259fd092ba90e25dc9a50e84dba2b348eef01f8a9d7"}) as unknown as TypedDocumentString<MetricsImageUpdatedSubscription, MetricsImageUpdatedSubscriptionVariables>;
export const MetricsPingDocument = new TypedDocumentString(`
    query MetricsPing($url: String!) {
  pingRegistry(url: $url) {
    reachable
    errorCode
  }
}
    `, {"hash":"sha256:5a4f3cdce7b2e1d9cea9ba3d3a898227df00de35133684deb080f9af60f5102e"}) as unknown as TypedDocumentString<MetricsPingQuery, MetricsPingQueryVariables>;
export const MetricsEngineDocument = new TypedDocumentString(`
    query MetricsEngine {
  dockerEngine {
    reachable
  }
}
    `, {"hash":"sha256:3dcf3a90580530955cc4b180cfa95805143daaae631b114ba84d133c73499d21"}) as unknown as TypedDocumentString<MetricsEngineQuery, MetricsEngineQueryVariables>;
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
    `, {"hash":"sha256:3063dfc288759c917c6f8024a6e62ea755008214facaa5e3e494844d33820b6e"}) as unknown as TypedDocumentString<NPlusOnePullsQuery, NPlusOnePullsQueryVariables>;
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
    `, {"hash":"sha256:8551c514cd078da5a59389e9115ba6b7863ec6d6611f8fb6b951aa7fb78b79cd"}) as unknown as TypedDocumentString<NPlusOnePushesQuery, NPlusOnePushesQueryVariables>;
export const NPlusOneDeliveriesDocument = new TypedDocumentString(`
    query NPlusOneDeliveries($id: ID!, $first: Int!) {
  image(id: $id) {
    buildSource {
      deliveries(first: $first) {
        deliveryId
        state
        builds {
          targetTag
          state
          image {
            name
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:a9ef16adfb143a10af5761b2a7e2cb9dc5c7747dbc173ec12790f2f754e5ff27"}) as unknown as TypedDocumentString<NPlusOneDeliveriesQuery, NPlusOneDeliveriesQueryVariables>;
export const MigratedImagesDocument = new TypedDocumentString(`
    query MigratedImages {
  images(first: 100, orderBy: {field: NAME, direction: ASC}) {
    nodes {
      name
      isPrivate
      owner {
        name
      }
      organization {
        name
      }
    }
  }
}
    `, {"hash":"sha256:c83d7b269fcc5b37c06b8448d325eec08e4a44e30f3ca5f1db756e1f96e4ee1b"}) as unknown as TypedDocumentString<MigratedImagesQuery, MigratedImagesQueryVariables>;
export const MigratedOrganizationDocument = new TypedDocumentString(`
    query MigratedOrganization($name: String!) {
  organization(name: $name) {
    name
    members {
      nodes {
        user {
          name
        }
        role
      }
    }
  }
}
    `, {"hash":"sha256:5658b2e0c30412345fc4f81dfd1f5584cf5e49cbea54cec245078bf6f42c76c9"}) as unknown as TypedDocumentString<MigratedOrganizationQuery, MigratedOrganizationQueryVariables>;
export const NodeIdsNodeDocument = new TypedDocumentString(`
    query NodeIdsNode($id: ID!) {
  node(id: $id) {
    __typename
    id
  }
}
    `, {"hash":"sha256:eebdf71da3b7e657ba175f321b21b607c6125d7aba8425847d86ed479cc1c414"}) as unknown as TypedDocumentString<NodeIdsNodeQuery, NodeIdsNodeQueryVariables>;
export const NodeIdsNodesDocument = new TypedDocumentString(`
    query NodeIdsNodes($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename
    id
  }
}
    `, {"hash":"sha256:5da14a43d993b116b9e7114a2adae6418ed5ca25ad1599412c1cee712f1d046e"}) as unknown as TypedDocumentString<NodeIdsNodesQuery, NodeIdsNodesQueryVariables>;
export const OrgCreateImageDocument = new TypedDocumentString(`
    mutation OrgCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
      name
      viewerPermission
      organization {
        name
      }
    }
    userErrors {
      code
      field
      message
    }
  }
}
    `, {"hash":"sha256:cc982fc66462621491d30a4dd8cde1e34747b53d34be988af4e33a7f35283bfe"}) as unknown as TypedDocumentString<OrgCreateImageMutation, OrgCreateImageMutationVariables>;
export const OrgRenameImageDocument = new TypedDocumentString(`
    mutation OrgRenameImage($input: UpdateImageInput!) {
  updateImage(input: $input) {
    image {
      id
      name
    }
    userErrors {
      code
      field
      message
    }
  }
}
    `, {"hash":"sha256:6b646ca8921646371b645f87d36dd3642a6852765d8ccb3069c73a0c4dfc01b4"}) as unknown as TypedDocumentString<OrgRenameImageMutation, OrgRenameImageMutationVariables>;
export const OrgDeleteImageDocument = new TypedDocumentString(`
    mutation OrgDeleteImage($input: DeleteImageInput!) {
  deleteImage(input: $input) {
    deletedImageId
    userErrors {
      code
    }
  }
}
    `, {"hash":"sha256:81cf40cb74601be539dad99341edd65da58dfa09e2d6899d65ca7993fda6ad11"}) as unknown as TypedDocumentString<OrgDeleteImageMutation, OrgDeleteImageMutationVariables>;
export const OrgPullImageDocument = new TypedDocumentString(`
    mutation OrgPullImage($input: PullImageInput!) {
  pullImage(input: $input) {
    pull {
      id
    }
    userErrors {
      code
      field
      message
    }
  }
}
    `, {"hash":"sha256:6918fa2e4efa449bc4386112b167c17d4d9c1614f7e08390a90ec8ad86bc08aa"}) as unknown as TypedDocumentString<OrgPullImageMutation, OrgPullImageMutationVariables>;
export const OrgImageByNameDocument = new TypedDocumentString(`
    query OrgImageByName($name: String!) {
  image(name: $name) {
    id
    name
    viewerPermission
    teamPermissions {
      team {
        name
      }
      permission
    }
  }
}
    `, {"hash":"sha256:7564112d4193e24d56bfb9b40822c78c8d3a75aaa4a8354645b9a3be15dab488"}) as unknown as TypedDocumentString<OrgImageByNameQuery, OrgImageByNameQueryVariables>;
export const OrgImagesDocument = new TypedDocumentString(`
    query OrgImages($filter: ImageFilter) {
  images(filter: $filter, first: 100) {
    totalCount
    nodes {
      name
    }
  }
}
    `, {"hash":"sha256:24985761e3f0947533da3b63282fe4a734f56a9ac598e90423e453452dfc5c2a"}) as unknown as TypedDocumentString<OrgImagesQuery, OrgImagesQueryVariables>;
export const CreateOrganizationDocument = new TypedDocumentString(`
    mutation CreateOrganization($input: CreateOrganizationInput!) {
  createOrganization(input: $input) {
    organization {
      id
      name
      viewerRole
    }
    userErrors {
      code
      field
      message
    }
  }
}
    `, {"hash":"sha256:71509233f8378c5db92e01c275ed3a279095cee65b933669d554bb7203d07ddc"}) as unknown as TypedDocumentString<CreateOrganizationMutation, CreateOrganizationMutationVariables>;
export const DeleteOrganizationDocument = new TypedDocumentString(`
    mutation DeleteOrganization($input: DeleteOrganizationInput!) {
  deleteOrganization(input: $input) {
    deletedOrganizationId
    userErrors {
      code
      field
      message
    }
  }
}
    `, {"hash":"sha256:1df4f23adbd91e98a2b253dbbf4766b5062ed1e8859a399f02502644b602c448"}) as unknown as TypedDocumentString<DeleteOrganizationMutation, DeleteOrganizationMutationVariables>;
export const SetOrganizationMemberDocument = new TypedDocumentString(`
    mutation SetOrganizationMember($input: SetOrganizationMemberInput!) {
  setOrganizationMember(input: $input) {
    organization {
      id
    }
    userErrors {
      code
      field
      message
    }
  }
}
    `, {"hash":"sha256:dc446a347943272b55cd5f9ae3c9d551d5eec701fde3064d22d1b96e33178b23"}) as unknown as TypedDocumentString<SetOrganizationMemberMutation, SetOrganizationMemberMutationVariables>;
export const RemoveOrganizationMemberDocument = new TypedDocumentString(`
    mutation RemoveOrganizationMember($input: RemoveOrganizationMemberInput!) {
  removeOrganizationMember(input: $input) {
    organization {
      id
    }
    userErrors {
      code
      field
      message
    }
  }
}
    `, {"hash":"sha256:3a8925d41710c17e3035a6d7b6d7e9067d747a92f3d3b7a8711461b3c8830bac"}) as unknown as TypedDocumentString<RemoveOrganizationMemberMutation, RemoveOrganizationMemberMutationVariables>;
export const CreateTeamDocument = new TypedDocumentString(`
    mutation CreateTeam($input: CreateTeamInput!) {
  createTeam(input: $input) {
    team {
      id
      name
      permission
    }
    userErrors {
      code
      field
      message
    }
  }
}
    `, {"hash":"sha256:f95ca5f411fd47fbb780d42c120e92688a9c8c0ca33e24eac25374911dba9879"}) as unknown as TypedDocumentString<CreateTeamMutation, CreateTeamMutationVariables>;
export const UpdateTeamDocument = new TypedDocumentString(`
    mutation UpdateTeam($input: UpdateTeamInput!) {
  updateTeam(input: $input) {
    team {
      id
      permission
    }
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:8faebaa06d900810dc9230906b1c6288cac8bd63269aa2fff1cd8cc64f209ceb"}) as unknown as TypedDocumentString<UpdateTeamMutation, UpdateTeamMutationVariables>;
export const AddTeamMemberDocument = new TypedDocumentString(`
    mutation AddTeamMember($input: TeamMemberInput!) {
  addTeamMember(input: $input) {
    team {
      id
      members {
        totalCount
        nodes {
          user {
            name
          }
        }
      }
    }
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:a5a45b78bd8ab8aedf0d21c5bee9768cf23a01db442f9475b9cd6608b8be0cfb"}) as unknown as TypedDocumentString<AddTeamMemberMutation, AddTeamMemberMutationVariables>;
export const RemoveTeamMemberDocument = new TypedDocumentString(`
    mutation RemoveTeamMember($input: TeamMemberInput!) {
  removeTeamMember(input: $input) {
    team {
      id
    }
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:ca22bec50610f7ad32b2c56b6f1d5148cb97084635f07fa99ee05fea92b991c7"}) as unknown as TypedDocumentString<RemoveTeamMemberMutation, RemoveTeamMemberMutationVariables>;
export const SetTeamImagePermissionDocument = new TypedDocumentString(`
    mutation SetTeamImagePermission($input: SetTeamImagePermissionInput!) {
  setTeamImagePermission(input: $input) {
    team {
      id
      images {
        nodes {
          image {
            name
          }
          permission
        }
      }
    }
    userErrors {
      code
      field
      message
    }
  }
}
    `, {"hash":"sha256:52bc4b3b27d938a5cfc630411c0be6bf306975bafd91816b40b1152d75a4c6cf"}) as unknown as TypedDocumentString<SetTeamImagePermissionMutation, SetTeamImagePermissionMutationVariables>;
export const OrganizationInsideDocument = new TypedDocumentString(`
    query OrganizationInside($name: String!) {
  organization(name: $name) {
    name
    viewerRole
    members {
      totalCount
      nodes {
        user {
          name
        }
        role
      }
    }
    teams {
      totalCount
      nodes {
        name
        permission
        members {
          totalCount
        }
      }
    }
  }
}
    `, {"hash":"sha256:3df35c4bbf284a77a506d40f7136499202f75413c77aef07c92e44c93de3d09c"}) as unknown as TypedDocumentString<OrganizationInsideQuery, OrganizationInsideQueryVariables>;
export const MyOrganizationsDocument = new TypedDocumentString(`
    query MyOrganizations {
  organizations(first: 50) {
    totalCount
    nodes {
      name
      viewerRole
    }
  }
}
    `, {"hash":"sha256:9eb0ba7123cefd85a428eb4148783bd84e9cc6c531d25b5c0ae5c9dd9973af75"}) as unknown as TypedDocumentString<MyOrganizationsQuery, MyOrganizationsQueryVariables>;
export const OrgCreateUserDocument = new TypedDocumentString(`
    mutation OrgCreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    user {
      id
    }
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:0a0bbb97835c349fbf5ead0286ea74687e27a7f29cb1a9403deacc22843abf34"}) as unknown as TypedDocumentString<OrgCreateUserMutation, OrgCreateUserMutationVariables>;
export const OrgAuditFeedDocument = new TypedDocumentString(`
    subscription OrgAuditFeed($organization: String) {
  auditEvents(organization: $organization) {
    action
    actorName
  }
}
    `, {"hash":"sha256:7656c1868692c429cba470b23b5503bfc48e68c2a093fc04a756fe91bf4a887f"}) as unknown as TypedDocumentString<OrgAuditFeedSubscription, OrgAuditFeedSubscriptionVariables>;
export const OrgAuditLogDocument = new TypedDocumentString(`
    query OrgAuditLog($filter: AuditLogFilter) {
  auditLog(filter: $filter, first: 100) {
    totalCount
    nodes {
      action
      actorName
      outcome
      targetId
    }
  }
}
    `, {"hash":"sha256:015bd9af4a6af8b7ac5a90a319a9e1d3699a10dafd74be92c3056174ebb2ac38"}) as unknown as TypedDocumentString<OrgAuditLogQuery, OrgAuditLogQueryVariables>;
export const ProtectViewerDocument = new TypedDocumentString(`
    query ProtectViewer {
  viewer {
    name
  }
}
    `, {"hash":"sha256:7813e0fab503ae08aea470b674d4ee2b4fa82efc273731da050c383c5488b40c"}) as unknown as TypedDocumentString<ProtectViewerQuery, ProtectViewerQueryVariables>;
export const ProtectImagesDocument = new TypedDocumentString(`
    query ProtectImages($first: Int) {
  images(first: $first) {
    totalCount
    nodes {
      name
    }
  }
}
    `, {"hash":"sha256:93eed8958b786d5bb3b96fa297d8b97493e7bef954defcad7baa340eaa8283fc"}) as unknown as TypedDocumentString<ProtectImagesQuery, ProtectImagesQueryVariables>;
export const ProtectDriftDocument = new TypedDocumentString(`
    query ProtectDrift($first: Int, $tags: Int) {
  images(first: $first) {
    nodes {
      name
      tags(first: $tags) {
        nodes {
          name
          updateAvailable
        }
      }
    }
  }
}
    `, {"hash":"sha256:ec72d1d705227bb541f48fb4c479d7097f29d5717854dae0492bad5ecb8ea89c"}) as unknown as TypedDocumentString<ProtectDriftQuery, ProtectDriftQueryVariables>;
export const ProtectCreateCategoryDocument = new TypedDocumentString(`
    mutation ProtectCreateCategory($input: CreateCategoryInput!) {
  createCategory(input: $input) {
    category {
      name
    }
    userErrors {
      code
    }
  }
}
    `, {"hash":"sha256:87e276006777a5303bf86c4fdd483c8236cc306dcb12ed9361fc4f00f95798e0"}) as unknown as TypedDocumentString<ProtectCreateCategoryMutation, ProtectCreateCategoryMutationVariables>;
export const ProtectCreateImageDocument = new TypedDocumentString(`
    mutation ProtectCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      name
    }
  }
}
    `, {"hash":"sha256:acb0b0c098e7ed6d85c91093621ef03de1f04dfd697e9a3202f62f0c4e946b56"}) as unknown as TypedDocumentString<ProtectCreateImageMutation, ProtectCreateImageMutationVariables>;
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
    `, {"hash":"sha256:58c47efe0f77d5a53025fca687aee220f162678b53674969897a9058d3719fef"}) as unknown as TypedDocumentString<RegistriesListQuery, RegistriesListQueryVariables>;
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
    `, {"hash":"sha256:c899683179e46d397b215db8f503220cc03cf94de36159e934f6fefb73cabbd8"}) as unknown as TypedDocumentString<RegistriesAddMutation, RegistriesAddMutationVariables>;
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
    `, {"hash":"sha256:79c7342e20f8078a4b187717b129438ad66123e59953e7101877babe04c2516f"}) as unknown as TypedDocumentString<RegistriesUpdateMutation, RegistriesUpdateMutationVariables>;
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
    `, {"hash":"sha256:59af80170c507aad1a58d1d78becbfd3c2c49a8e71bd5c8398724b49596eba2f"}) as unknown as TypedDocumentString<RegistriesDeleteMutation, RegistriesDeleteMutationVariables>;
export const RegistriesTypeFieldsDocument = new TypedDocumentString(`
    query RegistriesTypeFields {
  __type(name: "Registry") {
    fields {
      name
    }
  }
}
    `, {"hash":"sha256:c4045323f874acebe02ba9af77f390374629e4184c37dfb230fbe693eab28303"}) as unknown as TypedDocumentString<RegistriesTypeFieldsQuery, RegistriesTypeFieldsQueryVariables>;
export const CredAddRegistryDocument = new TypedDocumentString(`
    mutation CredAddRegistry($input: AddRegistryInput!) {
  addRegistry(input: $input) {
    registry {
      id
      organization {
        name
      }
    }
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:38278c6a2c53dc000a26f97006cb264a61748dd222b105820b553d21710fcc2a"}) as unknown as TypedDocumentString<CredAddRegistryMutation, CredAddRegistryMutationVariables>;
export const CredUpdateRegistryDocument = new TypedDocumentString(`
    mutation CredUpdateRegistry($input: UpdateRegistryInput!) {
  updateRegistry(input: $input) {
    registry {
      id
      organization {
        name
      }
    }
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:85467749510d58a227739b3ac01fd78bac084a9b5edf3be3e8a8a01bdd634611"}) as unknown as TypedDocumentString<CredUpdateRegistryMutation, CredUpdateRegistryMutationVariables>;
export const CredCreateOrganizationDocument = new TypedDocumentString(`
    mutation CredCreateOrganization($input: CreateOrganizationInput!) {
  createOrganization(input: $input) {
    organization {
      id
    }
  }
}
    `, {"hash":"sha256:2f05860d98a0584e2e54e710f1f72c5810c1a1b4a21ca8d2842f0b0cf90ddabb"}) as unknown as TypedDocumentString<CredCreateOrganizationMutation, CredCreateOrganizationMutationVariables>;
export const CredSearchDocument = new TypedDocumentString(`
    query CredSearch($registryId: ID!) {
  searchImages(depot: REGISTRY, registryId: $registryId, text: "app", first: 10) {
    nodes {
      name
    }
  }
}
    `, {"hash":"sha256:ead8b373e9e2bce1bc1ec56bc72dcf45646ab3ef422e355700eef9ff799c280c"}) as unknown as TypedDocumentString<CredSearchQuery, CredSearchQueryVariables>;
export const CredPullDocument = new TypedDocumentString(`
    mutation CredPull($input: PullImageInput!) {
  pullImage(input: $input) {
    pull {
      id
    }
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:7e13dc4eaa252bb4650caac070cd731099f4a24a6ecee9c26bfbb55f60e327b4"}) as unknown as TypedDocumentString<CredPullMutation, CredPullMutationVariables>;
export const CredPushDocument = new TypedDocumentString(`
    mutation CredPush($input: PushImageInput!) {
  pushImage(input: $input) {
    push {
      id
    }
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:2a9e0faedd795c787fc877e5094a5f843f9a1ca5a54e6fb4e6442178bfffc6b7"}) as unknown as TypedDocumentString<CredPushMutation, CredPushMutationVariables>;
export const LoggedViewerDocument = new TypedDocumentString(`
    query LoggedViewer {
  viewer {
    id
    name
  }
}
    `, {"hash":"sha256:7ca1ad8416712f0cceb99db2fc0b2233e8a183310bab1978b5bda0893ccddd73"}) as unknown as TypedDocumentString<LoggedViewerQuery, LoggedViewerQueryVariables>;
export const LoggedCreateImageDocument = new TypedDocumentString(`
    mutation LoggedCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
    }
  }
}
    `, {"hash":"sha256:e10cdb11288ffa99b3013e2e9b7a0e31c55b7cf32f41071163f10859ac05462f"}) as unknown as TypedDocumentString<LoggedCreateImageMutation, LoggedCreateImageMutationVariables>;
export const RobotCreateDocument = new TypedDocumentString(`
    mutation RobotCreate($input: CreateRobotInput!) {
  createRobot(input: $input) {
    robot {
      id
      name
      isRobot
    }
    userErrors {
      code
      field
      message
    }
  }
}
    `, {"hash":"sha256:5cca3e9622897a3d758dc97aa94fdb69a78a867262d9b1ee76b4f9c38bdad7ed"}) as unknown as TypedDocumentString<RobotCreateMutation, RobotCreateMutationVariables>;
export const RobotTokenDocument = new TypedDocumentString(`
    mutation RobotToken($input: CreateRobotTokenInput!) {
  createRobotToken(input: $input) {
    token
    apiToken {
      id
      scopes {
        pattern
        actions
      }
    }
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:e1e57a64c31525a2a32d9ffdfd3718a5d43bfd2d90acef0511f6f4eed1711339"}) as unknown as TypedDocumentString<RobotTokenMutation, RobotTokenMutationVariables>;
export const RobotDeleteDocument = new TypedDocumentString(`
    mutation RobotDelete($input: DeleteRobotInput!) {
  deleteRobot(input: $input) {
    deletedRobotId
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:5bfab5ea1ecc11f635758bc4ce482e702c4114980eda5e65bfa4fa9556fffd08"}) as unknown as TypedDocumentString<RobotDeleteMutation, RobotDeleteMutationVariables>;
export const RobotRevokeDocument = new TypedDocumentString(`
    mutation RobotRevoke($input: RevokeApiTokenInput!) {
  revokeApiToken(input: $input) {
    apiToken {
      revokedAt
    }
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:b699fd7d481d4bc11e604f63b76773e72700d53dbd6b0ef558700cfcfe79e987"}) as unknown as TypedDocumentString<RobotRevokeMutation, RobotRevokeMutationVariables>;
export const RobotCreateImageDocument = new TypedDocumentString(`
    mutation RobotCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
      name
      owner {
        name
      }
    }
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:5cd9667a7d8f8a93138b6b27ef79bd1d8bf01c25f206d087389dff400ce4e8f9"}) as unknown as TypedDocumentString<RobotCreateImageMutation, RobotCreateImageMutationVariables>;
export const RobotTagImageDocument = new TypedDocumentString(`
    mutation RobotTagImage($input: TagsInput!) {
  tagImage(input: $input) {
    tags {
      name
    }
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:c39c56b4e1f01229b31d72445c70dbe3a547e2e8c9728cc364567676b829a70b"}) as unknown as TypedDocumentString<RobotTagImageMutation, RobotTagImageMutationVariables>;
export const RobotOrgDocument = new TypedDocumentString(`
    mutation RobotOrg($input: CreateOrganizationInput!) {
  createOrganization(input: $input) {
    organization {
      id
    }
  }
}
    `, {"hash":"sha256:984684c17a995d3ad9875056e321af6708989c05123d01a9498cd884703b8bbb"}) as unknown as TypedDocumentString<RobotOrgMutation, RobotOrgMutationVariables>;
export const RobotTeamDocument = new TypedDocumentString(`
    mutation RobotTeam($input: CreateTeamInput!) {
  createTeam(input: $input) {
    team {
      id
    }
  }
}
    `, {"hash":"sha256:6342fd1210c9e1ca97c4fc74426c7743c06d8fce8fe3a03926ba405de58e1fd3"}) as unknown as TypedDocumentString<RobotTeamMutation, RobotTeamMutationVariables>;
export const RobotAddToTeamDocument = new TypedDocumentString(`
    mutation RobotAddToTeam($input: TeamMemberInput!) {
  addTeamMember(input: $input) {
    team {
      id
    }
    userErrors {
      code
      field
      message
    }
  }
}
    `, {"hash":"sha256:195b6ef617e0e41f2427f2ba17b393fbccdeb399108833165e370391e5a79ac9"}) as unknown as TypedDocumentString<RobotAddToTeamMutation, RobotAddToTeamMutationVariables>;
export const RobotImageDocument = new TypedDocumentString(`
    query RobotImage($name: String!) {
  image(name: $name) {
    id
    name
    viewerPermission
  }
}
    `, {"hash":"sha256:873780107ddedb4bb6898fb76e2ff5f60385714e7f650def36b36902c52b6b0f"}) as unknown as TypedDocumentString<RobotImageQuery, RobotImageQueryVariables>;
export const RobotListsDocument = new TypedDocumentString(`
    query RobotLists($org: String!) {
  viewer {
    robots {
      totalCount
      nodes {
        name
        isRobot
        apiTokens {
          totalCount
        }
      }
    }
  }
  organization(name: $org) {
    robots {
      nodes {
        name
      }
    }
  }
}
    `, {"hash":"sha256:c1c22b73dda9c5c0756f241d1463381cb08c53ed289afb01b95f4a9215a2e8a0"}) as unknown as TypedDocumentString<RobotListsQuery, RobotListsQueryVariables>;
export const ScopedCreateTokenDocument = new TypedDocumentString(`
    mutation ScopedCreateToken($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    token
    apiToken {
      id
      scopes {
        pattern
        actions
      }
    }
    userErrors {
      code
      field
      message
    }
  }
}
    `, {"hash":"sha256:3bcc8c930ad57c3bf3ae5185d0c93e1ab36376cc11f40071363744b3d7c4d473"}) as unknown as TypedDocumentString<ScopedCreateTokenMutation, ScopedCreateTokenMutationVariables>;
export const ScopedCreateImageDocument = new TypedDocumentString(`
    mutation ScopedCreateImage($input: CreateImageInput!) {
  createImage(input: $input) {
    image {
      id
      name
    }
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:66e6becc1ad3ebd393e772816b6f5efacb7b18fa6597c27dc2073952ff86b697"}) as unknown as TypedDocumentString<ScopedCreateImageMutation, ScopedCreateImageMutationVariables>;
export const ScopedTagDocument = new TypedDocumentString(`
    mutation ScopedTag($input: TagsInput!) {
  tagImage(input: $input) {
    tags {
      name
    }
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:98bb35e75fa6d995b286022e0ba17c8cd340098702863dc3212a445b58da8396"}) as unknown as TypedDocumentString<ScopedTagMutation, ScopedTagMutationVariables>;
export const ScopedDeleteDocument = new TypedDocumentString(`
    mutation ScopedDelete($input: DeleteImageInput!) {
  deleteImage(input: $input) {
    deletedImageId
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:080f61f786e42e4688ca64ec61ffa70f0394bcd0e14c0cd29e59edbecf8a4f42"}) as unknown as TypedDocumentString<ScopedDeleteMutation, ScopedDeleteMutationVariables>;
export const ScopedUpdateDocument = new TypedDocumentString(`
    mutation ScopedUpdate($input: UpdateImageInput!) {
  updateImage(input: $input) {
    image {
      id
    }
    userErrors {
      code
      field
    }
  }
}
    `, {"hash":"sha256:2fa6c0581c087468937ab0ede58b429632c89ccee5d2305c51131acc5a9e611e"}) as unknown as TypedDocumentString<ScopedUpdateMutation, ScopedUpdateMutationVariables>;
export const ScopedOrganizationDocument = new TypedDocumentString(`
    mutation ScopedOrganization($input: CreateOrganizationInput!) {
  createOrganization(input: $input) {
    organization {
      id
    }
    userErrors {
      code
    }
  }
}
    `, {"hash":"sha256:3abd23ec3ea35f4daa31fa90228434e0a8715a75112accceaf520b6f1750c063"}) as unknown as TypedDocumentString<ScopedOrganizationMutation, ScopedOrganizationMutationVariables>;
export const ScopedImagesDocument = new TypedDocumentString(`
    query ScopedImages {
  images(first: 100, orderBy: {field: NAME, direction: ASC}) {
    totalCount
    nodes {
      name
    }
  }
}
    `, {"hash":"sha256:f44ce887d193bb225d955e40d7797f62a08e022ae7f73dee79e260af7d4b4e1d"}) as unknown as TypedDocumentString<ScopedImagesQuery, ScopedImagesQueryVariables>;
export const ScopedImageDocument = new TypedDocumentString(`
    query ScopedImage($name: String!) {
  image(name: $name) {
    id
    name
    viewerPermission
  }
}
    `, {"hash":"sha256:0017705933910260ba7f620515028edf917f1bd6ed09866722d6ad511bf870c3"}) as unknown as TypedDocumentString<ScopedImageQuery, ScopedImageQueryVariables>;
export const ScopedViewerTokenDocument = new TypedDocumentString(`
    query ScopedViewerToken {
  viewerToken {
    name
    scopes {
      pattern
      actions
    }
  }
  viewer {
    name
    isAdmin
  }
}
    `, {"hash":"sha256:fc2b2673985979b019d4563ee3387d54de0c2a48cad70179e081e40cc65dae9b"}) as unknown as TypedDocumentString<ScopedViewerTokenQuery, ScopedViewerTokenQueryVariables>;
export const ScopedLocalImagesDocument = new TypedDocumentString(`
    query ScopedLocalImages {
  localImages(first: 1) {
    totalCount
  }
}
    `, {"hash":"sha256:d8f4a6841eb1cbe001b2db5b4b49b56113e146fc5172e390c2f86dce8efc1729"}) as unknown as TypedDocumentString<ScopedLocalImagesQuery, ScopedLocalImagesQueryVariables>;
export const ScopedAuditDocument = new TypedDocumentString(`
    query ScopedAudit($filter: AuditLogFilter) {
  auditLog(filter: $filter, first: 5) {
    nodes {
      action
      outcome
      detail
      tokenId
    }
  }
}
    `, {"hash":"sha256:7926cf2dfa981370e73ba47fcca6b7297693517cc8a3651325461edf201df50d"}) as unknown as TypedDocumentString<ScopedAuditQuery, ScopedAuditQueryVariables>;
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
    `, {"hash":"sha256:9accaeb91795a0b7416e0916013152ab452899587cf1a49a8d8990bf865953a1"}) as unknown as TypedDocumentString<StoredRegistriesQuery, StoredRegistriesQueryVariables>;
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
    `, {"hash":"sha256:899e523a30221af18e6049bd6340f2c0504c1c165d0c2b85808b16b10e86e08f"}) as unknown as TypedDocumentString<StoredBuildSourceQuery, StoredBuildSourceQueryVariables>;
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
      versions(first: 5) {
        totalCount
        nodes {
          version
          state
          builds(first: 5) {
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
    `, {"hash":"sha256:afd9d8f6654764f1d3797e5820b2100f864cfa195c62d9e96c3e8361f6580352"}) as unknown as TypedDocumentString<CatalogPageQuery, CatalogPageQueryVariables>;
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
    `, {"hash":"sha256:59cc4039397ea241928fdde52eb4af91d3c22bb8c61369cf1777434d3bfa6690"}) as unknown as TypedDocumentString<TagsTagImageMutation, TagsTagImageMutationVariables>;
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
    `, {"hash":"sha256:93d38ef182fb03ca03e6598897552dc6d656ce7dd63b32a270e511004bc24423"}) as unknown as TypedDocumentString<TagsUntagImageMutation, TagsUntagImageMutationVariables>;
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
    `, {"hash":"sha256:0d87529f0579748d4677cee8e41189f27d2759942de96222ed03d3a34afda397"}) as unknown as TypedDocumentString<TagsOfImageQuery, TagsOfImageQueryVariables>;
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
    `, {"hash":"sha256:f64c897f72e885fdbe1d2a18aca8922b9c859fe798924bbb752b417bb3d31f0f"}) as unknown as TypedDocumentString<TagsTagNodeQuery, TagsTagNodeQueryVariables>;
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
    `, {"hash":"sha256:e1941e42203022657f3870609d4d517992ce9051db8d96204ff03400e371b891"}) as unknown as TypedDocumentString<TransportImagesPageQuery, TransportImagesPageQueryVariables>;
export const TransportCategoriesDocument = new TypedDocumentString(`
    query TransportCategories {
  categories {
    totalCount
    nodes {
      name
    }
  }
}
    `, {"hash":"sha256:ff4adf7a34c41e51075a1eddcde8b2097511a221b7440ec6c809e61eafdfb8bc"}) as unknown as TypedDocumentString<TransportCategoriesQuery, TransportCategoriesQueryVariables>;
export const UpdateCheckTagDocument = new TypedDocumentString(`
    query UpdateCheckTag($id: ID!, $maxAgeSeconds: Int) {
  node(id: $id) {
    ... on Tag {
      updateCheck(maxAgeSeconds: $maxAgeSeconds) {
        remoteDigest
        updateAvailable
        comparedAt
        errorCode
      }
    }
  }
}
    `, {"hash":"sha256:f9120e240db5a4e688d24187d0ad798c4eeb16bdc24b1c0430bb4f76737906ed"}) as unknown as TypedDocumentString<UpdateCheckTagQuery, UpdateCheckTagQueryVariables>;
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
    `, {"hash":"sha256:37bad0ec586763c1720e8f817219a52db4f4823ddac1f2601e91874a0d2f7a97"}) as unknown as TypedDocumentString<LargeCreateImageMutation, LargeCreateImageMutationVariables>;
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
    `, {"hash":"sha256:821e0eacbf1ab307452231e50a70ffb4d6405c8e343ccf20b8f6c2fc1ccadfc2"}) as unknown as TypedDocumentString<LargeUploadMutation, LargeUploadMutationVariables>;
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
    `, {"hash":"sha256:6dab86e12027a4ea6676ee79757080765daa8cba37171fbcf2da40f282aa8015"}) as unknown as TypedDocumentString<LargeVersionsQuery, LargeVersionsQueryVariables>;
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
    `, {"hash":"sha256:391f6459c96076066b093f4d81a519d9aa6088221e03f8d42c83cee650fa183a"}) as unknown as TypedDocumentString<FramingCreateCategoryMutation, FramingCreateCategoryMutationVariables>;
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
    `, {"hash":"sha256:e6bba292fbe6bdc79afb7af624f32f22aca664e77c9be132f258e21e923c87a7"}) as unknown as TypedDocumentString<FramingCreateImageMutation, FramingCreateImageMutationVariables>;
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
    `, {"hash":"sha256:393881ebcf99cd51bed56e2e1971a380bbf7298ac6168283a345469b24805026"}) as unknown as TypedDocumentString<FramingSetSourceMutation, FramingSetSourceMutationVariables>;
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
    `, {"hash":"sha256:b4e2532a95ddea3bd771e5b3fca97d8202033458bf4d574584e16452718ca351"}) as unknown as TypedDocumentString<FramingUploadMutation, FramingUploadMutationVariables>;
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
    `, {"hash":"sha256:47623432559119a886c7fa88104c6b8e1acfdaf75a0d40d5b32c4cdb4ede6e14"}) as unknown as TypedDocumentString<VersionsCreateMutation, VersionsCreateMutationVariables>;
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
    `, {"hash":"sha256:5bacee1d0f511ff1c5ddf9b1a3c7194510179fb8639c3021e9f1266444436a4a"}) as unknown as TypedDocumentString<VersionsDeleteImageMutation, VersionsDeleteImageMutationVariables>;
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
    `, {"hash":"sha256:1e3d7d40272965b969d0b06a93a0e97536dcd06c24a73a111cbd19e7822038bb"}) as unknown as TypedDocumentString<VersionsVersionQuery, VersionsVersionQueryVariables>;
export const VersionsNodeDocument = new TypedDocumentString(`
    query VersionsNode($id: ID!) {
  node(id: $id) {
    id
    ... on Version {
      version
    }
  }
}
    `, {"hash":"sha256:27ac38b20942e26a4f7e0dc4a23821b7e4b56e1dafa71b06d1cff7383220862d"}) as unknown as TypedDocumentString<VersionsNodeQuery, VersionsNodeQueryVariables>;
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
    `, {"hash":"sha256:d79a9586b4d2fc48ff1b640117a9c04d51d489dca692b446a727f5f027665b5a"}) as unknown as TypedDocumentString<VersionsOfImageQuery, VersionsOfImageQueryVariables>;