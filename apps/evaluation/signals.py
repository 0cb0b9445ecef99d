"""Signals of the evaluation for the apps above it (connected in their AppConfig.ready).

- `deciding`: a committee is about to record `decision` on `enrolment` (arguments: entry, enrolment, decision,
  previous, last_level, by, reason). A receiver refuses with a ValidationError (the certification app refuses a
  pass for a unit whose certificate the province revoked).
- `decided`: the decision is written, in the same transaction (arguments: entry, enrolment, decision,
  previous, last_level, by, reason, decided_at). The certification app issues, revokes or reinstates the
  certificate from it. An exception rolls the decision back."""

from django.dispatch import Signal

deciding = Signal()
decided = Signal()
