/**
 * Every GraphQL document the GitHub layer sends. They are validated against GitHub's public
 * schema in queries.test.ts, so a field GitHub does not have fails the build, not a run.
 */

const ACTOR = `login __typename`;

const ISSUE_FIELDS = `
  id
  databaseId
  number
  title
  body
  state
  stateReason
  url
  createdAt
  updatedAt
  closedAt
  authorAssociation
  author { ${ACTOR} }
  labels(first: 100) { nodes { name } }
  subIssuesSummary { total }
`;

const THREAD_COMMENT_FIELDS = `
  id
  databaseId
  body
  url
  createdAt
  authorAssociation
  author { ${ACTOR} }
`;

export const LIST_ISSUES_PAGE = /* GraphQL */ `
  query FactoryListIssuesPage(
    $owner: String!
    $repo: String!
    $first: Int!
    $after: String
    $states: [IssueState!]
    $labels: [String!]
    $orderBy: IssueOrder!
  ) {
    repository(owner: $owner, name: $repo) {
      issues(
        first: $first
        after: $after
        states: $states
        labels: $labels
        orderBy: $orderBy
      ) {
        pageInfo { endCursor hasNextPage }
        nodes { ${ISSUE_FIELDS} }
      }
    }
  }
`;

export const LIST_REVIEW_THREADS = /* GraphQL */ `
  query FactoryListReviewThreads($owner: String!, $repo: String!, $number: Int!, $after: String) {
    repository(owner: $owner, name: $repo) {
      pullRequest(number: $number) {
        reviewThreads(first: 100, after: $after) {
          pageInfo { endCursor hasNextPage }
          nodes {
            id
            isResolved
            isOutdated
            path
            line
            comments(first: 100) {
              pageInfo { endCursor hasNextPage }
              nodes { ${THREAD_COMMENT_FIELDS} }
            }
          }
        }
      }
    }
  }
`;

/** Further comments of one thread, for the rare thread with more than 100. */
export const LIST_THREAD_COMMENTS = /* GraphQL */ `
  query FactoryListThreadComments($id: ID!, $after: String) {
    node(id: $id) {
      ... on PullRequestReviewThread {
        comments(first: 100, after: $after) {
          pageInfo { endCursor hasNextPage }
          nodes { ${THREAD_COMMENT_FIELDS} }
        }
      }
    }
  }
`;

export const ADD_THREAD_REPLY = /* GraphQL */ `
  mutation FactoryReplyToThread($threadId: ID!, $body: String!) {
    addPullRequestReviewThreadReply(input: { pullRequestReviewThreadId: $threadId, body: $body }) {
      comment { ${THREAD_COMMENT_FIELDS} }
    }
  }
`;

export const RESOLVE_THREAD = /* GraphQL */ `
  mutation FactoryResolveThread($threadId: ID!) {
    resolveReviewThread(input: { threadId: $threadId }) {
      thread {
        id
        isResolved
      }
    }
  }
`;

export const ENABLE_AUTO_MERGE = /* GraphQL */ `
  mutation FactoryEnableAutoMerge($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!, $expectedHeadOid: GitObjectID) {
    enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: $mergeMethod, expectedHeadOid: $expectedHeadOid }) {
      pullRequest {
        id
        number
        autoMergeRequest {
          enabledAt
          mergeMethod
        }
      }
    }
  }
`;

export const DISABLE_AUTO_MERGE = /* GraphQL */ `
  mutation FactoryDisableAutoMerge($pullRequestId: ID!) {
    disablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId }) {
      pullRequest {
        id
        number
      }
    }
  }
`;

export const ENQUEUE_PULL_REQUEST = /* GraphQL */ `
  mutation FactoryEnqueuePullRequest($pullRequestId: ID!, $expectedHeadOid: GitObjectID!) {
    enqueuePullRequest(input: { pullRequestId: $pullRequestId, expectedHeadOid: $expectedHeadOid }) {
      mergeQueueEntry {
        id
        position
      }
    }
  }
`;

/** Whether a pull request waits in its base branch's merge queue, and where. */
export const MERGE_QUEUE_ENTRY = /* GraphQL */ `
  query FactoryMergeQueueEntry($owner: String!, $repo: String!, $number: Int!) {
    repository(owner: $owner, name: $repo) {
      pullRequest(number: $number) {
        mergeQueueEntry {
          position
          state
          headCommit {
            oid
          }
        }
      }
    }
  }
`;

export interface GqlMergeQueueEntry {
  repository: {
    pullRequest: { mergeQueueEntry: { position: number; state: string; headCommit: { oid: string } | null } | null } | null;
  } | null;
}

/** What an approval stands on: the latest label events and title renames, and the last body edit. */
export const ISSUE_CHANGES = /* GraphQL */ `
  query FactoryIssueChanges($owner: String!, $repo: String!, $number: Int!) {
    repository(owner: $owner, name: $repo) {
      issue(number: $number) {
        lastEditedAt
        editor { ${ACTOR} }
        timelineItems(itemTypes: [LABELED_EVENT, RENAMED_TITLE_EVENT], last: 100) {
          nodes {
            __typename
            ... on LabeledEvent { createdAt actor { ${ACTOR} } label { name } }
            ... on RenamedTitleEvent { createdAt actor { ${ACTOR} } }
          }
        }
      }
    }
  }
`;

const SWEEP_COMMENT_FIELDS = `
  id
  databaseId
  body
  url
  createdAt
  updatedAt
  authorAssociation
  author { ${ACTOR} }
`;

/**
 * One page of open pull requests with everything a sweep's triage needs (labels, head and base,
 * mergeability, the head's rolled-up checks, the last comments, the issues it closes), so a sweep
 * of a hundred pull requests is one request.
 */
export const SWEEP_PULL_REQUESTS = /* GraphQL */ `
  query FactorySweepPullRequests($owner: String!, $repo: String!, $first: Int!, $after: String, $comments: Int!) {
    repository(owner: $owner, name: $repo) {
      pullRequests(first: $first, after: $after, states: [OPEN], orderBy: { field: CREATED_AT, direction: ASC }) {
        pageInfo { endCursor hasNextPage }
        nodes {
          id
          number
          title
          url
          isDraft
          createdAt
          updatedAt
          author { ${ACTOR} }
          isCrossRepository
          headRefName
          headRefOid
          baseRefName
          baseRefOid
          mergeable
          mergeStateStatus
          labels(first: 100) { nodes { name } }
          statusCheckRollup {
            state
            contexts(first: 100) {
              nodes {
                __typename
                ... on CheckRun { name status conclusion startedAt }
                ... on StatusContext { context state createdAt }
              }
            }
          }
          comments(last: $comments) { nodes { ${SWEEP_COMMENT_FIELDS} } }
          closingIssuesReferences(first: 10) { nodes { number } }
        }
      }
    }
  }
`;

/** One page of issues carrying any of the labels, each with its last comments (claims live there). */
export const SWEEP_ISSUES = /* GraphQL */ `
  query FactorySweepIssues($owner: String!, $repo: String!, $first: Int!, $after: String, $labels: [String!], $comments: Int!) {
    repository(owner: $owner, name: $repo) {
      issues(first: $first, after: $after, states: [OPEN], labels: $labels, orderBy: { field: CREATED_AT, direction: ASC }) {
        pageInfo { endCursor hasNextPage }
        nodes {
          ${ISSUE_FIELDS}
          comments(last: $comments) { nodes { ${SWEEP_COMMENT_FIELDS} } }
        }
      }
    }
  }
`;

/** All documents, by name, for schema validation. */
export const ALL_DOCUMENTS: Record<string, string> = {
  LIST_ISSUES_PAGE,
  ISSUE_CHANGES,
  LIST_REVIEW_THREADS,
  LIST_THREAD_COMMENTS,
  ADD_THREAD_REPLY,
  RESOLVE_THREAD,
  ENABLE_AUTO_MERGE,
  DISABLE_AUTO_MERGE,
  ENQUEUE_PULL_REQUEST,
  MERGE_QUEUE_ENTRY,
  SWEEP_PULL_REQUESTS,
  SWEEP_ISSUES,
};

// Response shapes (only the fields selected above).

export interface GqlIssueChanges {
  repository: {
    issue: {
      lastEditedAt: string | null;
      editor: GqlActor | null;
      timelineItems: {
        nodes: ({ __typename: string; createdAt?: string; actor?: GqlActor | null; label?: { name: string } } | null)[] | null;
      };
    } | null;
  } | null;
}

export interface GqlActor {
  login: string;
  __typename: string;
}

export interface GqlIssue {
  id: string;
  databaseId: number | null;
  number: number;
  title: string;
  body: string;
  state: 'OPEN' | 'CLOSED';
  stateReason: string | null;
  url: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  authorAssociation: string;
  author: GqlActor | null;
  labels: { nodes: ({ name: string } | null)[] | null } | null;
  subIssuesSummary?: { total: number } | null;
}

export interface GqlPageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface GqlThreadComment {
  id: string;
  databaseId: number | null;
  body: string;
  url: string;
  createdAt: string;
  authorAssociation: string;
  author: GqlActor | null;
}

export interface GqlCommentConnection {
  pageInfo: GqlPageInfo;
  nodes: (GqlThreadComment | null)[] | null;
}

export interface GqlReviewThread {
  id: string;
  isResolved: boolean;
  isOutdated: boolean;
  path: string;
  line: number | null;
  comments: GqlCommentConnection;
}

export interface ListIssuesPageResult {
  repository: { issues: { pageInfo: GqlPageInfo; nodes: (GqlIssue | null)[] | null } } | null;
}

export interface ListReviewThreadsResult {
  repository: {
    pullRequest: { reviewThreads: { pageInfo: GqlPageInfo; nodes: (GqlReviewThread | null)[] | null } } | null;
  } | null;
}

export interface ListThreadCommentsResult {
  node: { comments?: GqlCommentConnection } | null;
}

export interface AddThreadReplyResult {
  addPullRequestReviewThreadReply: { comment: GqlThreadComment | null } | null;
}

export interface GqlSweepComment {
  id: string;
  databaseId: number | null;
  body: string;
  url: string;
  createdAt: string;
  updatedAt: string;
  authorAssociation: string;
  author: GqlActor | null;
}

export type GqlRollupContext =
  | { __typename: 'CheckRun'; name: string; status: string; conclusion: string | null; startedAt: string | null }
  | { __typename: 'StatusContext'; context: string; state: string; createdAt: string };

export interface GqlSweepPullRequest {
  id: string;
  number: number;
  title: string;
  url: string;
  isDraft: boolean;
  createdAt: string;
  updatedAt: string;
  author: GqlActor | null;
  isCrossRepository: boolean;
  headRefName: string;
  headRefOid: string;
  baseRefName: string;
  baseRefOid: string;
  mergeable: string;
  mergeStateStatus: string;
  labels: { nodes: ({ name: string } | null)[] | null } | null;
  statusCheckRollup: { state: string; contexts: { nodes: (GqlRollupContext | null)[] | null } } | null;
  comments: { nodes: (GqlSweepComment | null)[] | null } | null;
  closingIssuesReferences: { nodes: ({ number: number } | null)[] | null } | null;
}

export interface SweepPullRequestsResult {
  repository: { pullRequests: { pageInfo: GqlPageInfo; nodes: (GqlSweepPullRequest | null)[] | null } } | null;
}

export interface SweepIssuesResult {
  repository: {
    issues: {
      pageInfo: GqlPageInfo;
      nodes: ((GqlIssue & { comments: { nodes: (GqlSweepComment | null)[] | null } | null }) | null)[] | null;
    };
  } | null;
}
