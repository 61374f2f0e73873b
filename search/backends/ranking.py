"""What the portal's database backends share: the page of best hits is found first, as
object ids in relevance order, and only those objects are loaded."""

from django.db.models import Case, FloatField, IntegerField, Value, When


def in_rank_order(queryset, ranked, score_field=None):
    """`queryset` narrowed to the ids in `ranked` ((id, score) pairs, best first), in that
    order, with the score as `score_field` if asked for."""
    if not ranked:
        return queryset.none()
    ids = [int(object_id) for object_id, _score in ranked]
    queryset = queryset.filter(pk__in=ids).annotate(
        _rank_position=Case(
            *(When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)),
            output_field=IntegerField(),
        )
    )
    if score_field:
        queryset = queryset.annotate(
            **{
                score_field: Case(
                    *(When(pk=int(pk), then=Value(score)) for pk, score in ranked),
                    output_field=FloatField(),
                )
            }
        )
    return queryset.order_by("_rank_position")
