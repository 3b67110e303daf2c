import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  child_process,
  crypto,
  fs,
  os,
  path,
  stream,
  util
} from "./chunk-e326b512fe.js";
import "./chunk-0a4052ce6e.js";
export {
  child_process,
  crypto,
  fs,
  os,
  path,
  stream,
  util
};
