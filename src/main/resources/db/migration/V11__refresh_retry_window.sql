-- The refresh grace window (users.session.refresh-reuse-interval): a rotated token presented again shortly after its
-- rotation gets the same successor again. Only the successor's digest is stored, which cannot be turned back into it,
-- so the rotated row keeps the successor sealed: AES-GCM under a key derived (HKDF-SHA256) from the rotated token
-- itself, which the database does not hold either. Only whoever presents the old token can open it. Set when the
-- token is rotated; cleared when the session rotates again and by the purge once the window is over.
ALTER TABLE refresh_tokens ADD COLUMN successor_sealed bytea;
