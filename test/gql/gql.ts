/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation ThroughputCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n": typeof types.ThroughputCreateImageDocument,
    "\n  mutation ThroughputBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } }\n  }\n": typeof types.ThroughputBuildDocument,
    "\n  subscription ThroughputLogs($buildId: ID!, $fromLine: Int!) {\n    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text createdAt }\n  }\n": typeof types.ThroughputLogsDocument,
    "\n  mutation SubscribersCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n": typeof types.SubscribersCreateImageDocument,
    "\n  mutation SubscribersBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } }\n  }\n": typeof types.SubscribersBuildDocument,
    "\n  subscription SubscribersLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { lineNo text createdAt }\n  }\n": typeof types.SubscribersLogsDocument,
    "\n  query SubscribersStored($id: ID!) {\n    build(id: $id) { state logLines(first: 1) { totalCount } }\n  }\n": typeof types.SubscribersStoredDocument,
    "\n  mutation AuditCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": typeof types.AuditCreateImageDocument,
    "\n  mutation AuditUpdateImage($input: UpdateImageInput!) {\n    updateImage(input: $input) { image { id } }\n  }\n": typeof types.AuditUpdateImageDocument,
    "\n  mutation AuditAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } }\n  }\n": typeof types.AuditAddRegistryDocument,
    "\n  mutation AuditCreateToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) { token }\n  }\n": typeof types.AuditCreateTokenDocument,
    "\n  query AuditLogQuery($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id at actorName actorId tokenId address action targetId imageId outcome detail }\n    }\n  }\n": typeof types.AuditLogQueryDocument,
    "\n  subscription AuditEventsFeed {\n    auditEvents { action actorName outcome imageId }\n  }\n": typeof types.AuditEventsFeedDocument,
    "\n  query AuthViewerToken {\n    viewerToken { id name lastUsedAt lastUsedAddress }\n  }\n": typeof types.AuthViewerTokenDocument,
    "\n  query AuthViewer {\n    viewer { id name isAdmin }\n  }\n": typeof types.AuthViewerDocument,
    "\n  query AuthViewerTokens {\n    viewer {\n      name\n      apiTokens { totalCount nodes { id name prefix createdAt expiresAt lastUsedAt revokedAt } }\n    }\n  }\n": typeof types.AuthViewerTokensDocument,
    "\n  query AuthUserTokens($id: ID!) {\n    node(id: $id) {\n      ... on User { name apiTokens { totalCount nodes { id name } } }\n    }\n  }\n": typeof types.AuthUserTokensDocument,
    "\n  query AuthUserTokenCount($id: ID!) {\n    node(id: $id) {\n      ... on User { apiTokens { totalCount } }\n    }\n  }\n": typeof types.AuthUserTokenCountDocument,
    "\n  query AuthTokenNode($id: ID!) {\n    node(id: $id) { id ... on ApiToken { name prefix revokedAt } }\n  }\n": typeof types.AuthTokenNodeDocument,
    "\n  mutation AuthCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user { id name isAdmin }\n      token\n      userErrors { field message code }\n    }\n  }\n": typeof types.AuthCreateUserDocument,
    "\n  mutation AuthCreateToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      apiToken { id name prefix expiresAt revokedAt }\n      token\n      userErrors { field message code }\n    }\n  }\n": typeof types.AuthCreateTokenDocument,
    "\n  mutation AuthRevokeToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      apiToken { id name revokedAt }\n      userErrors { field message code }\n    }\n  }\n": typeof types.AuthRevokeTokenDocument,
    "\n  query AuthUserProfile($id: ID!) {\n    node(id: $id) { id ... on User { name isAdmin createdAt } }\n  }\n": typeof types.AuthUserProfileDocument,
    "\n  query AuthReachableUsers($imageId: ID!, $buildId: ID!) {\n    image: node(id: $imageId) { ... on Image { owner { name isAdmin } } }\n    build: node(id: $buildId) { ... on Build { requestedBy { name isAdmin } } }\n  }\n": typeof types.AuthReachableUsersDocument,
    "\n  mutation BadInputCreate($input: CreateImageInput!) {\n    createImage(input: $input) {\n      image { name metadata }\n      userErrors { field message code }\n    }\n  }\n": typeof types.BadInputCreateDocument,
    "\n  mutation BadInputUpdate($input: UpdateImageInput!) {\n    updateImage(input: $input) {\n      image { name metadata }\n      userErrors { field message code }\n    }\n  }\n": typeof types.BadInputUpdateDocument,
    "\n  query BadInputPage($first: Int) {\n    images(first: $first) { totalCount }\n  }\n": typeof types.BadInputPageDocument,
    "\n  mutation BadInputToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      userErrors { field message code }\n    }\n  }\n": typeof types.BadInputTokenDocument,
    "\n  query BadInputImage($name: String) {\n    image(name: $name) { name }\n  }\n": typeof types.BadInputImageDocument,
    "\n  query BadInputCategories {\n    categories { totalCount }\n  }\n": typeof types.BadInputCategoriesDocument,
    "\n  query BootstrapViewer {\n    viewer { name isAdmin }\n  }\n": typeof types.BootstrapViewerDocument,
    "\n  subscription BuildLogFollow($buildId: ID!, $fromLine: Int!) {\n    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text createdAt }\n  }\n": typeof types.BuildLogFollowDocument,
    "\n  subscription StepsProgress($buildId: ID!, $fromEvent: Int!) {\n    buildProgress(buildId: $buildId, fromEvent: $fromEvent) { eventNo kind stepNumber stepName stream text }\n  }\n": typeof types.StepsProgressDocument,
    "\n  query StepsOfBuild($id: ID!) {\n    build(id: $id) { steps { number attempt name state durationMs errorMessage logLines(first: 20) { totalCount nodes { text kind } } } }\n  }\n": typeof types.StepsOfBuildDocument,
    "\n  query BuildsBuild($id: ID!) {\n    build(id: $id) {\n      id\n      state\n      targetTag\n      dockerfilePath\n      errorMessage\n      createdAt\n      startedAt\n      finishedAt\n      image { id name }\n      version { id version }\n      requestedBy { id name }\n      logLines(first: 2) { totalCount nodes { lineNo } }\n    }\n  }\n": typeof types.BuildsBuildDocument,
    "\n  query BuildsLog($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    build(id: $id) {\n      logLines(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        edges { cursor node { lineNo stream text createdAt } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n": typeof types.BuildsLogDocument,
    "\n  query BuildsNode($id: ID!) {\n    node(id: $id) { id ... on Build { targetTag } }\n  }\n": typeof types.BuildsNodeDocument,
    "\n  query BuildsOfImage($id: ID!, $first: Int, $after: String) {\n    image(id: $id) {\n      builds(first: $first, after: $after) {\n        totalCount\n        nodes { targetTag state version { version } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.BuildsOfImageDocument,
    "\n  mutation BuildsCancel($input: CancelBuildInput!) {\n    cancelBuild(input: $input) { build { id state finishedAt image { state } } userErrors { field message code } }\n  }\n": typeof types.BuildsCancelDocument,
    "\n  subscription BuildsUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": typeof types.BuildsUpdatedDocument,
    "\n  query CategoriesList($first: Int, $after: String) {\n    categories(first: $first, after: $after) {\n      totalCount\n      nodes { id name createdAt }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.CategoriesListDocument,
    "\n  mutation CategoriesCreate($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      category { id name createdAt }\n      userErrors { field message code }\n    }\n  }\n": typeof types.CategoriesCreateDocument,
    "\n  mutation CategoriesDelete($input: DeleteCategoryInput!) {\n    deleteCategory(input: $input) {\n      deletedCategoryId\n      userErrors { field message code }\n    }\n  }\n": typeof types.CategoriesDeleteDocument,
    "\n  query CategoriesOfImage($name: String!) {\n    image(name: $name) { name categories { totalCount nodes { name } } }\n  }\n": typeof types.CategoriesOfImageDocument,
    "\n  mutation LoadCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) {\n      image { id name }\n      userErrors { field message code }\n    }\n  }\n": typeof types.LoadCreateImageDocument,
    "\n  mutation LoadTagImage($input: TagsInput!) {\n    tagImage(input: $input) {\n      tags { name }\n      userErrors { field message code }\n    }\n  }\n": typeof types.LoadTagImageDocument,
    "\n  query EnginesList {\n    dockerEngines { name host reachable error capacity runningJobs labels draining checkedAt }\n  }\n": typeof types.EnginesListDocument,
    "\n  query EnginesPrimary {\n    dockerEngine { name host reachable }\n  }\n": typeof types.EnginesPrimaryDocument,
    "\n  mutation EnginesAdd($input: AddDockerEngineInput!) {\n    addDockerEngine(input: $input) {\n      dockerEngine { name host reachable error capacity runningJobs labels draining checkedAt }\n      userErrors { field message code }\n    }\n  }\n": typeof types.EnginesAddDocument,
    "\n  mutation EnginesUpdate($input: UpdateDockerEngineInput!) {\n    updateDockerEngine(input: $input) {\n      dockerEngine { name host capacity labels draining runningJobs }\n      userErrors { field message code }\n    }\n  }\n": typeof types.EnginesUpdateDocument,
    "\n  mutation EnginesRemove($input: RemoveDockerEngineInput!) {\n    removeDockerEngine(input: $input) {\n      removedName\n      userErrors { field message code }\n    }\n  }\n": typeof types.EnginesRemoveDocument,
    "\n  mutation EnginesBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": typeof types.EnginesBuildDocument,
    "\n  query EnginesBuildFields($id: ID!) {\n    build(id: $id) { attempt engineName engineLabels }\n  }\n": typeof types.EnginesBuildFieldsDocument,
    "\n  query EnginesTagFields($id: ID!) {\n    node(id: $id) { ... on Tag { name engineName } }\n  }\n": typeof types.EnginesTagFieldsDocument,
    "\n  mutation KitCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": typeof types.KitCreateImageDocument,
    "\n  mutation KitBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": typeof types.KitBuildDocument,
    "\n  subscription KitBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": typeof types.KitBuildUpdatedDocument,
    "\n  subscription KitProgress($buildId: ID!, $fromEvent: Int!) {\n    buildProgress(buildId: $buildId, fromEvent: $fromEvent) { eventNo kind stepNumber stepName stream text at }\n  }\n": typeof types.KitProgressDocument,
    "\n  subscription KitBuildLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { lineNo stream text }\n  }\n": typeof types.KitBuildLogsDocument,
    "\n  query KitResult($id: ID!) {\n    build(id: $id) {\n      state errorMessage builder target noCache platform secretIds startedAt finishedAt\n      labels { name value }\n      steps { number attempt name digest state startedAt finishedAt durationMs errorMessage logLines(first: 50) { nodes { lineNo kind text } } }\n      logLines(first: 500) { nodes { lineNo stream text stepNumber kind } }\n      image { tags { nodes { name digest } } }\n    }\n  }\n": typeof types.KitResultDocument,
    "\n  mutation KitPrune($input: PruneBuildCacheInput!) {\n    pruneBuildCache(input: $input) { removedCount reclaimedBytes userErrors { field code message } }\n  }\n": typeof types.KitPruneDocument,
    "\n  query KitEngine {\n    dockerEngine { reachable builder }\n  }\n": typeof types.KitEngineDocument,
    "\n  mutation EngineCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": typeof types.EngineCreateImageDocument,
    "\n  mutation EngineBuild($input: BuildImageInput!) {\n    buildImage(input: $input) {\n      build { id state targetTag createdAt }\n      userErrors { field message code }\n    }\n  }\n": typeof types.EngineBuildDocument,
    "\n  mutation EngineCancel($input: CancelBuildInput!) {\n    cancelBuild(input: $input) { build { id state } userErrors { field message code } }\n  }\n": typeof types.EngineCancelDocument,
    "\n  subscription EngineBuildLogs($buildId: ID!, $fromLine: Int!) {\n    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text }\n  }\n": typeof types.EngineBuildLogsDocument,
    "\n  subscription EngineChattyLogs($buildId: ID!, $fromLine: Int!) {\n    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text createdAt }\n  }\n": typeof types.EngineChattyLogsDocument,
    "\n  subscription EngineBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": typeof types.EngineBuildUpdatedDocument,
    "\n  subscription EngineImageUpdated($imageId: ID!) {\n    imageUpdated(imageId: $imageId) { name state tags { nodes { name } } }\n  }\n": typeof types.EngineImageUpdatedDocument,
    "\n  query EngineBuildResult($id: ID!) {\n    build(id: $id) {\n      state errorMessage startedAt finishedAt targetTag\n      logLines(first: 100) { totalCount nodes { lineNo text } }\n      image { state lastBuildDate tags { nodes { name digest sizeBytes build { id } } } }\n    }\n  }\n": typeof types.EngineBuildResultDocument,
    "\n  query EngineStatus {\n    dockerEngine { reachable host version apiVersion storageDriver imageCount error }\n  }\n": typeof types.EngineStatusDocument,
    "\n  mutation EngDelCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name } userErrors { code } }\n  }\n": typeof types.EngDelCreateImageDocument,
    "\n  mutation EngDelBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": typeof types.EngDelBuildDocument,
    "\n  subscription EngDelBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": typeof types.EngDelBuildUpdatedDocument,
    "\n  mutation EngDelTag($input: TagsInput!) {\n    tagImage(input: $input) { userErrors { field message code } }\n  }\n": typeof types.EngDelTagDocument,
    "\n  mutation EngDelDelete($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { field message code } }\n  }\n": typeof types.EngDelDeleteDocument,
    "\n  query EngDelUsage($id: ID!) {\n    image(id: $id) { inUse containers { id name state status imageReference createdAt } }\n  }\n": typeof types.EngDelUsageDocument,
    "\n  query EngDelUsageList($nameContains: String!) {\n    images(first: 50, filter: { nameContains: $nameContains }, orderBy: { field: NAME, direction: ASC }) {\n      nodes { name inUse containers { name } }\n    }\n  }\n": typeof types.EngDelUsageListDocument,
    "\n  mutation RefsAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { code message } }\n  }\n": typeof types.RefsAddRegistryDocument,
    "\n  mutation RefsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name } userErrors { code } }\n  }\n": typeof types.RefsCreateImageDocument,
    "\n  mutation RefsBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": typeof types.RefsBuildDocument,
    "\n  subscription RefsBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state errorMessage }\n  }\n": typeof types.RefsBuildUpdatedDocument,
    "\n  mutation RefsPull($input: PullImageInput!) {\n    pullImage(input: $input) { pull { id registry { id } } userErrors { field message code } }\n  }\n": typeof types.RefsPullDocument,
    "\n  subscription RefsPullProgress($pullId: ID!) {\n    pullProgress(pullId: $pullId) { status pull { state errorMessage image { id name } tag { id name digest } } }\n  }\n": typeof types.RefsPullProgressDocument,
    "\n  mutation RefsImport($input: ImportLocalImageInput!) {\n    importLocalImage(input: $input) {\n      image { id name }\n      tag { id name digest details { id } }\n      userErrors { field message code }\n    }\n  }\n": typeof types.RefsImportDocument,
    "\n  query RefsImageTags($id: ID!) {\n    image(id: $id) { name tags(first: 20) { nodes { id name digest engineReference details { id digest repoDigests } } } }\n  }\n": typeof types.RefsImageTagsDocument,
    "\n  query RefsLocalImages($after: String) {\n    localImages(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id repoTags inCatalog } }\n  }\n": typeof types.RefsLocalImagesDocument,
    "\n  mutation RefsTag($input: TagsInput!) {\n    tagImage(input: $input) { tags { name digest } userErrors { field message code } }\n  }\n": typeof types.RefsTagDocument,
    "\n  mutation RefsUntag($input: TagsInput!) {\n    untagImage(input: $input) { removedTags userErrors { field message code } }\n  }\n": typeof types.RefsUntagDocument,
    "\n  mutation RefsDelete($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { field message code } }\n  }\n": typeof types.RefsDeleteDocument,
    "\n  mutation RefsPush($input: PushImageInput!) {\n    pushImage(input: $input) { push { id reference } userErrors { field message code } }\n  }\n": typeof types.RefsPushDocument,
    "\n  subscription RefsPushProgress($pushId: ID!) {\n    pushProgress(pushId: $pushId) { status push { state errorMessage digest } }\n  }\n": typeof types.RefsPushProgressDocument,
    "\n  query RefsRemoteTags($reference: String!) {\n    remoteTags(reference: $reference, first: 50) { nodes { name reference installed } }\n  }\n": typeof types.RefsRemoteTagsDocument,
    "\n  mutation RefsSetRetention($input: SetRetentionPoliciesInput!) {\n    setRetentionPolicies(input: $input) { userErrors { field code message } }\n  }\n": typeof types.RefsSetRetentionDocument,
    "\n  mutation RefsApplyRetention($input: ApplyRetentionInput!) {\n    applyRetention(input: $input) { removed { tagName removed engine } userErrors { field code message } }\n  }\n": typeof types.RefsApplyRetentionDocument,
    "\n  mutation EngTagsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name } userErrors { code } }\n  }\n": typeof types.EngTagsCreateImageDocument,
    "\n  mutation EngTagsBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": typeof types.EngTagsBuildDocument,
    "\n  subscription EngTagsBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": typeof types.EngTagsBuildUpdatedDocument,
    "\n  mutation EngTagsTag($input: TagsInput!) {\n    tagImage(input: $input) {\n      tags { name digest sizeBytes }\n      userErrors { field message code }\n    }\n  }\n": typeof types.EngTagsTagDocument,
    "\n  mutation EngTagsUntag($input: TagsInput!) {\n    untagImage(input: $input) { removedTags userErrors { field message code } }\n  }\n": typeof types.EngTagsUntagDocument,
    "\n  query EngTagsDetails($id: ID!) {\n    image(id: $id) {\n      tags(first: 10) {\n        nodes {\n          name\n          details {\n            id digest repoDigests sizeBytes created architecture os layers env cmd entrypoint exposedPorts\n            labels { name value }\n            history { created createdBy comment emptyLayer }\n          }\n        }\n      }\n    }\n  }\n": typeof types.EngTagsDetailsDocument,
    "\n  query GitDeliveries($id: ID!, $first: Int) {\n    image(id: $id) { buildSource { deliveries(first: $first) { deliveryId event state attempt error builds { id targetTag } } } }\n  }\n": typeof types.GitDeliveriesDocument,
    "\n  mutation GitCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id name } userErrors { code } } }\n": typeof types.GitCreateImageDocument,
    "\n  mutation GitSetSource($input: SetBuildSourceInput!) {\n    setBuildSource(input: $input) {\n      webhookSecret\n      image { buildSource { repositoryUrl autotests testCommand webhookPath buildSettings { branch tag dockerfilePath autobuild } } }\n      userErrors { field message code }\n    }\n  }\n": typeof types.GitSetSourceDocument,
    "\n  mutation GitTrigger($input: TriggerBuildInput!) {\n    triggerBuild(input: $input) { builds { id targetTag branch commitSha commitMessage trigger state } userErrors { field message code } }\n  }\n": typeof types.GitTriggerDocument,
    "\n  query GitBuild($id: ID!) {\n    build(id: $id) { state errorMessage trigger commitSha testsPassed pullRequest targetTag logLines(first: 100) { nodes { stream text } } }\n  }\n": typeof types.GitBuildDocument,
    "\n  query GitTags($id: ID!) { node(id: $id) { ... on Image { tags { nodes { name digest } } } } }\n": typeof types.GitTagsDocument,
    "\n  mutation GitRemoveSource($input: BuildSourceImageInput!) { removeBuildSource(input: $input) { image { buildSource { repositoryUrl } } userErrors { field code } } }\n": typeof types.GitRemoveSourceDocument,
    "\n  mutation GitProtect($input: ProtectTagInput!) { protectTag(input: $input) { tag { protected } userErrors { code } } }\n": typeof types.GitProtectDocument,
    "\n  query GitSourceOf($id: ID!) { node(id: $id) { ... on Image { buildSource { repositoryUrl } } } }\n": typeof types.GitSourceOfDocument,
    "\n  query GitImageState($id: ID!) { node(id: $id) { ... on Image { state } } }\n": typeof types.GitImageStateDocument,
    "\n  mutation BrowserCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n": typeof types.BrowserCreateImageDocument,
    "\n  mutation BrowserBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { message } }\n  }\n": typeof types.BrowserBuildDocument,
    "\n  subscription EngEventsImageUpdated($imageId: ID!) {\n    imageUpdated(imageId: $imageId) {\n      name state\n      tags { nodes { id name digest pushedDigest } }\n    }\n  }\n": typeof types.EngEventsImageUpdatedDocument,
    "\n  mutation EngEventsCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id } userErrors { code } } }\n": typeof types.EngEventsCreateImageDocument,
    "\n  mutation EngEventsAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { code } } }\n": typeof types.EngEventsAddRegistryDocument,
    "\n  mutation EngEventsImport($input: ImportLocalImageInput!) { importLocalImage(input: $input) { tag { id } userErrors { code message } } }\n": typeof types.EngEventsImportDocument,
    "\n  mutation EngEventsTag($input: TagsInput!) { tagImage(input: $input) { userErrors { code message } } }\n": typeof types.EngEventsTagDocument,
    "\n  mutation EngEventsUntag($input: TagsInput!) { untagImage(input: $input) { userErrors { code message } } }\n": typeof types.EngEventsUntagDocument,
    "\n  mutation EngEventsPush($input: PushImageInput!) { pushImage(input: $input) { push { id } userErrors { code message } } }\n": typeof types.EngEventsPushDocument,
    "\n  subscription EngEventsPushFollow($pushId: ID!) { pushProgress(pushId: $pushId) { push { state errorMessage digest } } }\n": typeof types.EngEventsPushFollowDocument,
    "\n  mutation EngEventsPull($input: PullImageInput!) { pullImage(input: $input) { pull { id } userErrors { code message } } }\n": typeof types.EngEventsPullDocument,
    "\n  subscription EngEventsPullFollow($pullId: ID!) { pullProgress(pullId: $pullId) { pull { state errorMessage } } }\n": typeof types.EngEventsPullFollowDocument,
    "\n  mutation EngEventsSetRetention($input: SetRetentionPoliciesInput!) { setRetentionPolicies(input: $input) { userErrors { code message } } }\n": typeof types.EngEventsSetRetentionDocument,
    "\n  mutation EngEventsApplyRetention($input: ApplyRetentionInput!) {\n    applyRetention(input: $input) { removed { tagName removed engine registry } userErrors { code message } }\n  }\n": typeof types.EngEventsApplyRetentionDocument,
    "\n  mutation EngEventsDelete($input: DeleteImageInput!) { deleteImage(input: $input) { deletedImageId userErrors { code message } } }\n": typeof types.EngEventsDeleteDocument,
    "\n  query LocalImgList($first: Int, $after: String) {\n    localImages(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { id repoTags sizeBytes created inCatalog } }\n    }\n  }\n": typeof types.LocalImgListDocument,
    "\n  query LocalImgPages($after: String!, $before: String!) {\n    all: localImages(first: 4) { totalCount nodes { id } }\n    second: localImages(first: 2, after: $after) { nodes { id } pageInfo { hasPreviousPage hasNextPage } }\n    lastBefore: localImages(last: 1, before: $before) { nodes { id } }\n  }\n": typeof types.LocalImgPagesDocument,
    "\n  mutation LocalImgImport($input: ImportLocalImageInput!) {\n    importLocalImage(input: $input) {\n      image { id name isPrivate owner { name } }\n      tag { name digest sizeBytes reference details { id } build { id } }\n      userErrors { field message code }\n    }\n  }\n": typeof types.LocalImgImportDocument,
    "\n  mutation PullsStart($input: PullImageInput!) {\n    pullImage(input: $input) {\n      pull { id reference state progress registry { id } requestedBy { name } }\n      userErrors { field message code }\n    }\n  }\n": typeof types.PullsStartDocument,
    "\n  subscription PullsProgress($pullId: ID!) {\n    pullProgress(pullId: $pullId) {\n      layer status current total fraction\n      pull {\n        state errorMessage progress\n        image { name isPrivate owner { name } registry { id } tags { nodes { name digest sizeBytes } } }\n        tag { name digest }\n      }\n    }\n  }\n": typeof types.PullsProgressDocument,
    "\n  query PullsList($first: Int, $after: String) {\n    pulls(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id reference state progress errorMessage startedAt finishedAt layers { layer status current total } requestedBy { name } }\n    }\n  }\n": typeof types.PullsListDocument,
    "\n  query PullsOne($id: ID!) {\n    pull(id: $id) { id state reference errorMessage image { name } tag { name } }\n  }\n": typeof types.PullsOneDocument,
    "\n  mutation PullsAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { code } }\n  }\n": typeof types.PullsAddRegistryDocument,
    "\n  query PullsImageByName($name: String!) {\n    image(name: $name) { id }\n  }\n": typeof types.PullsImageByNameDocument,
    "\n  mutation PullsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": typeof types.PullsCreateImageDocument,
    "\n  mutation PushAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { code } }\n  }\n": typeof types.PushAddRegistryDocument,
    "\n  mutation PushImport($input: ImportLocalImageInput!) {\n    importLocalImage(input: $input) { image { id name } tag { id name digest } userErrors { code message } }\n  }\n": typeof types.PushImportDocument,
    "\n  mutation PushStart($input: PushImageInput!) {\n    pushImage(input: $input) {\n      push { id reference state registry { name } requestedBy { name } tag { name } }\n      userErrors { field message code }\n    }\n  }\n": typeof types.PushStartDocument,
    "\n  subscription PushFollow($pushId: ID!) {\n    pushProgress(pushId: $pushId) {\n      layer status current total fraction\n      push { state digest errorMessage progress finishedAt tag { name pushedDigest pushedAt pushedRegistry { name } } }\n    }\n  }\n": typeof types.PushFollowDocument,
    "\n  mutation PushPull($input: PullImageInput!) {\n    pullImage(input: $input) { pull { id registry { name } } userErrors { code message } }\n  }\n": typeof types.PushPullDocument,
    "\n  subscription PushPullFollow($pullId: ID!) {\n    pullProgress(pullId: $pullId) { status pull { state errorMessage tag { id digest } } }\n  }\n": typeof types.PushPullFollowDocument,
    "\n  query PushRead($id: ID!) {\n    push(id: $id) { id state digest errorMessage }\n    pushes(first: 50) { totalCount nodes { id } }\n  }\n": typeof types.PushReadDocument,
    "\n  query PushInspect($reference: String!) {\n    remoteInspect(reference: $reference) { digest mediaType image { digest layers { digest } } }\n  }\n": typeof types.PushInspectDocument,
    "\n  query PushUpdateCheck($id: ID!, $maxAge: Int) {\n    node(id: $id) {\n      ... on Tag {\n        updateAvailable\n        updateCheck(maxAgeSeconds: $maxAge) { registry { name } localDigest remoteDigest updateAvailable comparedAt errorCode errorMessage }\n      }\n    }\n  }\n": typeof types.PushUpdateCheckDocument,
    "\n  mutation RecoveryCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n": typeof types.RecoveryCreateImageDocument,
    "\n  mutation RecoveryBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { message } }\n  }\n": typeof types.RecoveryBuildDocument,
    "\n  query RecoveryBuildState($id: ID!) {\n    build(id: $id) { state attempt errorMessage image { state } logLines(first: 100) { nodes { text } } steps { attempt name state errorMessage } }\n  }\n": typeof types.RecoveryBuildStateDocument,
    "\n  subscription RecoveryBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state errorMessage }\n  }\n": typeof types.RecoveryBuildUpdatedDocument,
    "\n  subscription RecoveryLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { text }\n  }\n": typeof types.RecoveryLogsDocument,
    "query RecoveryEngine { dockerEngine { reachable } }": typeof types.RecoveryEngineDocument,
    "\n  query PingByUrl($url: String!, $trust: Boolean) {\n    pingRegistry(url: $url, trustSelfSignedCert: $trust) { url reachable apiVersion authRequired authScheme authenticated errorCode errorMessage latencyMs }\n  }\n": typeof types.PingByUrlDocument,
    "\n  query PingById($id: ID!) {\n    pingRegistry(id: $id) { reachable authRequired authScheme authenticated errorCode errorMessage }\n  }\n": typeof types.PingByIdDocument,
    "\n  query PingBoth($id: ID!, $url: String!) {\n    pingRegistry(id: $id, url: $url) { reachable }\n  }\n": typeof types.PingBothDocument,
    "\n  mutation PingAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { code } }\n  }\n": typeof types.PingAddRegistryDocument,
    "\n  query TransportTags($reference: String!) { remoteTags(reference: $reference) { nodes { name } } }\n": typeof types.TransportTagsDocument,
    "\n  mutation TransportAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { code } } }\n": typeof types.TransportAddRegistryDocument,
    "\n  mutation TransportUpdateRegistry($input: UpdateRegistryInput!) { updateRegistry(input: $input) { userErrors { code } } }\n": typeof types.TransportUpdateRegistryDocument,
    "\n  mutation RemoteAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { field message code } } }\n": typeof types.RemoteAddRegistryDocument,
    "\n  mutation RemoteCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id } userErrors { field message code } } }\n": typeof types.RemoteCreateImageDocument,
    "\n  query RemoteTagsList($reference: String!, $registryId: ID, $first: Int, $after: String) {\n    remoteTags(reference: $reference, registryId: $registryId, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n      nodes { name reference installed }\n    }\n  }\n": typeof types.RemoteTagsListDocument,
    "\n  query RemoteInspectImage($reference: String!, $registryId: ID, $platform: String) {\n    remoteInspect(reference: $reference, registryId: $registryId, platform: $platform) {\n      reference digest mediaType size isIndex registry { name }\n      platforms { os architecture variant digest mediaType size }\n      image {\n        digest mediaType size totalSize os architecture env cmd entrypoint exposedPorts\n        config { digest mediaType size } layers { digest mediaType size } labels { name value }\n      }\n    }\n  }\n": typeof types.RemoteInspectImageDocument,
    "\n  query RemoteSearch($depot: SearchDepot!, $registryId: ID, $text: String, $first: Int, $after: String) {\n    searchImages(depot: $depot, registryId: $registryId, text: $text, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { name depot description starCount official automated installed installedTags registry { name } image { name } }\n    }\n  }\n": typeof types.RemoteSearchDocument,
    "\n  mutation RetentionCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id name } userErrors { code } } }\n": typeof types.RetentionCreateImageDocument,
    "\n  mutation RetentionSet($input: SetRetentionPoliciesInput!) {\n    setRetentionPolicies(input: $input) { image { retentionPolicies { rule keepLast olderThanDays tagPattern } } userErrors { field code message } }\n  }\n": typeof types.RetentionSetDocument,
    "\n  query RetentionPolicies($id: ID!) { image(id: $id) { retentionPolicies { rule keepLast olderThanDays tagPattern } } }\n": typeof types.RetentionPoliciesDocument,
    "\n  query RetentionPreviewOf($imageId: ID!) {\n    retentionPreview(imageId: $imageId) {\n      remove { tag { name } reasons { rule description } }\n      protectedTags { tag { name protected } reasons { rule description } }\n    }\n  }\n": typeof types.RetentionPreviewOfDocument,
    "\n  mutation RetentionApply($input: ApplyRetentionInput!) {\n    applyRetention(input: $input) {\n      removed { tagName digest removed engine registry detail reasons { rule } }\n      userErrors { field code message }\n    }\n  }\n": typeof types.RetentionApplyDocument,
    "\n  mutation RetentionImport($input: ImportLocalImageInput!) {\n    importLocalImage(input: $input) { image { id } tag { id name } userErrors { field code message } }\n  }\n": typeof types.RetentionImportDocument,
    "\n  mutation RetentionTag($input: TagsInput!) { tagImage(input: $input) { tags { name } userErrors { field code message } } }\n": typeof types.RetentionTagDocument,
    "\n  mutation RetentionUntag($input: TagsInput!) { untagImage(input: $input) { removedTags userErrors { field code message } } }\n": typeof types.RetentionUntagDocument,
    "\n  mutation RetentionDelete($input: DeleteImageInput!) { deleteImage(input: $input) { deletedImageId userErrors { field code message } } }\n": typeof types.RetentionDeleteDocument,
    "\n  mutation RetentionProtect($input: ProtectTagInput!) { protectTag(input: $input) { tag { name protected } userErrors { field code message } } }\n": typeof types.RetentionProtectDocument,
    "\n  mutation RetentionUnprotect($input: ProtectTagInput!) { unprotectTag(input: $input) { tag { name protected } userErrors { field code message } } }\n": typeof types.RetentionUnprotectDocument,
    "\n  mutation RetentionBuild($input: BuildImageInput!) { buildImage(input: $input) { build { id } userErrors { field code message } } }\n": typeof types.RetentionBuildDocument,
    "\n  subscription RetentionBuildUpdated($buildId: ID!) { buildUpdated(buildId: $buildId) { state } }\n": typeof types.RetentionBuildUpdatedDocument,
    "\n  mutation RetentionPull($input: PullImageInput!) { pullImage(input: $input) { pull { id } userErrors { field code message } } }\n": typeof types.RetentionPullDocument,
    "\n  mutation RetentionAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { code } } }\n": typeof types.RetentionAddRegistryDocument,
    "\n  mutation RetentionPush($input: PushImageInput!) { pushImage(input: $input) { push { id } userErrors { code message } } }\n": typeof types.RetentionPushDocument,
    "\n  subscription RetentionPushFollow($pushId: ID!) { pushProgress(pushId: $pushId) { push { state errorMessage digest } } }\n": typeof types.RetentionPushFollowDocument,
    "\n  mutation ScaleCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": typeof types.ScaleCreateImageDocument,
    "\n  mutation ScaleBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": typeof types.ScaleBuildDocument,
    "\n  query ScaleBuildState($id: ID!) {\n    build(id: $id) { state attempt engineName errorMessage logLines(first: 500) { nodes { lineNo stream text } } }\n  }\n": typeof types.ScaleBuildStateDocument,
    "\n  subscription ScaleBuildLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { lineNo stream text }\n  }\n": typeof types.ScaleBuildLogsDocument,
    "\n  query ScaleEngines {\n    dockerEngines { name reachable capacity runningJobs draining }\n  }\n": typeof types.ScaleEnginesDocument,
    "\n  mutation ScaleAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { field message } }\n  }\n": typeof types.ScaleAddRegistryDocument,
    "\n  mutation ScaleBuildFrom($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": typeof types.ScaleBuildFromDocument,
    "\n  query ScaleLocalImages($engine: String) {\n    localImages(engine: $engine, first: 100) { nodes { repoTags engineName } }\n  }\n": typeof types.ScaleLocalImagesDocument,
    "\n  mutation ScaleImportLocal($input: ImportLocalImageInput!) {\n    importLocalImage(input: $input) { tag { name engineName } userErrors { field code message } }\n  }\n": typeof types.ScaleImportLocalDocument,
    "\n  mutation ScaleUpdateEngine($input: UpdateDockerEngineInput!) {\n    updateDockerEngine(input: $input) { dockerEngine { name draining } userErrors { field message } }\n  }\n": typeof types.ScaleUpdateEngineDocument,
    "\n  mutation StopCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n": typeof types.StopCreateImageDocument,
    "\n  mutation StopBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } }\n  }\n": typeof types.StopBuildDocument,
    "\n  query StopBuildState($id: ID!) {\n    build(id: $id) { state attempt errorMessage logLines(first: 100) { nodes { text } } }\n  }\n": typeof types.StopBuildStateDocument,
    "\n  subscription StopBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": typeof types.StopBuildUpdatedDocument,
    "\n  subscription StopBuildLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { text }\n  }\n": typeof types.StopBuildLogsDocument,
    "\n  mutation StopAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } }\n  }\n": typeof types.StopAddRegistryDocument,
    "\n  query StopRemoteTags($reference: String!, $registryId: ID) {\n    remoteTags(reference: $reference, registryId: $registryId, first: 5) { nodes { name } }\n  }\n": typeof types.StopRemoteTagsDocument,
    "\n  mutation TracesCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": typeof types.TracesCreateImageDocument,
    "\n  mutation TracesBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id state } userErrors { code message } }\n  }\n": typeof types.TracesBuildDocument,
    "\n  subscription TracesBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": typeof types.TracesBuildUpdatedDocument,
    "\n  query TracesPing($url: String!) {\n    pingRegistry(url: $url) { reachable }\n  }\n": typeof types.TracesPingDocument,
    "\n  query TracesMissingBuild($id: ID!) {\n    build(id: $id) { id }\n  }\n": typeof types.TracesMissingBuildDocument,
    "\n  mutation TwoCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": typeof types.TwoCreateImageDocument,
    "\n  mutation TwoBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": typeof types.TwoBuildDocument,
    "\n  query TwoBuildState($id: ID!) {\n    build(id: $id) { state logLines(first: 100) { nodes { lineNo text } } }\n  }\n": typeof types.TwoBuildStateDocument,
    "\n  subscription TwoBuildLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { lineNo text createdAt }\n  }\n": typeof types.TwoBuildLogsDocument,
    "\n  mutation TwoCancel($input: CancelBuildInput!) {\n    cancelBuild(input: $input) { build { state } userErrors { field message code } }\n  }\n": typeof types.TwoCancelDocument,
    "\n  subscription TwoBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": typeof types.TwoBuildUpdatedDocument,
    "\n  mutation VersionBuildsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": typeof types.VersionBuildsCreateImageDocument,
    "\n  mutation VersionBuildsUpload($input: CreateVersionInput!) {\n    createVersion(input: $input) { version { id state } userErrors { field message code } }\n  }\n": typeof types.VersionBuildsUploadDocument,
    "\n  mutation VersionBuildsBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id targetTag } userErrors { field message code } }\n  }\n": typeof types.VersionBuildsBuildDocument,
    "\n  subscription VersionBuildsLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { text }\n  }\n": typeof types.VersionBuildsLogsDocument,
    "\n  query VersionBuildsVersion($id: ID!) {\n    version(id: $id) {\n      state sizeBytes\n      builds { totalCount nodes { state targetTag } }\n      image { tags { nodes { name digest sizeBytes } } }\n    }\n  }\n": typeof types.VersionBuildsVersionDocument,
    "\n  mutation StreamCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n": typeof types.StreamCreateImageDocument,
    "\n  mutation StreamUpdateImage($input: UpdateImageInput!) {\n    updateImage(input: $input) { image { id } userErrors { code } }\n  }\n": typeof types.StreamUpdateImageDocument,
    "\n  mutation StreamDeleteImage($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId }\n  }\n": typeof types.StreamDeleteImageDocument,
    "\n  subscription StreamImageUpdated($imageId: ID!) {\n    imageUpdated(imageId: $imageId) { name description }\n  }\n": typeof types.StreamImageUpdatedDocument,
    "\n  subscription EventsImageUpdated($imageId: ID!) {\n    imageUpdated(imageId: $imageId) {\n      name description isPrivate state starCount viewerHasStarred\n      categories { nodes { name } }\n      tags { nodes { name protected } }\n      retentionPolicies { rule tagPattern }\n      versions { nodes { version } }\n      buildSource { repositoryUrl }\n    }\n  }\n": typeof types.EventsImageUpdatedDocument,
    "\n  mutation EventsUpdateImage($input: UpdateImageInput!) {\n    updateImage(input: $input) { image { id } userErrors { field code } }\n  }\n": typeof types.EventsUpdateImageDocument,
    "\n  mutation EventsTag($input: TagsInput!) {\n    tagImage(input: $input) { userErrors { field code } }\n  }\n": typeof types.EventsTagDocument,
    "\n  mutation EventsUntag($input: TagsInput!) {\n    untagImage(input: $input) { userErrors { field code } }\n  }\n": typeof types.EventsUntagDocument,
    "\n  mutation EventsStar($input: ImageIdInput!) {\n    starImage(input: $input) { userErrors { field code } }\n  }\n": typeof types.EventsStarDocument,
    "\n  mutation EventsUnstar($input: ImageIdInput!) {\n    unstarImage(input: $input) { userErrors { field code } }\n  }\n": typeof types.EventsUnstarDocument,
    "\n  mutation EventsSetCategories($input: SetImageCategoriesInput!) {\n    setImageCategories(input: $input) { userErrors { field code } }\n  }\n": typeof types.EventsSetCategoriesDocument,
    "\n  mutation EventsCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) { category { id } userErrors { field code } }\n  }\n": typeof types.EventsCreateCategoryDocument,
    "\n  mutation EventsDeleteCategory($input: DeleteCategoryInput!) {\n    deleteCategory(input: $input) { userErrors { field code } }\n  }\n": typeof types.EventsDeleteCategoryDocument,
    "\n  mutation EventsProtect($input: ProtectTagInput!) {\n    protectTag(input: $input) { userErrors { field code } }\n  }\n": typeof types.EventsProtectDocument,
    "\n  mutation EventsUnprotect($input: ProtectTagInput!) {\n    unprotectTag(input: $input) { userErrors { field code } }\n  }\n": typeof types.EventsUnprotectDocument,
    "\n  mutation EventsSetRetention($input: SetRetentionPoliciesInput!) {\n    setRetentionPolicies(input: $input) { userErrors { field code } }\n  }\n": typeof types.EventsSetRetentionDocument,
    "\n  mutation EventsApplyRetention($input: ApplyRetentionInput!) {\n    applyRetention(input: $input) { removed { tagName } userErrors { field code } }\n  }\n": typeof types.EventsApplyRetentionDocument,
    "\n  mutation EventsCreateVersion($input: CreateVersionInput!) {\n    createVersion(input: $input) { version { version } userErrors { field code } }\n  }\n": typeof types.EventsCreateVersionDocument,
    "\n  mutation EventsSetBuildSource($input: SetBuildSourceInput!) {\n    setBuildSource(input: $input) { userErrors { field code } }\n  }\n": typeof types.EventsSetBuildSourceDocument,
    "\n  mutation EventsRemoveBuildSource($input: BuildSourceImageInput!) {\n    removeBuildSource(input: $input) { userErrors { field code } }\n  }\n": typeof types.EventsRemoveBuildSourceDocument,
    "\n  mutation EventsDelete($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { field code } }\n  }\n": typeof types.EventsDeleteDocument,
    "\n  mutation ImagesDeleteDelete($input: DeleteImageInput!) {\n    deleteImage(input: $input) {\n      deletedImageId\n      userErrors { field message code }\n    }\n  }\n": typeof types.ImagesDeleteDeleteDocument,
    "\n  mutation ImagesDeleteSetCategories($input: SetImageCategoriesInput!) {\n    setImageCategories(input: $input) {\n      image { name categories { totalCount nodes { name } } }\n      userErrors { field message code }\n    }\n  }\n": typeof types.ImagesDeleteSetCategoriesDocument,
    "\n  mutation ImagesDeleteStar($input: ImageIdInput!) {\n    starImage(input: $input) {\n      image { name starCount viewerHasStarred }\n      userErrors { field message code }\n    }\n  }\n": typeof types.ImagesDeleteStarDocument,
    "\n  mutation ImagesDeleteUnstar($input: ImageIdInput!) {\n    unstarImage(input: $input) {\n      image { name starCount viewerHasStarred }\n      userErrors { field message code }\n    }\n  }\n": typeof types.ImagesDeleteUnstarDocument,
    "\n  query ImagesDeleteStarred($id: ID!) {\n    image(id: $id) { starCount viewerHasStarred }\n  }\n": typeof types.ImagesDeleteStarredDocument,
    "\n  query ImagesPaginationPage(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: ImageFilter\n    $orderBy: ImageOrder\n  ) {\n    images(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { name } }\n    }\n  }\n": typeof types.ImagesPaginationPageDocument,
    "\n  query ImagesQueryById($id: ID) {\n    image(id: $id) { id name isPrivate owner { name } }\n  }\n": typeof types.ImagesQueryByIdDocument,
    "\n  query ImagesQueryByName($name: String) {\n    image(name: $name) { id name }\n  }\n": typeof types.ImagesQueryByNameDocument,
    "\n  query ImagesQueryByBoth($id: ID, $name: String) {\n    image(id: $id, name: $name) { id }\n  }\n": typeof types.ImagesQueryByBothDocument,
    "\n  query ImagesQueryList($filter: ImageFilter, $orderBy: ImageOrder) {\n    images(filter: $filter, orderBy: $orderBy, first: 100) {\n      totalCount\n      nodes { name }\n    }\n  }\n": typeof types.ImagesQueryListDocument,
    "\n  query ImagesQueryNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Image { name }\n      ... on Tag { name }\n      ... on Version { version }\n      ... on Build { targetTag }\n    }\n  }\n": typeof types.ImagesQueryNodeDocument,
    "\n  query ImagesQueryNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n    }\n  }\n": typeof types.ImagesQueryNodesDocument,
    "\n  query ImagesStateOne($name: String!) {\n    image(name: $name) { name state lastBuildDate }\n  }\n": typeof types.ImagesStateOneDocument,
    "\n  query ImagesStateList($state: ImageState) {\n    images(filter: { state: $state }, first: 100, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      nodes { name state }\n    }\n  }\n": typeof types.ImagesStateListDocument,
    "\n  mutation ImagesWriteCreate($input: CreateImageInput!) {\n    createImage(input: $input) {\n      image {\n        id name description iconUrl isPrivate jumpstart loginUsername minDiskGb minRamMb metadata\n        state starCount viewerHasStarred\n        owner { name }\n        registry { name }\n        categories { nodes { name } }\n      }\n      userErrors { field message code }\n    }\n  }\n": typeof types.ImagesWriteCreateDocument,
    "\n  mutation ImagesWriteUpdate($input: UpdateImageInput!) {\n    updateImage(input: $input) {\n      image {\n        id name description iconUrl isPrivate jumpstart loginUsername minDiskGb minRamMb metadata\n        registry { name }\n        categories { nodes { name } }\n      }\n      userErrors { field message code }\n    }\n  }\n": typeof types.ImagesWriteUpdateDocument,
    "\n  mutation SecretsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { token user { id } }\n  }\n": typeof types.SecretsCreateUserDocument,
    "\n  mutation SecretsCreateToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) { token }\n  }\n": typeof types.SecretsCreateTokenDocument,
    "\n  query SecretsViewer { viewer { name } }\n": typeof types.SecretsViewerDocument,
    "\n  mutation SecretsAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { code } }\n  }\n": typeof types.SecretsAddRegistryDocument,
    "\n  query SecretsPing($url: String, $id: ID) {\n    pingRegistry(url: $url, id: $id) { reachable }\n  }\n": typeof types.SecretsPingDocument,
    "\n  query SecretsRemoteTags($reference: String!, $registryId: ID) {\n    remoteTags(reference: $reference, registryId: $registryId, first: 5) { nodes { name } }\n  }\n": typeof types.SecretsRemoteTagsDocument,
    "\n  mutation SecretsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name } }\n  }\n": typeof types.SecretsCreateImageDocument,
    "\n  mutation SecretsSetSource($input: SetBuildSourceInput!) {\n    setBuildSource(input: $input) { webhookSecret userErrors { code } }\n  }\n": typeof types.SecretsSetSourceDocument,
    "\n  mutation MetricsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": typeof types.MetricsCreateImageDocument,
    "\n  query MetricsImage($id: ID!) {\n    node(id: $id) { id }\n  }\n": typeof types.MetricsImageDocument,
    "\n  subscription MetricsImageUpdated($imageId: ID!) {\n    imageUpdated(imageId: $imageId) { name }\n  }\n": typeof types.MetricsImageUpdatedDocument,
    "\n  query MetricsPing($url: String!) {\n    pingRegistry(url: $url) { reachable errorCode }\n  }\n": typeof types.MetricsPingDocument,
    "\n  query MetricsEngine {\n    dockerEngine { reachable }\n  }\n": typeof types.MetricsEngineDocument,
    "\n  query NPlusOnePulls($first: Int!) {\n    pulls(first: $first) {\n      totalCount\n      nodes { reference state progress requestedBy { name } registry { name } image { name state } tag { name digest } }\n    }\n  }\n": typeof types.NPlusOnePullsDocument,
    "\n  query NPlusOnePushes($first: Int!) {\n    pushes(first: $first) {\n      totalCount\n      nodes {\n        reference state digest requestedBy { name } registry { name }\n        tag { name pushedDigest pushedRegistry { name } image { name } updateCheck(maxAgeSeconds: 0) { registry { name } errorCode } }\n      }\n    }\n  }\n": typeof types.NPlusOnePushesDocument,
    "\n  query NPlusOneDeliveries($id: ID!, $first: Int!) {\n    image(id: $id) { buildSource { deliveries(first: $first) { deliveryId state builds { targetTag state image { name } } } } }\n  }\n": typeof types.NPlusOneDeliveriesDocument,
    "\n  query MigratedImages {\n    images(first: 100, orderBy: { field: NAME, direction: ASC }) { nodes { name isPrivate owner { name } organization { name } } }\n  }\n": typeof types.MigratedImagesDocument,
    "\n  query MigratedOrganization($name: String!) {\n    organization(name: $name) { name members { nodes { user { name } role } } }\n  }\n": typeof types.MigratedOrganizationDocument,
    "\n  query NodeIdsNode($id: ID!) {\n    node(id: $id) { __typename id }\n  }\n": typeof types.NodeIdsNodeDocument,
    "\n  query NodeIdsNodes($ids: [ID!]!) {\n    nodes(ids: $ids) { __typename id }\n  }\n": typeof types.NodeIdsNodesDocument,
    "\n  mutation OrgCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name viewerPermission organization { name } } userErrors { code field message } }\n  }\n": typeof types.OrgCreateImageDocument,
    "\n  mutation OrgRenameImage($input: UpdateImageInput!) {\n    updateImage(input: $input) { image { id name } userErrors { code field message } }\n  }\n": typeof types.OrgRenameImageDocument,
    "\n  mutation OrgDeleteImage($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { code } }\n  }\n": typeof types.OrgDeleteImageDocument,
    "\n  mutation OrgPullImage($input: PullImageInput!) {\n    pullImage(input: $input) { pull { id } userErrors { code field message } }\n  }\n": typeof types.OrgPullImageDocument,
    "\n  query OrgImageByName($name: String!) {\n    image(name: $name) { id name viewerPermission teamPermissions { team { name } permission } }\n  }\n": typeof types.OrgImageByNameDocument,
    "\n  query OrgImages($filter: ImageFilter) {\n    images(filter: $filter, first: 100) { totalCount nodes { name } }\n  }\n": typeof types.OrgImagesDocument,
    "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id name viewerRole } userErrors { code field message } }\n  }\n": typeof types.CreateOrganizationDocument,
    "\n  mutation DeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId userErrors { code field message } }\n  }\n": typeof types.DeleteOrganizationDocument,
    "\n  mutation SetOrganizationMember($input: SetOrganizationMemberInput!) {\n    setOrganizationMember(input: $input) { organization { id } userErrors { code field message } }\n  }\n": typeof types.SetOrganizationMemberDocument,
    "\n  mutation RemoveOrganizationMember($input: RemoveOrganizationMemberInput!) {\n    removeOrganizationMember(input: $input) { organization { id } userErrors { code field message } }\n  }\n": typeof types.RemoveOrganizationMemberDocument,
    "\n  mutation CreateTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) { team { id name permission } userErrors { code field message } }\n  }\n": typeof types.CreateTeamDocument,
    "\n  mutation UpdateTeam($input: UpdateTeamInput!) {\n    updateTeam(input: $input) { team { id permission } userErrors { code field } }\n  }\n": typeof types.UpdateTeamDocument,
    "\n  mutation AddTeamMember($input: TeamMemberInput!) {\n    addTeamMember(input: $input) { team { id members { totalCount nodes { user { name } } } } userErrors { code field } }\n  }\n": typeof types.AddTeamMemberDocument,
    "\n  mutation RemoveTeamMember($input: TeamMemberInput!) {\n    removeTeamMember(input: $input) { team { id } userErrors { code field } }\n  }\n": typeof types.RemoveTeamMemberDocument,
    "\n  mutation SetTeamImagePermission($input: SetTeamImagePermissionInput!) {\n    setTeamImagePermission(input: $input) { team { id images { nodes { image { name } permission } } } userErrors { code field message } }\n  }\n": typeof types.SetTeamImagePermissionDocument,
    "\n  query OrganizationInside($name: String!) {\n    organization(name: $name) {\n      name\n      viewerRole\n      members { totalCount nodes { user { name } role } }\n      teams { totalCount nodes { name permission members { totalCount } } }\n    }\n  }\n": typeof types.OrganizationInsideDocument,
    "\n  query MyOrganizations {\n    organizations(first: 50) { totalCount nodes { name viewerRole } }\n  }\n": typeof types.MyOrganizationsDocument,
    "\n  mutation OrgCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } userErrors { code field } }\n  }\n": typeof types.OrgCreateUserDocument,
    "\n  subscription OrgAuditFeed($organization: String) {\n    auditEvents(organization: $organization) { action actorName }\n  }\n": typeof types.OrgAuditFeedDocument,
    "\n  query OrgAuditLog($filter: AuditLogFilter) {\n    auditLog(filter: $filter, first: 100) { totalCount nodes { action actorName outcome targetId } }\n  }\n": typeof types.OrgAuditLogDocument,
    "\n  query ProtectViewer { viewer { name } }\n": typeof types.ProtectViewerDocument,
    "\n  query ProtectImages($first: Int) { images(first: $first) { totalCount nodes { name } } }\n": typeof types.ProtectImagesDocument,
    "\n  query ProtectDrift($first: Int, $tags: Int) {\n    images(first: $first) { nodes { name tags(first: $tags) { nodes { name updateAvailable } } } }\n  }\n": typeof types.ProtectDriftDocument,
    "\n  mutation ProtectCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) { category { name } userErrors { code } }\n  }\n": typeof types.ProtectCreateCategoryDocument,
    "\n  mutation ProtectCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { name } } }\n": typeof types.ProtectCreateImageDocument,
    "\n  query RegistriesList {\n    # Every registry the tests add fits on one page, whatever order the tests run in.\n    registries(first: 100) {\n      totalCount\n      nodes { id name url apiVersion trustSelfSignedCert isDefault hasPassword username }\n    }\n  }\n": typeof types.RegistriesListDocument,
    "\n  mutation RegistriesAdd($input: AddRegistryInput!) {\n    addRegistry(input: $input) {\n      registry { id name url apiVersion trustSelfSignedCert isDefault hasPassword username }\n      userErrors { field message code }\n    }\n  }\n": typeof types.RegistriesAddDocument,
    "\n  mutation RegistriesUpdate($input: UpdateRegistryInput!) {\n    updateRegistry(input: $input) {\n      registry { id name url apiVersion trustSelfSignedCert isDefault hasPassword username }\n      userErrors { field message code }\n    }\n  }\n": typeof types.RegistriesUpdateDocument,
    "\n  mutation RegistriesDelete($input: DeleteRegistryInput!) {\n    deleteRegistry(input: $input) {\n      deletedRegistryId\n      userErrors { field message code }\n    }\n  }\n": typeof types.RegistriesDeleteDocument,
    "\n  query RegistriesTypeFields {\n    __type(name: \"Registry\") { fields { name } }\n  }\n": typeof types.RegistriesTypeFieldsDocument,
    "\n  mutation CredAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id organization { name } } userErrors { code field } }\n  }\n": typeof types.CredAddRegistryDocument,
    "\n  mutation CredUpdateRegistry($input: UpdateRegistryInput!) {\n    updateRegistry(input: $input) { registry { id organization { name } } userErrors { code field } }\n  }\n": typeof types.CredUpdateRegistryDocument,
    "\n  mutation CredCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.CredCreateOrganizationDocument,
    "\n  query CredSearch($registryId: ID!) {\n    searchImages(depot: REGISTRY, registryId: $registryId, text: \"app\", first: 10) { nodes { name } }\n  }\n": typeof types.CredSearchDocument,
    "\n  mutation CredPull($input: PullImageInput!) {\n    pullImage(input: $input) { pull { id } userErrors { code field } }\n  }\n": typeof types.CredPullDocument,
    "\n  mutation CredPush($input: PushImageInput!) {\n    pushImage(input: $input) { push { id } userErrors { code field } }\n  }\n": typeof types.CredPushDocument,
    "\n  query LoggedViewer { viewer { id name } }\n": typeof types.LoggedViewerDocument,
    "\n  mutation LoggedCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n": typeof types.LoggedCreateImageDocument,
    "\n  mutation RobotCreate($input: CreateRobotInput!) {\n    createRobot(input: $input) { robot { id name isRobot } userErrors { code field message } }\n  }\n": typeof types.RobotCreateDocument,
    "\n  mutation RobotToken($input: CreateRobotTokenInput!) {\n    createRobotToken(input: $input) { token apiToken { id scopes { pattern actions } } userErrors { code field } }\n  }\n": typeof types.RobotTokenDocument,
    "\n  mutation RobotDelete($input: DeleteRobotInput!) {\n    deleteRobot(input: $input) { deletedRobotId userErrors { code field } }\n  }\n": typeof types.RobotDeleteDocument,
    "\n  mutation RobotRevoke($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) { apiToken { revokedAt } userErrors { code field } }\n  }\n": typeof types.RobotRevokeDocument,
    "\n  mutation RobotCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name owner { name } } userErrors { code field } }\n  }\n": typeof types.RobotCreateImageDocument,
    "\n  mutation RobotTagImage($input: TagsInput!) {\n    tagImage(input: $input) { tags { name } userErrors { code field } }\n  }\n": typeof types.RobotTagImageDocument,
    "\n  mutation RobotOrg($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.RobotOrgDocument,
    "\n  mutation RobotTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) { team { id } }\n  }\n": typeof types.RobotTeamDocument,
    "\n  mutation RobotAddToTeam($input: TeamMemberInput!) {\n    addTeamMember(input: $input) { team { id } userErrors { code field message } }\n  }\n": typeof types.RobotAddToTeamDocument,
    "\n  query RobotImage($name: String!) {\n    image(name: $name) { id name viewerPermission }\n  }\n": typeof types.RobotImageDocument,
    "\n  query RobotLists($org: String!) {\n    viewer { robots { totalCount nodes { name isRobot apiTokens { totalCount } } } }\n    organization(name: $org) { robots { nodes { name } } }\n  }\n": typeof types.RobotListsDocument,
    "\n  mutation ScopedCreateToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) { token apiToken { id scopes { pattern actions } } userErrors { code field message } }\n  }\n": typeof types.ScopedCreateTokenDocument,
    "\n  mutation ScopedCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name } userErrors { code field } }\n  }\n": typeof types.ScopedCreateImageDocument,
    "\n  mutation ScopedTag($input: TagsInput!) {\n    tagImage(input: $input) { tags { name } userErrors { code field } }\n  }\n": typeof types.ScopedTagDocument,
    "\n  mutation ScopedDelete($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { code field } }\n  }\n": typeof types.ScopedDeleteDocument,
    "\n  mutation ScopedUpdate($input: UpdateImageInput!) {\n    updateImage(input: $input) { image { id } userErrors { code field } }\n  }\n": typeof types.ScopedUpdateDocument,
    "\n  mutation ScopedOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } userErrors { code } }\n  }\n": typeof types.ScopedOrganizationDocument,
    "\n  query ScopedImages {\n    images(first: 100, orderBy: { field: NAME, direction: ASC }) { totalCount nodes { name } }\n  }\n": typeof types.ScopedImagesDocument,
    "\n  query ScopedImage($name: String!) {\n    image(name: $name) { id name viewerPermission }\n  }\n": typeof types.ScopedImageDocument,
    "\n  query ScopedViewerToken {\n    viewerToken { name scopes { pattern actions } }\n    viewer { name isAdmin }\n  }\n": typeof types.ScopedViewerTokenDocument,
    "\n  query ScopedLocalImages {\n    localImages(first: 1) { totalCount }\n  }\n": typeof types.ScopedLocalImagesDocument,
    "\n  query ScopedAudit($filter: AuditLogFilter) {\n    auditLog(filter: $filter, first: 5) { nodes { action outcome detail tokenId } }\n  }\n": typeof types.ScopedAuditDocument,
    "\n  query StoredRegistries {\n    registries(first: 100) { nodes { name url searchUrl username hasPassword } }\n  }\n": typeof types.StoredRegistriesDocument,
    "\n  query StoredBuildSource($id: ID!) {\n    node(id: $id) { ... on Image { buildSource { repositoryUrl } } }\n  }\n": typeof types.StoredBuildSourceDocument,
    "\n  query CatalogPage($first: Int!) {\n    images(first: $first, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      nodes {\n        name\n        state\n        lastBuildDate\n        starCount\n        viewerHasStarred\n        owner { name }\n        registry { name url }\n        categories { totalCount nodes { name } }\n        tags { totalCount nodes { name digest protected build { state commitSha } } }\n        buildSource { repositoryUrl autotests buildSettings { branch tag autobuild } }\n        retentionPolicies { rule keepLast tagPattern }\n        versions(first: 5) {\n          totalCount\n          nodes {\n            version\n            state\n            builds(first: 5) { totalCount nodes { state targetTag logLines(first: 3) { totalCount nodes { text } } } }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CatalogPageDocument,
    "\n  mutation TagsTagImage($input: TagsInput!) {\n    tagImage(input: $input) {\n      image { id name updatedAt }\n      tags { id name reference digest sizeBytes createdAt updatedAt image { id name } build { id } }\n      userErrors { field message code }\n    }\n  }\n": typeof types.TagsTagImageDocument,
    "\n  mutation TagsUntagImage($input: TagsInput!) {\n    untagImage(input: $input) {\n      image { id name updatedAt }\n      removedTags\n      userErrors { field message code }\n    }\n  }\n": typeof types.TagsUntagImageDocument,
    "\n  query TagsOfImage($id: ID!) {\n    image(id: $id) { name tags(first: 100) { totalCount nodes { name } } }\n  }\n": typeof types.TagsOfImageDocument,
    "\n  query TagsTagNode($id: ID!) {\n    node(id: $id) {\n      ... on Tag { id name reference digest sizeBytes image { name } build { id state targetTag } }\n    }\n  }\n": typeof types.TagsTagNodeDocument,
    "\n  query TransportImagesPage($first: Int, $after: String, $last: Int) {\n    images(first: $first, after: $after, last: $last, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      nodes { name }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.TransportImagesPageDocument,
    "\n  query TransportCategories {\n    categories { totalCount nodes { name } }\n  }\n": typeof types.TransportCategoriesDocument,
    "\n  query UpdateCheckTag($id: ID!, $maxAgeSeconds: Int) {\n    node(id: $id) {\n      ... on Tag { updateCheck(maxAgeSeconds: $maxAgeSeconds) { remoteDigest updateAvailable comparedAt errorCode } }\n    }\n  }\n": typeof types.UpdateCheckTagDocument,
    "\n  mutation LargeCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { field message code } }\n  }\n": typeof types.LargeCreateImageDocument,
    "\n  mutation LargeUpload($input: CreateVersionInput!) {\n    createVersion(input: $input) {\n      version { version source { sha256 sizeBytes format } }\n      userErrors { field message code }\n    }\n  }\n": typeof types.LargeUploadDocument,
    "\n  query LargeVersions($id: ID!) {\n    image(id: $id) { versions(first: 10) { totalCount nodes { version } } }\n  }\n": typeof types.LargeVersionsDocument,
    "\n  mutation FramingCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) { category { id name } userErrors { field message code } }\n  }\n": typeof types.FramingCreateCategoryDocument,
    "\n  mutation FramingCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { field message code } }\n  }\n": typeof types.FramingCreateImageDocument,
    "\n  mutation FramingSetSource($input: SetBuildSourceInput!) {\n    setBuildSource(input: $input) { webhookSecret userErrors { field message code } }\n  }\n": typeof types.FramingSetSourceDocument,
    "\n  mutation FramingUpload($input: CreateVersionInput!) {\n    createVersion(input: $input) {\n      version { id version source { sha256 sizeBytes filename format } }\n      userErrors { field message code }\n    }\n  }\n": typeof types.FramingUploadDocument,
    "\n  mutation VersionsCreate($input: CreateVersionInput!) {\n    createVersion(input: $input) {\n      version {\n        id\n        version\n        state\n        sizeBytes\n        createdAt\n        source { sha256 sizeBytes filename format }\n        image { id name }\n        builds { totalCount nodes { id } }\n      }\n      userErrors { field message code }\n    }\n  }\n": typeof types.VersionsCreateDocument,
    "\n  mutation VersionsDeleteImage($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { field message code } }\n  }\n": typeof types.VersionsDeleteImageDocument,
    "\n  query VersionsVersion($id: ID!) {\n    version(id: $id) {\n      id\n      version\n      state\n      sizeBytes\n      createdAt\n      source { sha256 sizeBytes filename format }\n      image { id name }\n      builds(first: 10) { totalCount nodes { id targetTag state } pageInfo { hasNextPage } }\n    }\n  }\n": typeof types.VersionsVersionDocument,
    "\n  query VersionsNode($id: ID!) {\n    node(id: $id) { id ... on Version { version } }\n  }\n": typeof types.VersionsNodeDocument,
    "\n  query VersionsOfImage($id: ID!, $first: Int, $after: String) {\n    image(id: $id) {\n      versions(first: $first, after: $after) {\n        totalCount\n        nodes { version }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.VersionsOfImageDocument,
};
const documents: Documents = {
    "\n  mutation ThroughputCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n": types.ThroughputCreateImageDocument,
    "\n  mutation ThroughputBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } }\n  }\n": types.ThroughputBuildDocument,
    "\n  subscription ThroughputLogs($buildId: ID!, $fromLine: Int!) {\n    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text createdAt }\n  }\n": types.ThroughputLogsDocument,
    "\n  mutation SubscribersCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n": types.SubscribersCreateImageDocument,
    "\n  mutation SubscribersBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } }\n  }\n": types.SubscribersBuildDocument,
    "\n  subscription SubscribersLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { lineNo text createdAt }\n  }\n": types.SubscribersLogsDocument,
    "\n  query SubscribersStored($id: ID!) {\n    build(id: $id) { state logLines(first: 1) { totalCount } }\n  }\n": types.SubscribersStoredDocument,
    "\n  mutation AuditCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": types.AuditCreateImageDocument,
    "\n  mutation AuditUpdateImage($input: UpdateImageInput!) {\n    updateImage(input: $input) { image { id } }\n  }\n": types.AuditUpdateImageDocument,
    "\n  mutation AuditAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } }\n  }\n": types.AuditAddRegistryDocument,
    "\n  mutation AuditCreateToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) { token }\n  }\n": types.AuditCreateTokenDocument,
    "\n  query AuditLogQuery($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id at actorName actorId tokenId address action targetId imageId outcome detail }\n    }\n  }\n": types.AuditLogQueryDocument,
    "\n  subscription AuditEventsFeed {\n    auditEvents { action actorName outcome imageId }\n  }\n": types.AuditEventsFeedDocument,
    "\n  query AuthViewerToken {\n    viewerToken { id name lastUsedAt lastUsedAddress }\n  }\n": types.AuthViewerTokenDocument,
    "\n  query AuthViewer {\n    viewer { id name isAdmin }\n  }\n": types.AuthViewerDocument,
    "\n  query AuthViewerTokens {\n    viewer {\n      name\n      apiTokens { totalCount nodes { id name prefix createdAt expiresAt lastUsedAt revokedAt } }\n    }\n  }\n": types.AuthViewerTokensDocument,
    "\n  query AuthUserTokens($id: ID!) {\n    node(id: $id) {\n      ... on User { name apiTokens { totalCount nodes { id name } } }\n    }\n  }\n": types.AuthUserTokensDocument,
    "\n  query AuthUserTokenCount($id: ID!) {\n    node(id: $id) {\n      ... on User { apiTokens { totalCount } }\n    }\n  }\n": types.AuthUserTokenCountDocument,
    "\n  query AuthTokenNode($id: ID!) {\n    node(id: $id) { id ... on ApiToken { name prefix revokedAt } }\n  }\n": types.AuthTokenNodeDocument,
    "\n  mutation AuthCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user { id name isAdmin }\n      token\n      userErrors { field message code }\n    }\n  }\n": types.AuthCreateUserDocument,
    "\n  mutation AuthCreateToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      apiToken { id name prefix expiresAt revokedAt }\n      token\n      userErrors { field message code }\n    }\n  }\n": types.AuthCreateTokenDocument,
    "\n  mutation AuthRevokeToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      apiToken { id name revokedAt }\n      userErrors { field message code }\n    }\n  }\n": types.AuthRevokeTokenDocument,
    "\n  query AuthUserProfile($id: ID!) {\n    node(id: $id) { id ... on User { name isAdmin createdAt } }\n  }\n": types.AuthUserProfileDocument,
    "\n  query AuthReachableUsers($imageId: ID!, $buildId: ID!) {\n    image: node(id: $imageId) { ... on Image { owner { name isAdmin } } }\n    build: node(id: $buildId) { ... on Build { requestedBy { name isAdmin } } }\n  }\n": types.AuthReachableUsersDocument,
    "\n  mutation BadInputCreate($input: CreateImageInput!) {\n    createImage(input: $input) {\n      image { name metadata }\n      userErrors { field message code }\n    }\n  }\n": types.BadInputCreateDocument,
    "\n  mutation BadInputUpdate($input: UpdateImageInput!) {\n    updateImage(input: $input) {\n      image { name metadata }\n      userErrors { field message code }\n    }\n  }\n": types.BadInputUpdateDocument,
    "\n  query BadInputPage($first: Int) {\n    images(first: $first) { totalCount }\n  }\n": types.BadInputPageDocument,
    "\n  mutation BadInputToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      userErrors { field message code }\n    }\n  }\n": types.BadInputTokenDocument,
    "\n  query BadInputImage($name: String) {\n    image(name: $name) { name }\n  }\n": types.BadInputImageDocument,
    "\n  query BadInputCategories {\n    categories { totalCount }\n  }\n": types.BadInputCategoriesDocument,
    "\n  query BootstrapViewer {\n    viewer { name isAdmin }\n  }\n": types.BootstrapViewerDocument,
    "\n  subscription BuildLogFollow($buildId: ID!, $fromLine: Int!) {\n    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text createdAt }\n  }\n": types.BuildLogFollowDocument,
    "\n  subscription StepsProgress($buildId: ID!, $fromEvent: Int!) {\n    buildProgress(buildId: $buildId, fromEvent: $fromEvent) { eventNo kind stepNumber stepName stream text }\n  }\n": types.StepsProgressDocument,
    "\n  query StepsOfBuild($id: ID!) {\n    build(id: $id) { steps { number attempt name state durationMs errorMessage logLines(first: 20) { totalCount nodes { text kind } } } }\n  }\n": types.StepsOfBuildDocument,
    "\n  query BuildsBuild($id: ID!) {\n    build(id: $id) {\n      id\n      state\n      targetTag\n      dockerfilePath\n      errorMessage\n      createdAt\n      startedAt\n      finishedAt\n      image { id name }\n      version { id version }\n      requestedBy { id name }\n      logLines(first: 2) { totalCount nodes { lineNo } }\n    }\n  }\n": types.BuildsBuildDocument,
    "\n  query BuildsLog($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    build(id: $id) {\n      logLines(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        edges { cursor node { lineNo stream text createdAt } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n": types.BuildsLogDocument,
    "\n  query BuildsNode($id: ID!) {\n    node(id: $id) { id ... on Build { targetTag } }\n  }\n": types.BuildsNodeDocument,
    "\n  query BuildsOfImage($id: ID!, $first: Int, $after: String) {\n    image(id: $id) {\n      builds(first: $first, after: $after) {\n        totalCount\n        nodes { targetTag state version { version } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.BuildsOfImageDocument,
    "\n  mutation BuildsCancel($input: CancelBuildInput!) {\n    cancelBuild(input: $input) { build { id state finishedAt image { state } } userErrors { field message code } }\n  }\n": types.BuildsCancelDocument,
    "\n  subscription BuildsUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": types.BuildsUpdatedDocument,
    "\n  query CategoriesList($first: Int, $after: String) {\n    categories(first: $first, after: $after) {\n      totalCount\n      nodes { id name createdAt }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.CategoriesListDocument,
    "\n  mutation CategoriesCreate($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      category { id name createdAt }\n      userErrors { field message code }\n    }\n  }\n": types.CategoriesCreateDocument,
    "\n  mutation CategoriesDelete($input: DeleteCategoryInput!) {\n    deleteCategory(input: $input) {\n      deletedCategoryId\n      userErrors { field message code }\n    }\n  }\n": types.CategoriesDeleteDocument,
    "\n  query CategoriesOfImage($name: String!) {\n    image(name: $name) { name categories { totalCount nodes { name } } }\n  }\n": types.CategoriesOfImageDocument,
    "\n  mutation LoadCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) {\n      image { id name }\n      userErrors { field message code }\n    }\n  }\n": types.LoadCreateImageDocument,
    "\n  mutation LoadTagImage($input: TagsInput!) {\n    tagImage(input: $input) {\n      tags { name }\n      userErrors { field message code }\n    }\n  }\n": types.LoadTagImageDocument,
    "\n  query EnginesList {\n    dockerEngines { name host reachable error capacity runningJobs labels draining checkedAt }\n  }\n": types.EnginesListDocument,
    "\n  query EnginesPrimary {\n    dockerEngine { name host reachable }\n  }\n": types.EnginesPrimaryDocument,
    "\n  mutation EnginesAdd($input: AddDockerEngineInput!) {\n    addDockerEngine(input: $input) {\n      dockerEngine { name host reachable error capacity runningJobs labels draining checkedAt }\n      userErrors { field message code }\n    }\n  }\n": types.EnginesAddDocument,
    "\n  mutation EnginesUpdate($input: UpdateDockerEngineInput!) {\n    updateDockerEngine(input: $input) {\n      dockerEngine { name host capacity labels draining runningJobs }\n      userErrors { field message code }\n    }\n  }\n": types.EnginesUpdateDocument,
    "\n  mutation EnginesRemove($input: RemoveDockerEngineInput!) {\n    removeDockerEngine(input: $input) {\n      removedName\n      userErrors { field message code }\n    }\n  }\n": types.EnginesRemoveDocument,
    "\n  mutation EnginesBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": types.EnginesBuildDocument,
    "\n  query EnginesBuildFields($id: ID!) {\n    build(id: $id) { attempt engineName engineLabels }\n  }\n": types.EnginesBuildFieldsDocument,
    "\n  query EnginesTagFields($id: ID!) {\n    node(id: $id) { ... on Tag { name engineName } }\n  }\n": types.EnginesTagFieldsDocument,
    "\n  mutation KitCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": types.KitCreateImageDocument,
    "\n  mutation KitBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": types.KitBuildDocument,
    "\n  subscription KitBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": types.KitBuildUpdatedDocument,
    "\n  subscription KitProgress($buildId: ID!, $fromEvent: Int!) {\n    buildProgress(buildId: $buildId, fromEvent: $fromEvent) { eventNo kind stepNumber stepName stream text at }\n  }\n": types.KitProgressDocument,
    "\n  subscription KitBuildLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { lineNo stream text }\n  }\n": types.KitBuildLogsDocument,
    "\n  query KitResult($id: ID!) {\n    build(id: $id) {\n      state errorMessage builder target noCache platform secretIds startedAt finishedAt\n      labels { name value }\n      steps { number attempt name digest state startedAt finishedAt durationMs errorMessage logLines(first: 50) { nodes { lineNo kind text } } }\n      logLines(first: 500) { nodes { lineNo stream text stepNumber kind } }\n      image { tags { nodes { name digest } } }\n    }\n  }\n": types.KitResultDocument,
    "\n  mutation KitPrune($input: PruneBuildCacheInput!) {\n    pruneBuildCache(input: $input) { removedCount reclaimedBytes userErrors { field code message } }\n  }\n": types.KitPruneDocument,
    "\n  query KitEngine {\n    dockerEngine { reachable builder }\n  }\n": types.KitEngineDocument,
    "\n  mutation EngineCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": types.EngineCreateImageDocument,
    "\n  mutation EngineBuild($input: BuildImageInput!) {\n    buildImage(input: $input) {\n      build { id state targetTag createdAt }\n      userErrors { field message code }\n    }\n  }\n": types.EngineBuildDocument,
    "\n  mutation EngineCancel($input: CancelBuildInput!) {\n    cancelBuild(input: $input) { build { id state } userErrors { field message code } }\n  }\n": types.EngineCancelDocument,
    "\n  subscription EngineBuildLogs($buildId: ID!, $fromLine: Int!) {\n    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text }\n  }\n": types.EngineBuildLogsDocument,
    "\n  subscription EngineChattyLogs($buildId: ID!, $fromLine: Int!) {\n    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text createdAt }\n  }\n": types.EngineChattyLogsDocument,
    "\n  subscription EngineBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": types.EngineBuildUpdatedDocument,
    "\n  subscription EngineImageUpdated($imageId: ID!) {\n    imageUpdated(imageId: $imageId) { name state tags { nodes { name } } }\n  }\n": types.EngineImageUpdatedDocument,
    "\n  query EngineBuildResult($id: ID!) {\n    build(id: $id) {\n      state errorMessage startedAt finishedAt targetTag\n      logLines(first: 100) { totalCount nodes { lineNo text } }\n      image { state lastBuildDate tags { nodes { name digest sizeBytes build { id } } } }\n    }\n  }\n": types.EngineBuildResultDocument,
    "\n  query EngineStatus {\n    dockerEngine { reachable host version apiVersion storageDriver imageCount error }\n  }\n": types.EngineStatusDocument,
    "\n  mutation EngDelCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name } userErrors { code } }\n  }\n": types.EngDelCreateImageDocument,
    "\n  mutation EngDelBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": types.EngDelBuildDocument,
    "\n  subscription EngDelBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": types.EngDelBuildUpdatedDocument,
    "\n  mutation EngDelTag($input: TagsInput!) {\n    tagImage(input: $input) { userErrors { field message code } }\n  }\n": types.EngDelTagDocument,
    "\n  mutation EngDelDelete($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { field message code } }\n  }\n": types.EngDelDeleteDocument,
    "\n  query EngDelUsage($id: ID!) {\n    image(id: $id) { inUse containers { id name state status imageReference createdAt } }\n  }\n": types.EngDelUsageDocument,
    "\n  query EngDelUsageList($nameContains: String!) {\n    images(first: 50, filter: { nameContains: $nameContains }, orderBy: { field: NAME, direction: ASC }) {\n      nodes { name inUse containers { name } }\n    }\n  }\n": types.EngDelUsageListDocument,
    "\n  mutation RefsAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { code message } }\n  }\n": types.RefsAddRegistryDocument,
    "\n  mutation RefsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name } userErrors { code } }\n  }\n": types.RefsCreateImageDocument,
    "\n  mutation RefsBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": types.RefsBuildDocument,
    "\n  subscription RefsBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state errorMessage }\n  }\n": types.RefsBuildUpdatedDocument,
    "\n  mutation RefsPull($input: PullImageInput!) {\n    pullImage(input: $input) { pull { id registry { id } } userErrors { field message code } }\n  }\n": types.RefsPullDocument,
    "\n  subscription RefsPullProgress($pullId: ID!) {\n    pullProgress(pullId: $pullId) { status pull { state errorMessage image { id name } tag { id name digest } } }\n  }\n": types.RefsPullProgressDocument,
    "\n  mutation RefsImport($input: ImportLocalImageInput!) {\n    importLocalImage(input: $input) {\n      image { id name }\n      tag { id name digest details { id } }\n      userErrors { field message code }\n    }\n  }\n": types.RefsImportDocument,
    "\n  query RefsImageTags($id: ID!) {\n    image(id: $id) { name tags(first: 20) { nodes { id name digest engineReference details { id digest repoDigests } } } }\n  }\n": types.RefsImageTagsDocument,
    "\n  query RefsLocalImages($after: String) {\n    localImages(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id repoTags inCatalog } }\n  }\n": types.RefsLocalImagesDocument,
    "\n  mutation RefsTag($input: TagsInput!) {\n    tagImage(input: $input) { tags { name digest } userErrors { field message code } }\n  }\n": types.RefsTagDocument,
    "\n  mutation RefsUntag($input: TagsInput!) {\n    untagImage(input: $input) { removedTags userErrors { field message code } }\n  }\n": types.RefsUntagDocument,
    "\n  mutation RefsDelete($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { field message code } }\n  }\n": types.RefsDeleteDocument,
    "\n  mutation RefsPush($input: PushImageInput!) {\n    pushImage(input: $input) { push { id reference } userErrors { field message code } }\n  }\n": types.RefsPushDocument,
    "\n  subscription RefsPushProgress($pushId: ID!) {\n    pushProgress(pushId: $pushId) { status push { state errorMessage digest } }\n  }\n": types.RefsPushProgressDocument,
    "\n  query RefsRemoteTags($reference: String!) {\n    remoteTags(reference: $reference, first: 50) { nodes { name reference installed } }\n  }\n": types.RefsRemoteTagsDocument,
    "\n  mutation RefsSetRetention($input: SetRetentionPoliciesInput!) {\n    setRetentionPolicies(input: $input) { userErrors { field code message } }\n  }\n": types.RefsSetRetentionDocument,
    "\n  mutation RefsApplyRetention($input: ApplyRetentionInput!) {\n    applyRetention(input: $input) { removed { tagName removed engine } userErrors { field code message } }\n  }\n": types.RefsApplyRetentionDocument,
    "\n  mutation EngTagsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name } userErrors { code } }\n  }\n": types.EngTagsCreateImageDocument,
    "\n  mutation EngTagsBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": types.EngTagsBuildDocument,
    "\n  subscription EngTagsBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": types.EngTagsBuildUpdatedDocument,
    "\n  mutation EngTagsTag($input: TagsInput!) {\n    tagImage(input: $input) {\n      tags { name digest sizeBytes }\n      userErrors { field message code }\n    }\n  }\n": types.EngTagsTagDocument,
    "\n  mutation EngTagsUntag($input: TagsInput!) {\n    untagImage(input: $input) { removedTags userErrors { field message code } }\n  }\n": types.EngTagsUntagDocument,
    "\n  query EngTagsDetails($id: ID!) {\n    image(id: $id) {\n      tags(first: 10) {\n        nodes {\n          name\n          details {\n            id digest repoDigests sizeBytes created architecture os layers env cmd entrypoint exposedPorts\n            labels { name value }\n            history { created createdBy comment emptyLayer }\n          }\n        }\n      }\n    }\n  }\n": types.EngTagsDetailsDocument,
    "\n  query GitDeliveries($id: ID!, $first: Int) {\n    image(id: $id) { buildSource { deliveries(first: $first) { deliveryId event state attempt error builds { id targetTag } } } }\n  }\n": types.GitDeliveriesDocument,
    "\n  mutation GitCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id name } userErrors { code } } }\n": types.GitCreateImageDocument,
    "\n  mutation GitSetSource($input: SetBuildSourceInput!) {\n    setBuildSource(input: $input) {\n      webhookSecret\n      image { buildSource { repositoryUrl autotests testCommand webhookPath buildSettings { branch tag dockerfilePath autobuild } } }\n      userErrors { field message code }\n    }\n  }\n": types.GitSetSourceDocument,
    "\n  mutation GitTrigger($input: TriggerBuildInput!) {\n    triggerBuild(input: $input) { builds { id targetTag branch commitSha commitMessage trigger state } userErrors { field message code } }\n  }\n": types.GitTriggerDocument,
    "\n  query GitBuild($id: ID!) {\n    build(id: $id) { state errorMessage trigger commitSha testsPassed pullRequest targetTag logLines(first: 100) { nodes { stream text } } }\n  }\n": types.GitBuildDocument,
    "\n  query GitTags($id: ID!) { node(id: $id) { ... on Image { tags { nodes { name digest } } } } }\n": types.GitTagsDocument,
    "\n  mutation GitRemoveSource($input: BuildSourceImageInput!) { removeBuildSource(input: $input) { image { buildSource { repositoryUrl } } userErrors { field code } } }\n": types.GitRemoveSourceDocument,
    "\n  mutation GitProtect($input: ProtectTagInput!) { protectTag(input: $input) { tag { protected } userErrors { code } } }\n": types.GitProtectDocument,
    "\n  query GitSourceOf($id: ID!) { node(id: $id) { ... on Image { buildSource { repositoryUrl } } } }\n": types.GitSourceOfDocument,
    "\n  query GitImageState($id: ID!) { node(id: $id) { ... on Image { state } } }\n": types.GitImageStateDocument,
    "\n  mutation BrowserCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n": types.BrowserCreateImageDocument,
    "\n  mutation BrowserBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { message } }\n  }\n": types.BrowserBuildDocument,
    "\n  subscription EngEventsImageUpdated($imageId: ID!) {\n    imageUpdated(imageId: $imageId) {\n      name state\n      tags { nodes { id name digest pushedDigest } }\n    }\n  }\n": types.EngEventsImageUpdatedDocument,
    "\n  mutation EngEventsCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id } userErrors { code } } }\n": types.EngEventsCreateImageDocument,
    "\n  mutation EngEventsAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { code } } }\n": types.EngEventsAddRegistryDocument,
    "\n  mutation EngEventsImport($input: ImportLocalImageInput!) { importLocalImage(input: $input) { tag { id } userErrors { code message } } }\n": types.EngEventsImportDocument,
    "\n  mutation EngEventsTag($input: TagsInput!) { tagImage(input: $input) { userErrors { code message } } }\n": types.EngEventsTagDocument,
    "\n  mutation EngEventsUntag($input: TagsInput!) { untagImage(input: $input) { userErrors { code message } } }\n": types.EngEventsUntagDocument,
    "\n  mutation EngEventsPush($input: PushImageInput!) { pushImage(input: $input) { push { id } userErrors { code message } } }\n": types.EngEventsPushDocument,
    "\n  subscription EngEventsPushFollow($pushId: ID!) { pushProgress(pushId: $pushId) { push { state errorMessage digest } } }\n": types.EngEventsPushFollowDocument,
    "\n  mutation EngEventsPull($input: PullImageInput!) { pullImage(input: $input) { pull { id } userErrors { code message } } }\n": types.EngEventsPullDocument,
    "\n  subscription EngEventsPullFollow($pullId: ID!) { pullProgress(pullId: $pullId) { pull { state errorMessage } } }\n": types.EngEventsPullFollowDocument,
    "\n  mutation EngEventsSetRetention($input: SetRetentionPoliciesInput!) { setRetentionPolicies(input: $input) { userErrors { code message } } }\n": types.EngEventsSetRetentionDocument,
    "\n  mutation EngEventsApplyRetention($input: ApplyRetentionInput!) {\n    applyRetention(input: $input) { removed { tagName removed engine registry } userErrors { code message } }\n  }\n": types.EngEventsApplyRetentionDocument,
    "\n  mutation EngEventsDelete($input: DeleteImageInput!) { deleteImage(input: $input) { deletedImageId userErrors { code message } } }\n": types.EngEventsDeleteDocument,
    "\n  query LocalImgList($first: Int, $after: String) {\n    localImages(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { id repoTags sizeBytes created inCatalog } }\n    }\n  }\n": types.LocalImgListDocument,
    "\n  query LocalImgPages($after: String!, $before: String!) {\n    all: localImages(first: 4) { totalCount nodes { id } }\n    second: localImages(first: 2, after: $after) { nodes { id } pageInfo { hasPreviousPage hasNextPage } }\n    lastBefore: localImages(last: 1, before: $before) { nodes { id } }\n  }\n": types.LocalImgPagesDocument,
    "\n  mutation LocalImgImport($input: ImportLocalImageInput!) {\n    importLocalImage(input: $input) {\n      image { id name isPrivate owner { name } }\n      tag { name digest sizeBytes reference details { id } build { id } }\n      userErrors { field message code }\n    }\n  }\n": types.LocalImgImportDocument,
    "\n  mutation PullsStart($input: PullImageInput!) {\n    pullImage(input: $input) {\n      pull { id reference state progress registry { id } requestedBy { name } }\n      userErrors { field message code }\n    }\n  }\n": types.PullsStartDocument,
    "\n  subscription PullsProgress($pullId: ID!) {\n    pullProgress(pullId: $pullId) {\n      layer status current total fraction\n      pull {\n        state errorMessage progress\n        image { name isPrivate owner { name } registry { id } tags { nodes { name digest sizeBytes } } }\n        tag { name digest }\n      }\n    }\n  }\n": types.PullsProgressDocument,
    "\n  query PullsList($first: Int, $after: String) {\n    pulls(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id reference state progress errorMessage startedAt finishedAt layers { layer status current total } requestedBy { name } }\n    }\n  }\n": types.PullsListDocument,
    "\n  query PullsOne($id: ID!) {\n    pull(id: $id) { id state reference errorMessage image { name } tag { name } }\n  }\n": types.PullsOneDocument,
    "\n  mutation PullsAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { code } }\n  }\n": types.PullsAddRegistryDocument,
    "\n  query PullsImageByName($name: String!) {\n    image(name: $name) { id }\n  }\n": types.PullsImageByNameDocument,
    "\n  mutation PullsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": types.PullsCreateImageDocument,
    "\n  mutation PushAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { code } }\n  }\n": types.PushAddRegistryDocument,
    "\n  mutation PushImport($input: ImportLocalImageInput!) {\n    importLocalImage(input: $input) { image { id name } tag { id name digest } userErrors { code message } }\n  }\n": types.PushImportDocument,
    "\n  mutation PushStart($input: PushImageInput!) {\n    pushImage(input: $input) {\n      push { id reference state registry { name } requestedBy { name } tag { name } }\n      userErrors { field message code }\n    }\n  }\n": types.PushStartDocument,
    "\n  subscription PushFollow($pushId: ID!) {\n    pushProgress(pushId: $pushId) {\n      layer status current total fraction\n      push { state digest errorMessage progress finishedAt tag { name pushedDigest pushedAt pushedRegistry { name } } }\n    }\n  }\n": types.PushFollowDocument,
    "\n  mutation PushPull($input: PullImageInput!) {\n    pullImage(input: $input) { pull { id registry { name } } userErrors { code message } }\n  }\n": types.PushPullDocument,
    "\n  subscription PushPullFollow($pullId: ID!) {\n    pullProgress(pullId: $pullId) { status pull { state errorMessage tag { id digest } } }\n  }\n": types.PushPullFollowDocument,
    "\n  query PushRead($id: ID!) {\n    push(id: $id) { id state digest errorMessage }\n    pushes(first: 50) { totalCount nodes { id } }\n  }\n": types.PushReadDocument,
    "\n  query PushInspect($reference: String!) {\n    remoteInspect(reference: $reference) { digest mediaType image { digest layers { digest } } }\n  }\n": types.PushInspectDocument,
    "\n  query PushUpdateCheck($id: ID!, $maxAge: Int) {\n    node(id: $id) {\n      ... on Tag {\n        updateAvailable\n        updateCheck(maxAgeSeconds: $maxAge) { registry { name } localDigest remoteDigest updateAvailable comparedAt errorCode errorMessage }\n      }\n    }\n  }\n": types.PushUpdateCheckDocument,
    "\n  mutation RecoveryCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n": types.RecoveryCreateImageDocument,
    "\n  mutation RecoveryBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { message } }\n  }\n": types.RecoveryBuildDocument,
    "\n  query RecoveryBuildState($id: ID!) {\n    build(id: $id) { state attempt errorMessage image { state } logLines(first: 100) { nodes { text } } steps { attempt name state errorMessage } }\n  }\n": types.RecoveryBuildStateDocument,
    "\n  subscription RecoveryBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state errorMessage }\n  }\n": types.RecoveryBuildUpdatedDocument,
    "\n  subscription RecoveryLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { text }\n  }\n": types.RecoveryLogsDocument,
    "query RecoveryEngine { dockerEngine { reachable } }": types.RecoveryEngineDocument,
    "\n  query PingByUrl($url: String!, $trust: Boolean) {\n    pingRegistry(url: $url, trustSelfSignedCert: $trust) { url reachable apiVersion authRequired authScheme authenticated errorCode errorMessage latencyMs }\n  }\n": types.PingByUrlDocument,
    "\n  query PingById($id: ID!) {\n    pingRegistry(id: $id) { reachable authRequired authScheme authenticated errorCode errorMessage }\n  }\n": types.PingByIdDocument,
    "\n  query PingBoth($id: ID!, $url: String!) {\n    pingRegistry(id: $id, url: $url) { reachable }\n  }\n": types.PingBothDocument,
    "\n  mutation PingAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { code } }\n  }\n": types.PingAddRegistryDocument,
    "\n  query TransportTags($reference: String!) { remoteTags(reference: $reference) { nodes { name } } }\n": types.TransportTagsDocument,
    "\n  mutation TransportAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { code } } }\n": types.TransportAddRegistryDocument,
    "\n  mutation TransportUpdateRegistry($input: UpdateRegistryInput!) { updateRegistry(input: $input) { userErrors { code } } }\n": types.TransportUpdateRegistryDocument,
    "\n  mutation RemoteAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { field message code } } }\n": types.RemoteAddRegistryDocument,
    "\n  mutation RemoteCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id } userErrors { field message code } } }\n": types.RemoteCreateImageDocument,
    "\n  query RemoteTagsList($reference: String!, $registryId: ID, $first: Int, $after: String) {\n    remoteTags(reference: $reference, registryId: $registryId, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n      nodes { name reference installed }\n    }\n  }\n": types.RemoteTagsListDocument,
    "\n  query RemoteInspectImage($reference: String!, $registryId: ID, $platform: String) {\n    remoteInspect(reference: $reference, registryId: $registryId, platform: $platform) {\n      reference digest mediaType size isIndex registry { name }\n      platforms { os architecture variant digest mediaType size }\n      image {\n        digest mediaType size totalSize os architecture env cmd entrypoint exposedPorts\n        config { digest mediaType size } layers { digest mediaType size } labels { name value }\n      }\n    }\n  }\n": types.RemoteInspectImageDocument,
    "\n  query RemoteSearch($depot: SearchDepot!, $registryId: ID, $text: String, $first: Int, $after: String) {\n    searchImages(depot: $depot, registryId: $registryId, text: $text, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { name depot description starCount official automated installed installedTags registry { name } image { name } }\n    }\n  }\n": types.RemoteSearchDocument,
    "\n  mutation RetentionCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id name } userErrors { code } } }\n": types.RetentionCreateImageDocument,
    "\n  mutation RetentionSet($input: SetRetentionPoliciesInput!) {\n    setRetentionPolicies(input: $input) { image { retentionPolicies { rule keepLast olderThanDays tagPattern } } userErrors { field code message } }\n  }\n": types.RetentionSetDocument,
    "\n  query RetentionPolicies($id: ID!) { image(id: $id) { retentionPolicies { rule keepLast olderThanDays tagPattern } } }\n": types.RetentionPoliciesDocument,
    "\n  query RetentionPreviewOf($imageId: ID!) {\n    retentionPreview(imageId: $imageId) {\n      remove { tag { name } reasons { rule description } }\n      protectedTags { tag { name protected } reasons { rule description } }\n    }\n  }\n": types.RetentionPreviewOfDocument,
    "\n  mutation RetentionApply($input: ApplyRetentionInput!) {\n    applyRetention(input: $input) {\n      removed { tagName digest removed engine registry detail reasons { rule } }\n      userErrors { field code message }\n    }\n  }\n": types.RetentionApplyDocument,
    "\n  mutation RetentionImport($input: ImportLocalImageInput!) {\n    importLocalImage(input: $input) { image { id } tag { id name } userErrors { field code message } }\n  }\n": types.RetentionImportDocument,
    "\n  mutation RetentionTag($input: TagsInput!) { tagImage(input: $input) { tags { name } userErrors { field code message } } }\n": types.RetentionTagDocument,
    "\n  mutation RetentionUntag($input: TagsInput!) { untagImage(input: $input) { removedTags userErrors { field code message } } }\n": types.RetentionUntagDocument,
    "\n  mutation RetentionDelete($input: DeleteImageInput!) { deleteImage(input: $input) { deletedImageId userErrors { field code message } } }\n": types.RetentionDeleteDocument,
    "\n  mutation RetentionProtect($input: ProtectTagInput!) { protectTag(input: $input) { tag { name protected } userErrors { field code message } } }\n": types.RetentionProtectDocument,
    "\n  mutation RetentionUnprotect($input: ProtectTagInput!) { unprotectTag(input: $input) { tag { name protected } userErrors { field code message } } }\n": types.RetentionUnprotectDocument,
    "\n  mutation RetentionBuild($input: BuildImageInput!) { buildImage(input: $input) { build { id } userErrors { field code message } } }\n": types.RetentionBuildDocument,
    "\n  subscription RetentionBuildUpdated($buildId: ID!) { buildUpdated(buildId: $buildId) { state } }\n": types.RetentionBuildUpdatedDocument,
    "\n  mutation RetentionPull($input: PullImageInput!) { pullImage(input: $input) { pull { id } userErrors { field code message } } }\n": types.RetentionPullDocument,
    "\n  mutation RetentionAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { code } } }\n": types.RetentionAddRegistryDocument,
    "\n  mutation RetentionPush($input: PushImageInput!) { pushImage(input: $input) { push { id } userErrors { code message } } }\n": types.RetentionPushDocument,
    "\n  subscription RetentionPushFollow($pushId: ID!) { pushProgress(pushId: $pushId) { push { state errorMessage digest } } }\n": types.RetentionPushFollowDocument,
    "\n  mutation ScaleCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": types.ScaleCreateImageDocument,
    "\n  mutation ScaleBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": types.ScaleBuildDocument,
    "\n  query ScaleBuildState($id: ID!) {\n    build(id: $id) { state attempt engineName errorMessage logLines(first: 500) { nodes { lineNo stream text } } }\n  }\n": types.ScaleBuildStateDocument,
    "\n  subscription ScaleBuildLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { lineNo stream text }\n  }\n": types.ScaleBuildLogsDocument,
    "\n  query ScaleEngines {\n    dockerEngines { name reachable capacity runningJobs draining }\n  }\n": types.ScaleEnginesDocument,
    "\n  mutation ScaleAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { field message } }\n  }\n": types.ScaleAddRegistryDocument,
    "\n  mutation ScaleBuildFrom($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": types.ScaleBuildFromDocument,
    "\n  query ScaleLocalImages($engine: String) {\n    localImages(engine: $engine, first: 100) { nodes { repoTags engineName } }\n  }\n": types.ScaleLocalImagesDocument,
    "\n  mutation ScaleImportLocal($input: ImportLocalImageInput!) {\n    importLocalImage(input: $input) { tag { name engineName } userErrors { field code message } }\n  }\n": types.ScaleImportLocalDocument,
    "\n  mutation ScaleUpdateEngine($input: UpdateDockerEngineInput!) {\n    updateDockerEngine(input: $input) { dockerEngine { name draining } userErrors { field message } }\n  }\n": types.ScaleUpdateEngineDocument,
    "\n  mutation StopCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n": types.StopCreateImageDocument,
    "\n  mutation StopBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } }\n  }\n": types.StopBuildDocument,
    "\n  query StopBuildState($id: ID!) {\n    build(id: $id) { state attempt errorMessage logLines(first: 100) { nodes { text } } }\n  }\n": types.StopBuildStateDocument,
    "\n  subscription StopBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": types.StopBuildUpdatedDocument,
    "\n  subscription StopBuildLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { text }\n  }\n": types.StopBuildLogsDocument,
    "\n  mutation StopAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } }\n  }\n": types.StopAddRegistryDocument,
    "\n  query StopRemoteTags($reference: String!, $registryId: ID) {\n    remoteTags(reference: $reference, registryId: $registryId, first: 5) { nodes { name } }\n  }\n": types.StopRemoteTagsDocument,
    "\n  mutation TracesCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": types.TracesCreateImageDocument,
    "\n  mutation TracesBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id state } userErrors { code message } }\n  }\n": types.TracesBuildDocument,
    "\n  subscription TracesBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": types.TracesBuildUpdatedDocument,
    "\n  query TracesPing($url: String!) {\n    pingRegistry(url: $url) { reachable }\n  }\n": types.TracesPingDocument,
    "\n  query TracesMissingBuild($id: ID!) {\n    build(id: $id) { id }\n  }\n": types.TracesMissingBuildDocument,
    "\n  mutation TwoCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": types.TwoCreateImageDocument,
    "\n  mutation TwoBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n": types.TwoBuildDocument,
    "\n  query TwoBuildState($id: ID!) {\n    build(id: $id) { state logLines(first: 100) { nodes { lineNo text } } }\n  }\n": types.TwoBuildStateDocument,
    "\n  subscription TwoBuildLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { lineNo text createdAt }\n  }\n": types.TwoBuildLogsDocument,
    "\n  mutation TwoCancel($input: CancelBuildInput!) {\n    cancelBuild(input: $input) { build { state } userErrors { field message code } }\n  }\n": types.TwoCancelDocument,
    "\n  subscription TwoBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n": types.TwoBuildUpdatedDocument,
    "\n  mutation VersionBuildsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": types.VersionBuildsCreateImageDocument,
    "\n  mutation VersionBuildsUpload($input: CreateVersionInput!) {\n    createVersion(input: $input) { version { id state } userErrors { field message code } }\n  }\n": types.VersionBuildsUploadDocument,
    "\n  mutation VersionBuildsBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id targetTag } userErrors { field message code } }\n  }\n": types.VersionBuildsBuildDocument,
    "\n  subscription VersionBuildsLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { text }\n  }\n": types.VersionBuildsLogsDocument,
    "\n  query VersionBuildsVersion($id: ID!) {\n    version(id: $id) {\n      state sizeBytes\n      builds { totalCount nodes { state targetTag } }\n      image { tags { nodes { name digest sizeBytes } } }\n    }\n  }\n": types.VersionBuildsVersionDocument,
    "\n  mutation StreamCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n": types.StreamCreateImageDocument,
    "\n  mutation StreamUpdateImage($input: UpdateImageInput!) {\n    updateImage(input: $input) { image { id } userErrors { code } }\n  }\n": types.StreamUpdateImageDocument,
    "\n  mutation StreamDeleteImage($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId }\n  }\n": types.StreamDeleteImageDocument,
    "\n  subscription StreamImageUpdated($imageId: ID!) {\n    imageUpdated(imageId: $imageId) { name description }\n  }\n": types.StreamImageUpdatedDocument,
    "\n  subscription EventsImageUpdated($imageId: ID!) {\n    imageUpdated(imageId: $imageId) {\n      name description isPrivate state starCount viewerHasStarred\n      categories { nodes { name } }\n      tags { nodes { name protected } }\n      retentionPolicies { rule tagPattern }\n      versions { nodes { version } }\n      buildSource { repositoryUrl }\n    }\n  }\n": types.EventsImageUpdatedDocument,
    "\n  mutation EventsUpdateImage($input: UpdateImageInput!) {\n    updateImage(input: $input) { image { id } userErrors { field code } }\n  }\n": types.EventsUpdateImageDocument,
    "\n  mutation EventsTag($input: TagsInput!) {\n    tagImage(input: $input) { userErrors { field code } }\n  }\n": types.EventsTagDocument,
    "\n  mutation EventsUntag($input: TagsInput!) {\n    untagImage(input: $input) { userErrors { field code } }\n  }\n": types.EventsUntagDocument,
    "\n  mutation EventsStar($input: ImageIdInput!) {\n    starImage(input: $input) { userErrors { field code } }\n  }\n": types.EventsStarDocument,
    "\n  mutation EventsUnstar($input: ImageIdInput!) {\n    unstarImage(input: $input) { userErrors { field code } }\n  }\n": types.EventsUnstarDocument,
    "\n  mutation EventsSetCategories($input: SetImageCategoriesInput!) {\n    setImageCategories(input: $input) { userErrors { field code } }\n  }\n": types.EventsSetCategoriesDocument,
    "\n  mutation EventsCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) { category { id } userErrors { field code } }\n  }\n": types.EventsCreateCategoryDocument,
    "\n  mutation EventsDeleteCategory($input: DeleteCategoryInput!) {\n    deleteCategory(input: $input) { userErrors { field code } }\n  }\n": types.EventsDeleteCategoryDocument,
    "\n  mutation EventsProtect($input: ProtectTagInput!) {\n    protectTag(input: $input) { userErrors { field code } }\n  }\n": types.EventsProtectDocument,
    "\n  mutation EventsUnprotect($input: ProtectTagInput!) {\n    unprotectTag(input: $input) { userErrors { field code } }\n  }\n": types.EventsUnprotectDocument,
    "\n  mutation EventsSetRetention($input: SetRetentionPoliciesInput!) {\n    setRetentionPolicies(input: $input) { userErrors { field code } }\n  }\n": types.EventsSetRetentionDocument,
    "\n  mutation EventsApplyRetention($input: ApplyRetentionInput!) {\n    applyRetention(input: $input) { removed { tagName } userErrors { field code } }\n  }\n": types.EventsApplyRetentionDocument,
    "\n  mutation EventsCreateVersion($input: CreateVersionInput!) {\n    createVersion(input: $input) { version { version } userErrors { field code } }\n  }\n": types.EventsCreateVersionDocument,
    "\n  mutation EventsSetBuildSource($input: SetBuildSourceInput!) {\n    setBuildSource(input: $input) { userErrors { field code } }\n  }\n": types.EventsSetBuildSourceDocument,
    "\n  mutation EventsRemoveBuildSource($input: BuildSourceImageInput!) {\n    removeBuildSource(input: $input) { userErrors { field code } }\n  }\n": types.EventsRemoveBuildSourceDocument,
    "\n  mutation EventsDelete($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { field code } }\n  }\n": types.EventsDeleteDocument,
    "\n  mutation ImagesDeleteDelete($input: DeleteImageInput!) {\n    deleteImage(input: $input) {\n      deletedImageId\n      userErrors { field message code }\n    }\n  }\n": types.ImagesDeleteDeleteDocument,
    "\n  mutation ImagesDeleteSetCategories($input: SetImageCategoriesInput!) {\n    setImageCategories(input: $input) {\n      image { name categories { totalCount nodes { name } } }\n      userErrors { field message code }\n    }\n  }\n": types.ImagesDeleteSetCategoriesDocument,
    "\n  mutation ImagesDeleteStar($input: ImageIdInput!) {\n    starImage(input: $input) {\n      image { name starCount viewerHasStarred }\n      userErrors { field message code }\n    }\n  }\n": types.ImagesDeleteStarDocument,
    "\n  mutation ImagesDeleteUnstar($input: ImageIdInput!) {\n    unstarImage(input: $input) {\n      image { name starCount viewerHasStarred }\n      userErrors { field message code }\n    }\n  }\n": types.ImagesDeleteUnstarDocument,
    "\n  query ImagesDeleteStarred($id: ID!) {\n    image(id: $id) { starCount viewerHasStarred }\n  }\n": types.ImagesDeleteStarredDocument,
    "\n  query ImagesPaginationPage(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: ImageFilter\n    $orderBy: ImageOrder\n  ) {\n    images(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { name } }\n    }\n  }\n": types.ImagesPaginationPageDocument,
    "\n  query ImagesQueryById($id: ID) {\n    image(id: $id) { id name isPrivate owner { name } }\n  }\n": types.ImagesQueryByIdDocument,
    "\n  query ImagesQueryByName($name: String) {\n    image(name: $name) { id name }\n  }\n": types.ImagesQueryByNameDocument,
    "\n  query ImagesQueryByBoth($id: ID, $name: String) {\n    image(id: $id, name: $name) { id }\n  }\n": types.ImagesQueryByBothDocument,
    "\n  query ImagesQueryList($filter: ImageFilter, $orderBy: ImageOrder) {\n    images(filter: $filter, orderBy: $orderBy, first: 100) {\n      totalCount\n      nodes { name }\n    }\n  }\n": types.ImagesQueryListDocument,
    "\n  query ImagesQueryNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Image { name }\n      ... on Tag { name }\n      ... on Version { version }\n      ... on Build { targetTag }\n    }\n  }\n": types.ImagesQueryNodeDocument,
    "\n  query ImagesQueryNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n    }\n  }\n": types.ImagesQueryNodesDocument,
    "\n  query ImagesStateOne($name: String!) {\n    image(name: $name) { name state lastBuildDate }\n  }\n": types.ImagesStateOneDocument,
    "\n  query ImagesStateList($state: ImageState) {\n    images(filter: { state: $state }, first: 100, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      nodes { name state }\n    }\n  }\n": types.ImagesStateListDocument,
    "\n  mutation ImagesWriteCreate($input: CreateImageInput!) {\n    createImage(input: $input) {\n      image {\n        id name description iconUrl isPrivate jumpstart loginUsername minDiskGb minRamMb metadata\n        state starCount viewerHasStarred\n        owner { name }\n        registry { name }\n        categories { nodes { name } }\n      }\n      userErrors { field message code }\n    }\n  }\n": types.ImagesWriteCreateDocument,
    "\n  mutation ImagesWriteUpdate($input: UpdateImageInput!) {\n    updateImage(input: $input) {\n      image {\n        id name description iconUrl isPrivate jumpstart loginUsername minDiskGb minRamMb metadata\n        registry { name }\n        categories { nodes { name } }\n      }\n      userErrors { field message code }\n    }\n  }\n": types.ImagesWriteUpdateDocument,
    "\n  mutation SecretsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { token user { id } }\n  }\n": types.SecretsCreateUserDocument,
    "\n  mutation SecretsCreateToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) { token }\n  }\n": types.SecretsCreateTokenDocument,
    "\n  query SecretsViewer { viewer { name } }\n": types.SecretsViewerDocument,
    "\n  mutation SecretsAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { code } }\n  }\n": types.SecretsAddRegistryDocument,
    "\n  query SecretsPing($url: String, $id: ID) {\n    pingRegistry(url: $url, id: $id) { reachable }\n  }\n": types.SecretsPingDocument,
    "\n  query SecretsRemoteTags($reference: String!, $registryId: ID) {\n    remoteTags(reference: $reference, registryId: $registryId, first: 5) { nodes { name } }\n  }\n": types.SecretsRemoteTagsDocument,
    "\n  mutation SecretsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name } }\n  }\n": types.SecretsCreateImageDocument,
    "\n  mutation SecretsSetSource($input: SetBuildSourceInput!) {\n    setBuildSource(input: $input) { webhookSecret userErrors { code } }\n  }\n": types.SecretsSetSourceDocument,
    "\n  mutation MetricsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n": types.MetricsCreateImageDocument,
    "\n  query MetricsImage($id: ID!) {\n    node(id: $id) { id }\n  }\n": types.MetricsImageDocument,
    "\n  subscription MetricsImageUpdated($imageId: ID!) {\n    imageUpdated(imageId: $imageId) { name }\n  }\n": types.MetricsImageUpdatedDocument,
    "\n  query MetricsPing($url: String!) {\n    pingRegistry(url: $url) { reachable errorCode }\n  }\n": types.MetricsPingDocument,
    "\n  query MetricsEngine {\n    dockerEngine { reachable }\n  }\n": types.MetricsEngineDocument,
    "\n  query NPlusOnePulls($first: Int!) {\n    pulls(first: $first) {\n      totalCount\n      nodes { reference state progress requestedBy { name } registry { name } image { name state } tag { name digest } }\n    }\n  }\n": types.NPlusOnePullsDocument,
    "\n  query NPlusOnePushes($first: Int!) {\n    pushes(first: $first) {\n      totalCount\n      nodes {\n        reference state digest requestedBy { name } registry { name }\n        tag { name pushedDigest pushedRegistry { name } image { name } updateCheck(maxAgeSeconds: 0) { registry { name } errorCode } }\n      }\n    }\n  }\n": types.NPlusOnePushesDocument,
    "\n  query NPlusOneDeliveries($id: ID!, $first: Int!) {\n    image(id: $id) { buildSource { deliveries(first: $first) { deliveryId state builds { targetTag state image { name } } } } }\n  }\n": types.NPlusOneDeliveriesDocument,
    "\n  query MigratedImages {\n    images(first: 100, orderBy: { field: NAME, direction: ASC }) { nodes { name isPrivate owner { name } organization { name } } }\n  }\n": types.MigratedImagesDocument,
    "\n  query MigratedOrganization($name: String!) {\n    organization(name: $name) { name members { nodes { user { name } role } } }\n  }\n": types.MigratedOrganizationDocument,
    "\n  query NodeIdsNode($id: ID!) {\n    node(id: $id) { __typename id }\n  }\n": types.NodeIdsNodeDocument,
    "\n  query NodeIdsNodes($ids: [ID!]!) {\n    nodes(ids: $ids) { __typename id }\n  }\n": types.NodeIdsNodesDocument,
    "\n  mutation OrgCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name viewerPermission organization { name } } userErrors { code field message } }\n  }\n": types.OrgCreateImageDocument,
    "\n  mutation OrgRenameImage($input: UpdateImageInput!) {\n    updateImage(input: $input) { image { id name } userErrors { code field message } }\n  }\n": types.OrgRenameImageDocument,
    "\n  mutation OrgDeleteImage($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { code } }\n  }\n": types.OrgDeleteImageDocument,
    "\n  mutation OrgPullImage($input: PullImageInput!) {\n    pullImage(input: $input) { pull { id } userErrors { code field message } }\n  }\n": types.OrgPullImageDocument,
    "\n  query OrgImageByName($name: String!) {\n    image(name: $name) { id name viewerPermission teamPermissions { team { name } permission } }\n  }\n": types.OrgImageByNameDocument,
    "\n  query OrgImages($filter: ImageFilter) {\n    images(filter: $filter, first: 100) { totalCount nodes { name } }\n  }\n": types.OrgImagesDocument,
    "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id name viewerRole } userErrors { code field message } }\n  }\n": types.CreateOrganizationDocument,
    "\n  mutation DeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId userErrors { code field message } }\n  }\n": types.DeleteOrganizationDocument,
    "\n  mutation SetOrganizationMember($input: SetOrganizationMemberInput!) {\n    setOrganizationMember(input: $input) { organization { id } userErrors { code field message } }\n  }\n": types.SetOrganizationMemberDocument,
    "\n  mutation RemoveOrganizationMember($input: RemoveOrganizationMemberInput!) {\n    removeOrganizationMember(input: $input) { organization { id } userErrors { code field message } }\n  }\n": types.RemoveOrganizationMemberDocument,
    "\n  mutation CreateTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) { team { id name permission } userErrors { code field message } }\n  }\n": types.CreateTeamDocument,
    "\n  mutation UpdateTeam($input: UpdateTeamInput!) {\n    updateTeam(input: $input) { team { id permission } userErrors { code field } }\n  }\n": types.UpdateTeamDocument,
    "\n  mutation AddTeamMember($input: TeamMemberInput!) {\n    addTeamMember(input: $input) { team { id members { totalCount nodes { user { name } } } } userErrors { code field } }\n  }\n": types.AddTeamMemberDocument,
    "\n  mutation RemoveTeamMember($input: TeamMemberInput!) {\n    removeTeamMember(input: $input) { team { id } userErrors { code field } }\n  }\n": types.RemoveTeamMemberDocument,
    "\n  mutation SetTeamImagePermission($input: SetTeamImagePermissionInput!) {\n    setTeamImagePermission(input: $input) { team { id images { nodes { image { name } permission } } } userErrors { code field message } }\n  }\n": types.SetTeamImagePermissionDocument,
    "\n  query OrganizationInside($name: String!) {\n    organization(name: $name) {\n      name\n      viewerRole\n      members { totalCount nodes { user { name } role } }\n      teams { totalCount nodes { name permission members { totalCount } } }\n    }\n  }\n": types.OrganizationInsideDocument,
    "\n  query MyOrganizations {\n    organizations(first: 50) { totalCount nodes { name viewerRole } }\n  }\n": types.MyOrganizationsDocument,
    "\n  mutation OrgCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } userErrors { code field } }\n  }\n": types.OrgCreateUserDocument,
    "\n  subscription OrgAuditFeed($organization: String) {\n    auditEvents(organization: $organization) { action actorName }\n  }\n": types.OrgAuditFeedDocument,
    "\n  query OrgAuditLog($filter: AuditLogFilter) {\n    auditLog(filter: $filter, first: 100) { totalCount nodes { action actorName outcome targetId } }\n  }\n": types.OrgAuditLogDocument,
    "\n  query ProtectViewer { viewer { name } }\n": types.ProtectViewerDocument,
    "\n  query ProtectImages($first: Int) { images(first: $first) { totalCount nodes { name } } }\n": types.ProtectImagesDocument,
    "\n  query ProtectDrift($first: Int, $tags: Int) {\n    images(first: $first) { nodes { name tags(first: $tags) { nodes { name updateAvailable } } } }\n  }\n": types.ProtectDriftDocument,
    "\n  mutation ProtectCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) { category { name } userErrors { code } }\n  }\n": types.ProtectCreateCategoryDocument,
    "\n  mutation ProtectCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { name } } }\n": types.ProtectCreateImageDocument,
    "\n  query RegistriesList {\n    # Every registry the tests add fits on one page, whatever order the tests run in.\n    registries(first: 100) {\n      totalCount\n      nodes { id name url apiVersion trustSelfSignedCert isDefault hasPassword username }\n    }\n  }\n": types.RegistriesListDocument,
    "\n  mutation RegistriesAdd($input: AddRegistryInput!) {\n    addRegistry(input: $input) {\n      registry { id name url apiVersion trustSelfSignedCert isDefault hasPassword username }\n      userErrors { field message code }\n    }\n  }\n": types.RegistriesAddDocument,
    "\n  mutation RegistriesUpdate($input: UpdateRegistryInput!) {\n    updateRegistry(input: $input) {\n      registry { id name url apiVersion trustSelfSignedCert isDefault hasPassword username }\n      userErrors { field message code }\n    }\n  }\n": types.RegistriesUpdateDocument,
    "\n  mutation RegistriesDelete($input: DeleteRegistryInput!) {\n    deleteRegistry(input: $input) {\n      deletedRegistryId\n      userErrors { field message code }\n    }\n  }\n": types.RegistriesDeleteDocument,
    "\n  query RegistriesTypeFields {\n    __type(name: \"Registry\") { fields { name } }\n  }\n": types.RegistriesTypeFieldsDocument,
    "\n  mutation CredAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id organization { name } } userErrors { code field } }\n  }\n": types.CredAddRegistryDocument,
    "\n  mutation CredUpdateRegistry($input: UpdateRegistryInput!) {\n    updateRegistry(input: $input) { registry { id organization { name } } userErrors { code field } }\n  }\n": types.CredUpdateRegistryDocument,
    "\n  mutation CredCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.CredCreateOrganizationDocument,
    "\n  query CredSearch($registryId: ID!) {\n    searchImages(depot: REGISTRY, registryId: $registryId, text: \"app\", first: 10) { nodes { name } }\n  }\n": types.CredSearchDocument,
    "\n  mutation CredPull($input: PullImageInput!) {\n    pullImage(input: $input) { pull { id } userErrors { code field } }\n  }\n": types.CredPullDocument,
    "\n  mutation CredPush($input: PushImageInput!) {\n    pushImage(input: $input) { push { id } userErrors { code field } }\n  }\n": types.CredPushDocument,
    "\n  query LoggedViewer { viewer { id name } }\n": types.LoggedViewerDocument,
    "\n  mutation LoggedCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n": types.LoggedCreateImageDocument,
    "\n  mutation RobotCreate($input: CreateRobotInput!) {\n    createRobot(input: $input) { robot { id name isRobot } userErrors { code field message } }\n  }\n": types.RobotCreateDocument,
    "\n  mutation RobotToken($input: CreateRobotTokenInput!) {\n    createRobotToken(input: $input) { token apiToken { id scopes { pattern actions } } userErrors { code field } }\n  }\n": types.RobotTokenDocument,
    "\n  mutation RobotDelete($input: DeleteRobotInput!) {\n    deleteRobot(input: $input) { deletedRobotId userErrors { code field } }\n  }\n": types.RobotDeleteDocument,
    "\n  mutation RobotRevoke($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) { apiToken { revokedAt } userErrors { code field } }\n  }\n": types.RobotRevokeDocument,
    "\n  mutation RobotCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name owner { name } } userErrors { code field } }\n  }\n": types.RobotCreateImageDocument,
    "\n  mutation RobotTagImage($input: TagsInput!) {\n    tagImage(input: $input) { tags { name } userErrors { code field } }\n  }\n": types.RobotTagImageDocument,
    "\n  mutation RobotOrg($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.RobotOrgDocument,
    "\n  mutation RobotTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) { team { id } }\n  }\n": types.RobotTeamDocument,
    "\n  mutation RobotAddToTeam($input: TeamMemberInput!) {\n    addTeamMember(input: $input) { team { id } userErrors { code field message } }\n  }\n": types.RobotAddToTeamDocument,
    "\n  query RobotImage($name: String!) {\n    image(name: $name) { id name viewerPermission }\n  }\n": types.RobotImageDocument,
    "\n  query RobotLists($org: String!) {\n    viewer { robots { totalCount nodes { name isRobot apiTokens { totalCount } } } }\n    organization(name: $org) { robots { nodes { name } } }\n  }\n": types.RobotListsDocument,
    "\n  mutation ScopedCreateToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) { token apiToken { id scopes { pattern actions } } userErrors { code field message } }\n  }\n": types.ScopedCreateTokenDocument,
    "\n  mutation ScopedCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name } userErrors { code field } }\n  }\n": types.ScopedCreateImageDocument,
    "\n  mutation ScopedTag($input: TagsInput!) {\n    tagImage(input: $input) { tags { name } userErrors { code field } }\n  }\n": types.ScopedTagDocument,
    "\n  mutation ScopedDelete($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { code field } }\n  }\n": types.ScopedDeleteDocument,
    "\n  mutation ScopedUpdate($input: UpdateImageInput!) {\n    updateImage(input: $input) { image { id } userErrors { code field } }\n  }\n": types.ScopedUpdateDocument,
    "\n  mutation ScopedOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } userErrors { code } }\n  }\n": types.ScopedOrganizationDocument,
    "\n  query ScopedImages {\n    images(first: 100, orderBy: { field: NAME, direction: ASC }) { totalCount nodes { name } }\n  }\n": types.ScopedImagesDocument,
    "\n  query ScopedImage($name: String!) {\n    image(name: $name) { id name viewerPermission }\n  }\n": types.ScopedImageDocument,
    "\n  query ScopedViewerToken {\n    viewerToken { name scopes { pattern actions } }\n    viewer { name isAdmin }\n  }\n": types.ScopedViewerTokenDocument,
    "\n  query ScopedLocalImages {\n    localImages(first: 1) { totalCount }\n  }\n": types.ScopedLocalImagesDocument,
    "\n  query ScopedAudit($filter: AuditLogFilter) {\n    auditLog(filter: $filter, first: 5) { nodes { action outcome detail tokenId } }\n  }\n": types.ScopedAuditDocument,
    "\n  query StoredRegistries {\n    registries(first: 100) { nodes { name url searchUrl username hasPassword } }\n  }\n": types.StoredRegistriesDocument,
    "\n  query StoredBuildSource($id: ID!) {\n    node(id: $id) { ... on Image { buildSource { repositoryUrl } } }\n  }\n": types.StoredBuildSourceDocument,
    "\n  query CatalogPage($first: Int!) {\n    images(first: $first, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      nodes {\n        name\n        state\n        lastBuildDate\n        starCount\n        viewerHasStarred\n        owner { name }\n        registry { name url }\n        categories { totalCount nodes { name } }\n        tags { totalCount nodes { name digest protected build { state commitSha } } }\n        buildSource { repositoryUrl autotests buildSettings { branch tag autobuild } }\n        retentionPolicies { rule keepLast tagPattern }\n        versions(first: 5) {\n          totalCount\n          nodes {\n            version\n            state\n            builds(first: 5) { totalCount nodes { state targetTag logLines(first: 3) { totalCount nodes { text } } } }\n          }\n        }\n      }\n    }\n  }\n": types.CatalogPageDocument,
    "\n  mutation TagsTagImage($input: TagsInput!) {\n    tagImage(input: $input) {\n      image { id name updatedAt }\n      tags { id name reference digest sizeBytes createdAt updatedAt image { id name } build { id } }\n      userErrors { field message code }\n    }\n  }\n": types.TagsTagImageDocument,
    "\n  mutation TagsUntagImage($input: TagsInput!) {\n    untagImage(input: $input) {\n      image { id name updatedAt }\n      removedTags\n      userErrors { field message code }\n    }\n  }\n": types.TagsUntagImageDocument,
    "\n  query TagsOfImage($id: ID!) {\n    image(id: $id) { name tags(first: 100) { totalCount nodes { name } } }\n  }\n": types.TagsOfImageDocument,
    "\n  query TagsTagNode($id: ID!) {\n    node(id: $id) {\n      ... on Tag { id name reference digest sizeBytes image { name } build { id state targetTag } }\n    }\n  }\n": types.TagsTagNodeDocument,
    "\n  query TransportImagesPage($first: Int, $after: String, $last: Int) {\n    images(first: $first, after: $after, last: $last, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      nodes { name }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.TransportImagesPageDocument,
    "\n  query TransportCategories {\n    categories { totalCount nodes { name } }\n  }\n": types.TransportCategoriesDocument,
    "\n  query UpdateCheckTag($id: ID!, $maxAgeSeconds: Int) {\n    node(id: $id) {\n      ... on Tag { updateCheck(maxAgeSeconds: $maxAgeSeconds) { remoteDigest updateAvailable comparedAt errorCode } }\n    }\n  }\n": types.UpdateCheckTagDocument,
    "\n  mutation LargeCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { field message code } }\n  }\n": types.LargeCreateImageDocument,
    "\n  mutation LargeUpload($input: CreateVersionInput!) {\n    createVersion(input: $input) {\n      version { version source { sha256 sizeBytes format } }\n      userErrors { field message code }\n    }\n  }\n": types.LargeUploadDocument,
    "\n  query LargeVersions($id: ID!) {\n    image(id: $id) { versions(first: 10) { totalCount nodes { version } } }\n  }\n": types.LargeVersionsDocument,
    "\n  mutation FramingCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) { category { id name } userErrors { field message code } }\n  }\n": types.FramingCreateCategoryDocument,
    "\n  mutation FramingCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { field message code } }\n  }\n": types.FramingCreateImageDocument,
    "\n  mutation FramingSetSource($input: SetBuildSourceInput!) {\n    setBuildSource(input: $input) { webhookSecret userErrors { field message code } }\n  }\n": types.FramingSetSourceDocument,
    "\n  mutation FramingUpload($input: CreateVersionInput!) {\n    createVersion(input: $input) {\n      version { id version source { sha256 sizeBytes filename format } }\n      userErrors { field message code }\n    }\n  }\n": types.FramingUploadDocument,
    "\n  mutation VersionsCreate($input: CreateVersionInput!) {\n    createVersion(input: $input) {\n      version {\n        id\n        version\n        state\n        sizeBytes\n        createdAt\n        source { sha256 sizeBytes filename format }\n        image { id name }\n        builds { totalCount nodes { id } }\n      }\n      userErrors { field message code }\n    }\n  }\n": types.VersionsCreateDocument,
    "\n  mutation VersionsDeleteImage($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { field message code } }\n  }\n": types.VersionsDeleteImageDocument,
    "\n  query VersionsVersion($id: ID!) {\n    version(id: $id) {\n      id\n      version\n      state\n      sizeBytes\n      createdAt\n      source { sha256 sizeBytes filename format }\n      image { id name }\n      builds(first: 10) { totalCount nodes { id targetTag state } pageInfo { hasNextPage } }\n    }\n  }\n": types.VersionsVersionDocument,
    "\n  query VersionsNode($id: ID!) {\n    node(id: $id) { id ... on Version { version } }\n  }\n": types.VersionsNodeDocument,
    "\n  query VersionsOfImage($id: ID!, $first: Int, $after: String) {\n    image(id: $id) {\n      versions(first: $first, after: $after) {\n        totalCount\n        nodes { version }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.VersionsOfImageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ThroughputCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n"): typeof import('./graphql.js').ThroughputCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ThroughputBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } }\n  }\n"): typeof import('./graphql.js').ThroughputBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ThroughputLogs($buildId: ID!, $fromLine: Int!) {\n    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text createdAt }\n  }\n"): typeof import('./graphql.js').ThroughputLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubscribersCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n"): typeof import('./graphql.js').SubscribersCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubscribersBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } }\n  }\n"): typeof import('./graphql.js').SubscribersBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SubscribersLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { lineNo text createdAt }\n  }\n"): typeof import('./graphql.js').SubscribersLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SubscribersStored($id: ID!) {\n    build(id: $id) { state logLines(first: 1) { totalCount } }\n  }\n"): typeof import('./graphql.js').SubscribersStoredDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuditCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n"): typeof import('./graphql.js').AuditCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuditUpdateImage($input: UpdateImageInput!) {\n    updateImage(input: $input) { image { id } }\n  }\n"): typeof import('./graphql.js').AuditUpdateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuditAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } }\n  }\n"): typeof import('./graphql.js').AuditAddRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuditCreateToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) { token }\n  }\n"): typeof import('./graphql.js').AuditCreateTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLogQuery($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id at actorName actorId tokenId address action targetId imageId outcome detail }\n    }\n  }\n"): typeof import('./graphql.js').AuditLogQueryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AuditEventsFeed {\n    auditEvents { action actorName outcome imageId }\n  }\n"): typeof import('./graphql.js').AuditEventsFeedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthViewerToken {\n    viewerToken { id name lastUsedAt lastUsedAddress }\n  }\n"): typeof import('./graphql.js').AuthViewerTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthViewer {\n    viewer { id name isAdmin }\n  }\n"): typeof import('./graphql.js').AuthViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthViewerTokens {\n    viewer {\n      name\n      apiTokens { totalCount nodes { id name prefix createdAt expiresAt lastUsedAt revokedAt } }\n    }\n  }\n"): typeof import('./graphql.js').AuthViewerTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthUserTokens($id: ID!) {\n    node(id: $id) {\n      ... on User { name apiTokens { totalCount nodes { id name } } }\n    }\n  }\n"): typeof import('./graphql.js').AuthUserTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthUserTokenCount($id: ID!) {\n    node(id: $id) {\n      ... on User { apiTokens { totalCount } }\n    }\n  }\n"): typeof import('./graphql.js').AuthUserTokenCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthTokenNode($id: ID!) {\n    node(id: $id) { id ... on ApiToken { name prefix revokedAt } }\n  }\n"): typeof import('./graphql.js').AuthTokenNodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user { id name isAdmin }\n      token\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').AuthCreateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthCreateToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      apiToken { id name prefix expiresAt revokedAt }\n      token\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').AuthCreateTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthRevokeToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      apiToken { id name revokedAt }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').AuthRevokeTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthUserProfile($id: ID!) {\n    node(id: $id) { id ... on User { name isAdmin createdAt } }\n  }\n"): typeof import('./graphql.js').AuthUserProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthReachableUsers($imageId: ID!, $buildId: ID!) {\n    image: node(id: $imageId) { ... on Image { owner { name isAdmin } } }\n    build: node(id: $buildId) { ... on Build { requestedBy { name isAdmin } } }\n  }\n"): typeof import('./graphql.js').AuthReachableUsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BadInputCreate($input: CreateImageInput!) {\n    createImage(input: $input) {\n      image { name metadata }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').BadInputCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BadInputUpdate($input: UpdateImageInput!) {\n    updateImage(input: $input) {\n      image { name metadata }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').BadInputUpdateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BadInputPage($first: Int) {\n    images(first: $first) { totalCount }\n  }\n"): typeof import('./graphql.js').BadInputPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BadInputToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').BadInputTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BadInputImage($name: String) {\n    image(name: $name) { name }\n  }\n"): typeof import('./graphql.js').BadInputImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BadInputCategories {\n    categories { totalCount }\n  }\n"): typeof import('./graphql.js').BadInputCategoriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BootstrapViewer {\n    viewer { name isAdmin }\n  }\n"): typeof import('./graphql.js').BootstrapViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BuildLogFollow($buildId: ID!, $fromLine: Int!) {\n    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text createdAt }\n  }\n"): typeof import('./graphql.js').BuildLogFollowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StepsProgress($buildId: ID!, $fromEvent: Int!) {\n    buildProgress(buildId: $buildId, fromEvent: $fromEvent) { eventNo kind stepNumber stepName stream text }\n  }\n"): typeof import('./graphql.js').StepsProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StepsOfBuild($id: ID!) {\n    build(id: $id) { steps { number attempt name state durationMs errorMessage logLines(first: 20) { totalCount nodes { text kind } } } }\n  }\n"): typeof import('./graphql.js').StepsOfBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BuildsBuild($id: ID!) {\n    build(id: $id) {\n      id\n      state\n      targetTag\n      dockerfilePath\n      errorMessage\n      createdAt\n      startedAt\n      finishedAt\n      image { id name }\n      version { id version }\n      requestedBy { id name }\n      logLines(first: 2) { totalCount nodes { lineNo } }\n    }\n  }\n"): typeof import('./graphql.js').BuildsBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BuildsLog($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    build(id: $id) {\n      logLines(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        edges { cursor node { lineNo stream text createdAt } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n"): typeof import('./graphql.js').BuildsLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BuildsNode($id: ID!) {\n    node(id: $id) { id ... on Build { targetTag } }\n  }\n"): typeof import('./graphql.js').BuildsNodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BuildsOfImage($id: ID!, $first: Int, $after: String) {\n    image(id: $id) {\n      builds(first: $first, after: $after) {\n        totalCount\n        nodes { targetTag state version { version } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): typeof import('./graphql.js').BuildsOfImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BuildsCancel($input: CancelBuildInput!) {\n    cancelBuild(input: $input) { build { id state finishedAt image { state } } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').BuildsCancelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BuildsUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n"): typeof import('./graphql.js').BuildsUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CategoriesList($first: Int, $after: String) {\n    categories(first: $first, after: $after) {\n      totalCount\n      nodes { id name createdAt }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql.js').CategoriesListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CategoriesCreate($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      category { id name createdAt }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').CategoriesCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CategoriesDelete($input: DeleteCategoryInput!) {\n    deleteCategory(input: $input) {\n      deletedCategoryId\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').CategoriesDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CategoriesOfImage($name: String!) {\n    image(name: $name) { name categories { totalCount nodes { name } } }\n  }\n"): typeof import('./graphql.js').CategoriesOfImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoadCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) {\n      image { id name }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').LoadCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoadTagImage($input: TagsInput!) {\n    tagImage(input: $input) {\n      tags { name }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').LoadTagImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnginesList {\n    dockerEngines { name host reachable error capacity runningJobs labels draining checkedAt }\n  }\n"): typeof import('./graphql.js').EnginesListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnginesPrimary {\n    dockerEngine { name host reachable }\n  }\n"): typeof import('./graphql.js').EnginesPrimaryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnginesAdd($input: AddDockerEngineInput!) {\n    addDockerEngine(input: $input) {\n      dockerEngine { name host reachable error capacity runningJobs labels draining checkedAt }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').EnginesAddDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnginesUpdate($input: UpdateDockerEngineInput!) {\n    updateDockerEngine(input: $input) {\n      dockerEngine { name host capacity labels draining runningJobs }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').EnginesUpdateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnginesRemove($input: RemoveDockerEngineInput!) {\n    removeDockerEngine(input: $input) {\n      removedName\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').EnginesRemoveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnginesBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').EnginesBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnginesBuildFields($id: ID!) {\n    build(id: $id) { attempt engineName engineLabels }\n  }\n"): typeof import('./graphql.js').EnginesBuildFieldsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnginesTagFields($id: ID!) {\n    node(id: $id) { ... on Tag { name engineName } }\n  }\n"): typeof import('./graphql.js').EnginesTagFieldsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KitCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n"): typeof import('./graphql.js').KitCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KitBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').KitBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription KitBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n"): typeof import('./graphql.js').KitBuildUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription KitProgress($buildId: ID!, $fromEvent: Int!) {\n    buildProgress(buildId: $buildId, fromEvent: $fromEvent) { eventNo kind stepNumber stepName stream text at }\n  }\n"): typeof import('./graphql.js').KitProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription KitBuildLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { lineNo stream text }\n  }\n"): typeof import('./graphql.js').KitBuildLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KitResult($id: ID!) {\n    build(id: $id) {\n      state errorMessage builder target noCache platform secretIds startedAt finishedAt\n      labels { name value }\n      steps { number attempt name digest state startedAt finishedAt durationMs errorMessage logLines(first: 50) { nodes { lineNo kind text } } }\n      logLines(first: 500) { nodes { lineNo stream text stepNumber kind } }\n      image { tags { nodes { name digest } } }\n    }\n  }\n"): typeof import('./graphql.js').KitResultDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KitPrune($input: PruneBuildCacheInput!) {\n    pruneBuildCache(input: $input) { removedCount reclaimedBytes userErrors { field code message } }\n  }\n"): typeof import('./graphql.js').KitPruneDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KitEngine {\n    dockerEngine { reachable builder }\n  }\n"): typeof import('./graphql.js').KitEngineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngineCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n"): typeof import('./graphql.js').EngineCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngineBuild($input: BuildImageInput!) {\n    buildImage(input: $input) {\n      build { id state targetTag createdAt }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').EngineBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngineCancel($input: CancelBuildInput!) {\n    cancelBuild(input: $input) { build { id state } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').EngineCancelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EngineBuildLogs($buildId: ID!, $fromLine: Int!) {\n    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text }\n  }\n"): typeof import('./graphql.js').EngineBuildLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EngineChattyLogs($buildId: ID!, $fromLine: Int!) {\n    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text createdAt }\n  }\n"): typeof import('./graphql.js').EngineChattyLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EngineBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n"): typeof import('./graphql.js').EngineBuildUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EngineImageUpdated($imageId: ID!) {\n    imageUpdated(imageId: $imageId) { name state tags { nodes { name } } }\n  }\n"): typeof import('./graphql.js').EngineImageUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EngineBuildResult($id: ID!) {\n    build(id: $id) {\n      state errorMessage startedAt finishedAt targetTag\n      logLines(first: 100) { totalCount nodes { lineNo text } }\n      image { state lastBuildDate tags { nodes { name digest sizeBytes build { id } } } }\n    }\n  }\n"): typeof import('./graphql.js').EngineBuildResultDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EngineStatus {\n    dockerEngine { reachable host version apiVersion storageDriver imageCount error }\n  }\n"): typeof import('./graphql.js').EngineStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngDelCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name } userErrors { code } }\n  }\n"): typeof import('./graphql.js').EngDelCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngDelBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').EngDelBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EngDelBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n"): typeof import('./graphql.js').EngDelBuildUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngDelTag($input: TagsInput!) {\n    tagImage(input: $input) { userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').EngDelTagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngDelDelete($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').EngDelDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EngDelUsage($id: ID!) {\n    image(id: $id) { inUse containers { id name state status imageReference createdAt } }\n  }\n"): typeof import('./graphql.js').EngDelUsageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EngDelUsageList($nameContains: String!) {\n    images(first: 50, filter: { nameContains: $nameContains }, orderBy: { field: NAME, direction: ASC }) {\n      nodes { name inUse containers { name } }\n    }\n  }\n"): typeof import('./graphql.js').EngDelUsageListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefsAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { code message } }\n  }\n"): typeof import('./graphql.js').RefsAddRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name } userErrors { code } }\n  }\n"): typeof import('./graphql.js').RefsCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefsBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').RefsBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RefsBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state errorMessage }\n  }\n"): typeof import('./graphql.js').RefsBuildUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefsPull($input: PullImageInput!) {\n    pullImage(input: $input) { pull { id registry { id } } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').RefsPullDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RefsPullProgress($pullId: ID!) {\n    pullProgress(pullId: $pullId) { status pull { state errorMessage image { id name } tag { id name digest } } }\n  }\n"): typeof import('./graphql.js').RefsPullProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefsImport($input: ImportLocalImageInput!) {\n    importLocalImage(input: $input) {\n      image { id name }\n      tag { id name digest details { id } }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').RefsImportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RefsImageTags($id: ID!) {\n    image(id: $id) { name tags(first: 20) { nodes { id name digest engineReference details { id digest repoDigests } } } }\n  }\n"): typeof import('./graphql.js').RefsImageTagsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RefsLocalImages($after: String) {\n    localImages(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id repoTags inCatalog } }\n  }\n"): typeof import('./graphql.js').RefsLocalImagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefsTag($input: TagsInput!) {\n    tagImage(input: $input) { tags { name digest } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').RefsTagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefsUntag($input: TagsInput!) {\n    untagImage(input: $input) { removedTags userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').RefsUntagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefsDelete($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').RefsDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefsPush($input: PushImageInput!) {\n    pushImage(input: $input) { push { id reference } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').RefsPushDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RefsPushProgress($pushId: ID!) {\n    pushProgress(pushId: $pushId) { status push { state errorMessage digest } }\n  }\n"): typeof import('./graphql.js').RefsPushProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RefsRemoteTags($reference: String!) {\n    remoteTags(reference: $reference, first: 50) { nodes { name reference installed } }\n  }\n"): typeof import('./graphql.js').RefsRemoteTagsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefsSetRetention($input: SetRetentionPoliciesInput!) {\n    setRetentionPolicies(input: $input) { userErrors { field code message } }\n  }\n"): typeof import('./graphql.js').RefsSetRetentionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefsApplyRetention($input: ApplyRetentionInput!) {\n    applyRetention(input: $input) { removed { tagName removed engine } userErrors { field code message } }\n  }\n"): typeof import('./graphql.js').RefsApplyRetentionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngTagsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name } userErrors { code } }\n  }\n"): typeof import('./graphql.js').EngTagsCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngTagsBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').EngTagsBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EngTagsBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n"): typeof import('./graphql.js').EngTagsBuildUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngTagsTag($input: TagsInput!) {\n    tagImage(input: $input) {\n      tags { name digest sizeBytes }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').EngTagsTagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngTagsUntag($input: TagsInput!) {\n    untagImage(input: $input) { removedTags userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').EngTagsUntagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EngTagsDetails($id: ID!) {\n    image(id: $id) {\n      tags(first: 10) {\n        nodes {\n          name\n          details {\n            id digest repoDigests sizeBytes created architecture os layers env cmd entrypoint exposedPorts\n            labels { name value }\n            history { created createdBy comment emptyLayer }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').EngTagsDetailsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GitDeliveries($id: ID!, $first: Int) {\n    image(id: $id) { buildSource { deliveries(first: $first) { deliveryId event state attempt error builds { id targetTag } } } }\n  }\n"): typeof import('./graphql.js').GitDeliveriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GitCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id name } userErrors { code } } }\n"): typeof import('./graphql.js').GitCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GitSetSource($input: SetBuildSourceInput!) {\n    setBuildSource(input: $input) {\n      webhookSecret\n      image { buildSource { repositoryUrl autotests testCommand webhookPath buildSettings { branch tag dockerfilePath autobuild } } }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').GitSetSourceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GitTrigger($input: TriggerBuildInput!) {\n    triggerBuild(input: $input) { builds { id targetTag branch commitSha commitMessage trigger state } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').GitTriggerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GitBuild($id: ID!) {\n    build(id: $id) { state errorMessage trigger commitSha testsPassed pullRequest targetTag logLines(first: 100) { nodes { stream text } } }\n  }\n"): typeof import('./graphql.js').GitBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GitTags($id: ID!) { node(id: $id) { ... on Image { tags { nodes { name digest } } } } }\n"): typeof import('./graphql.js').GitTagsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GitRemoveSource($input: BuildSourceImageInput!) { removeBuildSource(input: $input) { image { buildSource { repositoryUrl } } userErrors { field code } } }\n"): typeof import('./graphql.js').GitRemoveSourceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GitProtect($input: ProtectTagInput!) { protectTag(input: $input) { tag { protected } userErrors { code } } }\n"): typeof import('./graphql.js').GitProtectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GitSourceOf($id: ID!) { node(id: $id) { ... on Image { buildSource { repositoryUrl } } } }\n"): typeof import('./graphql.js').GitSourceOfDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GitImageState($id: ID!) { node(id: $id) { ... on Image { state } } }\n"): typeof import('./graphql.js').GitImageStateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BrowserCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n"): typeof import('./graphql.js').BrowserCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BrowserBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { message } }\n  }\n"): typeof import('./graphql.js').BrowserBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EngEventsImageUpdated($imageId: ID!) {\n    imageUpdated(imageId: $imageId) {\n      name state\n      tags { nodes { id name digest pushedDigest } }\n    }\n  }\n"): typeof import('./graphql.js').EngEventsImageUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngEventsCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id } userErrors { code } } }\n"): typeof import('./graphql.js').EngEventsCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngEventsAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { code } } }\n"): typeof import('./graphql.js').EngEventsAddRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngEventsImport($input: ImportLocalImageInput!) { importLocalImage(input: $input) { tag { id } userErrors { code message } } }\n"): typeof import('./graphql.js').EngEventsImportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngEventsTag($input: TagsInput!) { tagImage(input: $input) { userErrors { code message } } }\n"): typeof import('./graphql.js').EngEventsTagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngEventsUntag($input: TagsInput!) { untagImage(input: $input) { userErrors { code message } } }\n"): typeof import('./graphql.js').EngEventsUntagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngEventsPush($input: PushImageInput!) { pushImage(input: $input) { push { id } userErrors { code message } } }\n"): typeof import('./graphql.js').EngEventsPushDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EngEventsPushFollow($pushId: ID!) { pushProgress(pushId: $pushId) { push { state errorMessage digest } } }\n"): typeof import('./graphql.js').EngEventsPushFollowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngEventsPull($input: PullImageInput!) { pullImage(input: $input) { pull { id } userErrors { code message } } }\n"): typeof import('./graphql.js').EngEventsPullDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EngEventsPullFollow($pullId: ID!) { pullProgress(pullId: $pullId) { pull { state errorMessage } } }\n"): typeof import('./graphql.js').EngEventsPullFollowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngEventsSetRetention($input: SetRetentionPoliciesInput!) { setRetentionPolicies(input: $input) { userErrors { code message } } }\n"): typeof import('./graphql.js').EngEventsSetRetentionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngEventsApplyRetention($input: ApplyRetentionInput!) {\n    applyRetention(input: $input) { removed { tagName removed engine registry } userErrors { code message } }\n  }\n"): typeof import('./graphql.js').EngEventsApplyRetentionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngEventsDelete($input: DeleteImageInput!) { deleteImage(input: $input) { deletedImageId userErrors { code message } } }\n"): typeof import('./graphql.js').EngEventsDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LocalImgList($first: Int, $after: String) {\n    localImages(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { id repoTags sizeBytes created inCatalog } }\n    }\n  }\n"): typeof import('./graphql.js').LocalImgListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LocalImgPages($after: String!, $before: String!) {\n    all: localImages(first: 4) { totalCount nodes { id } }\n    second: localImages(first: 2, after: $after) { nodes { id } pageInfo { hasPreviousPage hasNextPage } }\n    lastBefore: localImages(last: 1, before: $before) { nodes { id } }\n  }\n"): typeof import('./graphql.js').LocalImgPagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LocalImgImport($input: ImportLocalImageInput!) {\n    importLocalImage(input: $input) {\n      image { id name isPrivate owner { name } }\n      tag { name digest sizeBytes reference details { id } build { id } }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').LocalImgImportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PullsStart($input: PullImageInput!) {\n    pullImage(input: $input) {\n      pull { id reference state progress registry { id } requestedBy { name } }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').PullsStartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PullsProgress($pullId: ID!) {\n    pullProgress(pullId: $pullId) {\n      layer status current total fraction\n      pull {\n        state errorMessage progress\n        image { name isPrivate owner { name } registry { id } tags { nodes { name digest sizeBytes } } }\n        tag { name digest }\n      }\n    }\n  }\n"): typeof import('./graphql.js').PullsProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PullsList($first: Int, $after: String) {\n    pulls(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id reference state progress errorMessage startedAt finishedAt layers { layer status current total } requestedBy { name } }\n    }\n  }\n"): typeof import('./graphql.js').PullsListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PullsOne($id: ID!) {\n    pull(id: $id) { id state reference errorMessage image { name } tag { name } }\n  }\n"): typeof import('./graphql.js').PullsOneDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PullsAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { code } }\n  }\n"): typeof import('./graphql.js').PullsAddRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PullsImageByName($name: String!) {\n    image(name: $name) { id }\n  }\n"): typeof import('./graphql.js').PullsImageByNameDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PullsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n"): typeof import('./graphql.js').PullsCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PushAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { code } }\n  }\n"): typeof import('./graphql.js').PushAddRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PushImport($input: ImportLocalImageInput!) {\n    importLocalImage(input: $input) { image { id name } tag { id name digest } userErrors { code message } }\n  }\n"): typeof import('./graphql.js').PushImportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PushStart($input: PushImageInput!) {\n    pushImage(input: $input) {\n      push { id reference state registry { name } requestedBy { name } tag { name } }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').PushStartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PushFollow($pushId: ID!) {\n    pushProgress(pushId: $pushId) {\n      layer status current total fraction\n      push { state digest errorMessage progress finishedAt tag { name pushedDigest pushedAt pushedRegistry { name } } }\n    }\n  }\n"): typeof import('./graphql.js').PushFollowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PushPull($input: PullImageInput!) {\n    pullImage(input: $input) { pull { id registry { name } } userErrors { code message } }\n  }\n"): typeof import('./graphql.js').PushPullDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PushPullFollow($pullId: ID!) {\n    pullProgress(pullId: $pullId) { status pull { state errorMessage tag { id digest } } }\n  }\n"): typeof import('./graphql.js').PushPullFollowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PushRead($id: ID!) {\n    push(id: $id) { id state digest errorMessage }\n    pushes(first: 50) { totalCount nodes { id } }\n  }\n"): typeof import('./graphql.js').PushReadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PushInspect($reference: String!) {\n    remoteInspect(reference: $reference) { digest mediaType image { digest layers { digest } } }\n  }\n"): typeof import('./graphql.js').PushInspectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PushUpdateCheck($id: ID!, $maxAge: Int) {\n    node(id: $id) {\n      ... on Tag {\n        updateAvailable\n        updateCheck(maxAgeSeconds: $maxAge) { registry { name } localDigest remoteDigest updateAvailable comparedAt errorCode errorMessage }\n      }\n    }\n  }\n"): typeof import('./graphql.js').PushUpdateCheckDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecoveryCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n"): typeof import('./graphql.js').RecoveryCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecoveryBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { message } }\n  }\n"): typeof import('./graphql.js').RecoveryBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecoveryBuildState($id: ID!) {\n    build(id: $id) { state attempt errorMessage image { state } logLines(first: 100) { nodes { text } } steps { attempt name state errorMessage } }\n  }\n"): typeof import('./graphql.js').RecoveryBuildStateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RecoveryBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state errorMessage }\n  }\n"): typeof import('./graphql.js').RecoveryBuildUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RecoveryLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { text }\n  }\n"): typeof import('./graphql.js').RecoveryLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RecoveryEngine { dockerEngine { reachable } }"): typeof import('./graphql.js').RecoveryEngineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PingByUrl($url: String!, $trust: Boolean) {\n    pingRegistry(url: $url, trustSelfSignedCert: $trust) { url reachable apiVersion authRequired authScheme authenticated errorCode errorMessage latencyMs }\n  }\n"): typeof import('./graphql.js').PingByUrlDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PingById($id: ID!) {\n    pingRegistry(id: $id) { reachable authRequired authScheme authenticated errorCode errorMessage }\n  }\n"): typeof import('./graphql.js').PingByIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PingBoth($id: ID!, $url: String!) {\n    pingRegistry(id: $id, url: $url) { reachable }\n  }\n"): typeof import('./graphql.js').PingBothDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PingAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { code } }\n  }\n"): typeof import('./graphql.js').PingAddRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TransportTags($reference: String!) { remoteTags(reference: $reference) { nodes { name } } }\n"): typeof import('./graphql.js').TransportTagsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransportAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { code } } }\n"): typeof import('./graphql.js').TransportAddRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransportUpdateRegistry($input: UpdateRegistryInput!) { updateRegistry(input: $input) { userErrors { code } } }\n"): typeof import('./graphql.js').TransportUpdateRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoteAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { field message code } } }\n"): typeof import('./graphql.js').RemoteAddRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoteCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id } userErrors { field message code } } }\n"): typeof import('./graphql.js').RemoteCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RemoteTagsList($reference: String!, $registryId: ID, $first: Int, $after: String) {\n    remoteTags(reference: $reference, registryId: $registryId, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n      nodes { name reference installed }\n    }\n  }\n"): typeof import('./graphql.js').RemoteTagsListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RemoteInspectImage($reference: String!, $registryId: ID, $platform: String) {\n    remoteInspect(reference: $reference, registryId: $registryId, platform: $platform) {\n      reference digest mediaType size isIndex registry { name }\n      platforms { os architecture variant digest mediaType size }\n      image {\n        digest mediaType size totalSize os architecture env cmd entrypoint exposedPorts\n        config { digest mediaType size } layers { digest mediaType size } labels { name value }\n      }\n    }\n  }\n"): typeof import('./graphql.js').RemoteInspectImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RemoteSearch($depot: SearchDepot!, $registryId: ID, $text: String, $first: Int, $after: String) {\n    searchImages(depot: $depot, registryId: $registryId, text: $text, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { name depot description starCount official automated installed installedTags registry { name } image { name } }\n    }\n  }\n"): typeof import('./graphql.js').RemoteSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id name } userErrors { code } } }\n"): typeof import('./graphql.js').RetentionCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionSet($input: SetRetentionPoliciesInput!) {\n    setRetentionPolicies(input: $input) { image { retentionPolicies { rule keepLast olderThanDays tagPattern } } userErrors { field code message } }\n  }\n"): typeof import('./graphql.js').RetentionSetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RetentionPolicies($id: ID!) { image(id: $id) { retentionPolicies { rule keepLast olderThanDays tagPattern } } }\n"): typeof import('./graphql.js').RetentionPoliciesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RetentionPreviewOf($imageId: ID!) {\n    retentionPreview(imageId: $imageId) {\n      remove { tag { name } reasons { rule description } }\n      protectedTags { tag { name protected } reasons { rule description } }\n    }\n  }\n"): typeof import('./graphql.js').RetentionPreviewOfDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionApply($input: ApplyRetentionInput!) {\n    applyRetention(input: $input) {\n      removed { tagName digest removed engine registry detail reasons { rule } }\n      userErrors { field code message }\n    }\n  }\n"): typeof import('./graphql.js').RetentionApplyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionImport($input: ImportLocalImageInput!) {\n    importLocalImage(input: $input) { image { id } tag { id name } userErrors { field code message } }\n  }\n"): typeof import('./graphql.js').RetentionImportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionTag($input: TagsInput!) { tagImage(input: $input) { tags { name } userErrors { field code message } } }\n"): typeof import('./graphql.js').RetentionTagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionUntag($input: TagsInput!) { untagImage(input: $input) { removedTags userErrors { field code message } } }\n"): typeof import('./graphql.js').RetentionUntagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionDelete($input: DeleteImageInput!) { deleteImage(input: $input) { deletedImageId userErrors { field code message } } }\n"): typeof import('./graphql.js').RetentionDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionProtect($input: ProtectTagInput!) { protectTag(input: $input) { tag { name protected } userErrors { field code message } } }\n"): typeof import('./graphql.js').RetentionProtectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionUnprotect($input: ProtectTagInput!) { unprotectTag(input: $input) { tag { name protected } userErrors { field code message } } }\n"): typeof import('./graphql.js').RetentionUnprotectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionBuild($input: BuildImageInput!) { buildImage(input: $input) { build { id } userErrors { field code message } } }\n"): typeof import('./graphql.js').RetentionBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RetentionBuildUpdated($buildId: ID!) { buildUpdated(buildId: $buildId) { state } }\n"): typeof import('./graphql.js').RetentionBuildUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionPull($input: PullImageInput!) { pullImage(input: $input) { pull { id } userErrors { field code message } } }\n"): typeof import('./graphql.js').RetentionPullDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { code } } }\n"): typeof import('./graphql.js').RetentionAddRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionPush($input: PushImageInput!) { pushImage(input: $input) { push { id } userErrors { code message } } }\n"): typeof import('./graphql.js').RetentionPushDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RetentionPushFollow($pushId: ID!) { pushProgress(pushId: $pushId) { push { state errorMessage digest } } }\n"): typeof import('./graphql.js').RetentionPushFollowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n"): typeof import('./graphql.js').ScaleCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').ScaleBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScaleBuildState($id: ID!) {\n    build(id: $id) { state attempt engineName errorMessage logLines(first: 500) { nodes { lineNo stream text } } }\n  }\n"): typeof import('./graphql.js').ScaleBuildStateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ScaleBuildLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { lineNo stream text }\n  }\n"): typeof import('./graphql.js').ScaleBuildLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScaleEngines {\n    dockerEngines { name reachable capacity runningJobs draining }\n  }\n"): typeof import('./graphql.js').ScaleEnginesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { field message } }\n  }\n"): typeof import('./graphql.js').ScaleAddRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleBuildFrom($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').ScaleBuildFromDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScaleLocalImages($engine: String) {\n    localImages(engine: $engine, first: 100) { nodes { repoTags engineName } }\n  }\n"): typeof import('./graphql.js').ScaleLocalImagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleImportLocal($input: ImportLocalImageInput!) {\n    importLocalImage(input: $input) { tag { name engineName } userErrors { field code message } }\n  }\n"): typeof import('./graphql.js').ScaleImportLocalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleUpdateEngine($input: UpdateDockerEngineInput!) {\n    updateDockerEngine(input: $input) { dockerEngine { name draining } userErrors { field message } }\n  }\n"): typeof import('./graphql.js').ScaleUpdateEngineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StopCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n"): typeof import('./graphql.js').StopCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StopBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } }\n  }\n"): typeof import('./graphql.js').StopBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StopBuildState($id: ID!) {\n    build(id: $id) { state attempt errorMessage logLines(first: 100) { nodes { text } } }\n  }\n"): typeof import('./graphql.js').StopBuildStateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StopBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n"): typeof import('./graphql.js').StopBuildUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StopBuildLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { text }\n  }\n"): typeof import('./graphql.js').StopBuildLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StopAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } }\n  }\n"): typeof import('./graphql.js').StopAddRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StopRemoteTags($reference: String!, $registryId: ID) {\n    remoteTags(reference: $reference, registryId: $registryId, first: 5) { nodes { name } }\n  }\n"): typeof import('./graphql.js').StopRemoteTagsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TracesCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n"): typeof import('./graphql.js').TracesCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TracesBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id state } userErrors { code message } }\n  }\n"): typeof import('./graphql.js').TracesBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TracesBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n"): typeof import('./graphql.js').TracesBuildUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TracesPing($url: String!) {\n    pingRegistry(url: $url) { reachable }\n  }\n"): typeof import('./graphql.js').TracesPingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TracesMissingBuild($id: ID!) {\n    build(id: $id) { id }\n  }\n"): typeof import('./graphql.js').TracesMissingBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TwoCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n"): typeof import('./graphql.js').TwoCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TwoBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').TwoBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TwoBuildState($id: ID!) {\n    build(id: $id) { state logLines(first: 100) { nodes { lineNo text } } }\n  }\n"): typeof import('./graphql.js').TwoBuildStateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TwoBuildLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { lineNo text createdAt }\n  }\n"): typeof import('./graphql.js').TwoBuildLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TwoCancel($input: CancelBuildInput!) {\n    cancelBuild(input: $input) { build { state } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').TwoCancelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TwoBuildUpdated($buildId: ID!) {\n    buildUpdated(buildId: $buildId) { state }\n  }\n"): typeof import('./graphql.js').TwoBuildUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VersionBuildsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n"): typeof import('./graphql.js').VersionBuildsCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VersionBuildsUpload($input: CreateVersionInput!) {\n    createVersion(input: $input) { version { id state } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').VersionBuildsUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VersionBuildsBuild($input: BuildImageInput!) {\n    buildImage(input: $input) { build { id targetTag } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').VersionBuildsBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription VersionBuildsLogs($buildId: ID!) {\n    buildLogs(buildId: $buildId, fromLine: 0) { text }\n  }\n"): typeof import('./graphql.js').VersionBuildsLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VersionBuildsVersion($id: ID!) {\n    version(id: $id) {\n      state sizeBytes\n      builds { totalCount nodes { state targetTag } }\n      image { tags { nodes { name digest sizeBytes } } }\n    }\n  }\n"): typeof import('./graphql.js').VersionBuildsVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StreamCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n"): typeof import('./graphql.js').StreamCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StreamUpdateImage($input: UpdateImageInput!) {\n    updateImage(input: $input) { image { id } userErrors { code } }\n  }\n"): typeof import('./graphql.js').StreamUpdateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StreamDeleteImage($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId }\n  }\n"): typeof import('./graphql.js').StreamDeleteImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StreamImageUpdated($imageId: ID!) {\n    imageUpdated(imageId: $imageId) { name description }\n  }\n"): typeof import('./graphql.js').StreamImageUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EventsImageUpdated($imageId: ID!) {\n    imageUpdated(imageId: $imageId) {\n      name description isPrivate state starCount viewerHasStarred\n      categories { nodes { name } }\n      tags { nodes { name protected } }\n      retentionPolicies { rule tagPattern }\n      versions { nodes { version } }\n      buildSource { repositoryUrl }\n    }\n  }\n"): typeof import('./graphql.js').EventsImageUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsUpdateImage($input: UpdateImageInput!) {\n    updateImage(input: $input) { image { id } userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsUpdateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsTag($input: TagsInput!) {\n    tagImage(input: $input) { userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsTagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsUntag($input: TagsInput!) {\n    untagImage(input: $input) { userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsUntagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsStar($input: ImageIdInput!) {\n    starImage(input: $input) { userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsStarDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsUnstar($input: ImageIdInput!) {\n    unstarImage(input: $input) { userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsUnstarDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsSetCategories($input: SetImageCategoriesInput!) {\n    setImageCategories(input: $input) { userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsSetCategoriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) { category { id } userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsCreateCategoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsDeleteCategory($input: DeleteCategoryInput!) {\n    deleteCategory(input: $input) { userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsDeleteCategoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsProtect($input: ProtectTagInput!) {\n    protectTag(input: $input) { userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsProtectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsUnprotect($input: ProtectTagInput!) {\n    unprotectTag(input: $input) { userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsUnprotectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsSetRetention($input: SetRetentionPoliciesInput!) {\n    setRetentionPolicies(input: $input) { userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsSetRetentionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsApplyRetention($input: ApplyRetentionInput!) {\n    applyRetention(input: $input) { removed { tagName } userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsApplyRetentionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsCreateVersion($input: CreateVersionInput!) {\n    createVersion(input: $input) { version { version } userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsCreateVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsSetBuildSource($input: SetBuildSourceInput!) {\n    setBuildSource(input: $input) { userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsSetBuildSourceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsRemoveBuildSource($input: BuildSourceImageInput!) {\n    removeBuildSource(input: $input) { userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsRemoveBuildSourceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsDelete($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { field code } }\n  }\n"): typeof import('./graphql.js').EventsDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImagesDeleteDelete($input: DeleteImageInput!) {\n    deleteImage(input: $input) {\n      deletedImageId\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').ImagesDeleteDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImagesDeleteSetCategories($input: SetImageCategoriesInput!) {\n    setImageCategories(input: $input) {\n      image { name categories { totalCount nodes { name } } }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').ImagesDeleteSetCategoriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImagesDeleteStar($input: ImageIdInput!) {\n    starImage(input: $input) {\n      image { name starCount viewerHasStarred }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').ImagesDeleteStarDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImagesDeleteUnstar($input: ImageIdInput!) {\n    unstarImage(input: $input) {\n      image { name starCount viewerHasStarred }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').ImagesDeleteUnstarDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImagesDeleteStarred($id: ID!) {\n    image(id: $id) { starCount viewerHasStarred }\n  }\n"): typeof import('./graphql.js').ImagesDeleteStarredDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImagesPaginationPage(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: ImageFilter\n    $orderBy: ImageOrder\n  ) {\n    images(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { name } }\n    }\n  }\n"): typeof import('./graphql.js').ImagesPaginationPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImagesQueryById($id: ID) {\n    image(id: $id) { id name isPrivate owner { name } }\n  }\n"): typeof import('./graphql.js').ImagesQueryByIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImagesQueryByName($name: String) {\n    image(name: $name) { id name }\n  }\n"): typeof import('./graphql.js').ImagesQueryByNameDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImagesQueryByBoth($id: ID, $name: String) {\n    image(id: $id, name: $name) { id }\n  }\n"): typeof import('./graphql.js').ImagesQueryByBothDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImagesQueryList($filter: ImageFilter, $orderBy: ImageOrder) {\n    images(filter: $filter, orderBy: $orderBy, first: 100) {\n      totalCount\n      nodes { name }\n    }\n  }\n"): typeof import('./graphql.js').ImagesQueryListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImagesQueryNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Image { name }\n      ... on Tag { name }\n      ... on Version { version }\n      ... on Build { targetTag }\n    }\n  }\n"): typeof import('./graphql.js').ImagesQueryNodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImagesQueryNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n    }\n  }\n"): typeof import('./graphql.js').ImagesQueryNodesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImagesStateOne($name: String!) {\n    image(name: $name) { name state lastBuildDate }\n  }\n"): typeof import('./graphql.js').ImagesStateOneDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImagesStateList($state: ImageState) {\n    images(filter: { state: $state }, first: 100, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      nodes { name state }\n    }\n  }\n"): typeof import('./graphql.js').ImagesStateListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImagesWriteCreate($input: CreateImageInput!) {\n    createImage(input: $input) {\n      image {\n        id name description iconUrl isPrivate jumpstart loginUsername minDiskGb minRamMb metadata\n        state starCount viewerHasStarred\n        owner { name }\n        registry { name }\n        categories { nodes { name } }\n      }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').ImagesWriteCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImagesWriteUpdate($input: UpdateImageInput!) {\n    updateImage(input: $input) {\n      image {\n        id name description iconUrl isPrivate jumpstart loginUsername minDiskGb minRamMb metadata\n        registry { name }\n        categories { nodes { name } }\n      }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').ImagesWriteUpdateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SecretsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { token user { id } }\n  }\n"): typeof import('./graphql.js').SecretsCreateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SecretsCreateToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) { token }\n  }\n"): typeof import('./graphql.js').SecretsCreateTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecretsViewer { viewer { name } }\n"): typeof import('./graphql.js').SecretsViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SecretsAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id } userErrors { code } }\n  }\n"): typeof import('./graphql.js').SecretsAddRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecretsPing($url: String, $id: ID) {\n    pingRegistry(url: $url, id: $id) { reachable }\n  }\n"): typeof import('./graphql.js').SecretsPingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecretsRemoteTags($reference: String!, $registryId: ID) {\n    remoteTags(reference: $reference, registryId: $registryId, first: 5) { nodes { name } }\n  }\n"): typeof import('./graphql.js').SecretsRemoteTagsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SecretsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name } }\n  }\n"): typeof import('./graphql.js').SecretsCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SecretsSetSource($input: SetBuildSourceInput!) {\n    setBuildSource(input: $input) { webhookSecret userErrors { code } }\n  }\n"): typeof import('./graphql.js').SecretsSetSourceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MetricsCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { code } }\n  }\n"): typeof import('./graphql.js').MetricsCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetricsImage($id: ID!) {\n    node(id: $id) { id }\n  }\n"): typeof import('./graphql.js').MetricsImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MetricsImageUpdated($imageId: ID!) {\n    imageUpdated(imageId: $imageId) { name }\n  }\n"): typeof import('./graphql.js').MetricsImageUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetricsPing($url: String!) {\n    pingRegistry(url: $url) { reachable errorCode }\n  }\n"): typeof import('./graphql.js').MetricsPingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetricsEngine {\n    dockerEngine { reachable }\n  }\n"): typeof import('./graphql.js').MetricsEngineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NPlusOnePulls($first: Int!) {\n    pulls(first: $first) {\n      totalCount\n      nodes { reference state progress requestedBy { name } registry { name } image { name state } tag { name digest } }\n    }\n  }\n"): typeof import('./graphql.js').NPlusOnePullsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NPlusOnePushes($first: Int!) {\n    pushes(first: $first) {\n      totalCount\n      nodes {\n        reference state digest requestedBy { name } registry { name }\n        tag { name pushedDigest pushedRegistry { name } image { name } updateCheck(maxAgeSeconds: 0) { registry { name } errorCode } }\n      }\n    }\n  }\n"): typeof import('./graphql.js').NPlusOnePushesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NPlusOneDeliveries($id: ID!, $first: Int!) {\n    image(id: $id) { buildSource { deliveries(first: $first) { deliveryId state builds { targetTag state image { name } } } } }\n  }\n"): typeof import('./graphql.js').NPlusOneDeliveriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MigratedImages {\n    images(first: 100, orderBy: { field: NAME, direction: ASC }) { nodes { name isPrivate owner { name } organization { name } } }\n  }\n"): typeof import('./graphql.js').MigratedImagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MigratedOrganization($name: String!) {\n    organization(name: $name) { name members { nodes { user { name } role } } }\n  }\n"): typeof import('./graphql.js').MigratedOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeIdsNode($id: ID!) {\n    node(id: $id) { __typename id }\n  }\n"): typeof import('./graphql.js').NodeIdsNodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeIdsNodes($ids: [ID!]!) {\n    nodes(ids: $ids) { __typename id }\n  }\n"): typeof import('./graphql.js').NodeIdsNodesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrgCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name viewerPermission organization { name } } userErrors { code field message } }\n  }\n"): typeof import('./graphql.js').OrgCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrgRenameImage($input: UpdateImageInput!) {\n    updateImage(input: $input) { image { id name } userErrors { code field message } }\n  }\n"): typeof import('./graphql.js').OrgRenameImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrgDeleteImage($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { code } }\n  }\n"): typeof import('./graphql.js').OrgDeleteImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrgPullImage($input: PullImageInput!) {\n    pullImage(input: $input) { pull { id } userErrors { code field message } }\n  }\n"): typeof import('./graphql.js').OrgPullImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgImageByName($name: String!) {\n    image(name: $name) { id name viewerPermission teamPermissions { team { name } permission } }\n  }\n"): typeof import('./graphql.js').OrgImageByNameDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgImages($filter: ImageFilter) {\n    images(filter: $filter, first: 100) { totalCount nodes { name } }\n  }\n"): typeof import('./graphql.js').OrgImagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id name viewerRole } userErrors { code field message } }\n  }\n"): typeof import('./graphql.js').CreateOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId userErrors { code field message } }\n  }\n"): typeof import('./graphql.js').DeleteOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetOrganizationMember($input: SetOrganizationMemberInput!) {\n    setOrganizationMember(input: $input) { organization { id } userErrors { code field message } }\n  }\n"): typeof import('./graphql.js').SetOrganizationMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveOrganizationMember($input: RemoveOrganizationMemberInput!) {\n    removeOrganizationMember(input: $input) { organization { id } userErrors { code field message } }\n  }\n"): typeof import('./graphql.js').RemoveOrganizationMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) { team { id name permission } userErrors { code field message } }\n  }\n"): typeof import('./graphql.js').CreateTeamDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTeam($input: UpdateTeamInput!) {\n    updateTeam(input: $input) { team { id permission } userErrors { code field } }\n  }\n"): typeof import('./graphql.js').UpdateTeamDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddTeamMember($input: TeamMemberInput!) {\n    addTeamMember(input: $input) { team { id members { totalCount nodes { user { name } } } } userErrors { code field } }\n  }\n"): typeof import('./graphql.js').AddTeamMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveTeamMember($input: TeamMemberInput!) {\n    removeTeamMember(input: $input) { team { id } userErrors { code field } }\n  }\n"): typeof import('./graphql.js').RemoveTeamMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTeamImagePermission($input: SetTeamImagePermissionInput!) {\n    setTeamImagePermission(input: $input) { team { id images { nodes { image { name } permission } } } userErrors { code field message } }\n  }\n"): typeof import('./graphql.js').SetTeamImagePermissionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationInside($name: String!) {\n    organization(name: $name) {\n      name\n      viewerRole\n      members { totalCount nodes { user { name } role } }\n      teams { totalCount nodes { name permission members { totalCount } } }\n    }\n  }\n"): typeof import('./graphql.js').OrganizationInsideDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOrganizations {\n    organizations(first: 50) { totalCount nodes { name viewerRole } }\n  }\n"): typeof import('./graphql.js').MyOrganizationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrgCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } userErrors { code field } }\n  }\n"): typeof import('./graphql.js').OrgCreateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrgAuditFeed($organization: String) {\n    auditEvents(organization: $organization) { action actorName }\n  }\n"): typeof import('./graphql.js').OrgAuditFeedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgAuditLog($filter: AuditLogFilter) {\n    auditLog(filter: $filter, first: 100) { totalCount nodes { action actorName outcome targetId } }\n  }\n"): typeof import('./graphql.js').OrgAuditLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProtectViewer { viewer { name } }\n"): typeof import('./graphql.js').ProtectViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProtectImages($first: Int) { images(first: $first) { totalCount nodes { name } } }\n"): typeof import('./graphql.js').ProtectImagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProtectDrift($first: Int, $tags: Int) {\n    images(first: $first) { nodes { name tags(first: $tags) { nodes { name updateAvailable } } } }\n  }\n"): typeof import('./graphql.js').ProtectDriftDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProtectCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) { category { name } userErrors { code } }\n  }\n"): typeof import('./graphql.js').ProtectCreateCategoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProtectCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { name } } }\n"): typeof import('./graphql.js').ProtectCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegistriesList {\n    # Every registry the tests add fits on one page, whatever order the tests run in.\n    registries(first: 100) {\n      totalCount\n      nodes { id name url apiVersion trustSelfSignedCert isDefault hasPassword username }\n    }\n  }\n"): typeof import('./graphql.js').RegistriesListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegistriesAdd($input: AddRegistryInput!) {\n    addRegistry(input: $input) {\n      registry { id name url apiVersion trustSelfSignedCert isDefault hasPassword username }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').RegistriesAddDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegistriesUpdate($input: UpdateRegistryInput!) {\n    updateRegistry(input: $input) {\n      registry { id name url apiVersion trustSelfSignedCert isDefault hasPassword username }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').RegistriesUpdateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegistriesDelete($input: DeleteRegistryInput!) {\n    deleteRegistry(input: $input) {\n      deletedRegistryId\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').RegistriesDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegistriesTypeFields {\n    __type(name: \"Registry\") { fields { name } }\n  }\n"): typeof import('./graphql.js').RegistriesTypeFieldsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CredAddRegistry($input: AddRegistryInput!) {\n    addRegistry(input: $input) { registry { id organization { name } } userErrors { code field } }\n  }\n"): typeof import('./graphql.js').CredAddRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CredUpdateRegistry($input: UpdateRegistryInput!) {\n    updateRegistry(input: $input) { registry { id organization { name } } userErrors { code field } }\n  }\n"): typeof import('./graphql.js').CredUpdateRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CredCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): typeof import('./graphql.js').CredCreateOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CredSearch($registryId: ID!) {\n    searchImages(depot: REGISTRY, registryId: $registryId, text: \"app\", first: 10) { nodes { name } }\n  }\n"): typeof import('./graphql.js').CredSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CredPull($input: PullImageInput!) {\n    pullImage(input: $input) { pull { id } userErrors { code field } }\n  }\n"): typeof import('./graphql.js').CredPullDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CredPush($input: PushImageInput!) {\n    pushImage(input: $input) { push { id } userErrors { code field } }\n  }\n"): typeof import('./graphql.js').CredPushDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LoggedViewer { viewer { id name } }\n"): typeof import('./graphql.js').LoggedViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoggedCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } }\n  }\n"): typeof import('./graphql.js').LoggedCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RobotCreate($input: CreateRobotInput!) {\n    createRobot(input: $input) { robot { id name isRobot } userErrors { code field message } }\n  }\n"): typeof import('./graphql.js').RobotCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RobotToken($input: CreateRobotTokenInput!) {\n    createRobotToken(input: $input) { token apiToken { id scopes { pattern actions } } userErrors { code field } }\n  }\n"): typeof import('./graphql.js').RobotTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RobotDelete($input: DeleteRobotInput!) {\n    deleteRobot(input: $input) { deletedRobotId userErrors { code field } }\n  }\n"): typeof import('./graphql.js').RobotDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RobotRevoke($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) { apiToken { revokedAt } userErrors { code field } }\n  }\n"): typeof import('./graphql.js').RobotRevokeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RobotCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name owner { name } } userErrors { code field } }\n  }\n"): typeof import('./graphql.js').RobotCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RobotTagImage($input: TagsInput!) {\n    tagImage(input: $input) { tags { name } userErrors { code field } }\n  }\n"): typeof import('./graphql.js').RobotTagImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RobotOrg($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): typeof import('./graphql.js').RobotOrgDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RobotTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) { team { id } }\n  }\n"): typeof import('./graphql.js').RobotTeamDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RobotAddToTeam($input: TeamMemberInput!) {\n    addTeamMember(input: $input) { team { id } userErrors { code field message } }\n  }\n"): typeof import('./graphql.js').RobotAddToTeamDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RobotImage($name: String!) {\n    image(name: $name) { id name viewerPermission }\n  }\n"): typeof import('./graphql.js').RobotImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RobotLists($org: String!) {\n    viewer { robots { totalCount nodes { name isRobot apiTokens { totalCount } } } }\n    organization(name: $org) { robots { nodes { name } } }\n  }\n"): typeof import('./graphql.js').RobotListsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScopedCreateToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) { token apiToken { id scopes { pattern actions } } userErrors { code field message } }\n  }\n"): typeof import('./graphql.js').ScopedCreateTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScopedCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id name } userErrors { code field } }\n  }\n"): typeof import('./graphql.js').ScopedCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScopedTag($input: TagsInput!) {\n    tagImage(input: $input) { tags { name } userErrors { code field } }\n  }\n"): typeof import('./graphql.js').ScopedTagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScopedDelete($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { code field } }\n  }\n"): typeof import('./graphql.js').ScopedDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScopedUpdate($input: UpdateImageInput!) {\n    updateImage(input: $input) { image { id } userErrors { code field } }\n  }\n"): typeof import('./graphql.js').ScopedUpdateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScopedOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } userErrors { code } }\n  }\n"): typeof import('./graphql.js').ScopedOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScopedImages {\n    images(first: 100, orderBy: { field: NAME, direction: ASC }) { totalCount nodes { name } }\n  }\n"): typeof import('./graphql.js').ScopedImagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScopedImage($name: String!) {\n    image(name: $name) { id name viewerPermission }\n  }\n"): typeof import('./graphql.js').ScopedImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScopedViewerToken {\n    viewerToken { name scopes { pattern actions } }\n    viewer { name isAdmin }\n  }\n"): typeof import('./graphql.js').ScopedViewerTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScopedLocalImages {\n    localImages(first: 1) { totalCount }\n  }\n"): typeof import('./graphql.js').ScopedLocalImagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScopedAudit($filter: AuditLogFilter) {\n    auditLog(filter: $filter, first: 5) { nodes { action outcome detail tokenId } }\n  }\n"): typeof import('./graphql.js').ScopedAuditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StoredRegistries {\n    registries(first: 100) { nodes { name url searchUrl username hasPassword } }\n  }\n"): typeof import('./graphql.js').StoredRegistriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StoredBuildSource($id: ID!) {\n    node(id: $id) { ... on Image { buildSource { repositoryUrl } } }\n  }\n"): typeof import('./graphql.js').StoredBuildSourceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogPage($first: Int!) {\n    images(first: $first, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      nodes {\n        name\n        state\n        lastBuildDate\n        starCount\n        viewerHasStarred\n        owner { name }\n        registry { name url }\n        categories { totalCount nodes { name } }\n        tags { totalCount nodes { name digest protected build { state commitSha } } }\n        buildSource { repositoryUrl autotests buildSettings { branch tag autobuild } }\n        retentionPolicies { rule keepLast tagPattern }\n        versions(first: 5) {\n          totalCount\n          nodes {\n            version\n            state\n            builds(first: 5) { totalCount nodes { state targetTag logLines(first: 3) { totalCount nodes { text } } } }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').CatalogPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TagsTagImage($input: TagsInput!) {\n    tagImage(input: $input) {\n      image { id name updatedAt }\n      tags { id name reference digest sizeBytes createdAt updatedAt image { id name } build { id } }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').TagsTagImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TagsUntagImage($input: TagsInput!) {\n    untagImage(input: $input) {\n      image { id name updatedAt }\n      removedTags\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').TagsUntagImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TagsOfImage($id: ID!) {\n    image(id: $id) { name tags(first: 100) { totalCount nodes { name } } }\n  }\n"): typeof import('./graphql.js').TagsOfImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TagsTagNode($id: ID!) {\n    node(id: $id) {\n      ... on Tag { id name reference digest sizeBytes image { name } build { id state targetTag } }\n    }\n  }\n"): typeof import('./graphql.js').TagsTagNodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TransportImagesPage($first: Int, $after: String, $last: Int) {\n    images(first: $first, after: $after, last: $last, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      nodes { name }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql.js').TransportImagesPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TransportCategories {\n    categories { totalCount nodes { name } }\n  }\n"): typeof import('./graphql.js').TransportCategoriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UpdateCheckTag($id: ID!, $maxAgeSeconds: Int) {\n    node(id: $id) {\n      ... on Tag { updateCheck(maxAgeSeconds: $maxAgeSeconds) { remoteDigest updateAvailable comparedAt errorCode } }\n    }\n  }\n"): typeof import('./graphql.js').UpdateCheckTagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LargeCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').LargeCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LargeUpload($input: CreateVersionInput!) {\n    createVersion(input: $input) {\n      version { version source { sha256 sizeBytes format } }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').LargeUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LargeVersions($id: ID!) {\n    image(id: $id) { versions(first: 10) { totalCount nodes { version } } }\n  }\n"): typeof import('./graphql.js').LargeVersionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FramingCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) { category { id name } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').FramingCreateCategoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FramingCreateImage($input: CreateImageInput!) {\n    createImage(input: $input) { image { id } userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').FramingCreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FramingSetSource($input: SetBuildSourceInput!) {\n    setBuildSource(input: $input) { webhookSecret userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').FramingSetSourceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FramingUpload($input: CreateVersionInput!) {\n    createVersion(input: $input) {\n      version { id version source { sha256 sizeBytes filename format } }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').FramingUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VersionsCreate($input: CreateVersionInput!) {\n    createVersion(input: $input) {\n      version {\n        id\n        version\n        state\n        sizeBytes\n        createdAt\n        source { sha256 sizeBytes filename format }\n        image { id name }\n        builds { totalCount nodes { id } }\n      }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql.js').VersionsCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VersionsDeleteImage($input: DeleteImageInput!) {\n    deleteImage(input: $input) { deletedImageId userErrors { field message code } }\n  }\n"): typeof import('./graphql.js').VersionsDeleteImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VersionsVersion($id: ID!) {\n    version(id: $id) {\n      id\n      version\n      state\n      sizeBytes\n      createdAt\n      source { sha256 sizeBytes filename format }\n      image { id name }\n      builds(first: 10) { totalCount nodes { id targetTag state } pageInfo { hasNextPage } }\n    }\n  }\n"): typeof import('./graphql.js').VersionsVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VersionsNode($id: ID!) {\n    node(id: $id) { id ... on Version { version } }\n  }\n"): typeof import('./graphql.js').VersionsNodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VersionsOfImage($id: ID!, $first: Int, $after: String) {\n    image(id: $id) {\n      versions(first: $first, after: $after) {\n        totalCount\n        nodes { version }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): typeof import('./graphql.js').VersionsOfImageDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
