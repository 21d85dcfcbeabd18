import { RouteParams } from "./RouteHandler.js";

interface CompiledRoute<Id extends string> {
  readonly id: Id;
  readonly method: string;
  readonly segments: readonly string[];
  readonly literals: number;
}

/** Finds the route for a method and decoded path segments; literal segments beat `:params`. */
export class RouteMatcher<Id extends string> {
  readonly #routes: readonly CompiledRoute<Id>[];

  constructor(ids: readonly Id[]) {
    this.#routes = ids.map((id) => {
      const [method = "", path = ""] = id.split(" ");
      const segments = path.split("/").filter((segment) => segment !== "");
      return {
        id,
        method,
        segments,
        literals: segments.filter((segment) => !segment.startsWith(":")).length,
      };
    });
  }

  match(method: string, segments: readonly string[]): { id: Id; params: RouteParams } | undefined {
    let best: { route: CompiledRoute<Id>; params: Map<string, string> } | undefined;
    for (const route of this.#routes) {
      if (route.method !== method || route.segments.length !== segments.length) {
        continue;
      }
      const params = new Map<string, string>();
      const matches = route.segments.every((pattern, index) => {
        const segment = segments[index] ?? "";
        if (pattern.startsWith(":")) {
          params.set(pattern.slice(1), segment);
          return segment !== "";
        }
        return pattern === segment;
      });
      if (matches && (best === undefined || route.literals > best.route.literals)) {
        best = { route, params };
      }
    }
    return best === undefined
      ? undefined
      : { id: best.route.id, params: new RouteParams(best.params) };
  }
}
