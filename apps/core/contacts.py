"""Where a district office can be reached, for documents built by apps below the one that keeps the contact
(the public site keeps it: apps.public.models.OfficeContact). The owner registers one provider at start-up;
`office_lines(district)` asks it and returns [] when none is registered or the office has no contact."""

_provider = None


def register(provider):
    """provider(district) -> list of lines (name, address, phone, e-mail, website), public office data only."""
    global _provider
    _provider = provider


def office_lines(district):
    return list(_provider(district)) if _provider is not None else []
