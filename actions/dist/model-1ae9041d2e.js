import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  ModelRequestError,
  ModelUnavailableError,
  createModelClient
} from "./chunk-28512fe912.js";
import "./chunk-eebc0eba86.js";
import "./chunk-90c2ce1427.js";
import "./chunk-0a4052ce6e.js";
export {
  ModelRequestError,
  ModelUnavailableError,
  createModelClient
};
