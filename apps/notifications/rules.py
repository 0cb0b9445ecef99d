import rules

from apps.accounts.rules import can_manage_province, is_admin, is_province_staff

rules.add_perm("notifications.edit_rule", can_manage_province)
rules.add_perm("notifications.view_deliveries", is_admin | is_province_staff)
rules.add_perm("notifications.retry_delivery", can_manage_province)
