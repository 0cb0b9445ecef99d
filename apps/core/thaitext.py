"""How wide Thai text runs, for fitting it into a box before drawing (slides, certificates): the marks above
and below a consonant take no width of their own; every other character counts as about 0.56 em in Sarabun."""

EM_PER_CHAR = 0.56
_MARKS = frozenset({0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)})


def width_em(text):
    return sum(0 if ord(c) in _MARKS else EM_PER_CHAR for c in text)
