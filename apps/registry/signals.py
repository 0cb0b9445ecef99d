from django.dispatch import Signal

# Sent after a programme year is opened (other apps copy their per-year settings: catalogue, reminder rules).
year_opened = Signal()
# Sent after the deadlines of a year changed (reminders recompute from the new dates).
deadlines_changed = Signal()
