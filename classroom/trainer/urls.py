"""The trainer's URLs, under /trainer/."""

from django.urls import path

from classroom.trainer import quiz_views, views

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
    path("<str:code>/<slug:action>/", views.class_action, name="class_action"),
    path("<str:code>/seat/<int:number>/", views.seat_detail, name="seat"),
    path("<str:code>/seat/<int:number>/<slug:action>/", views.seat_action, name="seat_action"),
]
