"""Background tasks of matching: thin, idempotent wrappers around the services."""

from __future__ import annotations

from django_tasks import task

from interfirm.matching import services


@task()
def matching_refresh_opportunity(opportunity_id: int) -> int:
    """Bring the index and the stored suggestions up to date with one opportunity."""
    return services.matching_index_refresh(opportunity_id=opportunity_id)


@task()
def matching_send_digests() -> int:
    """Send the saved searches' digests that are due; return how many opportunities were listed."""
    return services.saved_searches_send_due().opportunities


@task()
def matching_rebuild_index() -> int:
    """Rebuild the whole index; return how many opportunities it holds."""
    return services.matching_rebuild().opportunities


@task()
def matching_refresh_suggestions(viewer_firm_id: int, viewer_opportunity_id: int | None = None) -> int:
    """Compute one viewer's suggestions again at the current index version (when a page served its
    rows of an older one); return how many are stored."""
    return services.suggestions_refresh_viewer(
        viewer_firm_id=viewer_firm_id, viewer_opportunity_id=viewer_opportunity_id
    )
