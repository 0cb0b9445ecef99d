"""Never imported. Lists msgids of Django and django-allauth whose Thai translation is missing or wrong in the
installed packages, so `makemessages` keeps them in locale/th (LOCALE_PATHS win over the packages' catalogs).
The Thai text is in locale/th/LC_MESSAGES/django.po; the English catalog repeats the English."""

from django.utils.translation import gettext_noop, ngettext_lazy

# django.contrib.auth.password_validation (help texts and errors; Django's Thai catalog has none of them)
ngettext_lazy(
    "Your password must contain at least %(min_length)d character.",
    "Your password must contain at least %(min_length)d characters.",
    0,
)
ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    0,
)
gettext_noop("The password is too similar to the %(verbose_name)s.")
gettext_noop("Your password can’t be too similar to your other personal information.")
gettext_noop("This password is too common.")
gettext_noop("Your password can’t be a commonly used password.")
gettext_noop("This password is entirely numeric.")
gettext_noop("Your password can’t be entirely numeric.")
gettext_noop("Enter the same password as before, for verification.")
# django-allauth: wrong or half-English Thai
gettext_noop("Confirm Access")
gettext_noop("Bad Token")
gettext_noop("Authenticator App")
