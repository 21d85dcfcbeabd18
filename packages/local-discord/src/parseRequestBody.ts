import { DiscordApiError } from "./DiscordApiError.js";

/** A file uploaded as `files[n]` in a multipart request. */
export interface UploadedFile {
  /** The `n` of `files[n]`; payload `attachments[].id` refers to it. */
  readonly index: number;
  readonly name: string;
  readonly contentType: string;
  readonly data: Buffer;
}

export interface RequestBody {
  /** The JSON body, or `payload_json` of a multipart body; undefined when there is none. */
  readonly json: unknown;
  readonly files: readonly UploadedFile[];
}

const FILE_FIELD = /^files\[(\d+)\]$/;

/** Parses a JSON or multipart/form-data (payload_json + files[n]) request body. */
export async function parseRequestBody(
  raw: Buffer,
  contentType: string | undefined,
): Promise<RequestBody> {
  if (raw.length === 0) {
    return { json: undefined, files: [] };
  }
  if (contentType?.startsWith("multipart/form-data")) {
    return parseMultipart(raw, contentType);
  }
  return { json: parseJson(raw.toString("utf8")), files: [] };
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<RequestBody> {
  const form = await new Request("http://localhost/", {
    method: "POST",
    headers: { "content-type": contentType },
    body: raw,
  }).formData();
  let json: unknown;
  const files: UploadedFile[] = [];
  for (const [field, value] of form) {
    if (field === "payload_json" && typeof value === "string") {
      json = parseJson(value);
      continue;
    }
    const match = FILE_FIELD.exec(field);
    if (match?.[1] !== undefined && typeof value !== "string") {
      files.push({
        index: Number(match[1]),
        name: value.name,
        contentType: value.type || "application/octet-stream",
        data: Buffer.from(await value.arrayBuffer()),
      });
    }
  }
  return { json, files };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DiscordApiError(400, 50109, "The request body contains invalid JSON.");
  }
}
