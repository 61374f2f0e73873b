"""The rank, the 0–100 score and the comparisons, with the indicator's direction taken
into account: pure functions, tested without a database."""

from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.records import Direction
from indicators.scoring import Comparison, bounds, change, ranks, score


def indicator(direction, target=None, worst=None):
    return SimpleNamespace(direction=direction, target_value=target, worst=worst)


def test_higher_is_better_ranks_the_highest_first():
    values = {"a": D(10), "b": D(30), "c": D(20)}
    assert ranks(values, Direction.HIGHER) == {"b": 1, "c": 2, "a": 3}


def test_lower_is_better_ranks_the_lowest_first():
    values = {"a": D(10), "b": D(30), "c": D(20)}
    assert ranks(values, Direction.LOWER) == {"a": 1, "c": 2, "b": 3}


def test_equal_figures_share_a_rank_and_the_next_is_skipped():
    values = {"a": D(5), "b": D(7), "c": D(7), "d": D(1)}
    assert ranks(values, Direction.HIGHER) == {"b": 1, "c": 1, "a": 3, "d": 4}


def test_an_area_without_a_figure_has_no_rank_and_is_not_counted():
    values = {"a": D(5), "b": None, "c": D(9)}
    assert ranks(values, Direction.HIGHER) == {"c": 1, "a": 2}


def test_a_neutral_indicator_is_ranked_from_the_highest():
    assert ranks({"a": D(1), "b": D(2)}, Direction.NEUTRAL) == {"b": 1, "a": 2}


def test_the_score_is_the_share_of_the_way_from_the_worst_value_to_the_target():
    higher = bounds(indicator(Direction.HIGHER, target=D(80), worst=D(40)), [])
    assert score(D(60), higher) == 50
    assert score(D(80), higher) == 100
    assert score(D(95), higher) == 100  # past the target
    assert score(D(10), higher) == 0  # past the worst value
    lower = bounds(indicator(Direction.LOWER, target=D(300), worst=D(500)), [])
    assert score(D(400), lower) == 50
    assert score(D(310), lower) == 95
    assert score(D(600), lower) == 0


def test_without_a_target_the_best_and_worst_kommune_set_the_bounds():
    latest = [D(10), D(20), None, D(30)]
    assert bounds(indicator(Direction.HIGHER), latest) == (D(10), D(30), True)
    assert bounds(indicator(Direction.LOWER), latest) == (D(30), D(10), False)
    assert score(D(20), bounds(indicator(Direction.LOWER), latest)) == 50
    # A target of its own with the worst kommune as the other bound.
    assert bounds(indicator(Direction.HIGHER, target=D(50)), latest) == (D(10), D(50), True)


@pytest.mark.parametrize(
    ("direction", "target", "figures"),
    [
        (Direction.HIGHER, D(50), [D(60), D(75), D(90)]),
        (Direction.LOWER, D(50), [D(40), D(25), D(10)]),
    ],
)
def test_every_kommune_past_the_target_scores_100(direction, target, figures):
    limits = bounds(indicator(direction, target=target), figures)
    assert [score(value, limits) for value in figures] == [100, 100, 100]


def test_no_score_without_a_direction_a_figure_or_a_spread():
    assert bounds(indicator(Direction.NEUTRAL, target=D(1), worst=D(0)), [D(1)]) is None
    assert bounds(indicator(Direction.HIGHER), [D(5), D(5)]) is None
    assert bounds(indicator(Direction.HIGHER), [None]) is None
    assert score(None, (D(0), D(1))) is None
    assert score(D(1), None) is None


@given(
    st.decimals(-1000, 1000, places=2),
    st.decimals(-1000, 1000, places=2),
    st.decimals(-1000, 1000, places=2),
    st.decimals(-1000, 1000, places=2),
)
def test_a_score_is_between_0_and_100_and_better_never_scores_less(a, b, worst, target):
    if worst == target:
        return
    limits = (worst, target, target > worst)
    first, second = score(a, limits), score(b, limits)
    assert 0 <= first <= 100
    # Closer to the target (in the target's direction) never scores less.
    if (a - b) * (target - worst) >= 0:
        assert first >= second


@pytest.mark.parametrize(
    ("value", "other", "direction", "position", "better"),
    [
        (D(5), D(3), Direction.HIGHER, "above", True),
        (D(5), D(3), Direction.LOWER, "above", False),
        (D(2), D(3), Direction.LOWER, "below", True),
        (D(2), D(3), Direction.NEUTRAL, "below", None),
        (D(3), D(3), Direction.HIGHER, "same", None),
        (None, D(3), Direction.HIGHER, None, None),
    ],
)
def test_a_figure_against_the_county(value, other, direction, position, better):
    comparison = Comparison(value, other, direction)
    assert comparison.position == position
    assert comparison.better is better
    assert bool(comparison) is (position is not None)


def test_change_is_from_the_last_figure_but_one():
    series = [("2021", D(1)), ("2022", D(4)), ("2023", None), ("2024", D("5.5"))]
    assert change(series) == ("2022", D("1.5"))
    assert change([("2024", D(1))]) is None


@pytest.mark.parametrize(
    ("direction", "target", "worst", "refused"),
    [
        (Direction.HIGHER, D(50), D(60), True),
        (Direction.HIGHER, D(50), D(10), False),
        (Direction.LOWER, D(50), D(40), True),
        (Direction.LOWER, D(50), D(90), False),
    ],
)
def test_an_editor_cannot_set_a_worst_value_past_the_target(direction, target, worst, refused):
    from django.core.exceptions import ValidationError

    from indicators.records import Indicator

    indicator = Indicator(direction=direction, target_value=target, worst=worst)
    if refused:
        with pytest.raises(ValidationError, match="verste verdi"):
            indicator.clean()
    else:
        indicator.clean()
