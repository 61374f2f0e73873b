"""How a figure compares: its rank among the kommuner, its score from 0 to 100 on the way
to the target, and whether it is above or below another figure, each with the indicator's
direction taken into account. Pure functions of figures, so they are tested without a
database."""

from decimal import Decimal

from indicators.records import Direction

HUNDRED = Decimal(100)


def ranks(values, direction):
    """{key: rank} for the keys of `values` ({key: Decimal or None}) that have a figure.
    The best is 1; equal figures share a rank and the next rank is skipped (1, 2, 2, 4),
    as in a sports table. A neutral indicator is ranked from the highest figure."""
    present = [(key, value) for key, value in values.items() if value is not None]
    highest_first = direction != Direction.LOWER
    present.sort(key=lambda item: item[1], reverse=highest_first)
    result = {}
    previous = None
    for position, (key, value) in enumerate(present, start=1):
        if value != previous:
            rank = position
            previous = value
        result[key] = rank
    return result


def bounds(indicator, latest):
    """(worst, target, higher is better): what scores 0 and what scores 100. The
    indicator's own target and worst value when it has them; otherwise the best and the
    worst kommune's figure in `latest` (the kommuners' figures), as the OECD's tool does
    without a target. None when the indicator has no direction, there are no figures, or
    the two are the same."""
    if indicator.direction == Direction.NEUTRAL:
        return None
    figures = [value for value in latest if value is not None]
    if not figures and (indicator.target_value is None or indicator.worst is None):
        return None
    higher = indicator.direction == Direction.HIGHER
    best_seen = (max if higher else min)(figures) if figures else None
    worst_seen = (min if higher else max)(figures) if figures else None
    target = indicator.target_value if indicator.target_value is not None else best_seen
    worst = indicator.worst if indicator.worst is not None else worst_seen
    if target == worst:
        return None
    return worst, target, higher


def score(value, limits):
    """The figure's way to the target as a whole number from 0 (at the worst value or
    beyond it) to 100 (at the target or beyond it). None without a figure or bounds."""
    if value is None or limits is None:
        return None
    worst, target, higher = limits
    if (value >= target) if higher else (value <= target):
        return 100  # at the target or past it, even where every kommune is past it
    if (worst >= target) if higher else (worst <= target):
        return 0  # worse than the target, and the worst value lies on the wrong side
    share = (value - worst) / (target - worst)
    return int(min(max(share, 0), 1) * HUNDRED + Decimal("0.5"))


class Comparison:
    """How one figure stands against another (the county's, the country's)."""

    ABOVE, BELOW, SAME = "above", "below", "same"

    def __init__(self, value, other, direction):
        self.position = None
        self.better = None
        if value is None or other is None:
            return
        if value == other:
            self.position = self.SAME
            return
        self.position = self.ABOVE if value > other else self.BELOW
        if direction != Direction.NEUTRAL:
            self.better = (value > other) == (direction == Direction.HIGHER)

    def __bool__(self):
        return self.position is not None


def change(series):
    """(previous period, change) from the last figure but one to the last in `series`
    [(period, value)], or None when there are not two figures."""
    figures = [(period, value) for period, value in series if value is not None]
    if len(figures) < 2:
        return None
    (previous_period, previous), (_period, last) = figures[-2], figures[-1]
    return previous_period, last - previous
