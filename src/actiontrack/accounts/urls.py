from django.urls import path

from actiontrack.accounts import views

urlpatterns = [
    path("manage/agencies", views.agency_list, name="agency-list"),
    path("manage/agencies/new", views.agency_edit, name="agency-create"),
    path("manage/agencies/<int:pk>", views.agency_edit, name="agency-edit"),
    path("manage/users", views.user_list, name="user-list"),
    path("manage/users/invite", views.user_invite, name="user-invite"),
    path("manage/users/<int:pk>", views.user_edit, name="user-edit"),
    path("manage/users/<int:pk>/deactivate", views.user_deactivate, name="user-deactivate"),
    path("manage/users/<int:pk>/reactivate", views.user_reactivate, name="user-reactivate"),
    path("manage/users/<int:pk>/invitation", views.user_reinvite, name="user-reinvite"),
    path("manage/audit", views.audit_trail, name="audit-trail"),
    path("invitations/<str:token>", views.invitation, name="invitation"),
    path("plans/<int:pk>/history", views.plan_history, name="plan-history"),
    path("actions/<int:pk>/history", views.action_history, name="action-history"),
]
