import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  listWorkspaceFiles
} from "./chunk-a04ffcc530.js";
import "./chunk-51525f29b4.js";
import "./chunk-0f29425468.js";
import {
  findClosingReferences
} from "./chunk-8866facdbc.js";
import "./chunk-46b452a502.js";
import {
  neutralize,
  sanitizeText,
  scrubPersonalData
} from "./chunk-71acfe59dc.js";
import "./chunk-66d88ceb62.js";
import "./chunk-3b9788c516.js";
import {
  isAutomationEnabled
} from "./chunk-368e4d810e.js";
import {
  findMarkers,
  getMarker,
  marker
} from "./chunk-cd4c9ed0f2.js";
import {
  buildRunRecord
} from "./chunk-21091bdd34.js";
import "./chunk-72b8fa822b.js";
import {
  skipped
} from "./chunk-611882844b.js";
import "./chunk-8935ddc7e5.js";
import {
  ConfigError
} from "./chunk-eebc0eba86.js";
import {
  external_exports
} from "./chunk-f1a3eba2ad.js";
import {
  describeEvent,
  routeEvent
} from "./chunk-733809efca.js";
import "./chunk-ffa5c3fea6.js";
import "./chunk-0a4052ce6e.js";

// node_modules/@sentry/api/dist/index.js
var jsonBodySerializer = {
  bodySerializer: (body) => JSON.stringify(body, (_key, value) => typeof value === "bigint" ? value.toString() : value)
};
var extraPrefixesMap = {
  $body_: "body",
  $headers_: "headers",
  $path_: "path",
  $query_: "query"
};
var extraPrefixes = Object.entries(extraPrefixesMap);
var createSseClient = ({
  onRequest,
  onSseError,
  onSseEvent,
  responseTransformer,
  responseValidator,
  sseDefaultRetryDelay,
  sseMaxRetryAttempts,
  sseMaxRetryDelay,
  sseSleepFn,
  url,
  ...options
}) => {
  let lastEventId;
  const sleep = sseSleepFn ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const createStream = async function* () {
    let retryDelay = sseDefaultRetryDelay ?? 3e3;
    let attempt = 0;
    const signal = options.signal ?? new AbortController().signal;
    while (true) {
      if (signal.aborted)
        break;
      attempt++;
      const headers = options.headers instanceof Headers ? options.headers : new Headers(options.headers);
      if (lastEventId !== void 0) {
        headers.set("Last-Event-ID", lastEventId);
      }
      try {
        const requestInit = {
          redirect: "follow",
          ...options,
          body: options.serializedBody,
          headers,
          signal
        };
        let request = new Request(url, requestInit);
        if (onRequest) {
          request = await onRequest(url, requestInit);
        }
        const _fetch = options.fetch ?? globalThis.fetch;
        const response = await _fetch(request);
        if (!response.ok)
          throw new Error(`SSE failed: ${response.status} ${response.statusText}`);
        if (!response.body)
          throw new Error("No body in SSE response");
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        const abortHandler = () => {
          try {
            reader.cancel();
          } catch {
          }
        };
        signal.addEventListener("abort", abortHandler);
        try {
          while (true) {
            const { done, value } = await reader.read();
            if (done)
              break;
            buffer += value;
            buffer = buffer.replace(/\r\n/g, `
`).replace(/\r/g, `
`);
            const chunks = buffer.split(`

`);
            buffer = chunks.pop() ?? "";
            for (const chunk of chunks) {
              const lines = chunk.split(`
`);
              const dataLines = [];
              let eventName;
              for (const line of lines) {
                if (line.startsWith("data:")) {
                  dataLines.push(line.replace(/^data:\s*/, ""));
                } else if (line.startsWith("event:")) {
                  eventName = line.replace(/^event:\s*/, "");
                } else if (line.startsWith("id:")) {
                  lastEventId = line.replace(/^id:\s*/, "");
                } else if (line.startsWith("retry:")) {
                  const parsed = Number.parseInt(line.replace(/^retry:\s*/, ""), 10);
                  if (!Number.isNaN(parsed)) {
                    retryDelay = parsed;
                  }
                }
              }
              let data;
              let parsedJson = false;
              if (dataLines.length) {
                const rawData = dataLines.join(`
`);
                try {
                  data = JSON.parse(rawData);
                  parsedJson = true;
                } catch {
                  data = rawData;
                }
              }
              if (parsedJson) {
                if (responseValidator) {
                  await responseValidator(data);
                }
                if (responseTransformer) {
                  data = await responseTransformer(data);
                }
              }
              onSseEvent?.({
                data,
                event: eventName,
                id: lastEventId,
                retry: retryDelay
              });
              if (dataLines.length) {
                yield data;
              }
            }
          }
        } finally {
          signal.removeEventListener("abort", abortHandler);
          reader.releaseLock();
        }
        break;
      } catch (error) {
        onSseError?.(error);
        if (sseMaxRetryAttempts !== void 0 && attempt >= sseMaxRetryAttempts) {
          break;
        }
        const backoff = Math.min(retryDelay * 2 ** (attempt - 1), sseMaxRetryDelay ?? 3e4);
        await sleep(backoff);
      }
    }
  };
  const stream = createStream();
  return { stream };
};
var separatorArrayExplode = (style) => {
  switch (style) {
    case "label":
      return ".";
    case "matrix":
      return ";";
    case "simple":
      return ",";
    default:
      return "&";
  }
};
var separatorArrayNoExplode = (style) => {
  switch (style) {
    case "form":
      return ",";
    case "pipeDelimited":
      return "|";
    case "spaceDelimited":
      return "%20";
    default:
      return ",";
  }
};
var separatorObjectExplode = (style) => {
  switch (style) {
    case "label":
      return ".";
    case "matrix":
      return ";";
    case "simple":
      return ",";
    default:
      return "&";
  }
};
var serializeArrayParam = ({
  allowReserved,
  explode,
  name,
  style,
  value
}) => {
  if (!explode) {
    const joinedValues2 = (allowReserved ? value : value.map((v) => encodeURIComponent(v))).join(separatorArrayNoExplode(style));
    switch (style) {
      case "label":
        return `.${joinedValues2}`;
      case "matrix":
        return `;${name}=${joinedValues2}`;
      case "simple":
        return joinedValues2;
      default:
        return `${name}=${joinedValues2}`;
    }
  }
  const separator = separatorArrayExplode(style);
  const joinedValues = value.map((v) => {
    if (style === "label" || style === "simple") {
      return allowReserved ? v : encodeURIComponent(v);
    }
    return serializePrimitiveParam({
      allowReserved,
      name,
      value: v
    });
  }).join(separator);
  return style === "label" || style === "matrix" ? separator + joinedValues : joinedValues;
};
var serializePrimitiveParam = ({
  allowReserved,
  name,
  value
}) => {
  if (value === void 0 || value === null) {
    return "";
  }
  if (typeof value === "object") {
    throw new Error("Deeply-nested arrays/objects aren\u2019t supported. Provide your own `querySerializer()` to handle these.");
  }
  return `${name}=${allowReserved ? value : encodeURIComponent(value)}`;
};
var serializeObjectParam = ({
  allowReserved,
  explode,
  name,
  style,
  value,
  valueOnly
}) => {
  if (value instanceof Date) {
    return valueOnly ? value.toISOString() : `${name}=${value.toISOString()}`;
  }
  if (style !== "deepObject" && !explode) {
    let values = [];
    Object.entries(value).forEach(([key, v]) => {
      values = [...values, key, allowReserved ? v : encodeURIComponent(v)];
    });
    const joinedValues2 = values.join(",");
    switch (style) {
      case "form":
        return `${name}=${joinedValues2}`;
      case "label":
        return `.${joinedValues2}`;
      case "matrix":
        return `;${name}=${joinedValues2}`;
      default:
        return joinedValues2;
    }
  }
  const separator = separatorObjectExplode(style);
  const joinedValues = Object.entries(value).map(([key, v]) => serializePrimitiveParam({
    allowReserved,
    name: style === "deepObject" ? `${name}[${key}]` : key,
    value: v
  })).join(separator);
  return style === "label" || style === "matrix" ? separator + joinedValues : joinedValues;
};
var PATH_PARAM_RE = /\{[^{}]+\}/g;
var defaultPathSerializer = ({ path, url: _url }) => {
  let url = _url;
  const matches = _url.match(PATH_PARAM_RE);
  if (matches) {
    for (const match of matches) {
      let explode = false;
      let name = match.substring(1, match.length - 1);
      let style = "simple";
      if (name.endsWith("*")) {
        explode = true;
        name = name.substring(0, name.length - 1);
      }
      if (name.startsWith(".")) {
        name = name.substring(1);
        style = "label";
      } else if (name.startsWith(";")) {
        name = name.substring(1);
        style = "matrix";
      }
      const value = path[name];
      if (value === void 0 || value === null) {
        continue;
      }
      if (Array.isArray(value)) {
        url = url.replace(match, serializeArrayParam({ explode, name, style, value }));
        continue;
      }
      if (typeof value === "object") {
        url = url.replace(match, serializeObjectParam({
          explode,
          name,
          style,
          value,
          valueOnly: true
        }));
        continue;
      }
      if (style === "matrix") {
        url = url.replace(match, `;${serializePrimitiveParam({
          name,
          value
        })}`);
        continue;
      }
      const replaceValue = encodeURIComponent(style === "label" ? `.${value}` : value);
      url = url.replace(match, replaceValue);
    }
  }
  return url;
};
var getUrl = ({
  baseUrl,
  path,
  query,
  querySerializer,
  url: _url
}) => {
  const pathUrl = _url.startsWith("/") ? _url : `/${_url}`;
  let url = (baseUrl ?? "") + pathUrl;
  if (path) {
    url = defaultPathSerializer({ path, url });
  }
  let search = query ? querySerializer(query) : "";
  if (search.startsWith("?")) {
    search = search.substring(1);
  }
  if (search) {
    url += `?${search}`;
  }
  return url;
};
function getValidRequestBody(options) {
  const hasBody = options.body !== void 0;
  const isSerializedBody = hasBody && options.bodySerializer;
  if (isSerializedBody) {
    if ("serializedBody" in options) {
      const hasSerializedBody = options.serializedBody !== void 0 && options.serializedBody !== "";
      return hasSerializedBody ? options.serializedBody : null;
    }
    return options.body !== "" ? options.body : null;
  }
  if (hasBody) {
    return options.body;
  }
  return;
}
var getAuthToken = async (auth, callback) => {
  const token = typeof callback === "function" ? await callback(auth) : callback;
  if (!token) {
    return;
  }
  if (auth.scheme === "bearer") {
    return `Bearer ${token}`;
  }
  if (auth.scheme === "basic") {
    return `Basic ${btoa(token)}`;
  }
  return token;
};
var createQuerySerializer = ({
  parameters = {},
  ...args
} = {}) => {
  const querySerializer = (queryParams) => {
    const search = [];
    if (queryParams && typeof queryParams === "object") {
      for (const name in queryParams) {
        const value = queryParams[name];
        if (value === void 0 || value === null) {
          continue;
        }
        const options = parameters[name] || args;
        if (Array.isArray(value)) {
          const serializedArray = serializeArrayParam({
            allowReserved: options.allowReserved,
            explode: true,
            name,
            style: "form",
            value,
            ...options.array
          });
          if (serializedArray)
            search.push(serializedArray);
        } else if (typeof value === "object") {
          const serializedObject = serializeObjectParam({
            allowReserved: options.allowReserved,
            explode: true,
            name,
            style: "deepObject",
            value,
            ...options.object
          });
          if (serializedObject)
            search.push(serializedObject);
        } else {
          const serializedPrimitive = serializePrimitiveParam({
            allowReserved: options.allowReserved,
            name,
            value
          });
          if (serializedPrimitive)
            search.push(serializedPrimitive);
        }
      }
    }
    return search.join("&");
  };
  return querySerializer;
};
var getParseAs = (contentType) => {
  if (!contentType) {
    return "stream";
  }
  const cleanContent = contentType.split(";")[0]?.trim();
  if (!cleanContent) {
    return;
  }
  if (cleanContent.startsWith("application/json") || cleanContent.endsWith("+json")) {
    return "json";
  }
  if (cleanContent === "multipart/form-data") {
    return "formData";
  }
  if (["application/", "audio/", "image/", "video/"].some((type) => cleanContent.startsWith(type))) {
    return "blob";
  }
  if (cleanContent.startsWith("text/")) {
    return "text";
  }
  return;
};
var checkForExistence = (options, name) => {
  if (!name) {
    return false;
  }
  if (options.headers.has(name) || options.query?.[name] || options.headers.get("Cookie")?.includes(`${name}=`)) {
    return true;
  }
  return false;
};
var setAuthParams = async ({
  security,
  ...options
}) => {
  for (const auth of security) {
    if (checkForExistence(options, auth.name)) {
      continue;
    }
    const token = await getAuthToken(auth, options.auth);
    if (!token) {
      continue;
    }
    const name = auth.name ?? "Authorization";
    switch (auth.in) {
      case "query":
        if (!options.query) {
          options.query = {};
        }
        options.query[name] = token;
        break;
      case "cookie":
        options.headers.append("Cookie", `${name}=${token}`);
        break;
      case "header":
      default:
        options.headers.set(name, token);
        break;
    }
  }
};
var buildUrl = (options) => getUrl({
  baseUrl: options.baseUrl,
  path: options.path,
  query: options.query,
  querySerializer: typeof options.querySerializer === "function" ? options.querySerializer : createQuerySerializer(options.querySerializer),
  url: options.url
});
var mergeConfigs = (a, b) => {
  const config = { ...a, ...b };
  if (config.baseUrl?.endsWith("/")) {
    config.baseUrl = config.baseUrl.substring(0, config.baseUrl.length - 1);
  }
  config.headers = mergeHeaders(a.headers, b.headers);
  return config;
};
var headersEntries = (headers) => {
  const entries = [];
  headers.forEach((value, key) => {
    entries.push([key, value]);
  });
  return entries;
};
var mergeHeaders = (...headers) => {
  const mergedHeaders = new Headers();
  for (const header of headers) {
    if (!header) {
      continue;
    }
    const iterator = header instanceof Headers ? headersEntries(header) : Object.entries(header);
    for (const [key, value] of iterator) {
      if (value === null) {
        mergedHeaders.delete(key);
      } else if (Array.isArray(value)) {
        for (const v of value) {
          mergedHeaders.append(key, v);
        }
      } else if (value !== void 0) {
        mergedHeaders.set(key, typeof value === "object" ? JSON.stringify(value) : value);
      }
    }
  }
  return mergedHeaders;
};
var Interceptors = class {
  fns = [];
  clear() {
    this.fns = [];
  }
  eject(id) {
    const index = this.getInterceptorIndex(id);
    if (this.fns[index]) {
      this.fns[index] = null;
    }
  }
  exists(id) {
    const index = this.getInterceptorIndex(id);
    return Boolean(this.fns[index]);
  }
  getInterceptorIndex(id) {
    if (typeof id === "number") {
      return this.fns[id] ? id : -1;
    }
    return this.fns.indexOf(id);
  }
  update(id, fn) {
    const index = this.getInterceptorIndex(id);
    if (this.fns[index]) {
      this.fns[index] = fn;
      return id;
    }
    return false;
  }
  use(fn) {
    this.fns.push(fn);
    return this.fns.length - 1;
  }
};
var createInterceptors = () => ({
  error: new Interceptors(),
  request: new Interceptors(),
  response: new Interceptors()
});
var defaultQuerySerializer = createQuerySerializer({
  allowReserved: false,
  array: {
    explode: true,
    style: "form"
  },
  object: {
    explode: true,
    style: "deepObject"
  }
});
var defaultHeaders = {
  "Content-Type": "application/json"
};
var createConfig = (override = {}) => ({
  ...jsonBodySerializer,
  headers: defaultHeaders,
  parseAs: "auto",
  querySerializer: defaultQuerySerializer,
  ...override
});
var createClient = (config = {}) => {
  let _config = mergeConfigs(createConfig(), config);
  const getConfig = () => ({ ..._config });
  const setConfig = (config2) => {
    _config = mergeConfigs(_config, config2);
    return getConfig();
  };
  const interceptors = createInterceptors();
  const beforeRequest = async (options) => {
    const opts = {
      ..._config,
      ...options,
      fetch: options.fetch ?? _config.fetch ?? globalThis.fetch,
      headers: mergeHeaders(_config.headers, options.headers),
      serializedBody: void 0
    };
    if (opts.security) {
      await setAuthParams({
        ...opts,
        security: opts.security
      });
    }
    if (opts.requestValidator) {
      await opts.requestValidator(opts);
    }
    if (opts.body !== void 0 && opts.bodySerializer) {
      opts.serializedBody = opts.bodySerializer(opts.body);
    }
    if (opts.body === void 0 || opts.serializedBody === "") {
      opts.headers.delete("Content-Type");
    }
    const url = buildUrl(opts);
    return { opts, url };
  };
  const request = async (options) => {
    const { opts, url } = await beforeRequest(options);
    const requestInit = {
      redirect: "follow",
      ...opts,
      body: getValidRequestBody(opts)
    };
    let request2 = new Request(url, requestInit);
    for (const fn of interceptors.request.fns) {
      if (fn) {
        request2 = await fn(request2, opts);
      }
    }
    const _fetch = opts.fetch;
    let response;
    try {
      response = await _fetch(request2);
    } catch (error2) {
      let finalError2 = error2;
      for (const fn of interceptors.error.fns) {
        if (fn) {
          finalError2 = await fn(error2, void 0, request2, opts);
        }
      }
      finalError2 = finalError2 || {};
      if (opts.throwOnError) {
        throw finalError2;
      }
      return opts.responseStyle === "data" ? void 0 : {
        error: finalError2,
        request: request2,
        response: void 0
      };
    }
    for (const fn of interceptors.response.fns) {
      if (fn) {
        response = await fn(response, request2, opts);
      }
    }
    const result = {
      request: request2,
      response
    };
    if (response.ok) {
      const parseAs = (opts.parseAs === "auto" ? getParseAs(response.headers.get("Content-Type")) : opts.parseAs) ?? "json";
      if (response.status === 204 || response.headers.get("Content-Length") === "0") {
        let emptyData;
        switch (parseAs) {
          case "arrayBuffer":
          case "blob":
          case "text":
            emptyData = await response[parseAs]();
            break;
          case "formData":
            emptyData = new FormData();
            break;
          case "stream":
            emptyData = response.body;
            break;
          case "json":
          default:
            emptyData = {};
            break;
        }
        return opts.responseStyle === "data" ? emptyData : {
          data: emptyData,
          ...result
        };
      }
      let data;
      switch (parseAs) {
        case "arrayBuffer":
        case "blob":
        case "formData":
        case "text":
          data = await response[parseAs]();
          break;
        case "json": {
          const text = await response.text();
          data = text ? JSON.parse(text) : {};
          break;
        }
        case "stream":
          return opts.responseStyle === "data" ? response.body : {
            data: response.body,
            ...result
          };
      }
      if (parseAs === "json") {
        if (opts.responseValidator) {
          await opts.responseValidator(data);
        }
        if (opts.responseTransformer) {
          data = await opts.responseTransformer(data);
        }
      }
      return opts.responseStyle === "data" ? data : {
        data,
        ...result
      };
    }
    const textError = await response.text();
    let jsonError;
    try {
      jsonError = JSON.parse(textError);
    } catch {
    }
    const error = jsonError ?? textError;
    let finalError = error;
    for (const fn of interceptors.error.fns) {
      if (fn) {
        finalError = await fn(error, response, request2, opts);
      }
    }
    finalError = finalError || {};
    if (opts.throwOnError) {
      throw finalError;
    }
    return opts.responseStyle === "data" ? void 0 : {
      error: finalError,
      ...result
    };
  };
  const makeMethodFn = (method) => (options) => request({ ...options, method });
  const makeSseFn = (method) => async (options) => {
    const { opts, url } = await beforeRequest(options);
    return createSseClient({
      ...opts,
      body: opts.body,
      headers: opts.headers,
      method,
      onRequest: async (url2, init) => {
        let request2 = new Request(url2, init);
        for (const fn of interceptors.request.fns) {
          if (fn) {
            request2 = await fn(request2, opts);
          }
        }
        return request2;
      },
      serializedBody: getValidRequestBody(opts),
      url
    });
  };
  return {
    buildUrl,
    connect: makeMethodFn("CONNECT"),
    delete: makeMethodFn("DELETE"),
    get: makeMethodFn("GET"),
    getConfig,
    head: makeMethodFn("HEAD"),
    interceptors,
    options: makeMethodFn("OPTIONS"),
    patch: makeMethodFn("PATCH"),
    post: makeMethodFn("POST"),
    put: makeMethodFn("PUT"),
    request,
    setConfig,
    sse: {
      connect: makeSseFn("CONNECT"),
      delete: makeSseFn("DELETE"),
      get: makeSseFn("GET"),
      head: makeSseFn("HEAD"),
      options: makeSseFn("OPTIONS"),
      patch: makeSseFn("PATCH"),
      post: makeSseFn("POST"),
      put: makeSseFn("PUT"),
      trace: makeSseFn("TRACE")
    },
    trace: makeMethodFn("TRACE")
  };
};
var client = createClient(createConfig());
var listAnOrganization_sIssues = (options) => (options.client ?? client).get({
  security: [{ scheme: "bearer", type: "http" }],
  url: "/api/0/organizations/{organization_id_or_slug}/issues/",
  ...options
});
var updateAnIssue = (options) => (options.client ?? client).put({
  security: [{ scheme: "bearer", type: "http" }],
  url: "/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/",
  ...options,
  headers: {
    "Content-Type": "application/json",
    ...options.headers
  }
});
var retrieveAnIssueEvent = (options) => (options.client ?? client).get({
  security: [{ scheme: "bearer", type: "http" }],
  url: "/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/events/{event_id}/",
  ...options
});

// actions/shared/sentry/types.ts
var SentryApiError = class extends Error {
  constructor(message, operation, status, options) {
    super(message, options);
    this.operation = operation;
    this.status = status;
  }
  operation;
  status;
  name = "SentryApiError";
};

// actions/shared/sentry/client.ts
var DEFAULT_MAX_ATTEMPTS = 3;
var DEFAULT_RATE_LIMIT_WAITS = 5;
var BACKOFF_MS = [1e3, 2e3, 4e3];
function retryAfterSeconds(header, now = /* @__PURE__ */ new Date()) {
  if (!header) return void 0;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? void 0 : Math.max(0, Math.ceil((at - now.getTime()) / 1e3));
}
function nextCursor(link) {
  if (!link) return void 0;
  for (const part of link.split(/,(?=\s*<)/)) {
    if (!/rel="next"/.test(part)) continue;
    if (!/results="true"/.test(part)) return void 0;
    return /cursor="([^"]*)"/.exec(part)?.[1];
  }
  return void 0;
}
function retryingFetch(opts) {
  const base = opts.fetch ?? ((r) => fetch(r));
  const sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const maxWaits = opts.maxRateLimitWaits ?? DEFAULT_RATE_LIMIT_WAITS;
  const maxRetryAfter = opts.maxRetryAfterSeconds ?? 120;
  return async (request) => {
    let failures = 0;
    let waits = 0;
    for (; ; ) {
      let response;
      try {
        response = await base(request.clone());
      } catch (e) {
        if (++failures >= maxAttempts) throw e;
        await sleep(BACKOFF_MS[failures - 1] ?? 4e3);
        continue;
      }
      if (response.status === 429 && waits < maxWaits) {
        waits++;
        const seconds = Math.min(retryAfterSeconds(response.headers.get("retry-after")) ?? 1, maxRetryAfter);
        await response.body?.cancel();
        await sleep(seconds * 1e3);
        continue;
      }
      if (response.status >= 500 && ++failures < maxAttempts) {
        await response.body?.cancel();
        await sleep(BACKOFF_MS[failures - 1] ?? 4e3);
        continue;
      }
      return response;
    }
  };
}
var nullableString = external_exports.string().nullable().optional();
var IssueSchema = external_exports.object({
  // Numeric, as Sentry's ids are: it becomes a marker key and a path segment.
  id: external_exports.string().regex(/^\d{1,20}$/),
  shortId: external_exports.string(),
  title: external_exports.string(),
  culprit: external_exports.string().nullable(),
  permalink: external_exports.string(),
  level: external_exports.string(),
  status: external_exports.string(),
  substatus: external_exports.string().nullable().optional(),
  project: external_exports.object({ id: external_exports.string(), slug: external_exports.string() }),
  count: external_exports.string(),
  userCount: external_exports.number(),
  firstSeen: external_exports.string().nullable(),
  lastSeen: external_exports.string().nullable(),
  metadata: external_exports.record(external_exports.string(), external_exports.unknown()),
  stats: external_exports.record(external_exports.string(), external_exports.unknown()).optional()
});
var FrameSchema = external_exports.object({
  filename: nullableString,
  absPath: nullableString,
  module: nullableString,
  function: nullableString,
  lineNo: external_exports.number().nullable().optional(),
  colNo: external_exports.number().nullable().optional(),
  inApp: external_exports.boolean().nullable().optional()
});
var ExceptionEntrySchema = external_exports.object({
  type: external_exports.literal("exception"),
  data: external_exports.object({
    values: external_exports.array(
      external_exports.object({
        type: nullableString,
        value: nullableString,
        stacktrace: external_exports.object({ frames: external_exports.array(FrameSchema).nullable().optional() }).nullable().optional()
      })
    ).nullable().optional()
  })
});
var BreadcrumbsEntrySchema = external_exports.object({
  type: external_exports.literal("breadcrumbs"),
  data: external_exports.object({
    values: external_exports.array(external_exports.object({ timestamp: nullableString, category: nullableString, level: nullableString, message: nullableString }))
  })
});
var EventSchema = external_exports.object({
  eventID: external_exports.string(),
  message: external_exports.string().nullable(),
  title: external_exports.string(),
  tags: external_exports.array(external_exports.object({ key: external_exports.string(), value: external_exports.string() })),
  entries: external_exports.array(external_exports.unknown()),
  release: external_exports.object({ version: nullableString }).passthrough().nullable().optional(),
  dateCreated: external_exports.string().optional()
});
function parse(schema, data, operation) {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first?.path.length ? first.path.join(".") : "(root)";
  throw new SentryApiError(
    `${operation}: Sentry's answer does not match its contract at ${where}: ${first?.message ?? "invalid"}`,
    operation,
    void 0
  );
}
var str = (v) => typeof v === "string" ? v : void 0;
function toIssue(raw) {
  const count = Number(raw.count);
  const series = raw.stats?.["24h"];
  const hourly = Array.isArray(series) ? series.flatMap((p) => Array.isArray(p) && typeof p[0] === "number" && typeof p[1] === "number" ? [{ at: p[0], count: p[1] }] : []) : [];
  const type = str(raw.metadata.type);
  const value = str(raw.metadata.value);
  const filename = str(raw.metadata.filename);
  const fn = str(raw.metadata.function);
  return {
    id: raw.id,
    shortId: raw.shortId,
    title: raw.title,
    culprit: raw.culprit,
    permalink: raw.permalink,
    level: raw.level,
    status: raw.status,
    substatus: raw.substatus ?? null,
    project: raw.project,
    count: Number.isFinite(count) ? count : 0,
    userCount: raw.userCount,
    firstSeen: raw.firstSeen,
    lastSeen: raw.lastSeen,
    metadata: {
      ...type ? { type } : {},
      ...value ? { value } : {},
      ...filename ? { filename } : {},
      ...fn ? { function: fn } : {}
    },
    hourly
  };
}
function toEvent(raw) {
  const exceptions = [];
  const breadcrumbs = [];
  for (const entry of raw.entries) {
    const exception = ExceptionEntrySchema.safeParse(entry);
    if (exception.success) {
      for (const v of exception.data.data.values ?? []) {
        exceptions.push({
          type: v.type ?? null,
          value: v.value ?? null,
          frames: (v.stacktrace?.frames ?? []).map((f) => ({
            filename: f.filename ?? null,
            absPath: f.absPath ?? null,
            module: f.module ?? null,
            function: f.function ?? null,
            lineNo: f.lineNo ?? null,
            colNo: f.colNo ?? null,
            inApp: f.inApp === true
          }))
        });
      }
      continue;
    }
    const crumbs = BreadcrumbsEntrySchema.safeParse(entry);
    if (crumbs.success) {
      for (const b of crumbs.data.data.values) {
        breadcrumbs.push({
          timestamp: b.timestamp ?? null,
          category: b.category ?? null,
          level: b.level ?? null,
          message: b.message ?? null
        });
      }
    }
  }
  const environment = raw.tags.find((t) => t.key === "environment")?.value ?? null;
  return {
    eventId: raw.eventID,
    message: raw.message,
    title: raw.title,
    exceptions,
    breadcrumbs,
    tags: raw.tags.map((t) => ({ key: t.key, value: t.value })),
    release: raw.release?.version ?? raw.tags.find((t) => t.key === "release")?.value ?? null,
    environment,
    dateCreated: raw.dateCreated ?? null
  };
}
function failure(operation, answer) {
  const status = answer.response?.status;
  const detail = typeof answer.error === "object" && answer.error !== null && "detail" in answer.error ? String(answer.error.detail) : typeof answer.error === "string" ? answer.error : answer.error instanceof Error ? answer.error.message : "";
  const what = status ? `HTTP ${status}` : "no answer";
  return new SentryApiError(`${operation}: Sentry answered ${what}${detail ? `: ${detail.slice(0, 300)}` : ""}`, operation, status, {
    cause: answer.error
  });
}
function createSentryClient(opts) {
  const common = {
    baseUrl: opts.baseUrl.replace(/\/+$/, ""),
    auth: opts.token,
    fetch: retryingFetch(opts)
  };
  const org = opts.org;
  async function call(operation, run2) {
    let answer;
    try {
      answer = await run2();
    } catch (e) {
      throw new SentryApiError(`${operation}: ${e instanceof Error ? e.message : String(e)}`, operation, void 0, { cause: e });
    }
    if (answer.error !== void 0 || !answer.response || !answer.response.ok) throw failure(operation, answer);
    return answer;
  }
  return {
    org,
    async listIssues(q) {
      const issues = [];
      let cursor;
      let pages = 0;
      for (; ; ) {
        const answer = await call(
          "listIssues",
          () => listAnOrganization_sIssues({
            ...common,
            path: { organization_id_or_slug: org },
            query: {
              query: q.query,
              limit: q.limit ?? 100,
              groupStatsPeriod: "24h",
              ...q.sort ? { sort: q.sort } : {},
              ...q.environments?.length ? { environment: [...q.environments] } : {},
              ...cursor ? { cursor } : {}
            }
          })
        );
        pages++;
        const page = parse(external_exports.array(IssueSchema), answer.data, "listIssues");
        issues.push(...page.map(toIssue));
        cursor = nextCursor(answer.response.headers.get("link"));
        if (!cursor) return { issues, truncated: false, pages };
        if (pages >= q.maxPages) return { issues, truncated: true, pages };
      }
    },
    async latestEvent(issueId) {
      const answer = await call(
        "latestEvent",
        () => retrieveAnIssueEvent({ ...common, path: { organization_id_or_slug: org, issue_id: Number(issueId), event_id: "latest" } })
      );
      return toEvent(parse(EventSchema, answer.data, "latestEvent"));
    },
    async updateIssue(issueId, update) {
      await call(
        "updateIssue",
        () => updateAnIssue({
          ...common,
          path: { organization_id_or_slug: org, issue_id: issueId },
          body: { status: update.status }
        })
      );
    }
  };
}

// actions/incident-responder/src/gate.ts
var AUTOMATION = "incident-responder";
var skip = (reason) => ({ ok: false, reason });
function gateEvent(event, config) {
  if (config.killSwitch) return skip("the kill switch is on (killSwitch: true in .github/factory.yml)");
  if (!isAutomationEnabled(AUTOMATION, config)) return skip(`${AUTOMATION} is disabled (automations.${AUTOMATION}.enabled)`);
  if (event.kind === "unsupported") return skip(event.reason);
  const route = routeEvent(event, AUTOMATION);
  if (!route.run) return skip(route.reason);
  if (config.sentry.org === null) return skip("no Sentry organization is configured (sentry.org in .github/factory.yml)");
  if (event.kind === "pull_request") {
    if (!config.sentry.resolveOnMerge) return skip("sentry.resolveOnMerge is off: a merged fix leaves Sentry alone");
    const pr = event.payload.pull_request;
    return { ok: true, value: { mode: "merged", pr: { number: pr.number, body: pr.body ?? "" }, trigger: describeEvent(event) } };
  }
  return { ok: true, value: { mode: "poll", trigger: describeEvent(event) } };
}

// actions/incident-responder/src/poll.ts
import { realpathSync } from "node:fs";

// actions/incident-responder/src/frames.ts
function normalize(name) {
  const withoutScheme = name.replace(/^[a-z][a-z0-9+.-]*:\/\/\/?/i, "").replace(/^[~.]\//, "");
  return withoutScheme.split(/[\\/]+/).filter((p) => p !== "" && p !== ".");
}
function repoPathOf(name, files, bySuffix) {
  const parts = normalize(name);
  for (let i = 0; i < parts.length; i++) {
    const candidate = parts.slice(i).join("/");
    if (files.has(candidate)) return candidate;
  }
  const base = parts[parts.length - 1];
  const same = base ? bySuffix.get(base) ?? [] : [];
  return same.length === 1 ? same[0] : void 0;
}
function indexFiles(paths) {
  const files = new Set(paths);
  const bySuffix = /* @__PURE__ */ new Map();
  for (const p of paths) {
    const base = p.split("/").pop();
    bySuffix.set(base, [...bySuffix.get(base) ?? [], p]);
  }
  return { files, bySuffix };
}
function frameFile(f) {
  return f.filename ?? f.absPath ?? f.module ?? "?";
}
function inAppFrames(event, repoFiles2, max = 12) {
  const { files, bySuffix } = indexFiles(repoFiles2);
  const frames = event.exceptions.flatMap((e) => e.frames).filter((f) => f.inApp);
  return frames.slice(-max).map((f) => {
    const path = repoPathOf(f.filename ?? "", files, bySuffix) ?? (f.absPath ? repoPathOf(f.absPath, files, bySuffix) : void 0);
    return { ...path ? { path } : {}, sentryFile: frameFile(f), line: f.lineNo, function: f.function, inApp: true };
  });
}
function suspectedFiles(frames) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const f of [...frames].reverse()) {
    if (!f.path || seen.has(f.path)) continue;
    seen.add(f.path);
    out.push({ path: f.path, line: f.line });
  }
  return out;
}

// actions/incident-responder/src/render.ts
var SENTRY_MARKER = "sentry";
var REGRESSION_MARKER = "sentry-regression";
var SPIKE_MARKER = "sentry-spike";
var RESOLVED_MARKER = "sentry-resolved";
var INCIDENT_LABELS = ["type:incident", "source:sentry"];
var SOURCE_LABEL = "source:sentry";
var MAX_TITLE = 110;
function clean(text, redactor, maxChars = 4e3) {
  return neutralize(scrubPersonalData(redactor.redact(sanitizeText(text, { format: "plain", redactor, maxChars }))));
}
function inline(text, redactor, max = 200) {
  const flat = clean(text ?? "", redactor, max * 2).replace(/[\r\n\t]+/g, " ").replace(/`/g, "'").replace(/\s{2,}/g, " ").trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
  return cut ? `\`${cut}\`` : "_none_";
}
function fenced(text, redactor, maxChars = 4e3) {
  const body = clean(text, redactor, maxChars).trimEnd();
  if (!body) return [];
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [`${fence}text`, body, fence];
}
function safeId(text) {
  return text.replace(/[^A-Za-z0-9-]/g, "").slice(0, 40) || "?";
}
function issueTitle(issue, redactor) {
  const text = clean(issue.title, redactor, 400).replace(/[\r\n\t]+/g, " ").replace(/\s{2,}/g, " ").trim();
  const short = text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1).trimEnd()}\u2026` : text;
  return `Incident: ${short || "Sentry issue"} (${safeId(issue.shortId)})`;
}
function sentryLink(issue) {
  try {
    const url = new URL(issue.permalink);
    if (url.protocol !== "https:" && url.protocol !== "http:") return `\`${safeId(issue.shortId)}\``;
    return `[${safeId(issue.shortId)}](${url.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`;
  } catch {
    return `\`${safeId(issue.shortId)}\``;
  }
}
function date(iso) {
  if (!iso) return "unknown";
  const at = Date.parse(iso);
  return Number.isNaN(at) ? "unknown" : new Date(at).toISOString().replace(".000Z", "Z");
}
function issueBody(ctx) {
  const { issue, event, redactor } = ctx;
  const exception = event.exceptions[event.exceptions.length - 1];
  const type = exception?.type ?? issue.metadata.type ?? null;
  const value = exception?.value ?? issue.metadata.value ?? event.message ?? null;
  const stack = ctx.frames.map(
    (f) => `${f.path ?? f.sentryFile}:${f.line ?? "?"} in ${f.function ?? "?"}${f.path ? "" : " (not in this repository)"}`
  );
  const suspects = suspectedFiles(ctx.frames);
  const crumbs = event.breadcrumbs.slice(-10).map((b) => `${b.timestamp ?? ""} [${b.category ?? b.level ?? "log"}] ${b.message ?? ""}`.trim());
  const tags = event.tags.filter((t) => t.key !== "environment" && t.key !== "release").slice(0, 20);
  return [
    marker({ kind: SENTRY_MARKER, key: issue.id }, { shortId: safeId(issue.shortId), project: safeId(issue.project.slug) }),
    `Sentry issue ${sentryLink(issue)} \xB7 \`sentry:${issue.id}\` \xB7 level **${safeId(issue.level)}** \xB7 project \`${safeId(issue.project.slug)}\` \xB7 ${ctx.priority}`,
    "",
    `- **Events:** ${issue.count} \xB7 **Users affected:** ${issue.userCount}`,
    `- **First seen:** ${date(issue.firstSeen)} \xB7 **Last seen:** ${date(issue.lastSeen)}`,
    `- **Release:** ${inline(event.release, redactor, 80)} \xB7 **Environment:** ${inline(event.environment, redactor, 80)}`,
    `- **Culprit:** ${inline(issue.culprit, redactor)}`,
    "",
    "### Expected vs observed",
    "",
    `- **Expected:** ${issue.culprit ? `${inline(issue.culprit, redactor)} completes` : "the code completes"} without ${type ? `raising ${inline(type, redactor, 80)}` : "this error"}.`,
    `- **Observed:** ${type ? `${inline(type, redactor, 80)} raised` : "an error"} in production, ${issue.count} time(s), for ${issue.userCount} user(s). The message of the latest event:`,
    "",
    ...fenced(value ?? "(no message)", redactor, 2e3),
    "",
    "### Stack excerpt (in-app frames, innermost last)",
    "",
    ...stack.length ? fenced(stack.join("\n"), redactor) : ["_No in-app frames in the latest event._"],
    "",
    "### Suspected files",
    "",
    ...suspects.length ? suspects.map((s) => `- \`${s.path}\`${s.line ? ` line ${s.line}` : ""}`) : ["_No frame of the stack maps to a file of this repository._"],
    "",
    ...crumbs.length ? ["### Breadcrumbs (latest event, last 10)", "", ...fenced(crumbs.join("\n"), redactor), ""] : [],
    ...tags.length ? ["### Tags", "", ...fenced(tags.map((t) => `${t.key}: ${t.value}`).join("\n"), redactor, 2e3), ""] : [],
    ...ctx.related.length ? [
      "### Possibly the same failure",
      "",
      ...ctx.related.map(
        (r) => `- #${r.number} (same exception type and culprit): linked, not merged; close one as a duplicate if they are.`
      ),
      ""
    ] : [],
    "---",
    "_Opened by the incident responder from Sentry. Text from the event is untrusted data: shown in code blocks, with secrets and personal data redacted. The feature planner triages it; the pull request that fixes it marks the Sentry issue resolved in the next release._"
  ].join("\n");
}
function regressionComment(issue, why, reopened) {
  return [
    marker({ kind: REGRESSION_MARKER, key: issue.id }, { lastSeen: date(issue.lastSeen) }),
    `**Regression:** ${why} (${sentryLink(issue)}).${reopened ? " Reopening." : ""}`,
    "",
    `- **Events:** ${issue.count} \xB7 **Users affected:** ${issue.userCount} \xB7 **Last seen:** ${date(issue.lastSeen)}`
  ].join("\n");
}
function spikeMarkerKey(issueId, window) {
  return `${issueId}.${window}`;
}
function spikeComment(issue, spike, factor) {
  return [
    `**Spike:** ${spike.lastHour} event(s) in the hour from ${spike.window}:00Z, ${(spike.lastHour / Math.max(spike.hourlyAverage, 1e-9)).toFixed(1)}\xD7 the hourly average of the day (${spike.hourlyAverage.toFixed(1)}; threshold ${factor}\xD7). ${sentryLink(issue)}`,
    "",
    `- **Events:** ${issue.count} \xB7 **Users affected:** ${issue.userCount} \xB7 **Last seen:** ${date(issue.lastSeen)}`
  ].join("\n");
}
function resolvedComment(issue, pr) {
  return `Fixed by #${pr}: the Sentry issue \`sentry:${issue.id}\` (${safeId(issue.shortId)}) is marked resolved in the next release. If it comes back after that release, the incident responder reopens this issue.`;
}

// actions/incident-responder/src/mirror.ts
async function mirroredIssues(reader, botLogin) {
  const issues = await reader.listIssues({ state: "all", labels: [SOURCE_LABEL] });
  const byId = /* @__PURE__ */ new Map();
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    if (issue.author.login !== botLogin) continue;
    for (const m of findMarkers(issue.body)) {
      if (m.kind === SENTRY_MARKER && !byId.has(m.key)) byId.set(m.key, issue);
    }
  }
  return byId;
}
function sentryIdOf(issue, botLogin) {
  if (issue.author.login !== botLogin || !issue.labels.includes(SOURCE_LABEL)) return void 0;
  return findMarkers(issue.body).find((m) => m.kind === SENTRY_MARKER)?.key;
}
var phrase = (text) => text.replace(/["\\]/g, " ").replace(/\s+/g, " ").trim().slice(0, 80);
async function relatedIssues(reader, failure2, botLogin) {
  const type = phrase(failure2.type ?? "");
  const culprit = phrase(failure2.culprit ?? "");
  if (type.length < 3 || culprit.length < 3) return [];
  const found = await reader.searchIssues(`is:issue is:open "${type}" "${culprit}" in:title,body`);
  const has = (text, needle) => text.toLowerCase().includes(needle.toLowerCase());
  return found.filter(
    (i) => !i.isPullRequest && !(i.author.login === botLogin && i.labels.includes(SOURCE_LABEL)) && has(`${i.title}
${i.body}`, type) && has(`${i.title}
${i.body}`, culprit)
  );
}

// actions/incident-responder/src/rules.ts
function belowThreshold(issue, t) {
  if (issue.count < t.minEvents) return `${issue.count} event(s), fewer than sentry.minEvents (${t.minEvents})`;
  if (issue.userCount < t.minUsers) return `${issue.userCount} user(s) affected, fewer than sentry.minUsers (${t.minUsers})`;
  return void 0;
}
function priorityOf(issue) {
  const rank = baseRank(issue) - (issue.userCount >= 1e3 ? 1 : 0);
  return `priority:p${Math.max(0, rank)}`;
}
function baseRank({ level, count, userCount }) {
  switch (level) {
    case "fatal":
      return 0;
    case "error":
      return userCount >= 10 || count >= 100 ? 1 : 2;
    case "warning":
      return userCount >= 100 || count >= 1e3 ? 2 : 3;
    default:
      return 3;
  }
}
function spikeOf(issue, factor, minEvents, now) {
  const buckets = issue.hourly;
  if (buckets.length === 0) return void 0;
  const last = buckets[buckets.length - 1];
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  const hourlyAverage = total / buckets.length;
  if (last.count < minEvents || last.count < factor * hourlyAverage) return void 0;
  const at = last.at > 0 ? new Date(last.at * 1e3) : now;
  return { lastHour: last.count, hourlyAverage, window: at.toISOString().slice(0, 13) };
}
function followUp(issue, mirror, opts) {
  if (mirror.state === "closed") {
    if (mirror.stateReason && mirror.stateReason !== "completed")
      return { kind: "none", why: `the GitHub issue was closed as ${mirror.stateReason}` };
    const seenAfterClose = !!mirror.closedAt && !!issue.lastSeen && Date.parse(issue.lastSeen) > Date.parse(mirror.closedAt);
    if (!seenAfterClose) return { kind: "none", why: "the GitHub issue is closed and Sentry has seen no event since" };
    const why = issue.substatus === "regressed" ? "Sentry marks it regressed" : "Sentry saw it again";
    return { kind: "regression", why: `${why} after the GitHub issue was closed`, reopen: true };
  }
  if (issue.substatus === "regressed") return { kind: "regression", why: "Sentry marks it regressed", reopen: false };
  const spike = spikeOf(issue, opts.spikeFactor, opts.minEvents, opts.now);
  return spike ? { kind: "spike", spike } : { kind: "none" };
}

// actions/incident-responder/src/poll.ts
var MAX_PAGES = 5;
function zeroCounts() {
  return {
    fatalSeen: 0,
    errorsSeen: 0,
    warningsSeen: 0,
    otherSeen: 0,
    mirrored: 0,
    skippedByThreshold: 0,
    deferred: 0,
    updated: 0,
    regressions: 0,
    spikes: 0
  };
}
function repoFiles(workspace) {
  try {
    const root = realpathSync(workspace);
    return listWorkspaceFiles(root, root, { limit: 5e4 });
  } catch {
    return [];
  }
}
async function poll(deps, sentry) {
  const cfg = deps.config.sentry;
  const bot = deps.config.trust.botLogin;
  const { reader, writer } = deps.github;
  const now = deps.clock.now();
  const counts = zeroCounts();
  const details = [];
  const would = deps.dryRun ? "would " : "";
  const planned = [];
  const actions = [];
  try {
    const levels = cfg.levels.join(",");
    const listed = await sentry.listIssues({
      query: `is:unresolved level:[${levels}]`,
      environments: cfg.environments,
      limit: 100,
      maxPages: MAX_PAGES,
      sort: "freq"
    });
    if (listed.truncated) details.push(`read the ${listed.issues.length} most frequent Sentry issues (${MAX_PAGES} pages); the rest wait`);
    const watched = listed.issues.filter(
      (i) => cfg.levels.includes(i.level) && (cfg.projects.length === 0 || cfg.projects.includes(i.project.slug))
    );
    for (const i of watched) {
      if (i.level === "fatal") counts.fatalSeen++;
      else if (i.level === "error") counts.errorsSeen++;
      else if (i.level === "warning") counts.warningsSeen++;
      else counts.otherSeen++;
    }
    const mirrors = await mirroredIssues(reader, bot);
    const fresh = [];
    for (const issue of watched) {
      const mirror = mirrors.get(issue.id);
      if (mirror) {
        const decision = followUp(issue, mirror, { spikeFactor: cfg.spikeFactor, minEvents: cfg.minEvents, now });
        if (decision.kind !== "none") actions.push({ issue, mirror, decision });
        continue;
      }
      const below = belowThreshold(issue, cfg);
      if (below) {
        counts.skippedByThreshold++;
        details.push(`skipped ${issue.shortId} (sentry:${issue.id}): ${below}`);
        continue;
      }
      fresh.push(issue);
    }
    fresh.sort((a, b) => b.count - a.count || b.userCount - a.userCount);
    const batch = fresh.slice(0, cfg.maxNewIssuesPerRun);
    counts.deferred = fresh.length - batch.length;
    if (counts.deferred)
      details.push(
        `${counts.deferred} new Sentry issue(s) above the thresholds wait for a later run (sentry.maxNewIssuesPerRun: ${cfg.maxNewIssuesPerRun})`
      );
    const files = batch.length ? repoFiles(deps.workspace) : [];
    for (const issue of batch) {
      const event = await sentry.latestEvent(issue.id);
      const frames = inAppFrames(event, files);
      const exception = event.exceptions[event.exceptions.length - 1];
      const related = await relatedIssues(reader, { type: exception?.type ?? issue.metadata.type ?? null, culprit: issue.culprit }, bot);
      const priority = priorityOf(issue);
      planned.push({
        issue,
        event,
        title: issueTitle(issue, deps.redactor),
        body: issueBody({
          issue,
          event,
          frames,
          priority,
          related: related.map((r) => ({ number: r.number, title: r.title })),
          redactor: deps.redactor
        }),
        labels: [...INCIDENT_LABELS, priority]
      });
    }
  } catch (e) {
    if (!(e instanceof SentryApiError)) throw e;
    return {
      ok: false,
      wrote: false,
      summary: `Sentry failed, nothing was written: ${deps.redactor.redact(e.message)}`,
      details,
      counts,
      opened: []
    };
  }
  const opened = [];
  for (const p of planned) {
    if (deps.dryRun) {
      details.push(`would open "${p.title}" (${p.labels.join(", ")})`);
      continue;
    }
    const created = await writer.createIssue({ title: p.title, body: p.body, labels: p.labels });
    counts.mirrored++;
    opened.push({ number: created.number, sentryId: p.issue.id, title: p.title });
    details.push(`opened #${created.number} "${p.title}" for sentry:${p.issue.id} (${p.labels.join(", ")})`);
  }
  for (const a of actions) {
    const n = a.mirror.number;
    if (a.decision.kind === "regression") {
      if (a.decision.reopen) {
        if (!deps.dryRun) {
          await writer.updateIssue(n, { state: "open", stateReason: "reopened" });
          await writer.createComment(n, regressionComment(a.issue, a.decision.why, true));
        }
        counts.regressions++;
        counts.updated++;
        details.push(`${would}reopen #${n}: ${a.decision.why}`);
        continue;
      }
      const seen3 = await reader.findCommentByMarker(n, { kind: REGRESSION_MARKER, key: a.issue.id }, bot);
      if (seen3) continue;
      if (!deps.dryRun) await writer.createComment(n, regressionComment(a.issue, a.decision.why, false));
      counts.regressions++;
      counts.updated++;
      details.push(`${would}comment on #${n}: ${a.decision.why}`);
      continue;
    }
    const ref = { kind: SPIKE_MARKER, key: spikeMarkerKey(a.issue.id, a.decision.spike.window) };
    const seen2 = await reader.findCommentByMarker(n, ref, bot);
    if (seen2) continue;
    if (!deps.dryRun) await writer.upsertComment(n, ref, spikeComment(a.issue, a.decision.spike, cfg.spikeFactor), bot, null);
    counts.spikes++;
    counts.updated++;
    details.push(
      `${would}comment on #${n}: spike of ${a.decision.spike.lastHour} event(s) in the hour from ${a.decision.spike.window}:00Z`
    );
  }
  const seen = counts.fatalSeen + counts.errorsSeen + counts.warningsSeen + counts.otherSeen;
  const wrote = counts.mirrored + counts.updated > 0;
  const summary = `${seen} Sentry issue(s) watched (${counts.errorsSeen} error, ${counts.warningsSeen} warning${counts.fatalSeen ? `, ${counts.fatalSeen} fatal` : ""}): ${deps.dryRun ? `${planned.length} would be opened` : `${counts.mirrored} opened`}, ${counts.regressions} regression(s), ${counts.spikes} spike(s), ${counts.skippedByThreshold} below the thresholds${counts.deferred ? `, ${counts.deferred} deferred` : ""}`;
  return { ok: true, wrote, summary, details, counts, opened };
}

// actions/incident-responder/src/resolve.ts
async function resolveOnMerge(deps, sentry, pr) {
  const bot = deps.config.trust.botLogin;
  const { reader, writer } = deps.github;
  const details = [];
  const resolved = [];
  const refs = [
    ...new Set(
      findClosingReferences(pr.body).filter((r) => !r.crossRepo).map((r) => r.number)
    )
  ];
  let wrote = false;
  for (const number of refs) {
    const issue = await reader.getIssue(number);
    const id = sentryIdOf(issue, bot);
    if (!id) {
      details.push(`#${number} mirrors no Sentry issue`);
      continue;
    }
    const shortId = String(getMarker(issue.body, { kind: SENTRY_MARKER, key: id })?.data?.shortId ?? id);
    if (deps.dryRun) {
      details.push(`would mark sentry:${id} resolvedInNextRelease (fixed by #${pr.number})`);
      continue;
    }
    try {
      await sentry.updateIssue(id, { status: "resolvedInNextRelease" });
    } catch (e) {
      if (!(e instanceof SentryApiError)) throw e;
      return { ok: false, wrote, summary: `Sentry failed: ${deps.redactor.redact(e.message)}`, details, resolved };
    }
    resolved.push(id);
    const ref = { kind: RESOLVED_MARKER, key: `${id}.pr${pr.number}` };
    const known = await reader.findCommentByMarker(number, ref, bot);
    if (!known) await writer.upsertComment(number, ref, resolvedComment({ id, shortId }, pr.number), bot, null);
    wrote = true;
    details.push(`marked sentry:${id} resolvedInNextRelease; fixed by #${pr.number} (issue #${number})`);
  }
  const summary = resolved.length ? `#${pr.number} fixes ${resolved.length} Sentry issue(s): marked resolved in the next release` : `#${pr.number} closes no incident issue${refs.length ? ` (${refs.map((n) => `#${n}`).join(", ")} mirror no Sentry issue)` : ""}`;
  return { ok: true, wrote, summary, details, resolved };
}

// actions/incident-responder/src/run.ts
function createRun(ports) {
  return async (deps, inputs) => {
    const gate = gateEvent(inputs.event, deps.config);
    if (!gate.ok) return skipped(gate.reason);
    const startedAt = deps.clock.now();
    const sentry = ports.sentry(deps);
    const event = inputs.event;
    const trigger = event.kind === "unsupported" ? { event: event.name } : { event: event.kind, ...event.action ? { action: event.action } : {} };
    const actor = event.kind === "unsupported" ? "unknown" : event.sender.login;
    const repo = `${deps.github.reader.repo.owner}/${deps.github.reader.repo.repo}`;
    const merged = gate.value.mode === "merged" ? gate.value.pr : void 0;
    const out = merged ? await resolveOnMerge(deps, sentry, merged) : await poll(deps, sentry);
    const counts = "counts" in out ? { ...out.counts } : { resolvedInSentry: out.resolved.length };
    const outcome = !out.ok ? "failed" : out.wrote ? "completed" : "no-op";
    const record = buildRunRecord(
      {
        runId: deps.runId,
        automation: AUTOMATION,
        trigger,
        actor,
        repo,
        ...merged ? { subject: { type: "pr", number: merged.number } } : {},
        startedAt,
        finishedAt: deps.clock.now(),
        model: "none",
        turns: 0,
        costUsd: 0,
        outcome: recordOutcome(outcome),
        counts
      },
      deps.redactor
    );
    await deps.records.write(record);
    return { outcome, summary: out.summary, details: out.details, records: [record] };
  };
}
function recordOutcome(outcome) {
  return outcome === "completed" ? "success" : outcome === "no-op" ? "no-op" : outcome === "failed" ? "failed" : "skipped";
}
function sentryFromEnv(env) {
  return (deps) => {
    const token = env.SENTRY_AUTH_TOKEN?.trim();
    if (!token)
      throw new ConfigError("SENTRY_AUTH_TOKEN is not set: add the repository secret and pass it to the step as env SENTRY_AUTH_TOKEN");
    deps.redactor.learn([token]);
    return createSentryClient({ baseUrl: deps.config.sentry.baseUrl, token, org: deps.config.sentry.org ?? "" });
  };
}
var run = createRun({ sentry: sentryFromEnv(process.env) });
export {
  createRun,
  run,
  sentryFromEnv
};
