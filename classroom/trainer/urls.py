"""The trainer's URLs, under /trainer/."""

from django.urls import path

from classroom.trainer import help_views, pack_views, quiz_views, views

app_name = "trainer"
urlpatterns = [
    path("", views.index, name="index"),
    path("login/", views.trainer_login, name="login"),
    path("<str:code>/", views.dashboard, name="dashboard"),
    path("<str:code>/rows/", views.rows, name="rows"),
    path("<str:code>/tasks/", views.tasks, name="tasks"),
    path("<str:code>/tasks/rows/", views.task_rows, name="task_rows"),
    path("<str:code>/quiz/", quiz_views.quiz_page, name="quiz"),
    path("<str:code>/quiz/board/", quiz_views.quiz_board, name="quiz_board"),
    path("<str:code>/quiz/<slug:action>/", quiz_views.quiz_control, name="quiz_control"),
    path("<str:code>/project/", views.project, name="project"),
    path("<str:code>/join-qr.svg", views.join_qr, name="join_qr"),
    path("<str:code>/results.csv", views.results_csv, name="results"),
    path("<str:code>/results.xlsx", views.results_xlsx, name="results_xlsx"),
    path("<str:code>/scenario/", views.class_scenario, name="class_scenario"),
    path("<str:code>/help/", help_views.queue, name="help_queue"),
    path(
        "<str:code>/help/<int:request_id>/<slug:action>/",
        help_views.help_action,
        name="help_action",
    ),
    path("<str:code>/helpers/", help_views.helper_add, name="helper_add"),
    path(
        "<str:code>/helpers/<int:helper_id>/remove/",
        help_views.helper_remove,
        name="helper_remove",
    ),
    path("<str:code>/pack/", pack_views.pack_all, name="pack"),
    path("<str:code>/pack/<slug:section>/", pack_views.pack_section, name="pack_section"),
    path("<str:code>/<slug:action>/", views.class_action, name="class_action"),
    path("<str:code>/seat/<int:number>/", views.seat_detail, name="seat"),
    path("<str:code>/seat/<int:number>/<slug:action>/", views.seat_action, name="seat_action"),
]
