"""The SMTP edge, and only it: an e-mail backend whose server refuses every recipient."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused(
            {m.to[0]: (550, b"5.1.1 mailbox unavailable") for m in email_messages}
        )
