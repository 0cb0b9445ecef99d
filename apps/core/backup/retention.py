"""Which scheduled archives to keep: 7 daily, 4 weekly, 12 monthly (grandfather-father-son)."""

import re
from datetime import datetime
from pathlib import Path

NAME = re.compile(r"^mchch-(\d{8}-\d{6})\.backup$")


def _dated(names):
    dated = []
    for name in names:
        match = NAME.match(name)
        if match:
            try:
                dated.append((datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"), name))
            except ValueError:
                continue
    return sorted(dated, reverse=True)


def _newest_per(dated, period, count):
    """The newest archive of each of the `count` most recent periods that have one."""
    kept, periods = set(), []
    for when, name in dated:
        key = period(when)
        if key not in periods:
            if len(periods) == count:
                break
            periods.append(key)
            kept.add(name)
    return kept


def to_keep(names, daily=7, weekly=4, monthly=12):
    """Names to keep among archive names; names that are not ours are always kept (never delete the unknown).

    Periods are counted among those that have a backup, not back from today: when backups stopped for a while,
    the last good ones are not all aged out by the calendar.
    """
    dated = _dated(names)
    keep = set(names) - {name for _when, name in dated}
    keep |= _newest_per(dated, lambda d: d.date(), daily)
    keep |= _newest_per(dated, lambda d: d.isocalendar()[:2], weekly)
    keep |= _newest_per(dated, lambda d: (d.year, d.month), monthly)
    return keep


def prune(directory, **policy):
    """Delete the archives of directory that the policy does not keep; returns the deleted names."""
    directory = Path(directory)
    names = [p.name for p in directory.iterdir() if p.is_file()]
    gone = sorted(set(names) - to_keep(names, **policy))
    for name in gone:
        (directory / name).unlink(missing_ok=True)
    return gone
