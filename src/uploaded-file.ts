// What the HTTP layer hands a resolver for a file part of a multipart request (src/http-uploads.ts).

/** An uploaded file, already on disk in full, with the SHA-256 of its bytes. */
export class UploadedFile extends File {
  constructor(
    content: Blob,
    name: string,
    type: string,
    /** Where the bytes are until the request has been answered. */
    readonly path: string,
    readonly sha256: string,
  ) {
    super([content], name, { type })
  }
}
