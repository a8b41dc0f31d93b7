import { z } from 'zod';

export const VERSION_KINDS = ['manual', 'circulated', 'approved', 'restored'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export const CreateVersionBody = z.object({ label: z.string().trim().max(200).default('') }).strict();
export type CreateVersionBody = z.infer<typeof CreateVersionBody>;

export const ApproveBody = z.object({ versionId: z.string().min(1).max(100) }).strict();
export type ApproveBody = z.infer<typeof ApproveBody>;

export const CompareQuery = z.object({ from: z.string().min(1).max(100), to: z.string().min(1).max(100) });

export interface VersionDto {
  id: string;
  number: number;
  label: string;
  kind: VersionKind;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  /** Hex SHA-256 of the RFC 8785 canonical JSON of the version's ProseMirror JSON. */
  sha256: string;
}

export interface ApprovalDto {
  side: string;
  userId: string;
  name: string;
  versionId: string;
  sha256: string;
  at: string;
}

/** Where the agreement of the latest circulated version stands, side by side. */
export interface CirculationDto {
  version: VersionDto | null;
  /** The live text no longer hashes to the circulated version. */
  stale: boolean;
  sides: { key: string; nameAr: string; nameEn: string; approvals: ApprovalDto[] }[];
  /** Sides the caller approves for. */
  mySides: string[];
}

export type DiffOp = 'equal' | 'insert' | 'delete' | 'change';

export interface CompareBlock {
  op: DiffOp;
  before?: string;
  after?: string;
  /** Word-level parts of a `change`. */
  parts?: { op: 'equal' | 'insert' | 'delete'; text: string }[];
}

export interface CompareDto {
  blocks: CompareBlock[];
}
