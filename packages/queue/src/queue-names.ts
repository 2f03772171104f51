/** The queue `addExport` and the workers use unless told otherwise. */
export const DEFAULT_QUEUE_NAME = 'exportkit-exports';
