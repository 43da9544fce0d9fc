"""Pure analysers: summary drafts, entities, tags, related articles; no Flask, no database.

Importing the package registers the built-in analysers; ``analyse`` runs them.
"""

from cms.pipeline.analyse.analysis import index_terms
from cms.pipeline.analyse.builtin import ranked_related  # importing registers the built-ins
from cms.pipeline.analyse.registry import ANALYSERS, analyse, profile, register, run
from cms.pipeline.analyse.types import (
    Candidate,
    Collection,
    Document,
    Name,
    Outcome,
    Profile,
    Proposal,
    ProposalKind,
)

__all__ = [
    "ANALYSERS",
    "Candidate",
    "Collection",
    "Document",
    "Name",
    "Outcome",
    "Profile",
    "Proposal",
    "ProposalKind",
    "analyse",
    "index_terms",
    "profile",
    "ranked_related",
    "register",
    "run",
]
