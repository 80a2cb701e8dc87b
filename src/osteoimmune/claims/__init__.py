"""Executable seed claims (issue 4): every claim is an experiment on the one model with a margin that could fail."""

from __future__ import annotations

import importlib

from .registry import CLAIMS, Claim, Measurement, claim

#: claim modules, one per seed-claims section group; importing a module registers its claims
CLAIM_MODULES: tuple[str, ...] = (
    "homeostasis",  # A. C001-C005 (claims helper 1)
    "healing",  # B. C006-C013 (claims helper 1)
    "polarisation",  # C. C014-C024 (claims helper 1)
    "inflammation",  # D. C025-C029 (claims helper 1)
    "macrophage_bmsc",  # E. C030-C041 (claims helper 1)
    "bmsc",  # F. C043-C047 (claims helper 1)
    "bmsc_immunity",  # G. C049-C056 (claims helper 2)
    "biomaterials",  # H. C057-C061 (claims helper 2)
    "aging",  # I. C063-C065 (claims helper 2)
    "osteoclast_axis",  # J. C067-C078 (claims helper 2)
    "mitochondria",  # K. C079-C099 (claims helper 2)
)


def load_all() -> dict[str, Claim]:
    """Import every claim module and return the registry (id -> Claim), sorted by id."""
    for name in CLAIM_MODULES:
        importlib.import_module(f"{__name__}.{name}")
    return dict(sorted(CLAIMS.items()))


__all__ = ["CLAIMS", "CLAIM_MODULES", "Claim", "Measurement", "claim", "load_all"]
