"""The one exception of the backup service: its message is a Thai sentence an operator can act on."""


class BackupError(Exception):
    """A refusal or failure of a backup or a restore; str() is the message to show (already translated)."""
