"""Admin for classes (read mostly: trainers work on /trainer/) and the hints (editable)."""

from django.contrib import admin

from classroom.models import Classroom, DemoReset, Hint, Question, QuizRun, Seat, SeatPersona


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0
    fields = ("number", "display_name", "situation", "joined_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "trainer", "mode", "created_at", "closed_at")
    list_filter = ("mode",)
    search_fields = ("name", "code", "trainer__user_id", "trainer__name")
    list_select_related = ("trainer",)
    readonly_fields = ("code", "created_at")
    inlines = [SeatInline]


@admin.register(SeatPersona)
class SeatPersonaAdmin(admin.ModelAdmin):
    list_display = ("seat", "customer", "created_at", "retired_at")
    list_select_related = ("seat__classroom", "customer")
    fields = ("seat", "customer", "created_at", "retired_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


@admin.register(Hint)
class HintAdmin(admin.ModelAdmin):
    list_display = ("step", "kind", "order", "text")
    list_filter = ("step", "kind")
    list_editable = ("order",)
    search_fields = ("text",)


@admin.register(DemoReset)
class DemoResetAdmin(admin.ModelAdmin):
    list_display = ("done_at", "personas")

    def has_add_permission(self, request):
        return False


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """골든벨 questions as data: the text, 2 to 4 choices, the answer, the explanation."""

    list_display = ("order", "text", "seconds", "active")
    list_display_links = ("text",)
    list_filter = ("active",)
    search_fields = ("text", "english")


@admin.register(QuizRun)
class QuizRunAdmin(admin.ModelAdmin):
    """Runs as they happened: read only (the trainer's projector drives them)."""

    list_display = ("created_at", "classroom", "state", "current")
    list_filter = ("state",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
