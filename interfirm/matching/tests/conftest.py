import pytest


@pytest.fixture(autouse=True)
def _matching_index_dir(settings, tmp_path):
    """Each test writes its index files to its own folder."""
    settings.MATCHING_INDEX_DIR = str(tmp_path / "matching")
    from interfirm.matching import engine_adapter

    engine_adapter._loaded.update(version=None, index=None)
    engine_adapter._computed_empty.clear()
