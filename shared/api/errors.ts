/** Body of every non-2xx REST response. */
export interface ApiErrorBody {
  error: {
    /** A kind (`invalid`, `conflict`, …) or a more precise stable code (`amendments_open`). */
    code: string;
    message: string;
    /** Values for a localised message of `code` (`{"count": 2}`). */
    params?: Record<string, string | number>;
    /** Field-level problems for 400s: path → message. */
    issues?: { path: string; message: string }[];
  };
}
