/** Body of every non-2xx REST response. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    /** Field-level problems for 400s: path → message. */
    issues?: { path: string; message: string }[];
  };
}
