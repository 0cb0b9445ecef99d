from django.dispatch import Signal

# Sent after a programme year is opened (other apps copy their per-year settings: catalogue, reminder rules).
year_opened = Signal()
# Sent after the deadlines of a year changed (reminders recompute from the new dates).
deadlines_changed = Signal()
# Sent when a person withdraws consent to publication (unit=, purpose=): the public site takes down what it
# covered at once (apps.public.receivers) — the profile for a leader's name, and clears its cache.
consent_withdrawn = Signal()
