"""What the scorecard pages share (the member's own, the secretary's paper entry, the one-time link): reading
the posted scores and the rows of the scorecard table."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from apps.core.forms import posted_text

from . import scoring


def parse_scores(post, indicators):
    """({indicator_id: Decimal or None}, {indicator_id: comment}, [Thai messages]) from a posted scorecard."""
    values, comments, errors = {}, {}, []
    for ind in indicators:
        raw = (post.get(f"score_{ind.pk}") or "").strip()
        comments[ind.pk] = posted_text(post, f"comment_{ind.pk}", 500)
        if raw == "":
            values[ind.pk] = None
            continue
        try:
            values[ind.pk] = Decimal(raw)
        except InvalidOperation:
            errors.append(_("คะแนนของตัวชี้วัด %(code)s ต้องเป็นตัวเลข") % {"code": ind.code})
            continue
        if not values[ind.pk].is_finite():
            values[ind.pk] = None
            errors.append(_("คะแนนของตัวชี้วัด %(code)s ต้องเป็นตัวเลข") % {"code": ind.code})
    return values, comments, errors


def saved_scores(card):
    """The values and comments already saved on a scorecard (empty for an unsaved one)."""
    saved = {s.indicator_id: s for s in card.scores.all()} if card.pk else {}
    return {k: s.value for k, s in saved.items()}, {k: s.comment for k, s in saved.items()}


def score_rows(indicators, values, comments):
    rows, component = [], None
    for ind in indicators:
        rows.append(
            {
                "ind": ind,
                "value": values.get(ind.pk),
                "comment": comments.get(ind.pk, ""),
                "max": scoring.max_of(ind),
                "new_component": ind.component_id != component,
            }
        )
        component = ind.component_id
    return rows
