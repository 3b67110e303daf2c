export * from './types';
export { parseEvent, readEventFromEnv, isSupported, isBotActor, normalizeAssociation } from './parse';
export type { EventContext } from './parse';
export { parseCommand, parseUnknownCommand, COMMANDS } from './command';
export type { CommandName, ParsedCommand, CommandOptions } from './command';
export { routeEvent, describeEvent, isAutomationName, AUTOMATIONS, ROUTES } from './route';
export type { AutomationName, RouteDecision, RouteOptions } from './route';
