from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by provincial staff (invitation), never by public sign-up."""

    def is_open_for_signup(self, request):
        return False
