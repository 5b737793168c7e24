"""Pseudonyms for reviewers in what leaves the server (a report, a dataset card).

A pseudonym is derived from the reviewer's key fingerprint with a key only the server
holds (HKDF of the server's identity, its own label, then HMAC-SHA256): the same reviewer
has the same pseudonym in every report and card of this server, so a lead can follow
"reviewer-3f9a1c" from one release to the next; without the server's key nobody can
tell whose it is, nor test a guess (a plain hash of a public fingerprint could be
checked against every known reviewer card). Names sort nothing: the pseudonyms do not
reveal the alphabetical order of the names either.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

from docket.bundles.keys import SecretKey
from docket.server.merged_store import MergedStore
from docket.store.db import translated_errors

PSEUDONYM_KEY_LABEL = b"docket/reviewer-pseudonyms/v1"
PREFIX = "reviewer-"
DIGITS = 6
"""Hex digits of the HMAC shown; longer only where two reviewers would share one."""


def pseudonyms(server: SecretKey, fingerprints: Iterable[str]) -> dict[str, str]:
    """Per key fingerprint, its pseudonym ``reviewer-<hex>``; no two alike (a collision
    in the first digits lengthens both)."""
    key = server.derived_key(PSEUDONYM_KEY_LABEL)
    digests = {
        fp: hmac.new(key, fp.encode(), hashlib.sha256).hexdigest() for fp in set(fingerprints)
    }
    out: dict[str, str] = {}
    for fp, digest in digests.items():
        width = DIGITS
        while any(o != fp and d[:width] == digest[:width] for o, d in digests.items()):
            width += 2
        out[fp] = PREFIX + digest[:width]
    return out


def reviewer_pseudonyms(store: MergedStore, server: SecretKey) -> dict[str, str]:
    """Every reviewer's (and lead's) pseudonym under this server's key, by fingerprint."""
    with translated_errors(store.path):
        fingerprints = [str(r[0]) for r in store.db.execute("SELECT fingerprint FROM reviewers")]
    return pseudonyms(server, fingerprints)
