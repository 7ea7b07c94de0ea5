"""The certifications firms can declare, as a taxonomy (operators can add more in the admin)."""

from __future__ import annotations

from django.db import transaction

from interfirm.firms.models import Certification
from interfirm.geo.loaders import LoadReport, _upsert

CERTIFICATIONS: tuple[tuple[str, str, str], ...] = (
    ("iso-9001", "ISO 9001", "Quality management systems"),
    ("iso-14001", "ISO 14001", "Environmental management systems"),
    ("iso-45001", "ISO 45001", "Occupational health and safety"),
    ("iso-22000", "ISO 22000", "Food safety management"),
    ("fssc-22000", "FSSC 22000", "Food safety system certification"),
    ("haccp", "HACCP", "Hazard analysis and critical control points"),
    ("gmp", "GMP", "Good manufacturing practice"),
    ("iso-13485", "ISO 13485", "Medical devices quality management"),
    ("iatf-16949", "IATF 16949", "Automotive quality management"),
    ("as-9100", "AS9100", "Aerospace quality management"),
    ("iso-27001", "ISO/IEC 27001", "Information security management"),
    ("cmmi", "CMMI", "Capability maturity (software and services)"),
    ("iso-17025", "ISO/IEC 17025", "Testing and calibration laboratories"),
    ("ce-marking", "CE marking", "Conformity with EU product legislation"),
    ("globalgap", "GLOBALG.A.P.", "Good agricultural practice"),
    ("organic", "Organic (EU/USDA/JAS)", "Organic production"),
    ("fairtrade", "Fairtrade", "Fair trade standards"),
    ("fsc", "FSC", "Responsible forestry"),
    ("halal", "Halal", "Halal certification"),
    ("iso-50001", "ISO 50001", "Energy management"),
)


@transaction.atomic
def certifications_load() -> LoadReport:
    """Create or update the known certifications."""
    counts = [0, 0, 0]
    for code, name, description in CERTIFICATIONS:
        _upsert(Certification, {"code": code}, {"name": name, "description": description}, counts)
    return LoadReport(*counts)
