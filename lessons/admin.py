"""Tasks and lessons as data: an admin edits the words, the order and which rule ticks
a task (the rules themselves are code: lessons/rules.py). The 수료증 issued are a
record: read only, never their PDF's bytes (the verification page checks them)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lessons.models import Completion, Lesson, LessonTask, Task


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("order", "title", "rule", "practises", "active")
    list_display_links = ("title",)
    list_filter = ("rule", "practises", "active")
    search_fields = ("title", "key", "english")


class LessonTaskInline(admin.TabularInline):
    model = LessonTask
    extra = 1
    autocomplete_fields = ("task",)


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ("order", "title", "minutes", "active")
    list_display_links = ("title",)
    inlines = [LessonTaskInline]
    search_fields = ("title", "key")


@admin.register(Completion)
class CompletionAdmin(admin.ModelAdmin):
    list_display = ("issued_at", "learner_name", "lesson_title", "class_name", "language")
    list_filter = ("language",)
    search_fields = ("learner_name", "lesson_title", "class_name", "id")
    date_hierarchy = "issued_at"
    fields = (
        "id",
        "learner_name",
        "lesson_title",
        "class_name",
        "trainer_name",
        "tasks_done",
        "quiz_score",
        "language",
        "issued_at",
        "customer",
        "lesson",
        "pdf_sha256",
        "verify_link",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("pdf", "signature")

    @admin.display(description=_("진위 확인"))
    def verify_link(self, completion):
        url = reverse("lessons:verify", args=[completion.pk])
        return format_html('<a href="{}">{}</a>', url, url)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
