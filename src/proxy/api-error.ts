/**
 * An error of the Toxiproxy API: its message and HTTP status, sent as
 * `{"error":"<message>","status":<status>}`. Messages are Toxiproxy 2.12's, word for word.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static proxyNotFound = () => new ApiError('proxy not found', 404);
  static toxicNotFound = () => new ApiError('toxic not found', 404);
  static proxyExists = () => new ApiError('proxy already exists', 409);
  static toxicExists = () => new ApiError('toxic already exists', 409);
  static invalidToxicType = () => new ApiError('invalid toxic type', 400);
  static invalidStream = () => new ApiError('stream was invalid, can be either upstream or downstream', 400);
  /** `missing required field: <field>` (400); `field` may carry ` at proxy N`. */
  static missingField = (field: string) => new ApiError(`missing required field: ${field}`, 400);
  /** `bad request body: <reason>` (400). */
  static badBody = (reason: string) => new ApiError(`bad request body: ${reason}`, 400);
  /** A system failure (listener could not bind, …): 500 with the system's text. */
  static system = (error: unknown) =>
    new ApiError(error instanceof Error ? error.message : String(error), 500);
}
