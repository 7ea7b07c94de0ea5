"""``manage.py load_demo``: the demo network that ``make run`` loads (see ``interfirm.demo``)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from interfirm.demo.services import (
    DEMO_PASSWORD,
    DemoError,
    demo_delete,
    demo_is_loaded,
    demo_load,
    demo_logins,
)


def _by_status(counts: dict[str, int]) -> str:
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{status} {count}" for status, count in ordered)


class Command(BaseCommand):
    help = (
        "Load the demo network (intermediaries, about 300 firms, about 400 opportunities and their "
        "expressions of interest, a login for each role) unless it is already loaded; print the demo logins."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--if-empty", action="store_true", help="Do nothing (quickly) when the demo is already loaded."
        )
        group.add_argument(
            "--reset", action="store_true", help="Delete the demo data (only it), then load it again."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if options["reset"]:
            deleted = demo_delete()
            self.stdout.write(
                f"Deleted the demo network ({deleted} registered organisations, users and notifications)."
            )
        if demo_is_loaded():
            self.stdout.write("The demo network is already loaded (use --reset to load it afresh).")
        else:
            try:
                report = demo_load()
            except DemoError as error:
                raise CommandError(str(error)) from error
            if report is not None:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Loaded the demo network: {report.intermediaries} intermediaries, "
                        f"{report.firms} firms ({report.represented_firms} registered by an intermediary), "
                        f"{report.users} users, {sum(report.opportunities.values())} opportunities, "
                        f"{sum(report.interests.values())} expressions of interest "
                        f"in {time.monotonic() - started:.1f} s."
                    )
                )
                self.stdout.write(f"  Opportunities by status: {_by_status(report.opportunities)}")
                self.stdout.write(f"  Expressions of interest by status: {_by_status(report.interests)}")
        self._print_logins()

    def _print_logins(self) -> None:
        logins = demo_logins()
        widths = [
            max(len(header), *(len(getattr(login, field)) for login in logins))
            for header, field in (("role", "role"), ("e-mail", "email"), ("organisation", "organisation"))
        ]
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        header = f"  {'role':<{widths[0]}}  {'e-mail':<{widths[1]}}  {'organisation':<{widths[2]}}  try"
        self.stdout.write(header)
        self.stdout.write("  " + "-" * (len(header) + 20))
        for login in logins:
            cells = (login.role, login.email, login.organisation)
            row = "  ".join(f"{cell:<{width}}" for cell, width in zip(cells, widths, strict=True))
            self.stdout.write(f"  {row}  {login.try_this}")
        self.stdout.write("Every other demo user (firm managers, intermediary staff) has the same password.")
