"""The printable list of opportunities as a PDF (ReportLab), for firms without internet access.

Only ``AnonymousOpportunity`` objects come in: the PDF can carry nothing that identifies an owner.
The text is set in DejaVu Sans when the system has it (wide script coverage), else in the Bitstream
Vera font that ships with ReportLab.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from interfirm.opportunities.selectors import AnonymousOpportunity

_FONT_CANDIDATES = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
)


def _fonts() -> tuple[str, str]:
    """Register and return the (regular, bold) font names to use."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "IfmSans" in pdfmetrics.getRegisteredFontNames():
        return "IfmSans", "IfmSans-Bold"
    vera = Path(reportlab.__file__).parent / "fonts"
    candidates = [*_FONT_CANDIDATES, (str(vera / "Vera.ttf"), str(vera / "VeraBd.ttf"))]
    for regular, bold in candidates:
        if Path(regular).exists() and Path(bold).exists():
            pdfmetrics.registerFont(TTFont("IfmSans", regular))
            pdfmetrics.registerFont(TTFont("IfmSans-Bold", bold))
            return "IfmSans", "IfmSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _labels(choices: Sequence[object]) -> str:
    return ", ".join(str(getattr(choice, "label", choice)) for choice in choices)


def opportunities_pdf(items: Sequence[AnonymousOpportunity], *, total: int, base_url: str) -> bytes:
    """Return a PDF listing ``items`` (``total`` matched; more than listed when the list was cut)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = _fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=12)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=colors.HexColor("#555555"))
    heading = ParagraphStyle("heading", parent=body, fontName=bold, fontSize=11, leading=14, spaceAfter=2)
    title = ParagraphStyle("title", parent=body, fontName=bold, fontSize=16, leading=20, spaceAfter=6)

    def para(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    story: list[object] = [
        para(_("Partnering opportunities — %(site)s") % {"site": settings.INSTALLATION_NAME}, title),
        para(
            ngettext(
                "%(count)d published opportunity, printed on %(date)s.",
                "%(count)d published opportunities, printed on %(date)s.",
                total,
            )
            % {"count": total, "date": timezone.localdate().isoformat()},
            small,
        ),
    ]
    if total > len(items):
        story.append(
            para(_("Only the first %(shown)d are listed: narrow the filters.") % {"shown": len(items)}, small)
        )
    story.append(Spacer(1, 4 * mm))
    for item in items:
        facts = [
            (_("Domains"), _labels(item.domains)),
            (_("Arrangements"), _labels(item.arrangement_types)),
            (_("Sectors"), ", ".join(f"{s.code} {s.label}" for s in item.sectors)),
            (
                _("Owner"),
                ", ".join(
                    part
                    for part in (
                        item.owner.country_label,
                        item.owner.size_class_label,
                        item.owner.organisation_type_label,
                    )
                    if part
                ),
            ),
            (_("Partner countries"), _labels(item.partner_countries_shown) or _("Any")),
            (_("Deadline"), item.deadline.isoformat()),
            (_("Online"), base_url + item.url),
        ]
        table = Table(
            [[para(label, small), para(value)] for label, value in facts if value],
            colWidths=[35 * mm, None],
        )
        table.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        story.append(
            KeepTogether(
                [
                    para(f"{item.reference} · {item.kind_label} · {item.title}", heading),
                    para(item.summary),
                    Spacer(1, 2 * mm),
                    table,
                    Spacer(1, 6 * mm),
                ]
            )
        )
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_("Partnering opportunities"),
        author=settings.INSTALLATION_NAME,
    )
    document.build(story)
    return buffer.getvalue()
