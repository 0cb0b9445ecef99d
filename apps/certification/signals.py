"""Sent (after commit) whenever a certificate is issued, revoked or its dates change, so that cached
public pages (profiles, verification) can be invalidated. Receivers get `certificate` and `action`."""

from django.dispatch import Signal

certificate_changed = Signal()
