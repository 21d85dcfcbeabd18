import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { isRecord } from "../isRecord.js";
import { loosenSpec } from "./loosenSpec.js";

/** Discord's official OpenAPI 3.1 spec, vendored with its licence (see spec/README.md). */
const SPEC_FILE = new URL("../../spec/openapi.json", import.meta.url);
const SCHEMA_ID = "discord-api";
const HTTP_METHODS = ["get", "put", "post", "patch", "delete"];

/** One problem with a field: its path, Discord's code for it, and ajv's words. */
export interface SpecProblem {
  readonly path: readonly string[];
  /** Discord's code where it has one for this kind of problem, else "SPEC_INVALID". */
  readonly code: string;
  readonly message: string;
}

/** Discord's codes for the problems JSON Schema names by keyword (too long, missing, ...). */
const DISCORD_CODES: Readonly<Record<string, string>> = {
  maxLength: "BASE_TYPE_MAX_LENGTH",
  maxItems: "BASE_TYPE_MAX_LENGTH",
  minLength: "BASE_TYPE_MIN_LENGTH",
  minItems: "BASE_TYPE_MIN_LENGTH",
  required: "BASE_TYPE_REQUIRED",
};

/** What the spec says of one request: its operation, and each problem with its body. */
export interface SpecCheck {
  readonly operation: string | undefined;
  readonly problems: readonly SpecProblem[];
}

/** What the spec says of one response: as a request's, and whether it has a schema for it. */
export interface ResponseCheck extends SpecCheck {
  /** False when the spec has no such operation, or no JSON body for that status. */
  readonly hasSchema: boolean;
}

interface Operation {
  readonly method: string;
  /** The path's segments; `undefined` where the spec has a parameter (`{channel_id}`). */
  readonly segments: readonly (string | undefined)[];
  readonly id: string;
  /** Its JSON request body's schema, if it takes one. */
  readonly body: unknown;
  /** Its JSON response bodies' schemas, by status ("200"). */
  readonly responses: ReadonlyMap<string, unknown>;
}

/**
 * Checks requests and responses against Discord's spec: finds the operation a method and path
 * are, and validates a request's JSON body (also a multipart request's `payload_json`) against
 * its request schema, or a response's against the response schema for its status, with ajv
 * (JSON Schema 2020-12, as OpenAPI 3.1 uses). Each validator is compiled on first use. Where
 * it is loose: formats (`snowflake`, `uri`, `int64`) are not checked, since ajv knows only the
 * standard ones and the spec's `type` already constrains them; unknown keywords
 * (`x-discord-union`) are ignored; see `loosenSpec` for the rest (it applies to responses as to
 * requests). Query strings are not checked.
 */
export class DiscordSpec {
  static #loaded: DiscordSpec | undefined;
  readonly #ajv: Ajv2020;
  /** The operations by method and number of path segments ("POST 3"), the only ones to try. */
  readonly #operations: ReadonlyMap<string, readonly Operation[]>;
  readonly #validators = new Map<string, ValidateFunction>();

  private constructor(document: Record<string, unknown>) {
    this.#ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    this.#ajv.addSchema({ $id: SCHEMA_ID, components: document.components });
    const byShape = new Map<string, Operation[]>();
    for (const operation of operationsOf(document.paths)) {
      const shape = `${operation.method} ${operation.segments.length}`;
      byShape.set(shape, [...(byShape.get(shape) ?? []), operation]);
    }
    this.#operations = byShape;
  }

  /** The spec, read and parsed once per process. */
  static load(): DiscordSpec {
    DiscordSpec.#loaded ??= new DiscordSpec(
      asRecord(loosenSpec(JSON.parse(readFileSync(SPEC_FILE, "utf8")))),
    );
    return DiscordSpec.#loaded;
  }

  /**
   * What is wrong with a request's JSON body by the spec: `[]` when it is valid, when it has none,
   * or when the spec has no such operation or it takes no JSON body (the routes answer those
   * themselves).
   */
  check(method: string, segments: readonly string[], body: unknown): SpecCheck {
    if (body === undefined) return { operation: undefined, problems: [] };
    const operation = this.#find(method, segments);
    if (operation === undefined || operation.body === undefined) {
      return { operation: operation?.id, problems: [] };
    }
    const validate = this.#validator(`${operation.method} ${operation.id}`, operation.body);
    return { operation: operation.id, problems: problemsOf(validate, body) };
  }

  /**
   * What is wrong with a response's JSON body by the spec's schema for its operation and status:
   * `[]` when it is valid, and when the spec has no schema for it (then `hasSchema` is false).
   */
  checkResponse(
    method: string,
    segments: readonly string[],
    status: number,
    body: unknown,
  ): ResponseCheck {
    const operation = this.#find(method, segments);
    const schema = operation?.responses.get(String(status));
    if (operation === undefined || schema === undefined) {
      return { operation: operation?.id, problems: [], hasSchema: false };
    }
    const validate = this.#validator(`${operation.method} ${operation.id} ${status}`, schema);
    return { operation: operation.id, problems: problemsOf(validate, body), hasSchema: true };
  }

  /** The operation a request is, preferring literal segments to parameters (`/users/@me`). */
  #find(method: string, segments: readonly string[]): Operation | undefined {
    let best: Operation | undefined;
    let bestLiterals = -1;
    for (const operation of this.#operations.get(`${method} ${segments.length}`) ?? []) {
      let literals = 0;
      const matches = operation.segments.every((segment, index) => {
        if (segment === undefined) return true;
        literals += 1;
        return segment === segments[index];
      });
      if (matches && literals > bestLiterals) {
        best = operation;
        bestLiterals = literals;
      }
    }
    return best;
  }

  /** The validator for a schema of the spec's, compiled once under `key`. */
  #validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.#validators.get(key);
    if (validate === undefined) {
      validate = this.#ajv.compile(
        JSON.parse(
          JSON.stringify(schema).replaceAll('"#/components/', `"${SCHEMA_ID}#/components/`),
        ),
      );
      this.#validators.set(key, validate);
    }
    return validate;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw new Error("Discord's OpenAPI spec is not a JSON object");
  return value;
}

function operationsOf(paths: unknown): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(asRecord(paths))) {
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      operations.push({
        method: method.toUpperCase(),
        segments: path
          .split("/")
          .filter((segment) => segment !== "")
          .map((segment) => (segment.startsWith("{") ? undefined : segment)),
        id: String(operation.operationId ?? `${method} ${path}`),
        body: jsonBodySchema(operation.requestBody),
        responses: responseSchemas(operation.responses),
      });
    }
  }
  return operations;
}

/** The schema of a request body's or response's JSON content, if it has one. */
function jsonBodySchema(body: unknown): unknown {
  if (!isRecord(body) || !isRecord(body.content)) return undefined;
  const json = body.content["application/json"];
  return isRecord(json) ? json.schema : undefined;
}

function responseSchemas(responses: unknown): ReadonlyMap<string, unknown> {
  const schemas = new Map<string, unknown>();
  for (const [status, response] of Object.entries(isRecord(responses) ? responses : {})) {
    const schema = jsonBodySchema(response);
    if (schema !== undefined) schemas.set(status, schema);
  }
  return schemas;
}

/** Each problem ajv finds with a value, under the field it is about. */
function problemsOf(validate: ValidateFunction, value: unknown): SpecProblem[] {
  if (validate(value)) return [];
  return mostSpecific(validate.errors ?? []).map((error) => {
    const path = error.instancePath.split("/").filter((segment) => segment !== "");
    const missing = error.params.missingProperty;
    return {
      path: typeof missing === "string" ? [...path, missing] : path,
      code: DISCORD_CODES[error.keyword] ?? "SPEC_INVALID",
      message: error.message ?? "is invalid",
    };
  });
}

/** What ajv reports of the branches of a `oneOf` that a value is not: wrong kind, no such field. */
const BRANCH_MISMATCH = new Set(["enum", "const", "required", "oneOf", "anyOf"]);

/**
 * The errors that say what is wrong rather than which branch of a `oneOf` a value is not: a
 * button with too long a label fails the button's `maxLength` and, for each other component
 * kind, its `type` and required fields. Those are dropped when another error remains; when
 * none does (a component of no kind at all), they are all the answer.
 */
function mostSpecific(errors: readonly ErrorObject[]): readonly ErrorObject[] {
  const specific = errors.filter((error) => !BRANCH_MISMATCH.has(error.keyword));
  return specific.length > 0 ? specific : errors;
}
