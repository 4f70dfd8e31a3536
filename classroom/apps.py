from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassroomConfig(AppConfig):
    name = "classroom"
    verbose_name = _("수업 (강사)")

    def ready(self):
        from classroom import receivers
        from portal.keypad import keypad_shuffled

        keypad_shuffled.connect(receivers.keypad_shuffled, dispatch_uid="classroom-keypad")
