// The poller composes the vendor clients; its engine lands with issue #5.
export type { OmniClient } from '@exportkit/omni';
export type { VideoDBClient } from '@exportkit/videodb';
export type { ClosientClient } from '@exportkit/closient';
