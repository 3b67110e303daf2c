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
