"""Small-cell suppression of the public view."""

from __future__ import annotations

from interfirm.insights.tables import PROTECTED, SUPPRESSED, Row, Table, count, measure, suppress


def _table(cells, *, partition=True, total=None):
    rows = [Row(key=f"r{i}", label=f"r{i}", cells=(count(v),)) for i, v in enumerate(cells)]
    if total is not None:
        rows.append(Row(key="total", label="Total", cells=(count(total),), is_total=True))
    return Table(key="t", title="t", columns=("n",), rows=tuple(rows), topic="x", partition=partition)


def shown(table):
    return [row.cells[0].shown for row in table.rows]


def test_counts_from_one_to_four_are_shown_as_under_five():
    assert shown(suppress(_table([1, 4, 5, 0], partition=False))) == [SUPPRESSED, SUPPRESSED, "5", "0"]


def test_a_lone_small_cell_of_a_partition_hides_the_smallest_other_cell_too():
    table = suppress(_table([3, 10, 7], total=20))
    assert shown(table) == [SUPPRESSED, "10", PROTECTED, "20"]


def test_two_small_cells_protect_each_other_and_the_total_stays():
    assert shown(suppress(_table([3, 2, 10], total=15))) == [SUPPRESSED, SUPPRESSED, "10", "15"]


def test_when_the_other_cells_are_zero_the_total_is_hidden():
    # The total (6) equals the one non-zero cell plus zeros: hide the total itself.
    table = suppress(_table([0, 3, 0, 3], total=6))
    assert shown(table) == ["0", SUPPRESSED, "0", SUPPRESSED, "6"]
    lone = suppress(
        Table(
            key="t",
            title="t",
            columns=("n",),
            rows=(
                Row("a", "a", (count(0),)),
                Row("b", "b", (count(4),)),
                Row("c", "c", (count(0),)),
                Row("total", "Total", (count(4),), is_total=True),
            ),
            topic="x",
            partition=True,
        )
    )
    assert shown(lone) == ["0", SUPPRESSED, "0", SUPPRESSED]


def test_a_partition_with_a_lone_small_cell_and_only_zeros_besides_hides_its_total():
    table = Table(
        key="t",
        title="t",
        columns=("n",),
        rows=(
            Row("a", "a", (count(2),)),
            Row("b", "b", (count(0),)),
            Row("total", "Total", (count(7),), is_total=True),
        ),
        topic="x",
        partition=True,
    )
    assert shown(suppress(table)) == [SUPPRESSED, "0", PROTECTED]


def test_a_measure_over_fewer_than_five_units_is_not_shown():
    table = Table(
        key="m",
        title="m",
        columns=("v",),
        rows=(Row("a", "a", (measure(38.0, n=4),)), Row("b", "b", (measure(4.2, n=5),))),
        topic="x",
    )
    assert shown(suppress(table)) == [SUPPRESSED, "4.2"]


def test_a_rate_with_a_small_numerator_is_not_shown():
    table = Table(
        key="m",
        title="m",
        columns=("v",),
        rows=(Row("rate", "rate", (measure(40.0, n=10, numerator=4),)),),
        topic="x",
    )
    assert shown(suppress(table)) == [SUPPRESSED]


def test_the_full_view_is_left_as_it_is():
    from interfirm.insights.tables import present

    table = _table([3, 10], total=13)
    assert present([table], full=True) == [table]
