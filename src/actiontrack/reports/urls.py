from django.urls import path

from actiontrack.reports import views

urlpatterns = [
    path("plans/<int:pk>/report", views.report_page, name="report"),
    path("plans/<int:pk>/report.<str:fmt>", views.report_download, name="report-download"),
    path("plans/<int:pk>/report/template", views.template_upload, name="report-template-upload"),
    path("plans/<int:pk>/report/template.docx", views.template_download, name="report-template"),
    path("plans/<int:pk>/report/template/remove", views.template_remove, name="report-template-remove"),
    path("reports/starter-template.docx", views.starter_template_download, name="report-starter-template"),
    path("plans/<int:pk>/versions", views.version_list, name="report-versions"),
    path("plans/<int:pk>/versions/new", views.version_freeze, name="report-version-freeze"),
    path("plans/<int:pk>/versions/compare", views.version_compare, name="report-version-compare"),
    path("plans/<int:pk>/versions/<int:number>", views.version_detail, name="report-version"),
    path(
        "plans/<int:pk>/versions/<int:number>.<str:fmt>",
        views.version_download,
        name="report-version-download",
    ),
    path("exceptions", views.exceptions_page, name="exceptions"),
    path("exceptions.<str:fmt>", views.exceptions_download, name="exceptions-download"),
]
