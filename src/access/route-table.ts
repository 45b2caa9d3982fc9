import { RequestMethod, type INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { POLICY_KEY, type AccessPolicy } from './policy.js';

export interface RouteEntry {
  method: string;
  /** Express-style, e.g. /api/v1/users/:id */
  path: string;
  controller: string;
  handler: string;
  policy: AccessPolicy | undefined;
}

/** Every HTTP route the application serves, read from its controllers, with the access policy each declares. */
export function routeTable(app: INestApplicationContext): RouteEntry[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteEntry[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prefixes = asList(Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined);
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const paths = asList(Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined);
      const policy = reflector.getAllAndOverride<AccessPolicy | undefined>(POLICY_KEY, [handler, metatype]);
      for (const prefix of prefixes) {
        for (const path of paths) {
          routes.push({
            method: RequestMethod[method],
            path: joinPath(prefix, path),
            controller: metatype.name,
            handler: name,
            policy,
          });
        }
      }
    }
  }
  return routes;
}

/** Refuses to start an application with a route that declares no access policy. */
export function assertEveryRouteHasPolicy(app: INestApplicationContext): void {
  const missing = routeTable(app).filter((r) => !r.policy);
  if (missing.length > 0) {
    const list = missing.map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`).join(', ');
    throw new Error(
      `Routes without an access policy (add @Public(), @SignedIn(), @Roles(...) or @NetworkAdminOnly()): ${list}`,
    );
  }
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [''];
  return Array.isArray(value) ? value : [value];
}

function joinPath(prefix: string, path: string): string {
  const joined = `/${[prefix, path]
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
  return joined;
}
