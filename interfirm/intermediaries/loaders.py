"""The taxonomies of the directory: services intermediaries offer and networks they belong to."""

from __future__ import annotations

from django.db import transaction

from interfirm.geo.loaders import LoadReport, _existing, _upsert
from interfirm.intermediaries.models import Network, Service

SERVICES: tuple[tuple[str, str], ...] = (
    ("partner-search", "Partner search and match-making"),
    ("diagnosis", "Diagnosis of partnership readiness"),
    ("pre-feasibility", "Pre-feasibility study"),
    ("negotiation-support", "Negotiation support"),
    ("finance", "Finance and guarantees"),
    ("training", "Training"),
    ("trade-fairs", "Trade fairs and missions"),
    ("quality-certification", "Quality and certification support"),
)

NETWORKS: tuple[tuple[str, str, str, str], ...] = (
    ("empretec", "EMPRETEC", "EMPRETEC programme of UNCTAD", "https://empretec.unctad.org"),
    ("waipa", "WAIPA", "World Association of Investment Promotion Agencies", "https://waipa.org"),
    ("een", "EEN", "Enterprise Europe Network", "https://een.ec.europa.eu"),
    ("spx", "SPX", "UNIDO Subcontracting and Partnership Exchanges", "https://www.unido.org"),
    ("iccwbo", "ICC WCF", "ICC World Chambers Federation", "https://iccwbo.org"),
    (
        "iasp",
        "IASP",
        "International Association of Science Parks and Areas of Innovation",
        "https://www.iasp.ws",
    ),
)


@transaction.atomic
def services_load() -> LoadReport:
    """Create or update the services an intermediary can offer."""
    counts = [0, 0, 0]
    existing = _existing(Service, ("code",))
    for position, (code, name) in enumerate(SERVICES):
        _upsert(Service, {"code": code}, {"name": name, "position": position}, counts, existing)
    return LoadReport(*counts)


@transaction.atomic
def networks_load() -> LoadReport:
    """Create or update the well-known networks (operators can add more in the admin)."""
    counts = [0, 0, 0]
    existing = _existing(Network, ("code",))
    for code, acronym, name, website in NETWORKS:
        values = {"acronym": acronym, "name": name, "website": website}
        _upsert(Network, {"code": code}, values, counts, existing)
    return LoadReport(*counts)
