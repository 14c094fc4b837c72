from django.urls import path

from actiontrack.importer import views

urlpatterns = [
    path("imports/new", views.upload, name="import-upload"),
    path("imports/<int:pk>", views.preview, name="import-preview"),
    path("imports/<int:pk>/reading", views.reading, name="import-reading"),
    path("imports/<int:pk>/columns", views.columns, name="import-columns"),
    path("imports/<int:pk>/plan", views.edit_plan_fields, name="import-edit-plan"),
    path("imports/<int:pk>/items/<str:path>", views.edit_item, name="import-edit-item"),
    path("imports/<int:pk>/confirm", views.confirm, name="import-confirm"),
    path("imports/<int:pk>/discard", views.discard, name="import-discard"),
]
