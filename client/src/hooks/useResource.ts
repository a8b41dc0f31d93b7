import { useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ready'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: unknown };

/**
 * Loads `load()` when `key` changes and on `reload()`; answers of superseded loads are dropped.
 * Keeps showing the previous data while reloading the same key.
 */
export function useResource<T>(load: () => Promise<T>, key: string): [Resource<T>, () => void] {
  const [state, setState] = useState<{ key: string; resource: Resource<T> }>({ key, resource: { status: 'loading' } });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ key, resource: { status: 'ready', data } }),
      (error: unknown) => current && setState({ key, resource: { status: 'error', error } }),
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `key` and `generation` say when to load again.
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  // Another key's data is never shown, not even for a render.
  return [state.key === key ? state.resource : { status: 'loading' }, reload];
}
